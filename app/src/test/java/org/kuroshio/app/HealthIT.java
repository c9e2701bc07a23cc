package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kuroshio.sharing.Organisation;
import org.kuroshio.sharing.PeerRegistry;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.Stores;

/** {@code /health}: the database, and the federation links when the node has peers. */
class HealthIT {

  @Test
  void aPeerThatIsDown_degradesHealthAndIsNamed() throws Exception {
    StixStore store = Stores.h2InMemory("health-peer-it");
    AppConfig config = AppConfig.defaults()
        .withOrganisations(List.of(new Organisation(DemoScenario.NSB, "Bureau", Instant.EPOCH)))
        .withListener("127.0.0.1", 0);
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (Node node = Node.start(config, store, Clock.systemUTC())) {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest health = HttpRequest.newBuilder(node.uri().resolve("health")).build();
      assertThat(http.send(health, HttpResponse.BodyHandlers.ofString()).body())
          .contains("\"status\":\"up\"").doesNotContain("federation");

      node.services().peers().putPeer(new PeerRegistry.Peer("bureau",
          URI.create("http://127.0.0.1:" + closedPort + "/api/"), new PeerRegistry.Bearer("t"),
          DemoScenario.NSB, List.of("7c4b9d2e-8f1a-4e63-b5d0-3a6c9e2f1b84"), List.of(), 3600,
          true));
      assertThat(node.federation().syncNow("bureau")).allSatisfy(r -> assertThat(r.ok()).isFalse());

      HttpResponse<String> degraded = http.send(health, HttpResponse.BodyHandlers.ofString());
      assertThat(degraded.statusCode()).isEqualTo(200);
      assertThat(degraded.body()).contains("\"status\":\"degraded\"", "\"links\":1",
          "\"failing\":1", "\"peer\":\"bureau\"", "\"direction\":\"pull\"");
    }
  }

  @Test
  void healthTurnsDownWhenTheDatabaseIsGone() throws Exception {
    StixStore store = Stores.h2InMemory("health-it");
    AppConfig config = AppConfig.defaults();
    config = new AppConfig(config.node(),
        new AppConfig.HttpSettings("127.0.0.1", 0, config.http().maxContentLength()),
        config.database(), config.dataDir(), config.organisations(), config.users());
    try (Node node = Node.start(config, store, Clock.systemUTC())) {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest health = HttpRequest.newBuilder(node.uri().resolve("health")).build();
      assertThat(http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(200);

      store.close();

      HttpResponse<String> down = http.send(health, HttpResponse.BodyHandlers.ofString());
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).contains("\"status\":\"down\"", "\"database\":\"down\"");
    }
  }
}
