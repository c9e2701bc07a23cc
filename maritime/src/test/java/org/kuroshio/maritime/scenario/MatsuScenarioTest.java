package org.kuroshio.maritime.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.kuroshio.maritime.ais.AisStream;
import org.kuroshio.maritime.ais.PositionReportClassA;
import org.kuroshio.maritime.ais.StaticVoyageData;
import org.kuroshio.maritime.ais.TimedAisMessage;
import org.kuroshio.maritime.geo.Geo;

/** The demo's story is valid AIS and says what the story says. */
class MatsuScenarioTest {
  /** A straight route through the strait, west to east, south of Nangan. */
  static final List<double[]> ROUTE = List.of(new double[] {119.70, 26.03},
      new double[] {120.40, 25.99});
  static final long START = 1_767_268_800L; // 2026-01-01T12:00:00Z, 20:00 local

  @Test
  void everyLineDecodes_withItsTime() {
    MatsuScenario.Result r = MatsuScenario.write(ROUTE, START, 7);
    List<TimedAisMessage> out = new ArrayList<>();
    AisStream.Summary s = AisStream.read(
        new java.io.ByteArrayInputStream(String.join("\n", r.lines()).getBytes()), out::add);

    assertThat(s.payloadErrorCount()).isZero();
    assertThat(s.sentences().errors().values()).containsOnly(0L);
    assertThat(out).allSatisfy(m -> assertThat(m.time()).isNotNull());
    assertThat(out).extracting(m -> m.time().getEpochSecond()).isSorted();
  }

  @Test
  void theFreighter_slowsZigzagsOverTheRoute_thenGoesDark() {
    MatsuScenario.Result r = MatsuScenario.write(ROUTE, START, 7);
    List<PositionReportClassA> first = reports(r, MatsuScenario.FREIGHTER.mmsi());

    assertThat(first.getFirst().speed()).isEqualTo(11.0);
    assertThat(first).anySatisfy(p -> assertThat(p.speed()).isEqualTo(3.0));
    assertThat(first).anySatisfy(p -> assertThat(p.navStatus()).isEqualTo(1));
    // Zigzag: the side of the route flips several times while within 1 km of it.
    int flips = 0;
    Boolean north = null;
    for (PositionReportClassA p : first) {
      double[] q = MatsuScenario.nearestOnRoute(ROUTE, p.lat(), p.lon());
      if (Geo.distanceM(p.lat(), p.lon(), q[0], q[1]) > 1_000) {
        continue;
      }
      boolean n = p.lat() > q[0];
      if (north != null && n != north) {
        flips++;
      }
      north = n;
    }
    assertThat(flips).isGreaterThanOrEqualTo(4);
    PositionReportClassA last = first.getLast();
    assertThat(Geo.distanceM(last.lat(), last.lon(), r.darkLat(), r.darkLon())).isLessThan(1);
  }

  @Test
  void theSecondIdentity_appearsNearby_fiftyMinutesLater() {
    MatsuScenario.Result r = MatsuScenario.write(ROUTE, START, 7);
    List<PositionReportClassA> second = reports(r, MatsuScenario.SECOND_IDENTITY.mmsi());

    assertThat(r.reappearedAt() - r.darkAt()).isEqualTo(3_000);
    PositionReportClassA p = second.getFirst();
    assertThat(Geo.distanceM(p.lat(), p.lon(), r.darkLat(), r.darkLon()))
        .isBetween(1_400.0, 1_700.0);
    assertThat(names(r)).containsEntry(MatsuScenario.FREIGHTER.mmsi(), "EASTERN GRACE")
        .containsEntry(MatsuScenario.SECOND_IDENTITY.mmsi(), "SEA LUCKY 9");
  }

  @Test
  void sameSeed_sameTraffic() {
    assertThat(MatsuScenario.write(ROUTE, START, 7).lines())
        .isEqualTo(MatsuScenario.write(ROUTE, START, 7).lines())
        .isNotEqualTo(MatsuScenario.write(ROUTE, START, 8).lines());
  }

  @Test
  void aRouteOfOnePoint_isRefused() {
    assertThatThrownBy(() -> MatsuScenario.write(List.of(new double[] {120, 26}), START, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two points");
  }

  private static List<PositionReportClassA> reports(MatsuScenario.Result r, int mmsi) {
    List<PositionReportClassA> out = new ArrayList<>();
    r.lines().forEach(new AisStream(m -> {
      if (m.message() instanceof PositionReportClassA p && p.mmsi() == mmsi) {
        out.add(p);
      }
    }));
    return out;
  }

  private static Map<Integer, String> names(MatsuScenario.Result r) {
    Map<Integer, String> out = new TreeMap<>();
    r.lines().forEach(new AisStream(m -> {
      if (m.message() instanceof StaticVoyageData v) {
        out.put(v.mmsi(), v.shipname());
      }
    }));
    return out;
  }
}
