package org.kuroshio.taxii.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kuroshio.stix.StixJson;
import org.kuroshio.taxii.Envelope;
import org.kuroshio.taxii.Status;
import org.kuroshio.taxii.TaxiiException;
import org.kuroshio.taxii.TaxiiFilter;
import org.kuroshio.taxii.TaxiiTransportException;
import org.kuroshio.testing.StixFixtures;

class TaxiiClientTest {
  private static final String COLLECTION = "91a7b528-80eb-42ed-a74d-c6fbd5a26116";

  private final ScriptedServer server;
  private final TaxiiClient client;
  private final StixFixtures fx = new StixFixtures();

  TaxiiClientTest() throws IOException {
    server = new ScriptedServer();
    client = TaxiiClient.builder(server.apiRoot()).basicAuth("user", "pa:ss".toCharArray())
        .requestTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void everyRequestSendsAcceptAndBasicAuthorization() throws Exception {
    server.enqueue(200, "{\"title\":\"t\",\"versions\":[\"application/taxii+json;version=2.1\"],"
        + "\"max_content_length\":9765625}");

    assertThat(client.apiRoot().maxContentLength()).isEqualTo(9765625);

    ScriptedServer.Recorded r = server.takeRequest();
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.pathAndQuery()).isEqualTo("/api1/");
    assertThat(r.header("Accept")).isEqualTo("application/taxii+json;version=2.1");
    assertThat(r.header("Authorization")).isEqualTo("Basic "
        + Base64.getEncoder().encodeToString("user:pa:ss".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void bearerToken_isSentAsBearer() throws Exception {
    TaxiiClient byToken = TaxiiClient.builder(server.apiRoot()).bearerToken("tok123").build();
    server.enqueue(200, "{}");

    assertThat(byToken.collections()).isEmpty();
    assertThat(server.takeRequest().header("Authorization")).isEqualTo("Bearer tok123");
  }

  @Test
  void discovery_isAtTaxii2OnTheSameHost() throws Exception {
    server.enqueue(200, "{\"title\":\"Some TAXII Server\",\"api_roots\":[\"http://x/api1/\"]}");

    assertThat(client.discovery().apiRoots()).containsExactly("http://x/api1/");
    assertThat(server.takeRequest().pathAndQuery()).isEqualTo("/taxii2/");
  }

  @Test
  void getObjects_sendsEveryFilterAndReadsHeaders() throws Exception {
    server.enqueue(200, Map.of("X-TAXII-Date-Added-First", "2016-11-01T03:04:05.000001Z",
        "X-TAXII-Date-Added-Last", "2016-11-02T03:04:05.000002Z"),
        "{\"more\":true,\"next\":\"abc\",\"objects\":[{\"type\":\"note\",\"id\":\"note--1\"}]}");
    TaxiiFilter f = TaxiiFilter.none().withAddedAfter(Instant.parse("2016-01-01T00:00:00Z"))
        .withLimit(10).withNext("n1").withIds("indicator--a", "malware--b")
        .withTypes("indicator").withVersions("first", "last").withSpecVersions("2.1");

    TaxiiPage<Envelope> page = client.getObjects(COLLECTION, f);

    assertThat(page.body().more()).isTrue();
    assertThat(page.body().next()).isEqualTo("abc");
    assertThat(page.body().objects()).hasSize(1);
    assertThat(page.dateAddedFirst()).isEqualTo(Instant.parse("2016-11-01T03:04:05.000001Z"));
    assertThat(page.dateAddedLast()).isEqualTo(Instant.parse("2016-11-02T03:04:05.000002Z"));
    assertThat(server.takeRequest().pathAndQuery()).isEqualTo("/api1/collections/" + COLLECTION
        + "/objects/?added_after=2016-01-01T00%3A00%3A00.000000Z&limit=10&next=n1"
        + "&match%5Bid%5D=indicator--a%2Cmalware--b&match%5Btype%5D=indicator"
        + "&match%5Bversion%5D=first%2Clast&match%5Bspec_version%5D=2.1");
  }

  @Test
  void allObjects_followsNextUntilMoreIsFalse() throws Exception {
    server.enqueue(200, "{\"more\":true,\"next\":\"p2\",\"objects\":[{\"id\":\"a\"},{\"id\":\"b\"}]}");
    server.enqueue(200, "{\"more\":false,\"objects\":[{\"id\":\"c\"}]}");

    List<String> ids = client.allObjects(COLLECTION, TaxiiFilter.none().withLimit(2))
        .map(o -> o.get("id").asString()).toList();

    assertThat(ids).containsExactly("a", "b", "c");
    assertThat(server.takeRequest().pathAndQuery()).endsWith("/objects/?limit=2");
    assertThat(server.takeRequest().pathAndQuery()).endsWith("/objects/?limit=2&next=p2");
  }

  @Test
  void addObjects_postsAnEnvelopeWithTheTaxiiContentType() throws Exception {
    var o = fx.indicator().build();
    server.enqueue(202, "{\"id\":\"s1\",\"status\":\"complete\",\"total_count\":1,"
        + "\"success_count\":1,\"successes\":[{\"id\":\"" + o.id() + "\",\"version\":\"v\"}],"
        + "\"failure_count\":0,\"pending_count\":0}");

    Status status = client.addObjects(COLLECTION, List.of(o));

    assertThat(status.successCount()).isEqualTo(1);
    ScriptedServer.Recorded r = server.takeRequest();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.header("Content-Type")).isEqualTo("application/taxii+json;version=2.1");
    assertThat(StixJson.readTree(r.body(), StixJson.mapper()).get("objects").get(0))
        .isEqualTo(o.json());
  }

  @Test
  void deleteObject_usesDeleteWithFilters() throws Exception {
    server.enqueue(200, "");

    client.deleteObject(COLLECTION, "indicator--x", TaxiiFilter.none().withVersions("all"));

    ScriptedServer.Recorded r = server.takeRequest();
    assertThat(r.method()).isEqualTo("DELETE");
    assertThat(r.pathAndQuery()).isEqualTo("/api1/collections/" + COLLECTION
        + "/objects/indicator--x/?match%5Bversion%5D=all");
  }

  @Test
  void errorStatus_becomesTaxiiExceptionWithTheErrorBody() {
    server.enqueue(404, "{\"title\":\"Not found\",\"description\":\"no collection\","
        + "\"http_status\":\"404\"}");

    assertThatThrownBy(() -> client.collection(COLLECTION))
        .isInstanceOfSatisfying(TaxiiException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.error()).isNotNull();
          assertThat(e.error().title()).isEqualTo("Not found");
          assertThat(e.error().description()).isEqualTo("no collection");
        });
  }

