package org.kuroshio.maritime.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kuroshio.maritime.geo.Area.Kind;
import org.kuroshio.maritime.geo.Zones.AreaHit;

class AreasTest {
  /** Keelung harbour anchorage, 2 km. */
  private static final double KEELUNG_LAT = 25.155;
  private static final double KEELUNG_LON = 121.75;

  @Test
  void circleContainsExactlyThePointsWithinItsRadius() {
    Areas areas = Areas.builder()
        .circle("keelung", "Keelung anchorage", Kind.ANCHORAGE, KEELUNG_LAT, KEELUNG_LON, 2000)
        .build();
    for (double bearing = 0; bearing < 360; bearing += 30) {
      double[] in = Geo.destination(KEELUNG_LAT, KEELUNG_LON, bearing, 1999.0);
      double[] out = Geo.destination(KEELUNG_LAT, KEELUNG_LON, bearing, 2001.0);
      assertThat(areas.inAnchorage(in[0], in[1])).as("1999 m at %s", bearing).isTrue();
      assertThat(areas.inAnchorage(out[0], out[1])).as("2001 m at %s", bearing).isFalse();
    }
    assertThat(areas.inAnchorage(KEELUNG_LAT, KEELUNG_LON)).isTrue();
    // an anchorage is not an area of interest
    assertThat(areas.areasAt(KEELUNG_LAT, KEELUNG_LON)).isEmpty();
    Area a = areas.area("keelung").orElseThrow();
    assertThat(a.isCircle()).isTrue();
    assertThat(a.geometry().isValid()).isTrue();
  }

  @Test
  void polygonContainsItsInsideAndEdgeButNotOutside() {
    List<double[]> ring = List.of(new double[] {119.9, 26.1}, new double[] {120.0, 26.1},
        new double[] {120.0, 26.2}, new double[] {119.9, 26.2}, new double[] {119.9, 26.1});
    Areas areas = Areas.builder().polygon("matsu", "Matsu box", Kind.INTEREST, ring).build();
    assertThat(areas.areasAt(26.15, 119.95)).containsExactly(new AreaHit("matsu", "Matsu box"));
    assertThat(areas.areasAt(26.1, 119.95)).as("on the edge").hasSize(1);
    assertThat(areas.areasAt(26.0999, 119.95)).as("just outside").isEmpty();
    assertThat(areas.areasAt(26.15, 120.0001)).isEmpty();
    assertThat(areas.inAnchorage(26.15, 119.95)).isFalse();
  }

  @Test
  void overlappingAreasAreAllReportedInOrder() {
    Areas areas = Areas.builder()
        .circle("a", "A", Kind.INTEREST, 25.0, 121.0, 5000)
        .circle("b", "B", Kind.INTEREST, 25.01, 121.0, 5000)
        .circle("c", "C", Kind.ANCHORAGE, 25.0, 121.0, 1000)
        .build();
    assertThat(areas.areasAt(25.005, 121.0)).extracting(AreaHit::id).containsExactly("a", "b");
    assertThat(areas.inAnchorage(25.005, 121.0)).isTrue();
    assertThat(areas.inAnchorage(25.02, 121.0)).isFalse();
  }

  @Test
  void readsAreasFromGeoJson(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("areas.geojson");
    Files.writeString(f, """
        {"type":"FeatureCollection","features":[
         {"type":"Feature","properties":{"id":"strait","name":"Strait box","kind":"interest"},
          "geometry":{"type":"Polygon","coordinates":[[[119,24],[121,24],[121,26],[119,26],
          [119,24]]]}},
         {"type":"Feature","id":"kaohsiung","properties":{"kind":"anchorage","radius_m":3000},
          "geometry":{"type":"Point","coordinates":[120.25,22.55]}}
        ]}""");
    Areas areas = Areas.load(f);
    assertThat(areas.areas()).extracting(Area::id).containsExactly("strait", "kaohsiung");
    assertThat(areas.areasAt(25.0, 120.0)).extracting(AreaHit::name).containsExactly("Strait box");
    assertThat(areas.areasAt(23.0, 120.0)).isEmpty();
    assertThat(areas.inAnchorage(22.56, 120.25)).isTrue();
    assertThat(areas.inAnchorage(22.60, 120.25)).isFalse();
    assertThat(areas.area("kaohsiung").orElseThrow().name()).isEqualTo("kaohsiung");
  }

