package org.kuroshio.store;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A TAXII object query: the filters of {@code GET objects}, {@code manifest} and {@code versions},
 * combined as the spec says (values of one filter ORed, different filters ANDed).
 *
 * @param addedAfter only versions added strictly after this instant
 * @param ids only these object ids (empty: any)
 * @param types only these types (empty: any)
 * @param versions which versions of each object
 * @param specVersions only these spec versions (empty: any)
 * @param limit most entries to return (positive)
 * @param after continue after this cursor, from a previous {@link Page#next()}
 * @param withBody whether entries carry their JSON (false for manifests and versions)
 */
public record ObjectQuery(
    @Nullable Instant addedAfter,
    Set<String> ids,
    Set<String> types,
    VersionMatch versions,
    Set<String> specVersions,
    int limit,
    @Nullable String after,
    boolean withBody) {

  public ObjectQuery {
    ids = Set.copyOf(ids);
    types = Set.copyOf(types);
    specVersions = Set.copyOf(specVersions);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
  }

  /** Returns the latest version of every object, up to {@code limit}, with bodies. */
  public static ObjectQuery all(int limit) {
    return new ObjectQuery(null, Set.of(), Set.of(), VersionMatch.LAST, Set.of(), limit, null, true);
  }

  /** Returns this query continued after {@code cursor}. */
  public ObjectQuery after(@Nullable String cursor) {
    return new ObjectQuery(addedAfter, ids, types, versions, specVersions, limit, cursor, withBody);
  }
}
