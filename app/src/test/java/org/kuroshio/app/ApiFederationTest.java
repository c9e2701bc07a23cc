package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kuroshio.sharing.Credentials;
import org.kuroshio.sharing.Principal;
import org.kuroshio.sharing.Role;
import org.kuroshio.sharing.UserAccount;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.Stores;
import org.kuroshio.taxii.federation.Federation;
import org.kuroshio.taxii.federation.FederationSettings;
import org.kuroshio.taxii.server.TaxiiSettings;
import tools.jackson.databind.JsonNode;

/**
 * The federation endpoints with a real {@link Federation} wired in (not started): a sync pass
 * against a peer that refuses connections is reported, and health shows the link failing.
 */
class ApiFederationTest {
  private static final String ALLY = "identity--d9276b53-1a7c-4f03-906d-256cbf37206c";
  private static final String COLLECTION = "7c4b9d2e-8f1a-4e63-b5d0-3a6c9e2f1b84";

  private StixStore store;
  private NodeMetrics metrics;
  private Federation federation;
  private Javalin app;
  private String base;
  private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    store = Stores.h2InMemory("api-federation-" + UUID.randomUUID());
    String hash = Credentials.hashPassword("root-password".toCharArray(),
        Credentials.MIN_ITERATIONS);
    AppConfig config = AppConfig.defaults().withUsers(List.of(new UserAccount("root",
        AppConfig.DEFAULT_ORGANISATION, Set.of(Role.ADMIN), hash, List.of(), Map.of())));
    Clock clock = Clock.systemUTC();
    NodeServices services = NodeServices.open(config, store, clock);
    services.governance().addOrganisation(Principal.system(AppConfig.DEFAULT_ORGANISATION),
        "Pacific Ally", ALLY);
    federation = new Federation(services.data(), services.peers(),
        new Principal("federation", AppConfig.DEFAULT_ORGANISATION, Set.of(Role.MACHINE)), clock,
        FederationSettings.defaults());
    metrics = new NodeMetrics();
    Main.Wiring wiring = new Main.Wiring(services.data(), services.accounts(),
        TaxiiSettings.defaults(), metrics, () -> true, services,
        () -> Optional.of(federation), clock);
    app = Javalin.create(c -> Main.routes(c, wiring)).start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + app.port();
  }

  @AfterEach
  void stop() {
    app.stop();
    federation.close();
    store.close();
    metrics.close();
  }

  private ApiNode.Response send(String method, String path, String json) {
    java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(base + path))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
            "root:root-password".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
        : java.net.http.HttpRequest.BodyPublishers.ofString(json));
    return ApiNode.send(b);
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void syncRunsAPassAndHealthReportsTheFailingLink() throws Exception {
    send("PUT", "/api/peers/ally", """
        {"base_url": "http://127.0.0.1:%d/api/", "organisation": "%s", "token": "t0ken",
         "pull": ["%s"]}""".formatted(closedPort(), ALLY, COLLECTION)).expect(200);
    JsonNode fresh = send("GET", "/api/federation/health", null).expect(200).path("peers");
    assertThat(fresh).hasSize(1);
    assertThat(fresh.get(0).path("state").asString()).isEqualTo("new");

    JsonNode sync = send("POST", "/api/peers/ally/sync", null).expect(200);
    assertThat(sync.path("peer").asString()).isEqualTo("ally");
    JsonNode pass = sync.path("passes").get(0);
    assertThat(pass.path("collection").asString()).isEqualTo(COLLECTION);
    assertThat(pass.path("direction").asString()).isEqualTo("pull");
    assertThat(pass.path("ok").asBoolean()).isFalse();
    assertThat(pass.path("error").asString()).isNotBlank();

    JsonNode link = send("GET", "/api/federation/health", null).expect(200).path("peers").get(0);
    assertThat(link.path("peer").asString()).isEqualTo("ally");
    assertThat(link.path("state").asString()).isEqualTo("failing");
    assertThat(link.path("failures").asInt()).isEqualTo(1);
    assertThat(link.path("last_error").asString()).isNotBlank();
    assertThat(link.path("next_attempt").isString()).isTrue();
  }

  @Test
  void withoutFederationTheEndpointsAnswer503() throws Exception {
    NodeServices services = NodeServices.open(AppConfig.defaults().withUsers(List.of(
        new UserAccount("root", AppConfig.DEFAULT_ORGANISATION, Set.of(Role.ADMIN),
            Credentials.hashPassword("root-password".toCharArray(), Credentials.MIN_ITERATIONS),
            List.of(), Map.of()))), store, Clock.systemUTC());
    Main.Wiring none = new Main.Wiring(services.data(), services.accounts(),
        TaxiiSettings.defaults(), metrics, () -> true, services,
        Optional::empty, Clock.systemUTC());
    Javalin bare = Javalin.create(c -> Main.routes(c, none)).start("127.0.0.1", 0);
    String saved = base;
    try {
      base = "http://127.0.0.1:" + bare.port();
      send("GET", "/api/federation/health", null)
          .expectError(503, "federation is not running on this node");
      send("POST", "/api/peers/anything/sync", null)
          .expectError(503, "federation is not running on this node");
      // The register itself works without it.
      send("GET", "/api/peers", null).expect(200);
    } finally {
      base = saved;
      bare.stop();
    }
  }

  @Test
  void syncOfAnUnknownOrDisabledPeerIsRefused() throws Exception {
    send("POST", "/api/peers/nobody/sync", null).expectError(404, "no peer with id nobody");
    send("PUT", "/api/peers/off", """
        {"base_url": "http://127.0.0.1:%d/api/", "organisation": "%s", "user": "u",
         "password": "p", "enabled": false}""".formatted(closedPort(), ALLY)).expect(200);
    send("POST", "/api/peers/off/sync", null).expectError(409, "disabled");
  }
}
