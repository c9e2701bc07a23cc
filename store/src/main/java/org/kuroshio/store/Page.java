package org.kuroshio.store;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a query, in ascending order of date added.
 *
 * @param items the entries
 * @param more whether more entries match
 * @param next an opaque cursor to pass to {@link ObjectQuery#after(String)}, null when no more
 */
public record Page<T>(List<T> items, boolean more, @Nullable String next) {
  public Page {
    items = List.copyOf(items);
  }
}
