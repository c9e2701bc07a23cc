package org.kuroshio.sharing;

import org.kuroshio.store.CollectionInfo;

/**
 * A collection as one principal sees it: the collection and that principal's rights on it.
 *
 * @param info the collection
 * @param permission the principal's {@code can_read} and {@code can_write}
 */
public record CollectionView(CollectionInfo info, Permission permission) {

  /** Returns the collection id. */
  public String id() {
    return info.id();
  }
}
