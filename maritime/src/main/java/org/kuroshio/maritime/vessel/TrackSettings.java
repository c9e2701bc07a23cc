package org.kuroshio.maritime.vessel;

import java.time.Duration;

/**
 * Settings of a {@link TrackStore}.
 *
 * @param fullRate how long fixes are kept at full rate before {@link TrackStore#compact}
 *     downsamples them (default 30 days, as the issue asks)
 * @param downsampleInterval older fixes are thinned to one per interval (default 10 minutes:
 *     class A ships at anchor report every 3 minutes, so this keeps about one in three to one in
 *     300 reports while a drift of a few knots still shows)
 * @param maxVessels the most vessels kept; fixes of further new MMSIs are counted and dropped
 *     (default 1,000,000)
 * @param maxFixesPerVessel the most fixes kept per vessel; when full the oldest quarter is
 *     evicted (default 2,000,000: 30 days of a class A ship reporting every 2 s is 1.3 million)
 * @param interpolationGap {@link TrackStore#at} interpolates between the two fixes around the
 *     asked time only when they are at most this far apart (default 30 minutes)
 * @param nearestWithin otherwise {@link TrackStore#at} gives the newest fix before the asked time
 *     when it is at most this old (default 1 hour), else nothing
 */
public record TrackSettings(
    Duration fullRate, Duration downsampleInterval, int maxVessels, int maxFixesPerVessel,
    Duration interpolationGap, Duration nearestWithin) {
  /** The defaults listed on the record. */
  public static final TrackSettings DEFAULTS = new TrackSettings(Duration.ofDays(30),
      Duration.ofMinutes(10), 1_000_000, 2_000_000, Duration.ofMinutes(30), Duration.ofHours(1));

  /** Checks the values. */
  public TrackSettings {
    if (fullRate.isNegative()) {
      throw new IllegalArgumentException("fullRate must not be negative: " + fullRate);
    }
    if (downsampleInterval.toSeconds() < 1) {
      throw new IllegalArgumentException("downsampleInterval must be >= 1 s: "
          + downsampleInterval);
    }
    if (maxVessels < 1 || maxFixesPerVessel < 4) {
      throw new IllegalArgumentException("maxVessels must be >= 1 and maxFixesPerVessel >= 4");
    }
    if (interpolationGap.isNegative() || nearestWithin.isNegative()) {
      throw new IllegalArgumentException("interpolationGap and nearestWithin must be >= 0");
    }
  }
}
