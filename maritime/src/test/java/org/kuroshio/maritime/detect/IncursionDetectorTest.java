package org.kuroshio.maritime.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kuroshio.maritime.detect.TestZones.LAT;
import static org.kuroshio.maritime.detect.TestZones.LON;

import java.util.Set;
import org.junit.jupiter.api.Test;

class IncursionDetectorTest {
  private static final int SHIP = 412_000_007;

  /** Territorial sea of TWN from LON + 0.1 eastwards; a user area inside it. */
  private static TestZones zones() {
    return new TestZones().sea("TWN", LAT - 1, LON + 0.1, LAT + 1, LON + 1)
        .area("a1", "Penghu watch box", LAT - 0.05, LON + 0.3, LAT + 0.05, LON + 0.4);
  }

  @Test
  void enteringATerritorialSeaOncePerEntry() {
    // 10 kn east for 2 h: enters TWN after about 30 min, then the area
    Track t = Track.at(SHIP, LAT, LON).sail(90, 10, 120);
    Harness h = new Harness(zones()).feed(t);
    assertThat(h.of(EventKind.INCURSION)).hasSize(2);
    assertThat(h.of(EventKind.INCURSION).get(0).details()).containsEntry("zone", "territorial-sea")
        .containsEntry("country", "TWN");
    assertThat(h.of(EventKind.INCURSION).get(1).details()).containsEntry("zone", "area")
        .containsEntry("areaId", "a1");
    assertThat(h.of(EventKind.INCURSION).get(0).evidence()).hasSize(2);
  }

  @Test
  void leavingAndReEnteringIsASecondEntry() {
    Track t = Track.at(SHIP, LAT, LON).sail(90, 10, 45).sail(270, 10, 30).sail(90, 10, 30);
    Harness h = new Harness(zones()).feed(t);
    assertThat(h.of(EventKind.INCURSION)).hasSize(2)
        .allSatisfy(e -> assertThat(e.details()).containsEntry("country", "TWN"));
  }

  @Test
  void aVesselFirstHeardInsideHasNotEnteredAndUnwatchedSeasAreIgnored() {
    Track inside = Track.at(SHIP, LAT, LON + 0.15).sail(90, 5, 30);
    assertThat(new Harness(zones()).feed(inside).of(EventKind.INCURSION)).isEmpty();

    DetectorSettings onlyJapan = DetectorSettings.DEFAULTS.withIncursion(
        new DetectorSettings.Incursion(Set.of("JPN"), false));
    Track t = Track.at(SHIP, LAT, LON).sail(90, 10, 120);
    assertThat(new Harness(onlyJapan, zones()).feed(t).of(EventKind.INCURSION)).isEmpty();
  }
}
