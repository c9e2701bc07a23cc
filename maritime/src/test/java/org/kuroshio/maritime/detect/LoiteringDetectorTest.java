package org.kuroshio.maritime.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kuroshio.maritime.detect.TestZones.LAT;
import static org.kuroshio.maritime.detect.TestZones.LON;
import static org.kuroshio.maritime.detect.Track.HOUR;

import org.junit.jupiter.api.Test;
import org.kuroshio.maritime.geo.Zones;

class LoiteringDetectorTest {
  private static final int SHIP = 416_000_002;

  /** Sails in at 12 kn, drifts at {@code kn} for {@code minutes}, leaves at 12 kn. */
  private static Track drift(double kn, double minutes) {
    return Track.at(SHIP, LAT, LON).sail(90, 12, 20).sail(45, kn, minutes).sail(90, 12, 30);
  }

  @Test
  void slowerThan2KnotsFor61MinutesIsLoitering() {
    Harness h = new Harness(Zones.NONE).feed(drift(1.9, 61));
    assertThat(h.of(EventKind.LOITERING)).singleElement().satisfies(e -> {
      assertThat(e.mmsi()).isEqualTo(SHIP);
      assertThat(e.end() - e.start()).isGreaterThanOrEqualTo(HOUR);
      assertThat(Double.parseDouble(e.details().get("averageSpeedKn"))).isLessThan(2.0);
      assertThat(e.summary()).contains("below the loitering speed 2.0 kn");
      assertThat(e.evidence()).hasSizeBetween(2, 50);
    });
  }

  @Test
  void at2point1KnotsIsNotLoitering() {
    assertThat(new Harness(Zones.NONE).feed(drift(2.1, 90)).of(EventKind.LOITERING)).isEmpty();
  }

  @Test
  void for59MinutesIsNotLoitering() {
    assertThat(new Harness(Zones.NONE).feed(drift(1.9, 59)).of(EventKind.LOITERING)).isEmpty();
  }

  @Test
  void inAnAnchorageIsNotLoitering() {
    TestZones port = new TestZones().anchorage(LAT, LON + 0.07, 5_000);
    assertThat(new Harness(port).feed(drift(1.0, 120)).of(EventKind.LOITERING)).isEmpty();
  }

  @Test
  void anEpisodeStillGoingIsReportedAtFinishOnce() {
    Track t = Track.at(SHIP, LAT, LON).sail(0, 0.5, 300);
    Harness h = new Harness(Zones.NONE).feed(t).finish(t.time());
    assertThat(h.of(EventKind.LOITERING)).singleElement()
        .satisfies(e -> assertThat(e.end() - e.start()).isEqualTo(300 * 60_000L))
        .satisfies(e -> assertThat(e.evidence()).hasSizeLessThanOrEqualTo(50));
  }
}
