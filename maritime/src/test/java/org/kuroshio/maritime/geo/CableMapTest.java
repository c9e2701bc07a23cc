package org.kuroshio.maritime.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kuroshio.maritime.geo.Zones.CorridorHit;
import org.kuroshio.testing.SharedData;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;

class CableMapTest {
  private static final String TSE1 = "taiwan-strait-express-1-tse-1";
  private static CableMap subset;

  @BeforeAll
  static void load() {
    subset = CableMap.load(SharedData.require("cables/cables-west-pacific-subset.geojson"),
        SharedData.require("cables/landing-points-west-pacific-subset.geojson"),
        CableMap.DEFAULT_HALF_WIDTH_M);
  }

  @Test
  void loadsTheWestPacificSubsetWithNamesAndLandingPoints() {
    // 30 features, the Pacific Light Cable Network twice: 29 cables
    assertThat(subset.cables()).hasSize(29);
    assertThat(subset.landingPoints()).hasSize(38);
    Cable tse = subset.cable(TSE1).orElseThrow();
    assertThat(tse.name()).isEqualTo("Taiwan Strait Express-1 (TSE-1)");
    assertThat(tse.landingPoints()).contains("Tanshui, Taiwan");
    Cable plcn = subset.cable("pacific-light-cable-network-plcn").orElseThrow();
    assertThat(plcn.route().getNumGeometries()).isGreaterThan(1);
    assertThat(subset.cable("asia-pacific-gateway-apg").orElseThrow().landingPoints())
        .contains("Toucheng, Taiwan");
    assertThat(subset.halfWidthM()).isEqualTo(1852.0);
  }

  @Test
  void loadsTheGlobalFileNamedThroughTheMetadata() {
    CableMap global = CableMap.load(
        SharedData.require("cables/telegeography-cable-geo-2021-06-29.json"),
        SharedData.require("cables/telegeography-landing-point-geo-2021-06-29.json"),
        SharedData.require("cables/telegeography-cables-metadata-2021-06-29.json"), 1852.0);
    assertThat(global.cables()).hasSize(484);
    assertThat(global.landingPoints()).hasSize(1439);
    assertThat(global.cable("2africa").orElseThrow().name()).isEqualTo("2Africa");
    assertThat(global.cable("2africa").orElseThrow().landingPoints())
        .contains("Accra, Ghana");
    // without metadata the id stands in for the name
    CableMap bare = CableMap.load(
        SharedData.require("cables/telegeography-cable-geo-2021-06-29.json"), null, 1852.0);
    assertThat(bare.cable("2africa").orElseThrow().name()).isEqualTo("2africa");
    assertThat(bare.landingPoints()).isEmpty();
  }

  /** The TSE-1 vertex in the strait west of Matsu, with the route bending there. */
  private static Coordinate[] tseVertexAndNeighbours() {
    LineString l = (LineString) subset.cable(TSE1).orElseThrow().route().getGeometryN(0);
    return new Coordinate[] {l.getCoordinateN(0), l.getCoordinateN(1), l.getCoordinateN(2)};
  }

  /** A point {@code m} metres from the vertex on the outside of the bend: nearest is the vertex. */
  private static double[] offVertex(double m) {
    Coordinate[] c = tseVertexAndNeighbours();
    double back = Geo.bearingDeg(c[1].y, c[1].x, c[0].y, c[0].x);
    double ahead = Geo.bearingDeg(c[1].y, c[1].x, c[2].y, c[2].x);
    double diff = ((ahead - back) % 360 + 360) % 360;
    double inside = back + diff / 2; // bisector of the angle from back to ahead
    double outside = diff < 180 ? inside + 180 : inside;
    return Geo.destination(c[1].y, c[1].x, outside, m);
  }

  @Test
  void pointFiveHundredMetresOffTheRouteIsInTheCorridor() {
    double[] p = offVertex(500);
    List<CorridorHit> hits = subset.corridorsAt(p[0], p[1]);
    CorridorHit tse = hits.stream().filter(h -> h.cableId().equals(TSE1)).findFirst()
        .orElseThrow();
    assertThat(tse.distanceM()).isCloseTo(500.0, withinPercentage(2));
    assertThat(tse.cableName()).isEqualTo("Taiwan Strait Express-1 (TSE-1)");
    // the route there runs roughly east-west (west of Matsu toward Fuzhou / toward Taiwan)
    assertThat(tse.routeBearingDeg()).isBetween(45.0, 135.0);
    assertThat(subset.distanceToRouteM(TSE1, p[0], p[1])).isCloseTo(500.0, withinPercentage(2));
  }

  @Test
  void pointThreeKilometresOffIsOutsideTheDefaultCorridorButInsideAWideOne() {
    double[] p = offVertex(3000);
    assertThat(subset.corridorsAt(p[0], p[1])).extracting(CorridorHit::cableId)
        .doesNotContain(TSE1);
    assertThat(subset.distanceToRouteM(TSE1, p[0], p[1])).isCloseTo(3000.0, withinPercentage(2));
    // just inside and just outside the 1,852 m edge
    double[] in = offVertex(1840);
    double[] out = offVertex(1865);
    assertThat(subset.corridorsAt(in[0], in[1])).extracting(CorridorHit::cableId).contains(TSE1);
    assertThat(subset.corridorsAt(out[0], out[1])).extracting(CorridorHit::cableId)
        .doesNotContain(TSE1);
    CableMap wide = CableMap.of(subset.cables(), List.of(), 5000.0);
    assertThat(wide.corridorsAt(p[0], p[1])).extracting(CorridorHit::cableId).contains(TSE1);
  }

