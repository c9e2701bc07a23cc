package org.kuroshio.maritime.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kuroshio.maritime.detect.TestZones.LAT;
import static org.kuroshio.maritime.detect.TestZones.LON;
import static org.kuroshio.maritime.detect.Track.HOUR;
import static org.kuroshio.maritime.detect.Track.MIN;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kuroshio.maritime.geo.Zones;
import org.kuroshio.maritime.vessel.Fix;

class GapDetectorTest {
  private static final int SHIP = 416_000_001;

  private static Track gapTrack(long silenceMs) {
    return Track.at(SHIP, LAT, LON).sail(90, 10, 30).silent(silenceMs).sail(90, 10, 30);
  }

  @Test
  void gapOf5h59mIsNoEvent() {
    Harness h = new Harness(Zones.NONE).feed(gapTrack(6 * HOUR - MIN));
    assertThat(h.of(EventKind.AIS_GAP)).isEmpty();
  }

  @Test
  void gapOf6hIsAnEventNotCounted() {
    Harness h = new Harness(Zones.NONE).feed(gapTrack(6 * HOUR));
    List<MaritimeEvent> gaps = h.of(EventKind.AIS_GAP);
    assertThat(gaps).hasSize(1);
    MaritimeEvent e = gaps.get(0);
    assertThat(e.mmsi()).isEqualTo(SHIP);
    assertThat(e.end() - e.start()).isEqualTo(6 * HOUR);
    assertThat(e.details()).containsEntry("state", "closed").containsEntry("counted", "false")
        .containsEntry("variant", "standard");
    assertThat(e.summary()).contains("gap threshold 6.0 h");
    assertThat(e.evidence()).hasSize(2);
  }

  @Test
  void gapOf12hIsCountedInAnalysis() {
    Harness h = new Harness(Zones.NONE).feed(gapTrack(12 * HOUR));
    assertThat(h.of(EventKind.AIS_GAP)).singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("counted", "true"))
        .satisfies(e -> assertThat(e.summary()).contains("counted in analysis"));
  }

  @Test
  void openGapIsReportedOnceWhenItCrossesTheThresholdThenClosedOnReappearance() {
    Track t = Track.at(SHIP, LAT, LON).sail(90, 10, 30);
    long lastSeen = t.time();
    Harness h = new Harness(Zones.NONE).feed(t);
    h.advance(lastSeen + 6 * HOUR - MIN);
    assertThat(h.of(EventKind.AIS_GAP)).isEmpty();
    h.advance(lastSeen + 6 * HOUR + MIN);
    h.advance(lastSeen + 8 * HOUR);
    assertThat(h.of(EventKind.AIS_GAP)).singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("state", "open"))
        .satisfies(e -> assertThat(e.start()).isEqualTo(lastSeen));
    h.feed(List.of(new Fix(SHIP, lastSeen + 9 * HOUR, LAT, LON + 1, 10, 90, 90, 0)));
    assertThat(h.of(EventKind.AIS_GAP)).hasSize(2);
    assertThat(h.of(EventKind.AIS_GAP).get(1).details()).containsEntry("state", "closed")
        .containsEntry("openReported", "true");
  }

  @Test
  void shortGapInsideACableCorridorButNotOutside() {
    TestZones zones = new TestZones().cable("c1", LAT, LON - 1, LON + 1, 2000);
    Track inside = Track.at(SHIP, LAT, LON).sail(90, 10, 10).silent(30 * MIN).sail(90, 10, 10);
    Harness h = new Harness(zones).feed(inside);
    assertThat(h.of(EventKind.AIS_GAP)).singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("variant", "cable-corridor:c1")
            .containsEntry("thresholdMin", "30"));

    Track outside = Track.near(SHIP, LAT, LON, 10_000, 0).sail(90, 10, 10).silent(30 * MIN)
        .sail(90, 10, 10);
    assertThat(new Harness(zones).feed(outside).of(EventKind.AIS_GAP)).isEmpty();

    Track shorter = Track.at(SHIP, LAT, LON).sail(90, 10, 10).silent(29 * MIN).sail(90, 10, 10);
    assertThat(new Harness(zones).feed(shorter).of(EventKind.AIS_GAP)).isEmpty();
  }

  @Test
  void shortGapInsideATerritorialSea() {
    TestZones zones = new TestZones().sea("TWN", LAT - 1, LON - 1, LAT + 1, LON + 1);
    Track t = Track.at(SHIP, LAT, LON).sail(90, 10, 10).silent(40 * MIN).sail(90, 10, 10);
    assertThat(new Harness(zones).feed(t).of(EventKind.AIS_GAP)).singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("variant", "territorial-sea:TWN"));
  }

  @Test
  void noGapForVesselsLyingStillMooredOrInAnAnchorage() {
    Track still = Track.at(SHIP, LAT, LON).sail(0, 0.0, 30).silent(7 * HOUR).sail(0, 0.0, 10);
    assertThat(new Harness(Zones.NONE).feed(still).of(EventKind.AIS_GAP)).isEmpty();

    Track moored = Track.at(SHIP, LAT, LON).status(Fix.MOORED).sail(90, 1, 30).silent(7 * HOUR)
        .sail(90, 1, 10);
    assertThat(new Harness(Zones.NONE).feed(moored).of(EventKind.AIS_GAP)).isEmpty();

    TestZones port = new TestZones().anchorage(LAT, LON, 3000);
    Track inPort = Track.at(SHIP, LAT, LON).sail(90, 3, 10).silent(7 * HOUR).sail(90, 3, 10);
    assertThat(new Harness(port).feed(inPort).of(EventKind.AIS_GAP)).isEmpty();
  }

  @Test
  void atAnchorOverACable_goingDarkIsAGap_butNotInTheOpenSea() {
    TestZones zones = new TestZones().cable("c1", LAT, LON - 1, LON + 1, 2000);
    Track overCable = Track.at(SHIP, LAT, LON).status(Fix.AT_ANCHOR).sail(90, 1.5, 30)
        .silent(40 * MIN).sail(90, 1.5, 10);
    assertThat(new Harness(zones).feed(overCable).of(EventKind.AIS_GAP)).singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("variant", "cable-corridor:c1"));

    Track openSea = Track.near(SHIP, LAT, LON, 10_000, 0).status(Fix.AT_ANCHOR)
        .sail(90, 1.5, 30).silent(7 * HOUR).sail(90, 1.5, 10);
    assertThat(new Harness(zones).feed(openSea).of(EventKind.AIS_GAP)).isEmpty();
  }
}
