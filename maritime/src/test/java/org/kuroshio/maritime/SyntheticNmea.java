package org.kuroshio.maritime;

import java.util.List;
import org.kuroshio.maritime.ais.AisEncoder;
import org.kuroshio.maritime.ais.PositionReportClassA;
import org.kuroshio.maritime.ais.StaticVoyageData;

/**
 * Test helper: builds AIVDM sentences for position reports (type 1) and static and voyage data
 * (type 5) with {@link AisEncoder}, with an optional tag block time.
 */
final class SyntheticNmea {
  /** Rate of turn "not available". */
  private static final int ROT_NOT_AVAILABLE = -128;
  /** Sequential message id of the two-sentence type 5 messages. */
  private static final int SEQUENCE_ID = 7;

  private SyntheticNmea() {}

  /**
   * Type 1 position report; the UTC second is that of {@code epochSeconds}, or 63 ("positioning
   * system inoperative") when there is no time ({@code epochSeconds < 0}, no tag block either).
   */
  static List<String> position(int mmsi, double lat, double lon, double sog, double cog,
      int heading, int status, long epochSeconds) {
    int second = epochSeconds < 0 ? 63 : (int) (epochSeconds % 60);
    PositionReportClassA m = new PositionReportClassA(1, 0, mmsi, status, ROT_NOT_AVAILABLE, sog,
        false, lon, lat, cog, heading, second, 0, false, 0);
    return AisEncoder.sentences(AisEncoder.positionA(m), 'A', 0, epochSeconds);
  }

  /**
   * Type 5 static and voyage data (two sentences): 100 + 20 m by 10 + 10 m, GPS, no ETA, draught
   * 5.0 m, bound for KEELUNG, DTE not ready.
   */
  static List<String> staticData(int mmsi, int imo, String callSign, String name, int shipType,
      long epochSeconds) {
    StaticVoyageData m = new StaticVoyageData(5, 0, mmsi, 0, imo, callSign, name, shipType,
        100, 20, 10, 10, 1, 0, 0, 24, 60, 5.0, "KEELUNG", true);
    return AisEncoder.sentences(AisEncoder.staticVoyage(m), 'A', SEQUENCE_ID, epochSeconds);
  }
}
