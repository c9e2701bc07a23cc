package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kuroshio.maritime.scenario.MatsuScenario;
import org.kuroshio.stix.Tlp;
import org.kuroshio.store.Stores;
import tools.jackson.databind.JsonNode;

/**
 * The {@code maritime} section of the configuration file (every key, and the messages naming a
 * bad one), and a node reading a configured AIS input: a TCP server that a sensor connects to.
 */
class MaritimeConfigIT {
  @TempDir Path dir;

  private static final String CABLE = """
      {"type": "FeatureCollection", "features": [{"type": "Feature",
       "properties": {"id": "strait-cable", "name": "Strait cable"},
       "geometry": {"type": "LineString", "coordinates": [[119.70, 26.03], [120.40, 25.99]]}}]}
      """;
  private static final String AREAS = """
      {"type": "FeatureCollection", "features": [{"type": "Feature",
       "properties": {"id": "nangan", "name": "Nangan anchorage", "kind": "anchorage",
                      "radius_m": 2000},
       "geometry": {"type": "Point", "coordinates": [119.93, 26.15]}}]}
      """;

  private Path write(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  private AppConfig load(String json) throws IOException {
    return AppConfig.load(write("kuroshio.json", json), Map.of());
  }

  private static String path(Path p) {
    return p.toString().replace("\\", "\\\\");
  }

  @Test
  void withoutTheSectionTheNodeHasAnEmptyPicture() throws IOException {
    assertThat(AppConfig.load(null, Map.of()).maritime())
        .isEqualTo(AppConfig.MaritimeSettings.NONE);
    assertThat(load("{}").maritime().marking()).isEqualTo(Tlp.AMBER);
    assertThat(load("{\"maritime\": {}}").maritime().inputs()).isEmpty();
  }

  @Test
  void everyKeyIsRead() throws IOException {
    Path cable = write("cable.geojson", CABLE);
    Path areas = write("areas.geojson", AREAS);
    AppConfig.MaritimeSettings m = load("""
        {"maritime": {"cables": "%s", "boundaries": ["%s"], "areas": "%s",
          "corridor_half_width_m": 1000, "inputs": ["tcp://:10110", "udp://:10111"],
          "marking": "green", "flush_interval_ms": 500, "short_gap_minutes": 20,
          "watched_seas": ["twn", "JPN"]}}""".formatted(path(cable), path(areas), path(areas)))
        .maritime();
    assertThat(m.cables()).isEqualTo(cable);
    assertThat(m.boundaries()).containsExactly(areas);
    assertThat(m.areas()).isEqualTo(areas);
    assertThat(m.corridorHalfWidthM()).isEqualTo(1000);
    assertThat(m.inputs()).containsExactly("tcp://:10110", "udp://:10111");
    assertThat(m.marking()).isEqualTo(Tlp.GREEN);
    assertThat(m.flushInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(m.shortGap()).isEqualTo(Duration.ofMinutes(20));
    assertThat(m.watchedSeas()).containsExactlyInAnyOrder("TWN", "JPN");
  }

  @Test
  void badValuesAreNamed() throws IOException {
    Path cable = write("cable.geojson", CABLE);
    assertThatThrownBy(() -> load("{\"maritime\": {\"cable\": \"x\"}}"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("maritime.cable")
        .hasMessageContaining("unknown key");
    assertThatThrownBy(() -> load("{\"maritime\": {\"cables\": \"no-such.geojson\"}}"))
        .hasMessageContaining("maritime.cables").hasMessageContaining("no readable file");
    assertThatThrownBy(() -> load("{\"maritime\": {\"marking\": \"purple\"}}"))
        .hasMessageContaining("maritime.marking").hasMessageContaining("not a TLP level");
    assertThatThrownBy(() -> load("{\"maritime\": {\"inputs\": [\"ftp://x:1\"]}}"))
        .hasMessageContaining("maritime.inputs[0]");
    assertThatThrownBy(() -> load("{\"maritime\": {\"inputs\": \"tcp://:1\"}}"))
        .hasMessageContaining("maritime.inputs").hasMessageContaining("list");
    assertThatThrownBy(() -> load("{\"maritime\": {\"corridor_half_width_m\": 0}}"))
        .hasMessageContaining("maritime.corridor_half_width_m");
    assertThatThrownBy(() -> load("{\"maritime\": {\"watched_seas\": [\"Taiwan\"]}}"))
        .hasMessageContaining("alpha-3");
    assertThatThrownBy(() -> load("{\"maritime\": {\"short_gap_minutes\": 0}}"))
        .hasMessageContaining("maritime.short_gap_minutes");
    assertThatThrownBy(() -> load("{\"maritime\": {\"landing_points\": \"%s\"}}"
        .formatted(path(cable)))).hasMessageContaining("cables");
  }

  private static final String PARTNER = "identity--5c0f7e8a-3d0b-4f55-9a57-2f3d1c9e8b41";
  private static final String STRANGER = "identity--0a6e4b4e-8a3c-4f0e-b7a1-9b1c2d3e4f50";

  private Node startWith(String maritime) throws IOException {
    AppConfig config = load("""
        {"organisations": [{"id": "%s", "name": "Partner bureau"}],
         "maritime": %s}""".formatted(PARTNER, maritime))
        .withListener("127.0.0.1", 0).withDataDir(dir);
    return Node.start(config, Stores.h2InMemory("owner-" + UUID.randomUUID()),
        Clock.systemUTC());
  }

  @Test
  void theOwnerIsTheNodesOrganisationByDefault() throws IOException {
    assertThat(load("{\"maritime\": {}}").maritime().owner()).isNull();
    try (Node node = startWith("{}")) {
      assertThat(node.maritime().organisation()).isEqualTo(node.config().node().organisation());
    }
  }

  @Test
  void theOwnerMayBeAPartnerTheNodeKnows() throws IOException {
    assertThat(load("{\"maritime\": {\"owner\": \"" + PARTNER + "\"}}").maritime().owner())
        .isEqualTo(PARTNER);
    try (Node node = startWith("{\"owner\": \"" + PARTNER + "\"}")) {
      assertThat(node.maritime().organisation()).isEqualTo(PARTNER);
    }
  }

  @Test
  void anOwnerTheNodeDoesNotKnowIsRefusedNamingTheKeyAndValue() throws IOException {
    assertThatThrownBy(() -> startWith("{\"owner\": \"" + STRANGER + "\"}"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("maritime.owner")
        .hasMessageContaining(STRANGER);
    assertThatThrownBy(() -> load("{\"maritime\": {\"owner\": \" \"}}"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("maritime.owner");
    assertThatThrownBy(() -> load("{\"maritime\": {\"owner\": 7}}"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("maritime.owner");
  }

  @Test
  void aGeodataFileThatIsNotGeoJsonStopsTheNodeNamingIt() throws IOException {
    Path bad = write("broken.geojson", "{\"type\": \"FeatureCollection\", \"features\": [");
    AppConfig config = AppConfig.defaults().withListener("127.0.0.1", 0).withDataDir(dir)
        .withMaritime(AppConfig.MaritimeSettings.NONE.withGeodata(bad, null, List.of(), null));
    assertThatThrownBy(() -> Node.start(config, Stores.h2InMemory("bad-" + UUID.randomUUID()),
        Clock.systemUTC())).isInstanceOf(NodeException.class)
        .hasMessageContaining("maritime geodata").hasMessageContaining("broken.geojson");
  }

  @Test
  void areasAddedThroughTheApiComeBackAfterARestart() throws IOException {
    Path areas = write("areas.geojson", AREAS);
    AppConfig config = AppConfig.defaults().withListener("127.0.0.1", 0).withDataDir(dir)
        .withMaritime(AppConfig.MaritimeSettings.NONE.withGeodata(null, null, List.of(), areas));
    try (Node node = Node.start(config, Stores.h2InMemory("areas-" + UUID.randomUUID()),
        Clock.systemUTC())) {
      node.maritime().addAreas(List.of(org.kuroshio.maritime.geo.Area.circle("watch", "Watch",
          org.kuroshio.maritime.geo.Area.Kind.INTEREST, 26.05, 120.02, 3_000)));
      node.maritime().removeArea("nangan");
      assertThat(node.maritime().areas()).extracting(a -> a.id()).containsExactly("watch");
    }
    try (Node node = Node.start(config, Stores.h2InMemory("areas-" + UUID.randomUUID()),
        Clock.systemUTC())) {
      MaritimeService m = node.maritime();
      assertThat(m.areas()).extracting(a -> a.id()).containsExactly("nangan", "watch");
      assertThat(m.configured("nangan")).isTrue();
      assertThat(m.configured("watch")).isFalse();
      assertThat(m.zones().areasAt(26.05, 120.02)).extracting(h -> h.id())
          .containsExactly("watch");
    }
    Files.writeString(dir.resolve("maritime").resolve("areas.geojson"), "[");
    assertThatThrownBy(() -> Node.start(config, Stores.h2InMemory("areas-" + UUID.randomUUID()),
        Clock.systemUTC())).isInstanceOf(NodeException.class)
        .hasMessageContaining("areas.geojson").hasMessageContaining("move the file away");
  }

  @Test
  void aNodeReadsItsConfiguredTcpInput() throws Exception {
    Path cable = write("cable.geojson", CABLE);
    Path areas = write("areas.geojson", AREAS);
    AppConfig config = AppConfig.defaults().withListener("127.0.0.1", 0).withDataDir(dir)
        .withMaritime(AppConfig.MaritimeSettings.NONE
            .withGeodata(cable, null, List.of(), areas)
            .withInputs(List.of("tcp://127.0.0.1:0?listen"))
            .withFlushInterval(Duration.ofMillis(200)));
    try (Node node = Node.start(config, Stores.h2InMemory("tcp-" + UUID.randomUUID()),
        Clock.systemUTC())) {
      MaritimeService m = node.maritime();
      assertThat(m.zones().cableMap().cables()).hasSize(1);
      assertThat(m.areas()).extracting(a -> a.id()).containsExactly("nangan");
      assertThat(m.configured("nangan")).isTrue();
      int port = m.inputs().getFirst().localPort();
      List<String> lines = MatsuScenario.write(
          List.of(new double[] {119.70, 26.03}, new double[] {120.40, 25.99}),
          Instant.now().minusSeconds(900).getEpochSecond(), 3).lines().subList(0, 500);
      try (Socket s = new Socket("127.0.0.1", port); OutputStream out = s.getOutputStream()) {
        out.write((String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (m.inputs().getFirst().stats().delivered() < lines.size()
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      m.flush();
      assertThat(m.vessels()).isNotEmpty();
      JsonNode health = ApiNode.send(HttpRequest.newBuilder(node.uri().resolve("health")).GET())
          .expect(200).path("maritime");
      assertThat(health.path("lines").asLong()).isEqualTo(lines.size());
      assertThat(health.path("inputs").get(0).path("delivered").asLong())
          .isEqualTo(lines.size());
      assertThat(health.path("inputs").get(0).path("spec").asString()).contains("tcp");
    }
  }
}