  @Test
  void errorStatusWithoutTaxiiBody_stillCarriesTheStatus() {
    server.enqueue(502, "<html>bad gateway</html>");

    assertThatThrownBy(() -> client.collections())
        .isInstanceOfSatisfying(TaxiiException.class, e -> {
          assertThat(e.status()).isEqualTo(502);
          assertThat(e.error()).isNull();
        });
  }

  @Test
  void answerOfTheWrongShape_isTaxiiExceptionNamingIt() {
    server.enqueue(200, "{\"collections\":[{\"id\":\"x\"}]}");

    assertThatThrownBy(() -> client.collections())
        .isInstanceOf(TaxiiException.class)
        .hasMessageContaining("not a collections resource")
        .hasMessageContaining("title");
  }

  @Test
  void answerThatIsNotJson_isTaxiiException() {
    server.enqueue(200, "not json");

    assertThatThrownBy(() -> client.apiRoot())
        .isInstanceOf(TaxiiException.class).hasMessageContaining("not JSON");
  }

  @Test
  void oversizedAnswer_isRefused() {
    TaxiiClient small = TaxiiClient.builder(server.apiRoot()).maxResponseBytes(1024).build();
    server.enqueue(200, "{\"title\":\"" + "x".repeat(4096) + "\",\"max_content_length\":1}");

    assertThatThrownBy(small::apiRoot)
        .isInstanceOf(TaxiiException.class).hasMessageContaining("larger than 1024");
  }

  @Test
  void connectionRefused_isTransportException() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    TaxiiClient dead = TaxiiClient.builder(URI.create("http://127.0.0.1:" + port + "/api/"))
        .connectTimeout(Duration.ofSeconds(2)).build();

    assertThatThrownBy(dead::apiRoot)
        .isInstanceOfSatisfying(TaxiiTransportException.class,
            e -> assertThat(e.status()).isZero());
  }

  @Test
  void slowAnswer_timesOutAsTransportException() {
    TaxiiClient impatient = TaxiiClient.builder(server.apiRoot())
        .requestTimeout(Duration.ofMillis(200)).build();
    server.enqueueSlow(2_000);

    assertThatThrownBy(impatient::apiRoot).isInstanceOf(TaxiiTransportException.class);
  }

  @Test
  void builder_refusesBadInput() {
    assertThatThrownBy(() -> TaxiiClient.builder(URI.create("ftp://x/")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TaxiiClient.builder(server.apiRoot()).bearerToken("a b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TaxiiClient.builder(server.apiRoot()).basicAuth("a:b", new char[1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(TaxiiClient.builder(URI.create("http://h/api")).build().apiRootUrl())
        .hasToString("http://h/api/");
  }
}
