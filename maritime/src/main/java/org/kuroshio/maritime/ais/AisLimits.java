package org.kuroshio.maritime.ais;

import java.time.Duration;

/**
 * Limits of the AIS sentence layer, in the manner of {@code StreamReadConstraints}.
 *
 * @param maxLineLength longer lines are skipped and counted as {@code LINE_TOO_LONG}
 * @param maxOpenGroups open multi-sentence groups held at most; the oldest is dropped beyond it
 * @param maxLinesOpen a group expires when this many later lines arrived without completing it
 * @param maxAge a group expires when a later sentence's time is this much after the group's time
 */
public record AisLimits(int maxLineLength, int maxOpenGroups, int maxLinesOpen, Duration maxAge) {

  /** 1024-char lines, 1024 open groups, 100 lines, 60 s. */
  public static final AisLimits DEFAULTS = new AisLimits(1024, 1024, 100, Duration.ofSeconds(60));

  /** Checks the values. */
  public AisLimits {
    if (maxLineLength < 20 || maxOpenGroups < 1 || maxLinesOpen < 1
        || maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("bad AIS limits: " + maxLineLength + ", "
          + maxOpenGroups + ", " + maxLinesOpen + ", " + maxAge);
    }
  }
}
