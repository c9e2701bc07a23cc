package org.kuroshio.maritime.stix;

import org.jspecify.annotations.Nullable;
import org.kuroshio.maritime.vessel.Vessel;

/**
 * What is known of one vessel, for its {@code kuroshio-vessel} object. AIS "not available" values
 * mean unknown and are left out of the object: IMO 0, empty name and call sign, ship type 0,
 * dimensions 0.
 *
 * @param mmsi the AIS user id (30 bits)
 * @param imo the IMO number, or 0 when unknown (numbers that fail the IMO check digit are left out)
 * @param name the vessel name, or empty
 * @param callSign the call sign, or empty
 * @param shipType the AIS ship and cargo type 1-255, or 0 when unknown
 * @param toBow metres from the reference point to the bow, 0 when unknown
 * @param toStern metres to the stern, 0 when unknown
 * @param toPort metres to port, 0 when unknown
 * @param toStarboard metres to starboard, 0 when unknown
 * @param flag the flag state, ISO 3166-1 alpha-2, or null when unknown
 */
public record VesselFacts(
    int mmsi, int imo, String name, String callSign, int shipType, int toBow, int toStern,
    int toPort, int toStarboard, @Nullable String flag) {

  /** The facts the vessel registry holds of a vessel. */
  public static VesselFacts of(Vessel v) {
    return new VesselFacts(v.mmsi(), v.imo(), v.name() == null ? "" : v.name(),
        v.callSign() == null ? "" : v.callSign(), v.shipType(), v.toBow(), v.toStern(),
        v.toPort(), v.toStarboard(), v.flag());
  }

  /** The facts of a vessel known only by its MMSI. */
  public static VesselFacts ofMmsi(int mmsi) {
    return new VesselFacts(mmsi, 0, "", "", 0, 0, 0, 0, 0, null);
  }
}
