package org.kuroshio.maritime.vessel;

/**
 * One position report of one vessel, in natural units. Values the report did not carry are
 * {@code NaN} (speed, course) or the AIS "not available" codes (heading 511, navigation status 15).
 *
 * @param mmsi the reporting station's MMSI
 * @param time when it was received, epoch milliseconds
 * @param lat latitude in degrees
 * @param lon longitude in degrees
 * @param speed speed over ground in knots, or NaN
 * @param course course over ground in degrees [0, 360), or NaN
 * @param heading true heading in degrees, or 511 when not available
 * @param navStatus AIS navigation status 0-15 (15 = not defined; class B reports give 15)
 */
public record Fix(
    int mmsi, long time, double lat, double lon, double speed, double course, int heading,
    int navStatus) {
  /** Heading not available. */
  public static final int NO_HEADING = 511;
  /** Navigation status not defined. */
  public static final int NO_STATUS = 15;
  /** Navigation status "at anchor". */
  public static final int AT_ANCHOR = 1;
  /** Navigation status "moored". */
  public static final int MOORED = 5;

  /** Whether the report carried a speed. */
  public boolean hasSpeed() {
    return !Double.isNaN(speed);
  }

  /** Whether the report carried a course. */
  public boolean hasCourse() {
    return !Double.isNaN(course);
  }
}
