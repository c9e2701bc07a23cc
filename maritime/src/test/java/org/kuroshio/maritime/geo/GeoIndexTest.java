package org.kuroshio.maritime.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kuroshio.maritime.geo.Area.Kind;
import org.kuroshio.maritime.geo.Zones.CorridorHit;
import org.kuroshio.testing.SharedData;
import org.locationtech.jts.geom.Coordinate;

/** Property-style checks: the grid index answers exactly as the direct computations. */
class GeoIndexTest {
  private static CableMap cables;
  private static Boundaries boundaries;
  private static Areas areas;
  private static GeoIndex index;

  @BeforeAll
  static void build() {
    cables = CableMap.load(SharedData.require("cables/cables-west-pacific-subset.geojson"),
        SharedData.require("cables/landing-points-west-pacific-subset.geojson"), 1852.0);
    boundaries = Boundaries.load(
        SharedData.require("maritime/osm-borders-maritime-10000m-west-pacific.geojson"),
        SharedData.require("maritime/geo-maps-countries-maritime-10km.geojson"));
    areas = Areas.builder()
        .circle("keelung", "Keelung anchorage", Kind.ANCHORAGE, 25.155, 121.75, 3000)
        .circle("matsu", "Matsu waters", Kind.INTEREST, 26.15, 119.95, 40_000)
        .circle("penghu", "Penghu", Kind.INTEREST, 23.57, 119.58, 25_000)
        .polygon("strait", "Strait box", Kind.INTEREST, List.of(new double[] {119.3, 24.1},
            new double[] {120.6, 24.4}, new double[] {120.2, 25.6}, new double[] {119.7, 25.2},
            new double[] {119.3, 24.1}))
        .polygon("kaohsiung", "Kaohsiung anchorage", Kind.ANCHORAGE, List.of(
            new double[] {120.2, 22.5}, new double[] {120.3, 22.5}, new double[] {120.3, 22.62},
            new double[] {120.2, 22.62}, new double[] {120.2, 22.5}))
        .build();
    index = GeoIndex.builder().cables(cables).boundaries(boundaries).areas(areas).build();
  }

  private static void assertSame(GeoIndex idx, CableMap c, Boundaries b, Areas a, double lat,
      double lon) {
    String at = lat + ", " + lon;
    assertThat(idx.corridorsAt(lat, lon)).as(at).isEqualTo(c.corridorsAt(lat, lon));
    assertThat(idx.territorialSeaAt(lat, lon)).as(at).isEqualTo(b.countryAt(lat, lon));
    assertThat(idx.areasAt(lat, lon)).as(at).isEqualTo(a.areasAt(lat, lon));
    assertThat(idx.inAnchorage(lat, lon)).as(at).isEqualTo(a.inAnchorage(lat, lon));
  }

  @Test
  void answersEqualTheDirectComputationForRandomPointsAroundTaiwan() {
    SplittableRandom r = new SplittableRandom(20_230_202);
    int corridor = 0;
    int sea = 0;
    int area = 0;
    int anchorage = 0;
    for (int i = 0; i < 100_000; i++) {
      double lat = 20.0 + r.nextDouble() * 8.0;
      double lon = 116.0 + r.nextDouble() * 10.0;
      assertSame(index, cables, boundaries, areas, lat, lon);
      corridor += cables.corridorsAt(lat, lon).isEmpty() ? 0 : 1;
      sea += boundaries.countryAt(lat, lon) == null ? 0 : 1;
      area += areas.areasAt(lat, lon).isEmpty() ? 0 : 1;
      anchorage += areas.inAnchorage(lat, lon) ? 1 : 0;
    }
    // the sample really exercises every kind of answer
    assertThat(corridor).isGreaterThan(100);
    assertThat(sea).isGreaterThan(10_000);
    assertThat(area).isGreaterThan(1_000);
    assertThat(anchorage).isGreaterThan(0);
  }

  @Test
  void answersEqualTheDirectComputationNearRoutesAndAreaEdges() {
    SplittableRandom r = new SplittableRandom(7);
    List<Coordinate> vertices = new ArrayList<>();
    for (Cable c : cables.cables()) {
      for (Coordinate v : c.route().getCoordinates()) {
        if (v.y > 20 && v.y < 28 && v.x > 116 && v.x < 126) {
          vertices.add(v);
        }
      }
    }
    assertThat(vertices).hasSizeGreaterThan(20);
    int hits = 0;
    for (int i = 0; i < 50_000; i++) {
      Coordinate v = vertices.get(r.nextInt(vertices.size()));
      double[] p = Geo.destination(v.y, v.x, r.nextDouble() * 360, r.nextDouble() * 4000);
      assertSame(index, cables, boundaries, areas, p[0], p[1]);
      hits += cables.corridorsAt(p[0], p[1]).isEmpty() ? 0 : 1;
      double[] q = Geo.destination(26.15, 119.95, r.nextDouble() * 360,
          39_990 + r.nextDouble() * 20);
      assertSame(index, cables, boundaries, areas, q[0], q[1]);
    }
    assertThat(hits).isGreaterThan(10_000);
  }

