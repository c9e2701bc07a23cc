package org.kuroshio.store;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A TAXII collection as the store knows it; who may read or write it is decided elsewhere.
 *
 * @param id the collection id (a UUID string)
 * @param title human-readable title
 * @param description optional description
 * @param alias optional alias
 * @param mediaTypes media types of the objects it holds
 */
public record CollectionInfo(
    String id,
    String title,
    @Nullable String description,
    @Nullable String alias,
    List<String> mediaTypes) {

  /** The STIX 2.1 media type every collection holds. */
  public static final String STIX_21 = "application/stix+json;version=2.1";

  public CollectionInfo {
    if (id.isBlank() || title.isBlank()) {
      throw new IllegalArgumentException("collection id and title must not be blank");
    }
    mediaTypes = List.copyOf(mediaTypes);
  }

  /** Returns a collection of STIX 2.1 objects. */
  public static CollectionInfo of(String id, String title, @Nullable String description) {
    return new CollectionInfo(id, title, description, null, List.of(STIX_21));
  }
}
