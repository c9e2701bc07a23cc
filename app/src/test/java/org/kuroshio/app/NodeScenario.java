package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.kuroshio.stix.StixJson;
import org.kuroshio.stix.StixObject;
import org.kuroshio.taxii.ApiRoot;
import org.kuroshio.taxii.Discovery;
import org.kuroshio.taxii.Envelope;
import org.kuroshio.taxii.Manifest;
import org.kuroshio.taxii.Status;
import org.kuroshio.taxii.TaxiiCollection;
import org.kuroshio.taxii.TaxiiException;
import org.kuroshio.taxii.TaxiiFilter;
import org.kuroshio.taxii.client.TaxiiClient;
import tools.jackson.databind.JsonNode;

/**
 * The end-to-end scenario: the real node, started on port 0 with the demo scenario loaded,
 * driven over HTTP with the project's TAXII client. Each subclass names the database
 * ({@link NodeIT} H2, {@link PostgresNodeIT} PostgreSQL), so the same tests run on both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NodeScenario {
  private static final String PARTNERS = DemoScenario.PARTNER_COLLECTION;
  private static final String LOI = DemoScenario.LOI_COLLECTION;
  private static final String SOI = DemoScenario.SOI_COLLECTION;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Node node;
  private URI apiRoot;
  private Map<String, Integer> firstLoad;

  /** Returns the database the node stores into (the data directory is a temporary folder). */
  protected abstract AppConfig.DatabaseSettings database() throws Exception;

  /** Releases what {@link #database()} started, after the node has stopped. */
  protected void closeDatabase() throws Exception {}

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    AppConfig config = DemoScenario.configure(AppConfig.defaults(), 1000)
        .withDataDir(dir)
        .withListener("127.0.0.1", 0)
        .withDatabase(database());
    node = Node.start(config);
    firstLoad = DemoScenario.load(node.data());
    apiRoot = node.uri().resolve("api/");
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (node != null) {
        node.close();
      }
    } finally {
      closeDatabase();
    }
  }

  private TaxiiClient as(String user) {
    DemoScenario.DemoUser u = DemoScenario.users().stream()
        .filter(x -> x.name().equals(user)).findFirst().orElseThrow();
    return TaxiiClient.builder(apiRoot).basicAuth(u.name(), u.password().toCharArray()).build();
  }

  private HttpResponse<String> get(String path, String... headers) throws IOException,
      InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(node.uri().resolve(path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void discoveryAndApiRootDescribeTheNode() {
    TaxiiClient nsb = as("nsb");
    Discovery discovery = nsb.discovery();
    assertThat(discovery.title()).isEqualTo("Kuroshio demo node");
    assertThat(discovery.apiRoots()).anySatisfy(r -> assertThat(r).endsWith("/api/"));
    ApiRoot root = nsb.apiRoot();
    assertThat(root.maxContentLength()).isEqualTo(AppConfig.DEFAULT_MAX_CONTENT_LENGTH);
    assertThat(root.versions()).contains("application/taxii+json;version=2.1");
  }

  @Test
  void wrongMethodOnATaxiiPathIs405AndHeadWorks() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(apiRoot.resolve("collections/"))
        .header("Accept", "application/taxii+json;version=2.1")
        .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).contains("GET, HEAD");
  }

  private static String local(String organisation) {
    return org.kuroshio.sharing.SharingState.localCollectionId(organisation);
  }

  private static Set<String> tlp(StixObject o) {
    return Set.copyOf(org.kuroshio.stix.Markings.tlp(o).map(t -> Set.of(t.wireName()))
        .orElse(Set.of()));
  }

  /**
   * The scenario objects a party of an agreement covering cyber may read, computed plainly:
   * objects marked with an allowed TLP, without relationships or sightings whose ends are not
   * themselves readable (the organisations' identities are the node's own, not the scenario's).
   */
  private static Set<String> readable(Set<String> levels) {
    Set<String> orgs = Set.of(DemoScenario.NSB, DemoScenario.PACIFIC_ALLY, DemoScenario.COMMERCE,
        DemoScenario.COMPUTER_ASSOCIATION, DemoScenario.OPERATOR);
    Set<String> ok = new java.util.HashSet<>(orgs);
    List<StixObject> all = DemoScenario.objects();
    for (StixObject o : all) {
      if (!o.type().equals("relationship") && !o.type().equals("sighting")
          && !tlp(o).isEmpty() && levels.containsAll(tlp(o))) {
        ok.add(o.id());
      }
    }
    for (StixObject o : all) {
      if ((o.type().equals("relationship") || o.type().equals("sighting"))
          && levels.containsAll(tlp(o))
          && o.string("source_ref").map(ok::contains).orElse(true)
          && o.string("target_ref").map(ok::contains).orElse(true)
          && o.string("sighting_of_ref").map(ok::contains).orElse(true)) {
        ok.add(o.id());
      }
    }
    ok.removeAll(orgs);
    return ok;
  }

  private static final Set<String> GREEN = Set.of("clear", "green");

  @Test
  void eachPartnerSeesItsLocalCollectionAndItsAgreements() {
    assertThat(as("nsb").collections()).extracting(TaxiiCollection::id)
        .containsExactlyInAnyOrder(local(DemoScenario.NSB), PARTNERS, LOI, SOI);
    assertThat(as("commerce").collections()).extracting(TaxiiCollection::id)
        .containsExactlyInAnyOrder(local(DemoScenario.COMMERCE), PARTNERS, SOI);
    assertThat(as("association").collections()).extracting(TaxiiCollection::id)
        .containsExactlyInAnyOrder(local(DemoScenario.COMPUTER_ASSOCIATION), PARTNERS);
    TaxiiCollection partners = as("association").collection(PARTNERS);
    assertThat(partners.title()).isEqualTo("Partner intelligence dialogue");
    assertThat(partners.canRead()).isTrue();
    assertThat(partners.canWrite()).isTrue();
  }

  @Test
  void theDialogueReleasesExactlyTheGreenScenario_pageByPage() {
    Set<String> read = as("pacific").allObjects(PARTNERS, TaxiiFilter.none().withLimit(7))
        .filter(o -> !Set.of("marking-definition", "extension-definition", "identity",
            "kuroshio-agreement").contains(o.get("type").asString()))
        .map(o -> o.get("id").asString())
        .collect(Collectors.toSet());
    // Another test posts one more GREEN indicator into the dialogue.
    read.remove("indicator--00000000-0000-4000-8000-0000000000c1");
    Set<String> expected = readable(GREEN);
    expected.removeIf(id -> id.startsWith("identity--") || id.startsWith("marking-definition--"));
    assertThat(read).isEqualTo(expected);
  }

  @Test
  void amberObjectsStayOutOfTheDialogue_evenByIdOrManifest() {
    List<String> amber = DemoScenario.objects().stream()
        .filter(o -> tlp(o).contains("amber")).map(StixObject::id).toList();
    assertThat(amber).isNotEmpty();
    TaxiiClient commerce = as("commerce");
    Set<String> manifest = commerce.manifest(PARTNERS, TaxiiFilter.none().withLimit(1000)).body()
        .objects().stream().map(r -> r.id()).collect(Collectors.toSet());
    for (String id : amber) {
      assertThat(manifest).doesNotContain(id);
      assertThatThrownBy(() -> commerce.getObject(PARTNERS, id, TaxiiFilter.none()))
          .isInstanceOfSatisfying(TaxiiException.class,
              e -> assertThat(e.status()).isEqualTo(404));
    }
  }

  @Test
  void objectsCanBeFilteredByType() {
    List<String> green = DemoScenario.objects().stream()
        .filter(o -> o.type().equals("indicator") && GREEN.containsAll(tlp(o)))
        .map(StixObject::id).toList();
    Envelope indicators = as("nsb").getObjects(PARTNERS, TaxiiFilter.none()
        .withTypes("indicator")).body();
    assertThat(indicators.objects())
        .allSatisfy(o -> assertThat(o.get("type").asString()).isEqualTo("indicator"))
        .extracting(o -> o.get("id").asString())
        .containsAll(green);
    assertThat(green).hasSize(4);
  }

  @Test
  void theDenialCanBeReadByIdAndPointsAtTheAccusation() {
    StixObject opinion = DemoScenario.objects().stream()
        .filter(o -> o.type().equals("opinion")).findFirst().orElseThrow();
    Envelope e = as("commerce").getObject(PARTNERS, opinion.id(), TaxiiFilter.none()).body();
    assertThat(e.objects()).singleElement().satisfies(o -> {
      assertThat(o.get("opinion").asString()).isEqualTo("strongly-disagree");
      assertThat(StixJson.parse(o.toString())).isEqualTo(opinion);
    });
  }

  @Test
  void theLetterOfIntentCarriesTheAmberWorkOfItsTwoParties() {
    Set<String> expected = DemoScenario.objects().stream()
        .filter(o -> tlp(o).contains("amber")
            && Set.of(DemoScenario.NSB, DemoScenario.PACIFIC_ALLY)
                .contains(DemoScenario.contributor(o)))
        .map(StixObject::id).collect(Collectors.toSet());
    Set<String> manifest = as("pacific").manifest(LOI, TaxiiFilter.none().withLimit(1000)).body()
        .objects().stream().map(r -> r.id()).collect(Collectors.toSet());
    assertThat(manifest).containsAll(expected);
    assertThat(as("nsb").manifest(SOI, TaxiiFilter.none().withLimit(1000)).body().objects())
        .extracting(r -> r.id()).doesNotContainAnyElementsOf(expected);
  }

  @Test
  void aPartnerPostsAnIndicatorAndReadsItBack() {
    TaxiiClient commerce = as("commerce");
    String id = "indicator--00000000-0000-4000-8000-0000000000c1";
    JsonNode indicator = StixJson.readTree("""
        {"type": "indicator", "spec_version": "2.1", "id": "%s",
         "created_by_ref": "%s",
         "created": "2025-06-01T00:00:00.000Z", "modified": "2025-06-01T00:00:00.000Z",
         "name": "Another look-alike domain",
         "pattern": "[domain-name:value = 'gov-mail-check.example.org']",
         "pattern_type": "stix", "valid_from": "2025-06-01T00:00:00Z",
         "object_marking_refs": ["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]}
        """.formatted(id, DemoScenario.COMMERCE), StixJson.mapper());
    JsonNode broken = StixJson.readTree("""
        {"type": "indicator", "spec_version": "2.1",
         "id": "indicator--00000000-0000-4000-8000-0000000000c2",
         "created": "2025-06-01T00:00:00.000Z", "modified": "2025-06-01T00:00:00.000Z",
         "pattern_type": "stix", "valid_from": "2025-06-01T00:00:00Z"}
        """, StixJson.mapper());
    Status status = commerce.addEnvelope(PARTNERS, Envelope.of(List.of(indicator, broken)));
    assertThat(status.totalCount()).isEqualTo(2);
    assertThat(status.successCount()).isEqualTo(1);
    assertThat(status.failureCount()).isEqualTo(1);
    assertThat(status.failures()).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("pattern"));
    assertThat(commerce.status(status.id()).id()).isEqualTo(status.id());

    Envelope back = as("nsb").getObject(PARTNERS, id, TaxiiFilter.none()).body();
    assertThat(back.objects()).singleElement()
        .satisfies(o -> assertThat(o.get("name").asString()).isEqualTo(
            "Another look-alike domain"));
  }

  @Test
  void theBureauTokenWorksAsABearerToken() {
    TaxiiClient token = TaxiiClient.builder(apiRoot)
        .bearerToken(DemoScenario.users().get(0).token()).build();
    assertThat(token.collections()).hasSize(4);
  }

  @Test
  void wrongPasswordIsUnauthorised() {
    TaxiiClient wrong = TaxiiClient.builder(apiRoot)
        .basicAuth("nsb", "not-the-password".toCharArray()).build();
    assertThatThrownBy(wrong::collections)
        .isInstanceOfSatisfying(TaxiiException.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  @Test
  void noCredentialsIsUnauthorised() throws Exception {
    HttpResponse<String> r = get("api/collections/", "Accept",
        "application/taxii+json;version=2.1");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
  }

  @Test
  void aCollectionOutsideThePartnersAgreementIsNotFound() {
    assertThatThrownBy(() -> as("commerce").getObjects(LOI, TaxiiFilter.none()))
        .isInstanceOfSatisfying(TaxiiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void healthReportsTheDatabaseAndVersion() throws Exception {
    HttpResponse<String> r = get("health");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = StixJson.readTree(r.body(), StixJson.mapper());
    assertThat(body.get("status").asString()).isEqualTo("up");
    assertThat(body.get("database").asString()).isEqualTo("up");
    assertThat(body.get("version").asString()).isNotBlank().isNotEqualTo("unknown");
  }

  @Test
  void metricsCountRequestsByRouteAndStatusAndObjectsStored() throws Exception {
    as("association").collections();
    HttpResponse<String> r = get("metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(r.body())
        .containsPattern("http_server_requests_seconds_count\\{[^}]*route=\"/api/collections/\""
            + "[^}]*status=\"200\"[^}]*} [1-9]")
        .containsPattern("kuroshio_objects_ingested_total\\{outcome=\"stored\"} [1-9]")
        .contains("jvm_memory_used_bytes");
    assertThat(r.body()).doesNotContain(PARTNERS + "/objects");
  }

  @Test
  void unknownPathsAre404() throws Exception {
    assertThat(get("no-such-page").statusCode()).isEqualTo(404);
  }

  @Test
  void theIndexPointsAtTaxiiHealthAndMetrics() throws Exception {
    HttpResponse<String> r = get("");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"taxii_discovery\":\"/taxii2/\"");
  }

  @Test
  void loadingTheScenarioAgainChangesNothing() {
    int before = as("nsb").manifest(LOI, TaxiiFilter.none().withLimit(1000)).body().objects()
        .size();
    Map<String, Integer> again = DemoScenario.load(node.data());
    assertThat(again).isEqualTo(firstLoad);
    assertThat(as("nsb").manifest(LOI, TaxiiFilter.none().withLimit(1000)).body().objects())
        .hasSize(before);
  }
}