  @Test
  void rejectsBadAreasWithClearErrors() {
    Kind k = Kind.INTEREST;
    assertThatThrownBy(() -> Area.polygon("u", "U", k, List.of(new double[] {0, 0},
        new double[] {1, 0}, new double[] {1, 1}, new double[] {0, 1})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not closed");
    assertThatThrownBy(() -> Area.polygon("t", "T", k, List.of(new double[] {0, 0},
        new double[] {1, 0}, new double[] {0, 0})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 4");
    assertThatThrownBy(() -> Area.polygon("bow", "Bow tie", k, List.of(new double[] {0, 0},
        new double[] {1, 1}, new double[] {1, 0}, new double[] {0, 1}, new double[] {0, 0})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bow")
        .hasMessageContaining("invalid polygon");
    assertThatThrownBy(() -> Area.polygon("r", "R", k, List.of(new double[] {0, 0},
        new double[] {1, 95}, new double[] {1, 0}, new double[] {0, 0})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("position 1");
    assertThatThrownBy(() -> Area.circle("z", "Z", k, 25, 121, 0.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("radius");
    assertThatThrownBy(() -> Area.circle("z", "Z", k, 25, 121, 600_000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("radius");
    assertThatThrownBy(() -> Area.circle("z", "Z", k, Double.NaN, 121, 100))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("centre");
    assertThatThrownBy(() -> Area.circle(" ", "Z", k, 25, 121, 100))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
    assertThatThrownBy(() -> Kind.parse("port"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"port\"");
    assertThatThrownBy(() -> Areas.builder().circle("d", "D", k, 25, 121, 100)
        .circle("d", "D2", k, 26, 121, 100)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate area id \"d\"");
  }

  @Test
  void refusesMoreThanTenThousandAreas() {
    Areas.Builder b = Areas.builder();
    for (int i = 0; i < Areas.MAX_AREAS; i++) {
      b.circle("a" + i, "A", Kind.INTEREST, -60 + (i % 100), -170 + (i / 100) * 3, 1000);
    }
    assertThat(b.build().areas()).hasSize(10_000);
    assertThatThrownBy(() -> b.circle("one-more", "A", Kind.INTEREST, 0, 0, 1000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 10000");
  }

  @Test
  void rejectsBadGeoJsonAreasNamingTheFeature(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad-areas.geojson");
    Files.writeString(f, """
        {"type":"FeatureCollection","features":[
         {"type":"Feature","properties":{"id":"ok","radius_m":100},
          "geometry":{"type":"Point","coordinates":[120,22]}},
         {"type":"Feature","properties":{"id":"line"},
          "geometry":{"type":"LineString","coordinates":[[120,22],[121,23]]}}
        ]}""");
    assertThatThrownBy(() -> Areas.load(f)).isInstanceOf(GeoDataException.class)
        .hasMessageContaining("bad-areas.geojson: feature 1").hasMessageContaining("LineString");
    Files.writeString(f, """
        {"type":"Feature","properties":{"id":"p"},
          "geometry":{"type":"Point","coordinates":[120,22]}}""");
    assertThatThrownBy(() -> Areas.load(f)).isInstanceOf(GeoDataException.class)
        .hasMessageContaining("radius_m");
    Files.writeString(f, """
        {"type":"Feature","properties":{"id":"p","kind":"harbour","radius_m":5},
          "geometry":{"type":"Point","coordinates":[120,22]}}""");
    assertThatThrownBy(() -> Areas.load(f)).isInstanceOf(GeoDataException.class)
        .hasMessageContaining("harbour");
  }
}
