package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kuroshio.maritime.geo.CableMap;
import org.kuroshio.maritime.scenario.MatsuScenario;
import org.kuroshio.sharing.Agreement;
import org.kuroshio.sharing.AgreementKind;
import org.kuroshio.sharing.AgreementStatus;
import org.kuroshio.sharing.Credentials;
import org.kuroshio.sharing.Governance;
import org.kuroshio.sharing.Organisation;
import org.kuroshio.sharing.Role;
import org.kuroshio.sharing.UserAccount;
import org.kuroshio.stix.Domains;
import org.kuroshio.stix.Tlp;
import org.kuroshio.store.Stores;
import org.kuroshio.taxii.TaxiiFilter;
import org.kuroshio.taxii.client.TaxiiClient;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;
import tools.jackson.databind.JsonNode;

/**
 * The maritime REST API on a real node (port 0, in-memory H2) fed the Matsu story through
 * {@code POST /api/maritime/ais}: the live picture (vessels, tracks as GeoJSON, events, SAR)
 * for the node's users and 403 for other organisations, areas with their validation, a cable
 * outage raising an incident, and the detector output reaching partners only through the release
 * rule: the partner whose agreement covers the maritime domain at AMBER reads the observed-data
 * in the agreement's TAXII collection, the partner under a cyber-only agreement does not.
 *
 * <p>The story is laid over the real route of Taiwan Strait Express-1 when the shared cable data
 * is present, else over a straight route through the strait written for the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaritimeApiIT {
  static final String COAST_GUARD = "identity--0a4b6c8d-1e2f-4a5b-8c7d-9e0f1a2b3c4d";
  static final String ALLY = "identity--1b5c7d9e-2f3a-4b6c-9d8e-0f1a2b3c4d5e";
  static final String COMMERCE = "identity--2c6d8e0f-3a4b-4c7d-8e9f-1a2b3c4d5e6f";
  static final String TSE1 = "taiwan-strait-express-1-tse-1";
  static final String TEST_CABLE = "test-strait-cable";
  static final int FREIGHTER = MatsuScenario.FREIGHTER.mmsi();
  static final int SECOND = MatsuScenario.SECOND_IDENTITY.mmsi();

  private Node node;
  private Path dir;
  private String cableId;
  private MatsuScenario.Result story;
  private Instant start;
  private String maritimeCollection;
  private String cyberCollection;
  private MaritimeService.Published firstFlush;
  private JsonNode posted;

  @BeforeAll
  void start() throws IOException {
    dir = Files.createTempDirectory("kuroshio-maritime-");
    Path shared = Path.of(System.getProperty("kuroshio.shared", "../shared"), "data", "cables");
    Path cables = shared.resolve("cables-west-pacific-subset.geojson");
    Path landing = shared.resolve("landing-points-west-pacific-subset.geojson");
    List<double[]> route;
    if (Files.isRegularFile(cables) && Files.isRegularFile(landing)) {
      cableId = TSE1;
      LineString line = (LineString) CableMap.load(cables, landing, 1_852).cable(TSE1)
          .orElseThrow().route().getGeometryN(0);
      route = new ArrayList<>();
      for (Coordinate c : line.getCoordinates()) {
        route.add(new double[] {c.x, c.y});
      }
    } else {
      cableId = TEST_CABLE;
      route = List.of(new double[] {119.70, 26.03}, new double[] {120.40, 25.99});
      cables = dir.resolve("cable.geojson");
      Files.writeString(cables, """
          {"type": "FeatureCollection", "features": [{"type": "Feature",
           "properties": {"id": "%s", "name": "Test strait cable"},
           "geometry": {"type": "LineString", "coordinates": [[119.70, 26.03], [120.40, 25.99]]}}]}
          """.formatted(TEST_CABLE));
      landing = null;
    }
    // The story ends (its last report) about now, so that "now" in SAR sees it.
    start = Instant.now().minusSeconds(25_200).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    story = MatsuScenario.write(route, start.getEpochSecond(), 7);

    AppConfig config = AppConfig.defaults()
        .withNode(new AppConfig.NodeSettings("Coast guard node", null, COAST_GUARD,
            "Coast Guard Administration"))
        .withOrganisations(List.of(
            new Organisation(ALLY, "Pacific Ally Coast Guard", Instant.EPOCH),
            new Organisation(COMMERCE, "Department of Commerce", Instant.EPOCH)))
        .withUsers(List.of(
            user("watch", COAST_GUARD, Role.ANALYST),
            user("viewer", COAST_GUARD, Role.READ_ONLY),
            user("sensor", COAST_GUARD, Role.MACHINE),
            user("ally", ALLY, Role.ANALYST),
            user("commerce", COMMERCE, Role.ANALYST)))
        .withListener("127.0.0.1", 0)
        .withDataDir(dir)
        .withMaritime(AppConfig.MaritimeSettings.NONE
            .withGeodata(cables, landing, List.of(), null)
            .withFlushInterval(Duration.ofHours(1)));
    node = Node.start(config, Stores.h2InMemory("maritime-" + UUID.randomUUID()),
        Clock.systemUTC());

    Governance g = node.data().governance();
    maritimeCollection = agreement(g, "Coast guards: maritime awareness", ALLY,
        Set.of(Domains.MARITIME, Domains.CYBER));
    cyberCollection = agreement(g, "Coast guard and commerce: cyber only", COMMERCE,
        Set.of(Domains.CYBER));

    posted = post("sensor", "/api/maritime/ais", String.join("\n", story.lines()) + "\n",
        "text/plain").expect(202);
    firstFlush = node.maritime().flush();
  }

  private String agreement(Governance g, String title, String partner, Set<String> domains) {
    Agreement a = g.createAgreement(node.operator(), AgreementKind.LETTER_OF_INTENT, title,
        List.of(COAST_GUARD, partner), domains, Tlp.AMBER, Instant.parse("2025-01-01T00:00:00Z"),
        null);
    g.changeStatus(node.operator(), a.id(), AgreementStatus.ACTIVE, "signed");
    return a.id().substring("kuroshio-agreement--".length());
  }

  private static UserAccount user(String name, String org, Role role) {
    return new UserAccount(name, org, Set.of(role), null,
        List.of(Credentials.hashToken(token(name))), Map.of());
  }

  private static String token(String user) {
    return "maritime-test-token-" + user;
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  // ---- HTTP ----

  private ApiNode.Response get(String user, String path) {
    return send(user, "GET", path, null, null);
  }

  private ApiNode.Response post(String user, String path, String body, String type) {
    return send(user, "POST", path, body, type);
  }

  private ApiNode.Response send(@Nullable String user, String method, String path,
      @Nullable String body, @Nullable String type) {
    return send(node, user, method, path, body, type);
  }

  private static ApiNode.Response send(Node target, @Nullable String user, String method,
      String path, @Nullable String body, @Nullable String type) {
    HttpRequest.Builder b = HttpRequest.newBuilder(target.uri().resolve(path.substring(1)));
    if (user != null) {
      b.header("Authorization", "Bearer " + token(user));
    }
    if (type != null) {
      b.header("Content-Type", type);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    return ApiNode.send(b);
  }

  private TaxiiClient taxii(String user) {
    return TaxiiClient.builder(node.uri().resolve("api/")).bearerToken(token(user)).build();
  }

  private List<JsonNode> events(String query) {
    List<JsonNode> out = new ArrayList<>();
    get("watch", "/api/maritime/events" + query).expect(200).path("events").forEach(out::add);
    return out;
  }

  // ---- ingest and the live picture ----

  @Test
  void thePostedStoryIsDecodedWithoutErrors() {
    assertThat(posted.path("lines").asLong()).isEqualTo(story.lines().size());
    assertThat(posted.path("messages").asLong()).isGreaterThan(1_000);
    assertThat(posted.path("line_errors").asLong()).isZero();
    assertThat(firstFlush.events()).isPositive();
    assertThat(firstFlush.refused()).isZero();
    JsonNode health = ApiNode.send(HttpRequest.newBuilder(node.uri().resolve("health")).GET())
        .expect(200).path("maritime");
    assertThat(health.path("lines").asLong()).isEqualTo(story.lines().size());
    assertThat(health.path("vessels").asInt()).isEqualTo(2 + story.backgroundMmsis().size());
    assertThat(health.path("objects_refused").asLong()).isZero();
  }

  @Test
  void vesselsAreListedFoundAndBoxed() {
    JsonNode all = get("watch", "/api/maritime/vessels").expect(200);
    assertThat(all.path("total").asInt()).isEqualTo(2 + story.backgroundMmsis().size());
    JsonNode found = get("viewer", "/api/maritime/vessels?q=eastern").expect(200);
    assertThat(found.path("vessels")).hasSize(1);
    JsonNode v = found.path("vessels").get(0);
    assertThat(v.path("mmsi").asInt()).isEqualTo(FREIGHTER);
    assertThat(v.path("name").asString()).isEqualTo("EASTERN GRACE");
    assertThat(v.path("imo").asInt()).isEqualTo(9344715);
    assertThat(v.path("call_sign").asString()).isEqualTo("5VEG7");
    assertThat(v.path("flag").asString()).isEqualTo("TG");
    // 138 m written as 4/5 to the bow and 1/5 to the stern, each rounded down by the scenario.
    assertThat(v.path("length").asInt()).isBetween(137, 138);
    assertThat(v.path("last_seen").asString()).endsWith("Z");
    assertThat(get("watch", "/api/maritime/vessels?q=" + SECOND).expect(200).path("vessels")
        .get(0).path("name").asString()).isEqualTo("SEA LUCKY 9");

    // A box around where the freighter went dark holds it; one far away holds nothing.
    String box = String.format(java.util.Locale.ROOT, "%.4f,%.4f,%.4f,%.4f",
        story.darkLon() - 0.05, story.darkLat() - 0.05, story.darkLon() + 0.05,
        story.darkLat() + 0.05);
    List<Integer> inBox = new ArrayList<>();
    get("watch", "/api/maritime/vessels?bbox=" + box).expect(200).path("vessels")
        .forEach(x -> inBox.add(x.path("mmsi").asInt()));
    assertThat(inBox).contains(FREIGHTER);
    assertThat(get("watch", "/api/maritime/vessels?bbox=0,0,1,1").expect(200).path("vessels"))
        .isEmpty();
    assertThat(get("watch", "/api/maritime/vessels?limit=3").expect(200).path("vessels"))
        .hasSize(3);
  }

  @Test
  void aVesselHasDetailsAndATrackInGeoJson() {
    JsonNode v = get("watch", "/api/maritime/vessels/" + FREIGHTER).expect(200);
    assertThat(v.path("destination").asString()).isEqualTo("FUZHOU");
    assertThat(v.path("history").isArray()).isTrue();
    assertThat(v.path("stix_id").asString()).startsWith("kuroshio-vessel--");

    ApiNode.Response r = get("watch", "/api/maritime/vessels/" + FREIGHTER + "/track");
    JsonNode fc = r.expect(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/geo+json"));
    assertThat(fc.path("type").asString()).isEqualTo("FeatureCollection");
    JsonNode line = fc.path("features").get(0);
    assertThat(line.path("geometry").path("type").asString()).isEqualTo("LineString");
    int points = line.path("geometry").path("coordinates").size();
    assertThat(points).isGreaterThan(100);
    assertThat(fc.path("features")).hasSize(points + 1);
    JsonNode p = fc.path("features").get(1);
    assertThat(p.path("geometry").path("type").asString()).isEqualTo("Point");
    Instant first = Instant.parse(p.path("properties").path("time").asString());
    assertThat(first).isBetween(start, start.plusSeconds(60));
    assertThat(p.path("properties").path("speed").asDouble()).isEqualTo(11.0);
    assertThat(p.path("properties").has("course")).isTrue();

    // A window: only the fixes in it.
    String from = start.plusSeconds(3_600).toString();
    String to = start.plusSeconds(3_660).toString();
    JsonNode window = get("watch", "/api/maritime/vessels/" + FREIGHTER + "/track?from=" + from
        + "&to=" + to).expect(200);
    assertThat(window.path("properties").path("total_points").asInt()).isBetween(5, 7);

    JsonNode area = get("watch", "/api/maritime/tracks?bbox=119,25,121,27&from="
        + start + "&to=" + Instant.now()).expect(200);
    List<Integer> mmsis = new ArrayList<>();
    area.path("features").forEach(f -> mmsis.add(f.path("properties").path("mmsi").asInt()));
    assertThat(mmsis).contains(FREIGHTER, SECOND);
  }

  @Test
  void badParametersAre400AndUnknownVesselsAre404() {
    get("watch", "/api/maritime/vessels/abc").expectError(400, "mmsi must be a number");
    get("watch", "/api/maritime/vessels/12345678901").expectError(400, "mmsi");
    get("watch", "/api/maritime/vessels/211000001").expectError(404, "211000001");
    get("watch", "/api/maritime/vessels/211000001/track").expectError(404);
    get("watch", "/api/maritime/vessels?bbox=1,2,3").expectError(400, "bbox");
    get("watch", "/api/maritime/vessels?bbox=0,10,1,5").expectError(400, "minLat");
    get("watch", "/api/maritime/vessels?limit=5000").expectError(400, "limit");
    get("watch", "/api/maritime/vessels?colour=red").expectError(400, "unknown query parameter");
    get("watch", "/api/maritime/events?kind=piracy").expectError(400, "cable-threat");
    get("watch", "/api/maritime/events?since=yesterday").expectError(400, "RFC 3339");
    get("watch", "/api/maritime/vessels/" + FREIGHTER + "/track?from=2026-01-02T00:00:00Z&to="
        + "2026-01-01T00:00:00Z").expectError(400, "after");
    get("watch", "/api/maritime/tracks").expectError(400, "bbox");
    get("watch", "/api/maritime/sar?lat=26").expectError(400, "lon");
    get("watch", "/api/maritime/sar?lat=95&lon=120").expectError(400, "lat");
    get("watch", "/api/maritime/sar?lat=26&lon=120&radius_m=900000").expectError(400,
        "radius_m");
    send(null, "GET", "/api/maritime/vessels", null, null).expectError(401);
  }

  // ---- events ----

  @Test
  void theStorysEventsAreDetectedAndPublished() {
    List<JsonNode> all = events("?limit=1000");
    // The story as the detectors tell it: the freighter's passage over the cable (reported in
    // two parts, a visit being cut at two hours), its dark period in the corridor, the swap to
    // the second identity; the fishing boats loiter.
    List<String> kinds = all.stream().map(e -> e.path("kind").asString()).distinct().toList();
    assertThat(kinds).contains("cable-threat", "ais-gap", "identity-swap", "loitering");
    assertThat(events("?kind=ais-gap&mmsi=" + FREIGHTER).getFirst().path("details")
        .path("variant").asString()).isEqualTo("cable-corridor:" + cableId);

    List<JsonNode> threats = events("?kind=cable-threat&mmsi=" + FREIGHTER);
    assertThat(threats).isNotEmpty();
    JsonNode t = threats.getFirst();
    assertThat(t.path("details").path("cableId").asString()).isEqualTo(cableId);
    assertThat(t.path("score").asDouble()).isGreaterThanOrEqualTo(0.5);
    assertThat(t.path("summary").asString()).isNotBlank();
    assertThat(t.path("evidence")).isNotEmpty();
    JsonNode ev = t.path("evidence").get(0);
    assertThat(ev.path("type").asString()).isEqualTo("Point");
    assertThat(ev.path("coordinates")).hasSize(2);
    assertThat(t.path("stix_id").asString()).startsWith("observed-data--");

    List<JsonNode> swaps = events("?kind=identity-swap");
    assertThat(swaps).anySatisfy(s -> {
      assertThat(s.path("mmsi").asInt()).isEqualTo(FREIGHTER);
      assertThat(s.path("other_mmsi").asInt()).isEqualTo(SECOND);
    });
    assertThat(events("?mmsi=" + SECOND)).isNotEmpty();
    assertThat(events("?since=2100-01-01T00:00:00Z")).isEmpty();
    assertThat(events("?limit=1")).hasSize(1);

    // The observed-data is stored, owned by the node's organisation, marked AMBER, maritime.
    JsonNode od = get("watch", "/api/objects/" + t.path("stix_id").asString()).expect(200)
        .path("versions").get(0);
    assertThat(od.path("created_by_ref").asString()).isEqualTo(COAST_GUARD);
    assertThat(od.path("object_marking_refs").get(0).asString())
        .isEqualTo(Tlp.AMBER.markingId());
    JsonNode vessel = get("watch", "/api/objects/" + od.path("object_refs").get(0).asString())
        .expect(200).path("versions");
    assertThat(vessel.get(vessel.size() - 1).path("name").asString()).isEqualTo("EASTERN GRACE");

    // Flushing again writes nothing new.
    MaritimeService.Published again = node.maritime().flush();
    assertThat(again.events()).isZero();
    assertThat(again.written()).isZero();
  }

  @Test
  void partnersSeeTheEventsOnlyThroughTheReleaseRule() {
    String od = events("?kind=cable-threat&mmsi=" + FREIGHTER).getFirst().path("stix_id")
        .asString();
    List<String> maritime = taxii("ally").allObjects(maritimeCollection, TaxiiFilter.none())
        .map(o -> o.path("id").asString()).toList();
    assertThat(maritime).contains(od);
    get("ally", "/api/objects/" + od).expect(200);

    List<String> cyber = taxii("commerce").allObjects(cyberCollection, TaxiiFilter.none())
        .map(o -> o.path("id").asString()).toList();
    assertThat(cyber).noneMatch(id -> id.startsWith("observed-data--")
        || id.startsWith("kuroshio-vessel--"));
    get("commerce", "/api/objects/" + od).expectError(404);
  }

  @Test
  void otherOrganisationsAreRefusedTheLivePicture() {
    for (String path : List.of("/api/maritime/vessels", "/api/maritime/vessels/" + FREIGHTER,
        "/api/maritime/vessels/" + FREIGHTER + "/track", "/api/maritime/tracks?bbox=0,0,1,1",
        "/api/maritime/events", "/api/maritime/sar?lat=26&lon=120", "/api/maritime/areas",
        "/api/maritime/outages")) {
      get("ally", path).expectError(403, "maritime products reach partners as STIX");
    }
    post("ally", "/api/maritime/ais", "!AIVDM\n", "text/plain").expectError(403);
    // Cable corridors are reference data.
    get("ally", "/api/maritime/cables?cable=" + cableId).expect(200);
  }

  @Test
  void theLivePictureIsForTheMaritimeOwnersUsersAndTheNodesAdmins() throws IOException {
    Path other = Files.createTempDirectory("kuroshio-maritime-owner-");
    AppConfig config = AppConfig.defaults()
        .withNode(new AppConfig.NodeSettings("Operator node", null, COAST_GUARD,
            "Coast Guard Administration"))
        .withOrganisations(List.of(
            new Organisation(ALLY, "Pacific Ally Coast Guard", Instant.EPOCH),
            new Organisation(COMMERCE, "Department of Commerce", Instant.EPOCH)))
        .withUsers(List.of(
            user("ally", ALLY, Role.READ_ONLY),
            user("commerce", COMMERCE, Role.ANALYST),
            user("viewer", COAST_GUARD, Role.READ_ONLY),
            user("admin", COAST_GUARD, Role.ADMIN)))
        .withListener("127.0.0.1", 0)
        .withDataDir(other)
        .withMaritime(AppConfig.MaritimeSettings.NONE.withOwner(ALLY)
            .withFlushInterval(Duration.ofHours(1)));
    try (Node n = Node.start(config, Stores.h2InMemory("owner-" + UUID.randomUUID()),
        Clock.systemUTC())) {
      assertThat(n.maritime().organisation()).isEqualTo(ALLY);
      // A user of the owner organisation reads the picture; so does the node's administrator.
      send(n, "ally", "GET", "/api/maritime/vessels", null, null).expect(200);
      send(n, "admin", "GET", "/api/maritime/vessels", null, null).expect(200);
      // Another organisation, and a non-admin user of the node's own, are refused.
      send(n, "commerce", "GET", "/api/maritime/vessels", null, null)
          .expectError(403, "Pacific Ally Coast Guard");
      send(n, "viewer", "GET", "/api/maritime/vessels", null, null)
          .expectError(403, "maritime products reach partners as STIX");
      // Writing keeps its role rule: a read-only user of the owner may not add an area.
      send(n, "ally", "POST", "/api/maritime/areas", "{}", "application/json")
          .expectError(403, "analyst or admin");
    }
  }

  // ---- SAR ----

  @Test
  void sarListsTheNearestReachableFirst() {
    JsonNode now = get("watch", "/api/maritime/sar?lat=" + story.darkLat() + "&lon="
        + story.darkLon() + "&radius_m=60000&limit=50").expect(200);
    JsonNode candidates = now.path("now").path("candidates");
    assertThat(candidates).isNotEmpty();
    List<Integer> mmsis = new ArrayList<>();
    long previous = -1;
    boolean unreachable = false;
    for (JsonNode c : candidates) {
      mmsis.add(c.path("mmsi").asInt());
      assertThat(c.path("distance_m").asDouble()).isBetween(0.0, 60_000.0);
      assertThat(c.has("bearing")).isTrue();
      if (c.path("time_to_reach_s").isNull()) {
        unreachable = true;
        assertThat(c.path("time_to_reach").isNull()).isTrue();
      } else {
        assertThat(unreachable).as("moving vessels come before the unreachable").isFalse();
        long s = c.path("time_to_reach_s").asLong();
        assertThat(s).isGreaterThanOrEqualTo(previous);
        assertThat(c.path("time_to_reach").asString()).startsWith("PT");
        previous = s;
      }
    }
    assertThat(mmsis).contains(SECOND).doesNotContain(FREIGHTER);
    assertThat(now.path("at").isNull()).isTrue();

    // At the moment it went dark, the freighter was right there.
    JsonNode then = get("watch", "/api/maritime/sar?lat=" + story.darkLat() + "&lon="
        + story.darkLon() + "&radius_m=5000&time="
        + Instant.ofEpochSecond(story.darkAt()) + "").expect(200).path("at");
    JsonNode first = then.path("candidates").get(0);
    assertThat(first.path("mmsi").asInt()).isEqualTo(FREIGHTER);
    assertThat(first.path("distance_m").asDouble()).isLessThan(100);
  }

  // ---- areas ----

  @Test
  void areasAreAddedListedValidatedAndRemoved() {
    JsonNode made = post("watch", "/api/maritime/areas", """
        {"id": "matsu-watch", "name": "South-east of Nangan", "kind": "interest",
         "circle": {"lat": 26.05, "lon": 120.02, "radius_m": 5000}}""", "application/json")
        .expect(201);
    assertThat(made.path("features").get(0).path("properties").path("radius_m").asDouble())
        .isEqualTo(5000);
    post("watch", "/api/maritime/areas", """
        {"id": "nangan-anchorage", "kind": "anchorage",
         "polygon": [[119.9, 26.1], [120.0, 26.1], [120.0, 26.2], [119.9, 26.2], [119.9, 26.1]]}
        """, "application/json").expect(201);
    post("watch", "/api/maritime/areas", """
        {"type": "FeatureCollection", "features": [{"type": "Feature",
         "properties": {"id": "geo-box", "name": "Box"},
         "geometry": {"type": "Polygon", "coordinates":
           [[[120.1, 25.9], [120.2, 25.9], [120.2, 26.0], [120.1, 25.9]]]}}]}""",
        "application/json").expect(201);

    post("watch", "/api/maritime/areas", """
        {"type": "Feature", "properties": {"id": "geo-circle", "radius_m": 800},
         "geometry": {"type": "Point", "coordinates": [120.3, 25.8]}}""", "application/geo+json")
        .expect(201);
    post("watch", "/api/maritime/areas", "{\"type\": \"Feature\", \"geometry\": ",
        "application/geo+json").expectError(400, "not valid JSON");

    JsonNode list = get("viewer", "/api/maritime/areas").expect(200);
    List<String> ids = new ArrayList<>();
    list.path("features").forEach(f -> ids.add(f.path("id").asString()));
    assertThat(ids).contains("matsu-watch", "nangan-anchorage", "geo-box", "geo-circle");
    assertThat(node.maritime().zones().inAnchorage(26.15, 119.95)).isTrue();
    assertThat(node.maritime().zones().areasAt(26.05, 120.02))
        .anySatisfy(h -> assertThat(h.id()).isEqualTo("matsu-watch"));

    post("watch", "/api/maritime/areas", """
        {"id": "matsu-watch", "circle": {"lat": 26, "lon": 120, "radius_m": 10}}""",
        "application/json").expectError(409, "matsu-watch");
    post("watch", "/api/maritime/areas", """
        {"id": "x", "circle": {"lat": 26, "lon": 120, "radius_m": 0}}""", "application/json")
        .expectError(400, "radius");
    post("watch", "/api/maritime/areas", """
        {"id": "x", "circle": {"lat": 126, "lon": 120, "radius_m": 10}}""", "application/json")
        .expectError(400, "centre");
    post("watch", "/api/maritime/areas", """
        {"id": "x", "polygon": [[120, 26], [121, 26], [121, 27]]}""", "application/json")
        .expectError(400, "at least 4");
    post("watch", "/api/maritime/areas", """
        {"id": "x", "polygon": [[120, 26], [121, 26], [121, 27], [120.5, 27]]}""",
        "application/json").expectError(400, "not closed");
    post("watch", "/api/maritime/areas", """
        {"id": "x", "polygon": [[120, 26], [121, 27], [121, 26], [120, 27], [120, 26]]}""",
        "application/json").expectError(400, "invalid polygon");
    post("watch", "/api/maritime/areas", """
        {"id": "x", "kind": "harbour", "circle": {"lat": 26, "lon": 120, "radius_m": 10}}""",
        "application/json").expectError(400, "interest");
    post("watch", "/api/maritime/areas", """
        {"name": "no id", "circle": {"lat": 26, "lon": 120, "radius_m": 10}}""",
        "application/json").expectError(400, "id is required");
    post("watch", "/api/maritime/areas", "{\"id\": \"x\"}", "application/json")
        .expectError(400, "exactly one");
    post("watch", "/api/maritime/areas", """
        {"id": "x", "circle": {"lat": 26, "lon": 120, "radius_m": 10}, "colour": "red"}""",
        "application/json").expectError(400, "colour");
    post("watch", "/api/maritime/areas", """
        {"id": "bad id/with slash", "circle": {"lat": 26, "lon": 120, "radius_m": 10}}""",
        "application/json").expectError(400, "area id");
    post("watch", "/api/maritime/areas", "{\"type\": \"FeatureCollection\", \"features\": []}",
        "application/json").expectError(400, "no feature");
    post("watch", "/api/maritime/areas", "id=x", "text/plain").expectError(415);
    post("viewer", "/api/maritime/areas", """
        {"id": "y", "circle": {"lat": 26, "lon": 120, "radius_m": 10}}""", "application/json")
        .expectError(403, "analyst or admin");

    JsonNode gone = send("watch", "DELETE", "/api/maritime/areas/matsu-watch", null, null)
        .expect(200);
    assertThat(gone.path("removed").asString()).isEqualTo("matsu-watch");
    send("watch", "DELETE", "/api/maritime/areas/matsu-watch", null, null).expectError(404);
    assertThat(node.maritime().zones().areasAt(26.05, 120.02)).isEmpty();
    send("watch", "DELETE", "/api/maritime/areas/nangan-anchorage", null, null).expect(200);
    send("watch", "DELETE", "/api/maritime/areas/geo-box", null, null).expect(200);
    send("watch", "DELETE", "/api/maritime/areas/geo-circle", null, null).expect(200);
  }

  // ---- cables and outages ----

  @Test
  void cablesAreGeoJsonCorridors() {
    ApiNode.Response r = get("watch", "/api/maritime/cables");
    JsonNode all = r.expect(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/geo+json"));
    assertThat(all.path("features")).isNotEmpty();
    JsonNode one = get("watch", "/api/maritime/cables?cable=" + cableId).expect(200);
    assertThat(one.path("features")).hasSize(2);
    assertThat(one.path("features").get(0).path("properties").path("part").asString())
        .isEqualTo("corridor");
    assertThat(one.path("features").get(0).path("geometry").path("type").asString())
        .endsWith("Polygon");
    get("watch", "/api/maritime/cables?cable=nope").expectError(404, "nope");
  }

  @Test
  void anOutageOfTheCableRaisesAnIncidentThePartnersMaySee() {
    Instant outageStart = Instant.ofEpochSecond(story.darkAt()).plus(Duration.ofMinutes(40));
    post("watch", "/api/maritime/outages", """
        {"cable_id": "no-such-cable", "start": "%s"}""".formatted(outageStart),
        "application/json").expectError(400, "no-such-cable");
    post("watch", "/api/maritime/outages", """
        {"cable_id": "%s", "start": "%s", "end": "%s"}""".formatted(cableId, outageStart,
        outageStart.minusSeconds(60)), "application/json").expectError(400, "before it starts");
    post("watch", "/api/maritime/outages", """
        {"cable_id": "%s"}""".formatted(cableId), "application/json")
        .expectError(400, "start");
    post("viewer", "/api/maritime/outages", """
        {"cable_id": "%s", "start": "%s"}""".formatted(cableId, outageStart),
        "application/json").expectError(403);

    // Long before the story: nothing coincides.
    JsonNode none = post("watch", "/api/maritime/outages", """
        {"cable_id": "%s", "start": "2020-01-01T00:00:00Z"}""".formatted(cableId),
        "application/json").expect(201);
    assertThat(none.path("incidents")).isEmpty();

    JsonNode made = post("watch", "/api/maritime/outages", """
        {"cable_id": "%s", "start": "%s", "description": "Loss of light on segment 2"}"""
        .formatted(cableId, outageStart), "application/json").expect(201);
    // One incident per coinciding threat: the passage is reported as two cable-threat events.
    int threats = events("?kind=cable-threat&mmsi=" + FREIGHTER).size();
    assertThat(made.path("incidents")).hasSize(threats);
    String incident = made.path("incidents").get(0).asString();
    assertThat(made.path("outage").path("reported_by").asString())
        .isEqualTo("watch@" + COAST_GUARD);

    JsonNode stored = get("watch", "/api/objects/" + incident).expect(200).path("versions")
        .get(0);
    assertThat(stored.path("type").asString()).isEqualTo("incident");
    assertThat(stored.path("name").asString()).contains("MMSI " + FREIGHTER);
    assertThat(stored.path("object_marking_refs").get(0).asString())
        .isEqualTo(Tlp.AMBER.markingId());
    get("ally", "/api/objects/" + incident).expect(200);
    get("commerce", "/api/objects/" + incident).expectError(404);
    assertThat(get("watch", "/api/maritime/outages").expect(200).path("outages")).hasSize(2);

    // Recording it again raises the same incident, already stored.
    JsonNode again = post("watch", "/api/maritime/outages", """
        {"cable_id": "%s", "start": "%s"}""".formatted(cableId, outageStart),
        "application/json").expect(201);
    assertThat(again.path("incidents")).isEqualTo(made.path("incidents"));
  }

  // ---- AIS posts ----

  @Test
  void aisPostsAreCheckedAndCounted() {
    post("watch", "/api/maritime/ais", "!AIVDM,1,1,,A,bad*00\n", "application/json")
        .expectError(415, "text/plain");
    post("viewer", "/api/maritime/ais", "x\n", "text/plain").expectError(403, "machine");
    JsonNode r = post("watch", "/api/maritime/ais",
        "not nmea\n!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*00\n", "text/plain").expect(202);
    assertThat(r.path("lines").asInt()).isEqualTo(2);
    assertThat(r.path("line_errors").asInt()).isEqualTo(2);
    assertThat(r.path("messages").asInt()).isZero();

    byte[] big = new byte[MaritimeRoutes.MAX_AIS_BYTES + 1];
    java.util.Arrays.fill(big, (byte) 'x');
    ApiNode.Response tooBig = ApiNode.send(HttpRequest.newBuilder(
            URI.create(node.uri() + "api/maritime/ais"))
        .header("Authorization", "Bearer " + token("sensor"))
        .header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofByteArray(big)));
    tooBig.expectError(413, "at most");
  }
}