  @Test
  void answersEqualTheDirectComputationWorldwide() {
    CableMap global = CableMap.load(
        SharedData.require("cables/telegeography-cable-geo-2021-06-29.json"), null, 1852.0);
    Boundaries world = Boundaries.load(
        SharedData.require("maritime/osm-borders-maritime-10000m.geojson"));
    GeoIndex idx = GeoIndex.of(global, world, null);
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 30_000; i++) {
      double lat = -80 + r.nextDouble() * 160;
      double lon = -180 + r.nextDouble() * 360;
      assertSame(idx, global, world, Areas.EMPTY, lat, lon);
    }
    // near the antimeridian on crossing cables
    for (int i = 0; i < 10_000; i++) {
      double lat = -45 + r.nextDouble() * 100;
      double lon = r.nextBoolean() ? 179.9 + r.nextDouble() * 0.1 : -180 + r.nextDouble() * 0.1;
      assertSame(idx, global, world, Areas.EMPTY, lat, lon);
    }
  }

  @Test
  void knownPlacesAndNearMisses() {
    assertThat(index.territorialSeaAt(26.15, 119.95)).isEqualTo("TWN");
    assertThat(index.areasAt(26.15, 119.95)).extracting(Zones.AreaHit::id).contains("matsu");
    assertThat(index.territorialSeaAt(5.0, -150.0)).isNull();
    assertThat(index.corridorsAt(5.0, -150.0)).isEmpty();
    assertThat(index.areasAt(5.0, -150.0)).isEmpty();
    assertThat(index.inAnchorage(25.155, 121.75)).isTrue();
    assertThat(index.inAnchorage(25.155, 121.80)).isFalse();
    // invalid positions (AIS "not available" is 91, 181) answer nothing
    assertThat(index.corridorsAt(91, 181)).isEmpty();
    assertThat(index.territorialSeaAt(91, 181)).isNull();
    assertThat(index.areasAt(Double.NaN, 0)).isEmpty();
    assertThat(index.inAnchorage(0, Double.NaN)).isFalse();
    // edges of the grid
    assertSame(index, cables, boundaries, areas, 90.0, 180.0);
    assertSame(index, cables, boundaries, areas, -90.0, -180.0);
    List<CorridorHit> none = GeoIndex.of(null, null, null).corridorsAt(25.0, 121.0);
    assertThat(none).isEmpty();
  }

  @Test
  void aCircleAcrossTheAntimeridianContainsPointsOnBothSides() {
    Areas ring = Areas.builder()
        .circle("dateline", "Dateline", Kind.INTEREST, 0.0, 179.99, 5000).build();
    GeoIndex idx = GeoIndex.of(null, null, ring);
    assertThat(idx.areasAt(0.0, -179.99)).hasSize(1); // 2.2 km east across 180
    assertThat(idx.areasAt(0.0, 179.95)).hasSize(1); // 4.4 km west
    assertThat(idx.areasAt(0.0, 179.94)).isEmpty(); // 5.6 km west
    assertThat(idx.areasAt(0.0, -179.97)).hasSize(1); // 0.04 degrees away: 4.4 km
    assertThat(idx.areasAt(0.0, -179.96)).isEmpty(); // 0.05 degrees away: 5.6 km
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 20_000; i++) {
      double lat = -0.1 + r.nextDouble() * 0.2;
      double lon = r.nextBoolean() ? 179.9 + r.nextDouble() * 0.1 : -180 + r.nextDouble() * 0.1;
      assertThat(idx.areasAt(lat, lon)).isEqualTo(ring.areasAt(lat, lon));
    }
  }

  @Test
  void aWiderCorridorFromTheBuilderMatchesAWiderCableMap() {
    GeoIndex wide = GeoIndex.builder().cables(cables, 5000.0).build();
    CableMap wideMap = cables.withHalfWidth(5000.0);
    assertThat(wide.cableMap().halfWidthM()).isEqualTo(5000.0);
    SplittableRandom r = new SplittableRandom(3);
    int more = 0;
    for (int i = 0; i < 20_000; i++) {
      double lat = 20.0 + r.nextDouble() * 8.0;
      double lon = 116.0 + r.nextDouble() * 10.0;
      assertThat(wide.corridorsAt(lat, lon)).isEqualTo(wideMap.corridorsAt(lat, lon));
      if (wideMap.corridorsAt(lat, lon).size() > cables.corridorsAt(lat, lon).size()) {
        more++;
      }
    }
    assertThat(more).isGreaterThan(0);
  }
}
