package org.kuroshio.maritime.vessel;

import org.jspecify.annotations.Nullable;

/**
 * A change of an identity field of a vessel: a field that had a value now reports another one.
 * For {@link #MMSI} the same IMO number is now reported under another MMSI: {@code before} and
 * {@code after} are the two MMSIs (a flag change when their MIDs differ) and {@code mmsi} is the
 * new one.
 *
 * @param mmsi the vessel's MMSI (for {@link #MMSI} the new one)
 * @param time when the new value was received, epoch milliseconds
 * @param field one of {@link #NAME}, {@link #CALLSIGN}, {@link #IMO}, {@link #SHIPTYPE},
 *     {@link #DESTINATION}, {@link #MMSI}
 * @param before the previous value
 * @param after the new value
 */
public record IdentityChange(
    int mmsi, long time, String field, @Nullable String before, @Nullable String after) {
  /** Field name: ship name. */
  public static final String NAME = "name";
  /** Field name: call sign. */
  public static final String CALLSIGN = "callsign";
  /** Field name: IMO number. */
  public static final String IMO = "imo";
  /** Field name: ship type. */
  public static final String SHIPTYPE = "shiptype";
  /** Field name: destination. */
  public static final String DESTINATION = "destination";
  /** Field name: the IMO moved to another MMSI. */
  public static final String MMSI = "mmsi";
}
