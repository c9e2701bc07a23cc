package org.kuroshio.maritime.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kuroshio.maritime.detect.TestZones.LAT;
import static org.kuroshio.maritime.detect.TestZones.LON;
import static org.kuroshio.maritime.detect.Track.T0;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kuroshio.maritime.geo.Zones;
import org.kuroshio.maritime.vessel.Fix;

class DetectorsTest {
  private static Fix fix(int mmsi, long t, double lat, double lon) {
    return new Fix(mmsi, t, lat, lon, 10, 90, 90, 0);
  }

  @Test
  void vesselsAreBoundedByForgettingTheLeastRecentlyHeard() {
    DetectorSettings small = DetectorSettings.DEFAULTS.withLimits(
        new DetectorSettings.Limits(10, 30_000, 130, 8, 15 * 60_000L, 60_000));
    Harness h = new Harness(small, Zones.NONE);
    for (int i = 0; i < 100; i++) {
      h.detectors.onFix(fix(416_000_100 + i, T0 + i * 1000L, LAT + i * 0.01, LON));
    }
    assertThat(h.detectors.vesselCount()).isEqualTo(10);
    assertThat(h.detectors.fixCount()).isEqualTo(100);
  }

  @Test
  void reportsOutOfOrderOrWithoutPositionAreDropped() {
    Harness h = new Harness(Zones.NONE);
    h.detectors.onFix(fix(416_000_001, T0 + 60_000, LAT, LON));
    h.detectors.onFix(fix(416_000_001, T0, LAT, LON));
    h.detectors.onFix(fix(416_000_001, T0 + 60_000, LAT, LON));
    h.detectors.onFix(fix(416_000_001, T0 + 90_000, 91, LON));
    h.detectors.onFix(fix(416_000_001, T0 + 90_000, Double.NaN, LON));
    assertThat(h.detectors.droppedCount()).isEqualTo(4);
    assertThat(h.detectors.fixCount()).isEqualTo(3);
  }

  @Test
  void evidenceKeepsFirstAndLastAndThinsTheMiddle() {
    Evidence ev = new Evidence(50);
    for (int i = 0; i < 10_000; i++) {
      ev.add(fix(1, T0 + i, LAT, LON));
    }
    List<Fix> list = ev.toList();
    assertThat(list).hasSizeBetween(20, 50);
    assertThat(list.get(0).time()).isEqualTo(T0);
    assertThat(list.get(list.size() - 1).time()).isEqualTo(T0 + 9_999);
    assertThat(list).isSortedAccordingTo((a, b) -> Long.compare(a.time(), b.time()));
    assertThat(list.get(list.size() / 2).time()).isBetween(T0 + 2_000, T0 + 8_000);
  }

  @Test
  void settingsRejectNonsense() {
    assertThatThrownBy(() -> new DetectorSettings.Gap(0, 1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DetectorSettings.Gap(60_000, 120_000, 120_000, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("short gap");
    assertThatThrownBy(() -> new DetectorSettings.Encounter(50_000, 1, 2, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DetectorSettings.DEFAULTS.withLimits(
        new DetectorSettings.Limits(10, 30_000, 16, 8, 15 * 60_000L, 60_000)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loitering time");
    assertThat(DetectorSettings.DEFAULTS.gap().gapMs()).isEqualTo(6 * 3_600_000L);
    assertThat(DetectorSettings.DEFAULTS.encounter().maxDistanceM()).isEqualTo(500.0);
  }
}
