package org.kuroshio.taxii.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kuroshio.taxii.server.TestNode.C1;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kuroshio.sharing.Accounts;
import org.kuroshio.sharing.Credentials;
import org.kuroshio.sharing.NodeData;
import org.kuroshio.sharing.Principal;
import org.kuroshio.sharing.Role;
import org.kuroshio.sharing.UserAccount;
import org.kuroshio.stix.StixJson;
import org.kuroshio.stix.StixObject;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.Stores;
import org.kuroshio.taxii.Discovery;
import org.kuroshio.taxii.client.TaxiiClient;
import org.kuroshio.testing.FixedClock;
import org.kuroshio.testing.StixFixtures;
import tools.jackson.databind.JsonNode;

/** The TAXII 2.1 rules beyond the endpoints themselves: HEAD, 405, headers, discovery URLs. */
class TaxiiConformanceTest {
  private TestNode node = new TestNode();
  private final StixFixtures fx = new StixFixtures();

  @AfterEach
  void stop() {
    node.close();
  }

  private HttpResponse<String> send(String method, String path) {
    return node.send(node.request(path).method(method, HttpRequest.BodyPublishers.noBody())
        .build());
  }

  private StixObject stored() {
    StixObject indicator = fx.indicator().build();
    node.alice().addObjects(C1, List.of(indicator));
    return indicator;
  }

  // ---- HEAD ----

  @Test
  void head_answersLikeGetWithoutABody() {
    StixObject indicator = stored();
    String objects = node.objectsPath(C1);
    for (String path : List.of("/taxii2/", "/api/", "/api/collections/",
        "/api/collections/" + C1 + "/", "/api/collections/" + C1 + "/manifest/", objects,
        objects + indicator.id() + "/", objects + indicator.id() + "/versions/")) {
      HttpResponse<String> get = node.get(path);
      HttpResponse<String> head = send("HEAD", path);

      assertThat(head.statusCode()).as(path).isEqualTo(200).isEqualTo(get.statusCode());
      assertThat(head.body()).as(path).isEmpty();
      assertThat(head.headers().firstValue("Content-Type")).as(path).contains(TestNode.TAXII);
      assertThat(head.headers().firstValue("X-TAXII-Date-Added-First")).as(path)
          .isEqualTo(get.headers().firstValue("X-TAXII-Date-Added-First"));
    }
  }

