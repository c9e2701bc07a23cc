package org.kuroshio.maritime.sar;

import java.time.Duration;

/**
 * Settings of {@link SarAssist}.
 *
 * @param cellDegrees size of the spatial grid's cells in degrees (default 0.5: a dense array of
 *     720 x 360 cells, so a query touches no hash table; a 500 km radius covers about
 *     20 x 20 cells at the equator)
 * @param staleAfter positions older than this are left out of {@link SarAssist#nearNow}
 *     (default 1 hour: class A ships report at least every 3 minutes, class B every 3 minutes;
 *     an hour-old position can be 20 NM off at 20 kn)
 * @param maxRadiusM the largest search radius accepted (default 500 km)
 * @param minSpeedKn below this speed a vessel counts as not moving and gets no time to reach
 *     (default 0.5 kn)
 * @param maxVessels the most vessels indexed; further new MMSIs are counted and ignored
 *     (default 1,000,000)
 * @param maxLimit the most candidates one query returns (default 10,000)
 */
public record SarSettings(
    double cellDegrees, Duration staleAfter, double maxRadiusM, double minSpeedKn,
    int maxVessels, int maxLimit) {
  /** The defaults listed on the record. */
  public static final SarSettings DEFAULTS =
      new SarSettings(0.5, Duration.ofHours(1), 500_000, 0.5, 1_000_000, 10_000);

  /** Checks the values. */
  public SarSettings {
    if (!(cellDegrees >= 0.05 && cellDegrees <= 10)) {
      throw new IllegalArgumentException("cellDegrees must be in [0.05, 10], was " + cellDegrees);
    }
    if (staleAfter.isNegative()) {
      throw new IllegalArgumentException("staleAfter must not be negative: " + staleAfter);
    }
    if (!(maxRadiusM > 0 && maxRadiusM <= 5_000_000)) {
      throw new IllegalArgumentException("maxRadiusM must be in (0, 5000 km], was " + maxRadiusM);
    }
    if (!(minSpeedKn > 0)) {
      throw new IllegalArgumentException("minSpeedKn must be > 0, was " + minSpeedKn);
    }
    if (maxVessels < 1 || maxLimit < 1) {
      throw new IllegalArgumentException("maxVessels and maxLimit must be >= 1");
    }
  }
}
