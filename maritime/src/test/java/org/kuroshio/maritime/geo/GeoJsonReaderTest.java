package org.kuroshio.maritime.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kuroshio.testing.SharedData;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

class GeoJsonReaderTest {
  private final GeoJsonReader reader = new GeoJsonReader();

  private List<GeoFeature> read(String json) {
    return read(reader, json);
  }

  private static List<GeoFeature> read(GeoJsonReader r, String json) {
    InputStream in = new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    return r.read(in, "test.geojson");
  }

  @Test
  void readsAFeatureCollectionWithPropertiesAndIds() {
    List<GeoFeature> fs = read("""
        {"type":"FeatureCollection","features":[
          {"type":"Feature","id":"a","properties":{"name":"A","n":3},
           "geometry":{"type":"Point","coordinates":[121.5,25.1,12.0]}},
          {"geometry":{"coordinates":[[120,25],[121,26]],"type":"LineString"},
           "properties":null,"type":"Feature","id":7}
        ]}""");
    assertThat(fs).hasSize(2);
    assertThat(fs.get(0).id()).isEqualTo("a");
    assertThat(fs.get(0).text("name", "?")).isEqualTo("A");
    assertThat(fs.get(0).geometry()).isInstanceOf(Point.class);
    assertThat(fs.get(0).geometry().getCoordinate().x).isEqualTo(121.5);
    assertThat(fs.get(0).geometry().getCoordinate().y).isEqualTo(25.1);
    assertThat(fs.get(1).id()).isEqualTo("7");
    assertThat(fs.get(1).index()).isEqualTo(1);
    assertThat(fs.get(1).geometry()).isInstanceOf(LineString.class);
    assertThat(fs.get(1).properties().isEmpty()).isTrue();
  }

  @Test
  void readsASingleFeatureAndBareGeometriesOfEveryType() {
    assertThat(read("""
        {"type":"Feature","properties":{"k":"v"},
         "geometry":{"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[[5,6],[7,8]]]}}""")
        .get(0).geometry()).isInstanceOf(MultiLineString.class);
    assertThat(read("""
        {"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]],
          [[0.2,0.2],[0.4,0.2],[0.4,0.4],[0.2,0.2]]]}""")
        .get(0).geometry()).isInstanceOfSatisfying(Polygon.class,
            p -> assertThat(((Polygon) p).getNumInteriorRing()).isEqualTo(1));
    assertThat(read("""
        {"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],
          [[[2,2],[3,2],[3,3],[2,2]]]]}""")
        .get(0).geometry()).isInstanceOf(MultiPolygon.class);
    assertThat(read("""
        {"type":"GeometryCollection","geometries":[
          {"type":"Point","coordinates":[1,2]},
          {"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}]}""")
        .get(0).geometry()).isInstanceOfSatisfying(GeometryCollection.class,
            g -> assertThat(((GeometryCollection) g).getNumGeometries()).isEqualTo(2));
    assertThat(read("{\"type\":\"MultiPoint\",\"coordinates\":[[1,2],[3,4]]}").get(0).geometry()
        .getNumGeometries()).isEqualTo(2);
  }

  @Test
  void readsEveryCableAndBoundaryFile() {
    for (String f : List.of("cables/cables-west-pacific-subset.geojson",
        "cables/landing-points-west-pacific-subset.geojson",
        "cables/telegeography-cable-geo-2021-06-29.json",
        "cables/telegeography-landing-point-geo-2021-06-29.json",
        "maritime/geo-maps-countries-maritime-10km.geojson",
        "maritime/osm-borders-maritime-10000m-west-pacific.geojson",
        "maritime/osm-borders-maritime-10000m.geojson")) {
      Path p = SharedData.require(f);
      assertThat(reader.read(p)).as(f).isNotEmpty();
    }
    assertThat(reader.read(SharedData.require("cables/telegeography-cable-geo-2021-06-29.json")))
        .hasSize(490);
    assertThat(reader.read(SharedData.require("maritime/osm-borders-maritime-10000m.geojson")))
        .hasSize(249);
  }

  @Test
  void rejectsTooDeepNesting() {
    String deep = "{\"type\":\"Feature\",\"properties\":{\"x\":" + "[".repeat(40) + "]".repeat(40)
        + "},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}";
    assertThatThrownBy(() -> read(deep)).isInstanceOf(GeoDataException.class)
        .hasMessageContaining("test.geojson").hasMessageContaining("nesting depth");
    String deepCollections = "{\"type\":\"GeometryCollection\",\"geometries\":[".repeat(6)
        + "]}".repeat(6);
    assertThatThrownBy(() -> read(deepCollections)).isInstanceOf(GeoDataException.class)
        .hasMessageContaining("GeometryCollection nested deeper");
  }

  @Test
  void rejectsTooManyFeaturesNamingTheFeature() {
    GeoJsonReader small = new GeoJsonReader(new GeoJsonReader.Limits(1 << 20, 10, 1000, 32));
    String feature = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
        + "\"coordinates\":[1,2]},\"properties\":{}}";
    String ten = "{\"type\":\"FeatureCollection\",\"features\":["
        + String.join(",", java.util.Collections.nCopies(10, feature)) + "]}";
    assertThat(read(small, ten)).hasSize(10); // exactly at the limit: fine
    String eleven = "{\"type\":\"FeatureCollection\",\"features\":["
        + String.join(",", java.util.Collections.nCopies(11, feature)) + "]}";
    assertThatThrownBy(() -> read(small, eleven)).isInstanceOf(GeoDataException.class)
        .hasMessageContaining("feature 10").hasMessageContaining("more than 10 features");
  }

