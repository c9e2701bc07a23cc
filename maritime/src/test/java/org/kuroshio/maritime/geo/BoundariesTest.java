package org.kuroshio.maritime.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kuroshio.testing.SharedData;

class BoundariesTest {
  private static final double MATSU_LAT = 26.15;
  private static final double MATSU_LON = 119.95;

  private static Path file(String name) {
    return SharedData.require("maritime/" + name);
  }

  @Test
  void matsuIsInTaiwansPolygonInTheOsmBorderFiles() {
    for (String f : List.of("osm-borders-maritime-10000m-west-pacific.geojson",
        "osm-borders-maritime-10000m.geojson")) {
      Boundaries b = Boundaries.load(file(f));
      assertThat(b.countryAt(MATSU_LAT, MATSU_LON)).as(f).isEqualTo("TWN");
    }
  }

  @Test
  void geoMapsPutsMatsuInChinasPolygonSoOsmBordersMustComeFirst() {
    // a fact of the geo-maps 10 km data: its CHN polygon covers Matsu, its TWN polygon does not,
    // and Kinmen lies in both; loading the OSM borders first makes TWN win
    Boundaries geoMaps = Boundaries.load(file("geo-maps-countries-maritime-10km.geojson"));
    assertThat(geoMaps.countryAt(MATSU_LAT, MATSU_LON)).isEqualTo("CHN");
    Boundaries both = Boundaries.load(file("osm-borders-maritime-10000m.geojson"),
        file("geo-maps-countries-maritime-10km.geojson"));
    assertThat(both.countryAt(MATSU_LAT, MATSU_LON)).isEqualTo("TWN");
    assertThat(both.countryAt(24.45, 118.35)).isEqualTo("TWN");
  }

  @Test
  void placesFarFromMatsuAgreeInEveryFile() {
    for (String f : List.of("osm-borders-maritime-10000m-west-pacific.geojson",
        "osm-borders-maritime-10000m.geojson", "geo-maps-countries-maritime-10km.geojson")) {
      Boundaries b = Boundaries.load(file(f));
      assertThat(b.countryAt(25.15, 121.75)).as(f + " Keelung").isEqualTo("TWN");
      assertThat(b.countryAt(35.68, 139.77)).as(f + " Tokyo").isEqualTo("JPN");
      assertThat(b.countryAt(5.0, -150.0)).as(f + " mid-Pacific").isNull();
    }
  }

  @Test
  void loadsEveryCountryOfTheWorldFiles() {
    Boundaries osm = Boundaries.load(file("osm-borders-maritime-10000m.geojson"));
    assertThat(osm.countries()).hasSize(249);
    assertThat(osm.countries().stream().filter(c -> c.iso3().equals("TWN")).findFirst()
        .orElseThrow().iso2()).isEqualTo("TW");
    Boundaries geoMaps = Boundaries.load(file("geo-maps-countries-maritime-10km.geojson"));
    assertThat(geoMaps.countries()).hasSize(245);
    assertThat(geoMaps.codes()).contains("TWN", "CHN", "PHL");
    Boundaries both = Boundaries.load(file("osm-borders-maritime-10000m.geojson"),
        file("geo-maps-countries-maritime-10km.geojson"));
    assertThat(both.countries()).hasSize(249 + 245);
    assertThat(both.area("TWN")).isPresent();
    assertThat(both.area("XXX")).isEmpty();
  }

  @Test
  void theOpenStraitBetweenTaiwanAndTheMainlandIsInNeither() {
    Boundaries b = Boundaries.load(file("osm-borders-maritime-10000m-west-pacific.geojson"));
    // mid-strait, about 70 km from either coast: beyond 12 NM of both
    assertThat(b.countryAt(24.6, 119.6)).isNull();
    // east of Taiwan, about 50 km off the Hualien coast
    assertThat(b.countryAt(24.0, 122.2)).isNull();
    // Kinmen, Penghu: Taiwan's
    assertThat(b.countryAt(24.45, 118.35)).isEqualTo("TWN");
    assertThat(b.countryAt(23.57, 119.58)).isEqualTo("TWN");
    // Xiamen: China's
    assertThat(b.countryAt(24.48, 118.09)).isEqualTo("CHN");
    assertThat(b.countryAt(95.0, 0.0)).isNull();
  }

  @Test
  void rejectsAFileWithoutCountryCodes() {
    List<GeoFeature> fs = new GeoJsonReader().read(new java.io.ByteArrayInputStream(
        ("{\"type\":\"Feature\",\"properties\":{\"name\":\"x\"},\"geometry\":{\"type\":"
            + "\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)), "b.geojson");
    assertThatThrownBy(() -> Boundaries.countriesOf(fs, "b.geojson"))
        .isInstanceOf(GeoDataException.class).hasMessageContaining("b.geojson")
        .hasMessageContaining("alpha-3");
  }
}