  @Test
  void hitsAreNearestFirstOnePerCable() {
    Coordinate[] c = tseVertexAndNeighbours();
    List<CorridorHit> hits = subset.corridorsAt(c[1].y, c[1].x);
    assertThat(hits).isNotEmpty();
    assertThat(hits.get(0).cableId()).isEqualTo(TSE1);
    assertThat(hits.get(0).distanceM()).isLessThan(1e-6);
    assertThat(hits).extracting(CorridorHit::cableId).doesNotHaveDuplicates();
    for (int i = 1; i < hits.size(); i++) {
      assertThat(hits.get(i).distanceM()).isGreaterThanOrEqualTo(hits.get(i - 1).distanceM());
    }
  }

  @Test
  void midPacificAndInvalidPositionsHitNothing() {
    assertThat(subset.corridorsAt(5.0, -150.0)).isEmpty();
    assertThat(subset.corridorsAt(91.0, 181.0)).isEmpty();
    assertThat(subset.corridorsAt(Double.NaN, 120.0)).isEmpty();
  }

  @Test
  void corridorPolygonContainsTheNearPointAndNotTheFarOne() {
    Geometry corridor = subset.corridor(TSE1);
    assertThat(corridor.isValid()).isTrue();
    double[] near = offVertex(500);
    double[] far = offVertex(3000);
    var gf = GeoJsonReader.GEOMETRY_FACTORY;
    assertThat(corridor.contains(gf.createPoint(new Coordinate(near[1], near[0])))).isTrue();
    assertThat(corridor.contains(gf.createPoint(new Coordinate(far[1], far[0])))).isFalse();
    assertThatThrownBy(() -> subset.corridor("no-such-cable"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-cable");
  }

  @Test
  void pointsAcrossTheAntimeridianSeeTheCableOnTheOtherSide() {
    CableMap global = CableMap.load(
        SharedData.require("cables/telegeography-cable-geo-2021-06-29.json"), null, 1852.0);
    // FASTER: one piece ends at 179.99996 E, 45.96 N, the other starts at -179.9998, 45.96 N
    LineString east = null;
    for (int i = 0; i < global.cable("faster").orElseThrow().route().getNumGeometries(); i++) {
      LineString l = (LineString) global.cable("faster").orElseThrow().route().getGeometryN(i);
      if (l.getCoordinateN(l.getNumPoints() - 1).x > 179.99) {
        east = l;
      }
    }
    assertThat(east).isNotNull();
    Coordinate end = east.getCoordinateN(east.getNumPoints() - 1);
    // 0.004 degrees past 180, on the negative side: both pieces are within a few hundred metres
    List<CorridorHit> hits = global.corridorsAt(end.y, -179.996);
    assertThat(hits).extracting(CorridorHit::cableId).contains("faster");
    assertThat(hits.get(0).distanceM()).isLessThan(400.0);
    // 11 km north of the route nothing
    assertThat(global.corridorsAt(end.y + 0.1, -179.996)).isEmpty();
  }

  @Test
  void aRouteEndingJustEastOfTheAntimeridianIsFoundFromTheWest() {
    var gf = GeoJsonReader.GEOMETRY_FACTORY;
    LineString piece = gf.createLineString(new Coordinate[] {
        new Coordinate(-179.999, 10.0), new Coordinate(-179.0, 10.0)});
    Cable c = new Cable("c", "C", gf.createMultiLineString(new LineString[] {piece}), List.of());
    CableMap map = CableMap.of(List.of(c), List.of(), 1852.0);
    double expected = Geo.distanceM(10.0, 179.995, 10.0, 180.001);
    assertThat(expected).isBetween(600.0, 700.0);
    List<CorridorHit> hits = map.corridorsAt(10.0, 179.995);
    assertThat(hits).hasSize(1);
    assertThat(hits.get(0).distanceM()).isCloseTo(expected, withinPercentage(0.5));
    assertThat(hits.get(0).routeBearingDeg()).isCloseTo(90.0, withinPercentage(0.1));
    // 3 km west of the antimeridian: outside
    assertThat(map.corridorsAt(10.0, 179.97)).isEmpty();
    GeoIndex index = GeoIndex.of(map, null, null);
    assertThat(index.corridorsAt(10.0, 179.995)).isEqualTo(hits);
    assertThat(index.corridorsAt(10.0, 179.97)).isEmpty();
  }

  @Test
  void rejectsBadHalfWidthAndNonLineRoutes() {
    assertThatThrownBy(() -> CableMap.of(List.of(), List.of(), 0.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("half-width");
    assertThatThrownBy(() -> CableMap.of(List.of(), List.of(), 60_000.0))
        .isInstanceOf(IllegalArgumentException.class);
    List<GeoFeature> polys = new GeoJsonReader().read(new java.io.ByteArrayInputStream(
        ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
            + "{\"slug\":\"x\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
            + "[[[0,0],[1,0],[1,1],[0,0]]]}}]}").getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        "routes.geojson");
    assertThatThrownBy(() -> CableMap.cablesOf(polys)).isInstanceOf(GeoDataException.class)
        .hasMessageContaining("feature 0").hasMessageContaining("Polygon");
  }
}
