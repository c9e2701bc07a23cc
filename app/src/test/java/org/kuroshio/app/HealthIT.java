package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.Stores;

class HealthIT {

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
