package org.kuroshio.maritime.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kuroshio.maritime.detect.TestZones.LAT;
import static org.kuroshio.maritime.detect.TestZones.LON;
import static org.kuroshio.maritime.detect.Track.HOUR;

import org.junit.jupiter.api.Test;
import org.kuroshio.maritime.geo.Zones;

class EncounterDetectorTest {
  private static final int A = 416_000_010;
  private static final int B = 412_000_020;

  /** Two vessels drifting side by side {@code apartM} apart for {@code minutes}, then B leaves. */
  private static Harness pair(Zones zones, double apartM, double minutes) {
    Track a = Track.at(A, LAT, LON).sail(90, 1.0, minutes).sail(90, 1.0, 40);
    Track b = Track.near(B, LAT, LON, apartM, 0).sail(90, 1.0, minutes).sail(0, 10, 40);
    return new Harness(zones).feed(a, b);
  }

  @Test
  void within450mFor2h01IsAnEncounter() {
    Harness h = pair(Zones.NONE, 450, 121);
    assertThat(h.of(EventKind.ENCOUNTER)).singleElement().satisfies(e -> {
      assertThat(e.mmsi()).isEqualTo(B);
      assertThat(e.otherMmsi()).isEqualTo(A);
      assertThat(e.end() - e.start()).isGreaterThanOrEqualTo(2 * HOUR);
      assertThat(e.details()).containsEntry("medianSpeedKn", "1.00")
          .containsEntry("minDistanceM", "450");
      assertThat(e.summary()).contains("within 500 m").contains("threshold 2.0 h");
      assertThat(e.evidence()).hasSizeBetween(4, 50);
    });
  }

  @Test
  void at550mIsNoEncounter() {
    assertThat(pair(Zones.NONE, 550, 180).of(EventKind.ENCOUNTER)).isEmpty();
  }

  @Test
  void for1h59IsNoEncounter() {
    assertThat(pair(Zones.NONE, 450, 119).of(EventKind.ENCOUNTER)).isEmpty();
  }

  @Test
  void inAnAnchorageIsNoEncounter() {
    TestZones port = new TestZones().anchorage(LAT, LON + 0.02, 8_000);
    assertThat(pair(port, 450, 180).of(EventKind.ENCOUNTER)).isEmpty();
  }

  @Test
  void fastVesselsSideBySideAreNoEncounter() {
    Track a = Track.at(A, LAT, LON).sail(90, 3.0, 180);
    Track b = Track.near(B, LAT, LON, 300, 0).sail(90, 3.0, 180);
    Harness h = new Harness(Zones.NONE).feed(a, b).finish(a.time());
    assertThat(h.of(EventKind.ENCOUNTER)).isEmpty();
  }

  @Test
  void anEncounterStillGoingIsReportedAtFinish() {
    Track a = Track.at(A, LAT, LON).sail(0, 0.0, 150);
    Track b = Track.near(B, LAT, LON, 200, 0).sail(0, 0.0, 150);
    Harness h = new Harness(Zones.NONE).feed(a, b).finish(a.time());
    assertThat(h.of(EventKind.ENCOUNTER)).hasSize(1);
  }
}
