package org.kuroshio.maritime.ais;

import org.jspecify.annotations.Nullable;

/**
 * Types 1, 2, 3: class A position report. {@code rot} is raw (-128 n/a); {@code second} 60 = n/a.
 */
public record PositionReportClassA(
    int type,
    int repeat,
    int mmsi,
    int navStatus,
    int rot,
    @Nullable Double speed,
    boolean accuracy,
    @Nullable Double lon,
    @Nullable Double lat,
    @Nullable Double course,
    @Nullable Integer heading,
    int second,
    int maneuver,
    boolean raim,
    int radio)
    implements AisMessage {

  /**
   * Rate of turn in degrees per minute, {@code sign(rot)·(rot/4.733)²}; {@code null} when not
   * available (-128) or beyond the indicator's range (±127).
   */
  public @Nullable Double rateOfTurn() {
    if (rot == -128 || rot == 127 || rot == -127) {
      return null;
    }
    double r = rot / 4.733;
    return rot < 0 ? -r * r : r * r;
  }
}