  @Test
  void rejectsTooManyCoordinatesAndTooManyBytes() {
    GeoJsonReader small = new GeoJsonReader(new GeoJsonReader.Limits(400, 10, 5, 32));
    assertThat(read(small, "{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1],[2,2],[3,3],"
        + "[4,4]]}")).hasSize(1);
    assertThatThrownBy(() -> read(small, "{\"type\":\"LineString\",\"coordinates\":"
        + "[[0,0],[1,1],[2,2],[3,3],[4,4],[5,5]]}"))
        .isInstanceOf(GeoDataException.class).hasMessageContaining("more than 5 coordinates");
    String big = "{\"type\":\"Point\",\"coordinates\":[1,2],\"pad\":\"" + "x".repeat(500) + "\"}";
    assertThatThrownBy(() -> read(small, big)).isInstanceOf(GeoDataException.class)
        .hasMessageContaining("exceeds the maximum");
  }

  @Test
  void rejectsAnOversizedFileBeforeReadingIt(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("big.geojson");
    Files.writeString(f, "{\"type\":\"Point\",\"coordinates\":[1,2]}" + " ".repeat(1000));
    GeoJsonReader small = new GeoJsonReader(new GeoJsonReader.Limits(500, 10, 5, 32));
    assertThatThrownBy(() -> small.read(f)).isInstanceOf(GeoDataException.class)
        .hasMessageContaining("big.geojson").hasMessageContaining("over the limit of 500");
    assertThat(reader.read(f)).hasSize(1);
  }

  @Test
  void rejectsBadCoordinatesNamingTheFeature() {
    String pre = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
        + "\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}},"
        + "{\"type\":\"Feature\",\"properties\":{},\"geometry\":";
    assertThatThrownBy(() -> read(pre + "{\"type\":\"Point\",\"coordinates\":[121,95]}}]}"))
        .isInstanceOf(GeoDataException.class).hasMessageContaining("feature 1")
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> read(pre + "{\"type\":\"Point\",\"coordinates\":[200,10]}}]}"))
        .isInstanceOf(GeoDataException.class).hasMessageContaining("out of range");
    assertThatThrownBy(() -> read(pre + "{\"type\":\"Point\",\"coordinates\":[\"a\",1]}}]}"))
        .isInstanceOf(GeoDataException.class).hasMessageContaining("feature 1");
    assertThatThrownBy(() -> read(pre + "{\"type\":\"Point\",\"coordinates\":[1]}}]}"))
        .isInstanceOf(GeoDataException.class).hasMessageContaining("fewer than two numbers");
    assertThatThrownBy(() -> read(pre + "{\"type\":\"LineString\",\"coordinates\":[[1,2]]}}]}"))
        .isInstanceOf(GeoDataException.class).hasMessageContaining("feature 1")
        .hasMessageContaining("at least 2");
    assertThatThrownBy(() -> read(pre + "{\"type\":\"Polygon\",\"coordinates\":[[1,2],[3,4]]}}]}"))
        .isInstanceOf(GeoDataException.class).hasMessageContaining("feature 1")
        .hasMessageContaining("Polygon coordinates have the wrong depth");
    assertThatThrownBy(() -> read(pre + "{\"type\":\"Circle\",\"coordinates\":[1,2]}}]}"))
        .isInstanceOf(GeoDataException.class).hasMessageContaining("unknown geometry type");
    assertThatThrownBy(() -> read(pre + "null}]}"))
        .isInstanceOf(GeoDataException.class).hasMessageContaining("feature 1")
        .hasMessageContaining("geometry is null");
  }

  @Test
  void rejectsAnUnclosedRing() {
    assertThatThrownBy(() -> read(
        "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1],[0,0.5]]]}"))
        .isInstanceOf(GeoDataException.class).hasMessageContaining("ring 0 is not closed");
    assertThatThrownBy(() -> read(
        "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[0,0]]]}"))
        .isInstanceOf(GeoDataException.class).hasMessageContaining("at least 4");
  }

  @Test
  void rejectsWhatIsNotJsonOrNotGeoJson() {
    assertThatThrownBy(() -> read("this is not json")).isInstanceOf(GeoDataException.class)
        .hasMessageContaining("test.geojson").hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> read("{\"type\":\"Point\",\"coordinates\":[1,2]"))
        .isInstanceOf(GeoDataException.class).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> read("[1,2,3]")).isInstanceOf(GeoDataException.class)
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> read("{\"features\":[]}")).isInstanceOf(GeoDataException.class)
        .hasMessageContaining("no \"type\"");
    assertThatThrownBy(() -> read("{\"type\":\"FeatureCollection\"}"))
        .isInstanceOf(GeoDataException.class).hasMessageContaining("no \"features\"");
    assertThatThrownBy(() -> read("{\"type\":\"Point\",\"coordinates\":[1,2]} {}"))
        .isInstanceOf(GeoDataException.class);
  }
}
