package org.kuroshio.maritime.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kuroshio.maritime.detect.TestZones.LAT;
import static org.kuroshio.maritime.detect.TestZones.LON;
import static org.kuroshio.maritime.detect.Track.MIN;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kuroshio.maritime.vessel.Fix;

class CableThreatDetectorTest {
  private static final int SHIP = 413_000_003;
  private static final int OTHER = 416_000_004;

  /** A cable along latitude 25 N with a corridor 1 km either side. */
  private static TestZones zones() {
    return new TestZones().cable("c1", LAT, LON - 1, LON + 1, 1_000);
  }

  /** Legs alternating between two courses, {@code legs} of {@code minutes} each. */
  private static Track zigzag(Track t, double c1, double c2, double kn, int legs, double minutes) {
    for (int i = 0; i < legs; i++) {
      t.sail(i % 2 == 0 ? c1 : c2, kn, minutes);
    }
    return t;
  }

  private static List<MaritimeEvent> threats(Harness h, int mmsi) {
    return h.of(EventKind.CABLE_THREAT).stream().filter(e -> e.mmsi() == mmsi).toList();
  }

  @Test
  void slowZigzagAcrossTheRouteIsOneThreatPerVisit() {
    Track t = zigzag(Track.near(SHIP, LAT, LON, -320, 0), 30, 150, 3.0, 6, 8).sail(0, 10, 20);
    Harness h = new Harness(zones()).feed(t);
    assertThat(threats(h, SHIP)).singleElement().satisfies(e -> {
      assertThat(e.details()).containsEntry("cableId", "c1");
      assertThat(e.details().get("indicators")).contains("zigzag").contains("route-crossing");
      assertThat(Integer.parseInt(e.details().get("crossings"))).isGreaterThanOrEqualTo(5);
      assertThat(e.score()).isEqualTo(0.7, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(e.summary()).contains("threshold 0.50").contains("Cable c1");
      assertThat(e.evidence()).hasSizeBetween(10, 50);
      assertThat(e.evidence()).allSatisfy(f -> assertThat(zones().corridorsAt(f.lat(), f.lon()))
          .isNotEmpty());
    });
  }

  @Test
  void straightTransitAt12KnotsIsNoThreat() {
    Track t = Track.near(SHIP, LAT, LON, -3_000, 0).sail(0, 12, 30);
    Harness h = new Harness(zones()).feed(t).finish(t.time());
    assertThat(threats(h, SHIP)).isEmpty();
  }

  @Test
  void theSameZigzag5KmAwayIsNoThreat() {
    Track t = zigzag(Track.near(SHIP, LAT, LON, 5_000 - 320, 0), 30, 150, 3.0, 6, 8);
    Harness h = new Harness(zones()).feed(t).finish(t.time());
    assertThat(h.of(EventKind.CABLE_THREAT)).isEmpty();
  }

  @Test
  void zigzagOnOneSideAloneStaysBelowTheThreshold() {
    Track t = zigzag(Track.near(SHIP, LAT, LON, -700, 0), 60, 120, 2.5, 6, 8);
    Harness h = new Harness(zones()).feed(t).finish(t.time());
    assertThat(threats(h, SHIP)).isEmpty();
  }

  /** 7 kn along the corridor, then 2.5 kn zigzag on the south side, then away south. */
  private static Track dropThenZigzag() {
    Track t = Track.near(SHIP, LAT, LON, -600, 0).sail(90, 7, 10);
    return zigzag(t, 60, 120, 2.5, 6, 8).sail(180, 10, 20);
  }

  @Test
  void suddenSpeedDropWithoutTrafficAddsToTheScore() {
    Harness h = new Harness(zones()).feed(dropThenZigzag());
    assertThat(threats(h, SHIP)).singleElement().satisfies(e -> {
      assertThat(e.details().get("indicators")).isEqualTo("zigzag,speed-drop");
      assertThat(e.details().get("speedDrop")).isEqualTo("7.0->2.5 kn");
      assertThat(e.score()).isEqualTo(0.65, org.assertj.core.data.Offset.offset(1e-9));
    });
  }

  @Test
  void speedDropWithAVesselNearbyHasATrafficCause() {
    Track ship = dropThenZigzag();
    // a vessel lying 500 m north of where the ship slows down
    Track other = Track.near(OTHER, LAT, LON, -100, 2_160).sail(0, 0.0, 90);
    Harness h = new Harness(zones()).feed(ship, other);
    assertThat(threats(h, SHIP)).isEmpty();
  }

  @Test
  void anchoredInTheCorridorButNotInAnAnchorage() {
    Track t = Track.at(SHIP, LAT, LON).status(Fix.AT_ANCHOR).sail(0, 0.0, 90);
    Harness h = new Harness(zones()).feed(t).finish(t.time());
    assertThat(threats(h, SHIP)).singleElement()
        .satisfies(e -> assertThat(e.details().get("indicators")).contains("anchored")
            .contains("loitering"))
        .satisfies(e -> assertThat(e.score()).isEqualTo(0.8, org.assertj.core.data.Offset.offset(
            1e-9)));

    TestZones withAnchorage = zones().anchorage(LAT, LON, 2_000);
    Harness h2 = new Harness(withAnchorage).feed(t).finish(t.time());
    assertThat(h2.of(EventKind.CABLE_THREAT)).isEmpty();
  }

  @Test
  void aLongStayOverTheCableIsReportedEveryTwoHoursWhileItLasts() {
    Track t = Track.at(SHIP, LAT, LON).status(Fix.AT_ANCHOR).sail(0, 0.0, 300);
    Harness h = new Harness(zones()).feed(t);
    List<MaritimeEvent> parts = threats(h, SHIP);
    assertThat(parts).hasSize(2).allSatisfy(e -> {
      assertThat(e.details()).containsEntry("continues", "true");
      assertThat(e.end() - e.start()).isBetween(2 * 60 * MIN - MIN, 2 * 60 * MIN + 2 * MIN);
    });
    h.finish(t.time());
    assertThat(threats(h, SHIP)).hasSize(3);
    assertThat(threats(h, SHIP).get(2).details()).doesNotContainKey("continues");
  }

  @Test
  void anchorDragProfileButNotWithHeadingOnCourse() {
    Track drag = Track.near(SHIP, LAT, LON, -400, 0).headingOffset(90).sail(90, 1.5, 15)
        .sail(180, 10, 15);
    Harness h = new Harness(zones()).feed(drag);
    assertThat(threats(h, SHIP)).singleElement()
        .satisfies(e -> assertThat(e.details().get("indicators")).isEqualTo("anchor-drag"));

    Track normal = Track.near(SHIP, LAT, LON, -400, 0).sail(90, 1.5, 15).sail(180, 10, 15);
    assertThat(threats(new Harness(zones()).feed(normal), SHIP)).isEmpty();
  }

  @Test
  void gapStartingInTheCorridorAddsToTheScore() {
    Track t = zigzag(Track.near(SHIP, LAT, LON, -700, 0), 60, 120, 2.5, 6, 8);
    Harness h = new Harness(zones()).feed(t);
    assertThat(threats(h, SHIP)).isEmpty();
    h.advance(t.time() + 29 * MIN);
    assertThat(threats(h, SHIP)).isEmpty();
    h.advance(t.time() + 31 * MIN);
    assertThat(threats(h, SHIP)).singleElement()
        .satisfies(e -> assertThat(e.details().get("indicators")).isEqualTo("zigzag,gap"));
    assertThat(h.of(EventKind.AIS_GAP)).singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("variant", "cable-corridor:c1"));
  }
}
