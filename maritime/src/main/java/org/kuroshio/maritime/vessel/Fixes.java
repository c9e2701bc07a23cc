package org.kuroshio.maritime.vessel;

import org.jspecify.annotations.Nullable;
import org.kuroshio.maritime.ais.AisMessage;
import org.kuroshio.maritime.ais.ExtendedPositionReportClassB;
import org.kuroshio.maritime.ais.LongRangeReport;
import org.kuroshio.maritime.ais.PositionReportClassA;
import org.kuroshio.maritime.ais.PositionReportClassB;

/**
 * Turns vessel position reports into {@link Fix}es: types 1-3 (class A), 18 and 19 (class B) and
 * 27 (long range). Base stations (4, 11), SAR aircraft (9) and aids to navigation (21) are not
 * vessels and give none.
 */
public final class Fixes {
  private Fixes() {}

  /**
   * The fix a message carries, received at {@code time} (epoch ms); null when the message is not a
   * vessel position report or its latitude/longitude is not available or out of range. Class B
   * reports get navigation status 15 (not defined).
   */
  public static @Nullable Fix of(AisMessage m, long time) {
    return switch (m) {
      case PositionReportClassA a -> make(a.mmsi(), time, a.lat(), a.lon(), a.speed(), a.course(),
          a.heading(), a.navStatus());
      case PositionReportClassB b -> make(b.mmsi(), time, b.lat(), b.lon(), b.speed(), b.course(),
          b.heading(), Fix.NO_STATUS);
      case ExtendedPositionReportClassB b -> make(b.mmsi(), time, b.lat(), b.lon(), b.speed(),
          b.course(), b.heading(), Fix.NO_STATUS);
      case LongRangeReport r -> make(r.mmsi(), time, r.lat(), r.lon(),
          r.speed() == null ? null : r.speed().doubleValue(),
          r.course() == null ? null : r.course().doubleValue(), null, r.navStatus());
      default -> null;
    };
  }

  private static @Nullable Fix make(int mmsi, long time, @Nullable Double lat,
      @Nullable Double lon, @Nullable Double speed, @Nullable Double course,
      @Nullable Integer heading, int navStatus) {
    if (lat == null || lon == null || !validPosition(lat, lon)) {
      return null;
    }
    double c = course == null || course < 0 || course >= 360 ? Double.NaN : course;
    int h = heading == null || heading < 0 || heading > 359 ? Fix.NO_HEADING : heading;
    int s = navStatus < 0 || navStatus > 15 ? Fix.NO_STATUS : navStatus;
    return new Fix(mmsi, time, lat, lon, speed == null ? Double.NaN : speed, c, h, s);
  }

  /** Whether latitude and longitude are finite and in range. */
  static boolean validPosition(double lat, double lon) {
    return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
  }
}