  @Test
  void head_stillNeedsCredentials() {
    HttpResponse<String> r = node.send(HttpRequest.newBuilder(node.base.resolve("/api/"))
        .header("Accept", TestNode.TAXII)
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

    assertThat(r.statusCode()).isEqualTo(401);
  }

  // ---- 405 ----

  @ParameterizedTest
  @ValueSource(strings = {"POST /taxii2/", "DELETE /api/", "PUT /api/collections/",
      "PATCH /api/collections/" + C1 + "/", "POST /api/collections/" + C1 + "/manifest/",
      "PUT /api/collections/" + C1 + "/objects/", "DELETE /api/status/x/"})
  void wrongMethod_405WithAllowAndATaxiiError(String request) {
    String[] parts = request.split(" ");
    HttpResponse<String> r = send(parts[0], parts[1]);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(405);
    assertThat(r.headers().firstValue("Content-Type")).contains(TestNode.TAXII);
    assertThat(r.headers().firstValue("Allow")).isPresent();
    JsonNode error = StixJson.readTree(r.body(), StixJson.mapper());
    assertThat(error.get("http_status").asString()).isEqualTo("405");
    assertThat(error.get("description").asString()).contains(parts[0]);
  }

  @Test
  void allowNamesExactlyTheMethodsOfThePath() {
    String objects = node.objectsPath(C1);
    assertThat(send("PUT", objects).headers().firstValue("Allow"))
        .contains("GET, HEAD, POST");
    assertThat(send("POST", objects + "indicator--" + UUID.randomUUID() + "/").headers()
        .firstValue("Allow")).contains("GET, HEAD, DELETE");
    assertThat(send("DELETE", "/api/collections/").headers().firstValue("Allow"))
        .contains("GET, HEAD");
  }

  @Test
  void unknownPathWithAnyMethodIsStillA404() {
    assertThat(send("PUT", "/api/no-such-thing/").statusCode()).isEqualTo(404);
    assertThat(send("PATCH", "/taxii2/nothing").statusCode()).isEqualTo(404);
  }

  // ---- date-added headers on every listing endpoint ----

  @Test
  void dateAddedHeaders_onObjectsObjectManifestAndVersions() {
    StixObject indicator = stored();
    String objects = node.objectsPath(C1);
    // only what the test wrote: the node's own setup objects were added earlier
    for (String path : List.of(objects + node.freshQuery(), objects + indicator.id() + "/",
        "/api/collections/" + C1 + "/manifest/" + node.freshQuery(),
        objects + indicator.id() + "/versions/")) {
      HttpResponse<String> r = node.get(path);

      assertThat(r.statusCode()).as(path).isEqualTo(200);
      String first = r.headers().firstValue("X-TAXII-Date-Added-First").orElseThrow();
      String last = r.headers().firstValue("X-TAXII-Date-Added-Last").orElseThrow();
      assertThat(first).as(path).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z")
          .isEqualTo(last);
    }
  }

  // ---- discovery URLs ----

  @Test
  void discovery_usesTheHostHeaderWithoutAPublicUrl() {
    Discovery d = node.alice().discovery();

    assertThat(d.defaultApiRoot()).isEqualTo(node.apiRoot.toString());
  }

  @Test
  void discovery_usesThePublicUrlWhenConfigured() {
    node.close();
    node = new TestNode(TaxiiSettings.defaults()
        .withPublicUrl("https://taxii.example.org/kuroshio/"));

    Discovery d = node.alice().discovery();

    assertThat(d.defaultApiRoot()).isEqualTo("https://taxii.example.org/kuroshio/api/");
    assertThat(d.apiRoots()).containsExactly("https://taxii.example.org/kuroshio/api/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"taxii.example.org", "ftp://taxii.example.org", "https://",
      "https://taxii.example.org/?a=b", "https://taxii.example.org/#top", "http://bad host/"})
  void publicUrl_mustBeAnAbsoluteHttpUrl(String url) {
    assertThatThrownBy(() -> TaxiiSettings.defaults().withPublicUrl(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("public URL");
  }

  // ---- the principal on the request ----

  @Test
  void theAuthenticatedPrincipalIsRecordedOnTheRequest() {
    StixStore store = Stores.h2InMemory("principal-" + UUID.randomUUID());
    FixedClock clock = new FixedClock();
    String hash = Credentials.hashPassword("pw".toCharArray(), Credentials.MIN_ITERATIONS);
    TestNode.Wiring wiring = TestNode.wire(store, clock, List.of(new UserAccount("carol",
        TestNode.ORG_C, Set.of(Role.ANALYST), hash, List.of(), Map.of())));
    NodeData data = wiring.data();
    Accounts accounts = wiring.accounts();
    Map<String, String> seen = new ConcurrentHashMap<>();
    Javalin app = Javalin.create(c -> {
      TaxiiServer.register(c, data, accounts, TaxiiSettings.defaults());
      // "after" runs before the response is sent, so the map is complete when the client returns
      c.routes.after(ctx -> seen.put(ctx.path(), TaxiiServer.principal(ctx)
          .map(Principal::user).orElse("-")));
    }).start("127.0.0.1", 0);
    try {
      URI root = URI.create("http://127.0.0.1:" + app.port() + "/api/");
      TaxiiClient.builder(root).basicAuth("carol", "pw".toCharArray()).build().collections();
      assertThatThrownBy(() -> TaxiiClient.builder(root).basicAuth("carol", "no".toCharArray())
          .build().apiRoot());

      assertThat(seen).containsEntry("/api/collections/", "carol").containsEntry("/api/", "-");
    } finally {
      app.stop();
      store.close();
    }
  }
}
