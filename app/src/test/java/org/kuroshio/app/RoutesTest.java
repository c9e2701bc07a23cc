package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kuroshio.sharing.Accounts;
import org.kuroshio.sharing.Credentials;
import org.kuroshio.sharing.IngestSettings;
import org.kuroshio.sharing.NodeData;
import org.kuroshio.sharing.Permission;
import org.kuroshio.sharing.Role;
import org.kuroshio.sharing.UserAccount;
import org.kuroshio.store.CollectionInfo;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.Stores;
import org.kuroshio.taxii.client.TaxiiClient;
import org.kuroshio.taxii.server.TaxiiSettings;
import org.kuroshio.testing.FixedClock;
import org.slf4j.LoggerFactory;

/** {@link Main#routes}: what the wiring adds around TAXII (threads, request log). */
class RoutesTest {
  private static final String COLLECTION = "44444444-4444-4444-8444-444444444444";

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger httpLogger = (Logger) LoggerFactory.getLogger("http");
  private StixStore store;
  private NodeMetrics metrics;
  private Javalin app;
  private URI base;

  @BeforeEach
  void start() {
    log.start();
    httpLogger.addAppender(log);
    store = Stores.h2InMemory("routes-" + UUID.randomUUID());
    FixedClock clock = new FixedClock();
    String hash = Credentials.hashPassword("pw".toCharArray(), Credentials.MIN_ITERATIONS);
    AppConfig config = AppConfig.defaults().withUsers(List.of(new UserAccount("dora",
        AppConfig.DEFAULT_ORGANISATION, Set.of(Role.ANALYST), hash, List.of(), Map.of())));
    NodeServices services = NodeServices.open(config, store, clock);
    metrics = new NodeMetrics();
    Main.Wiring wiring = new Main.Wiring(services.data(), services.accounts(),
        TaxiiSettings.defaults(), metrics, () -> true);
    app = Javalin.create(c -> {
      Main.routes(c, wiring);
      c.routes.get("/test/thread", ctx -> ctx.result(
          Boolean.toString(Thread.currentThread().isVirtual())));
    }).start("127.0.0.1", 0);
    base = URI.create("http://127.0.0.1:" + app.port() + "/");
  }

  @AfterEach
  void stop() {
    app.stop();
    store.close();
    metrics.close();
    httpLogger.detachAppender(log);
  }

  private String get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Returns the request-log line of a path; Javalin logs after the response has gone out. */
  private String logLineFor(String path) {
    String needle = "path=" + path + " ";
    for (int i = 0; i < 1000; i++) {
      for (ILoggingEvent e : List.copyOf(log.list)) {
        if (e.getFormattedMessage().contains(needle)) {
          return e.getFormattedMessage();
        }
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("no request log line for " + path + " in " + log.list);
  }

  @Test
  void requestsRunOnVirtualThreads() throws Exception {
    assertThat(get("test/thread")).isEqualTo("true");
  }

  @Test
  void theRequestLogNamesThePrincipalTheTaxiiRoutesAuthenticated() {
    TaxiiClient.builder(base.resolve("api/")).basicAuth("dora", "pw".toCharArray()).build()
        .collections();

    assertThat(logLineFor("/api/collections/"))
        .contains("status=200", "principal=dora", "org=" + AppConfig.DEFAULT_ORGANISATION);
  }

  @Test
  void failedAuthenticationAndNonTaxiiRoutesLogNoPrincipal() throws Exception {
    try {
      TaxiiClient.builder(base.resolve("api/")).basicAuth("dora", "wrong".toCharArray()).build()
          .apiRoot();
    } catch (RuntimeException expected) {
      // 401
    }
    get("health");

    assertThat(logLineFor("/api/")).contains("status=401", "principal=-", "org=-");
    assertThat(logLineFor("/health")).contains("status=200", "principal=-");
  }
}
