package org.kuroshio.store;

import java.time.Instant;
import java.util.Set;

/**
 * TAXII {@code match[version]}: any combination of first, last, all and exact timestamps.
 *
 * @param first include each object's first version
 * @param last include each object's latest version
 * @param all include every version
 * @param exact include versions with exactly these version timestamps
 */
public record VersionMatch(boolean first, boolean last, boolean all, Set<Instant> exact) {

  /** The TAXII default: the latest version of each object. */
  public static final VersionMatch LAST = new VersionMatch(false, true, false, Set.of());

  /** Every version. */
  public static final VersionMatch ALL = new VersionMatch(false, false, true, Set.of());

  public VersionMatch {
    exact = Set.copyOf(exact);
    if (!first && !last && !all && exact.isEmpty()) {
      throw new IllegalArgumentException("a version match must select something");
    }
  }
}
