package org.kuroshio.maritime.vessel;

import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of what is known about one vessel. Text fields are null and numbers 0
 * when never reported; the position fields are NaN until a position report arrived.
 *
 * @param mmsi the MMSI
 * @param imo the IMO number, 0 when none was reported
 * @param name the ship name, or null
 * @param callSign the call sign, or null
 * @param shipType AIS ship type 1-99, 0 when not available
 * @param toBow metres from the reference point to the bow, 0 when unknown
 * @param toStern metres from the reference point to the stern, 0 when unknown
 * @param toPort metres from the reference point to port, 0 when unknown
 * @param toStarboard metres from the reference point to starboard, 0 when unknown
 * @param destination the reported destination, or null
 * @param flag ISO 3166-1 alpha-2 code from the MMSI's MID, or null
 * @param firstSeen first message, epoch milliseconds
 * @param lastSeen newest message, epoch milliseconds
 * @param lat latitude of the newest position, degrees, or NaN
 * @param lon longitude of the newest position, degrees, or NaN
 * @param speed speed over ground in knots, or NaN
 * @param course course over ground in degrees, or NaN
 * @param navStatus navigation status 0-15 (15 = not defined)
 */
public record Vessel(
    int mmsi, int imo, @Nullable String name, @Nullable String callSign, int shipType,
    int toBow, int toStern, int toPort, int toStarboard, @Nullable String destination,
    @Nullable String flag, long firstSeen, long lastSeen, double lat, double lon, double speed,
    double course, int navStatus) {

  /** Length overall in metres (bow + stern), 0 when unknown. */
  public int length() {
    return toBow + toStern;
  }

  /** Beam in metres (port + starboard), 0 when unknown. */
  public int beam() {
    return toPort + toStarboard;
  }

  /** Whether a position was reported. */
  public boolean hasPosition() {
    return !Double.isNaN(lat) && !Double.isNaN(lon);
  }

  /**
   * Whether {@code imo} is a well-formed IMO ship number: seven digits whose last is the check
   * digit (digits 1-6 weighted 7..2, sum mod 10).
   */
  public static boolean isValidImo(int imo) {
    if (imo < 1_000_000 || imo > 9_999_999) {
      return false;
    }
    int check = imo % 10;
    int rest = imo / 10;
    int sum = 0;
    for (int w = 2; w <= 7; w++) {
      sum += (rest % 10) * w;
      rest /= 10;
    }
    return sum % 10 == check;
  }
}
