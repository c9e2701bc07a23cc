package org.kuroshio.taxii.server;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
import org.kuroshio.testing.FixedClock;

/** A running TAXII server on port 0 over a fresh in-memory H2 store, with three users. */
final class TestNode implements AutoCloseable {
  static final String C1 = "11111111-1111-4111-8111-111111111111";
  static final String C2 = "22222222-2222-4222-8222-222222222222";
  static final String HIDDEN = "33333333-3333-4333-8333-333333333333";
  static final String ALICE_PW = "alice-password";
  static final String READER_PW = "reader-password";
  static final String ALICE_TOKEN = Credentials.newToken();
  static final String TAXII = "application/taxii+json;version=2.1";

  private static final String ALICE_HASH =
      Credentials.hashPassword(ALICE_PW.toCharArray(), Credentials.MIN_ITERATIONS);
  private static final String READER_HASH =
      Credentials.hashPassword(READER_PW.toCharArray(), Credentials.MIN_ITERATIONS);

  final StixStore store;
  final Javalin app;
  final URI base;
  final URI apiRoot;
  final HttpClient http = HttpClient.newHttpClient();

  TestNode() {
    this(TaxiiSettings.defaults());
  }

  TestNode(TaxiiSettings settings) {
    store = Stores.h2InMemory("taxii-" + UUID.randomUUID());
    store.putCollection(CollectionInfo.of(C1, "Alpha", "alice writes here"));
    store.putCollection(CollectionInfo.of(C2, "Bravo", null));
    store.putCollection(CollectionInfo.of(HIDDEN, "Hidden", null));
    FixedClock clock = new FixedClock();
    List<UserAccount> users = List.of(
        new UserAccount("alice", "org-a", Set.of(Role.ANALYST), ALICE_HASH,
            List.of(Credentials.hashToken(ALICE_TOKEN)),
            Map.of(C1, Permission.READ_WRITE, C2, Permission.READ)),
        new UserAccount("reader", "org-b", Set.of(Role.ANALYST), READER_HASH, List.of(),
            Map.of(C1, Permission.READ)));
    Accounts accounts = Accounts.of(users, clock);
    NodeData data = NodeData.open(store, accounts, IngestSettings.DEFAULT, clock);
    app = TaxiiServer.create(data, accounts, settings).start("127.0.0.1", 0);
    base = URI.create("http://127.0.0.1:" + app.port() + "/");
    apiRoot = base.resolve("/" + settings.apiRootPath() + "/");
  }

  TaxiiClient alice() {
    return TaxiiClient.builder(apiRoot).basicAuth("alice", ALICE_PW.toCharArray())
        .requestTimeout(Duration.ofSeconds(30)).build();
  }

  TaxiiClient reader() {
    return TaxiiClient.builder(apiRoot).basicAuth("reader", READER_PW.toCharArray()).build();
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Starts a raw request as alice with the TAXII Accept header. */
  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .header("Accept", TAXII)
        .header("Authorization", basic("alice", ALICE_PW));
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  HttpResponse<String> post(String path, String body) {
    return send(request(path).header("Content-Type", TAXII)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  String objectsPath(String collection) {
    return apiRoot.getPath() + "collections/" + collection + "/objects/";
  }

  @Override
  public void close() {
    app.stop();
    store.close();
  }
}
