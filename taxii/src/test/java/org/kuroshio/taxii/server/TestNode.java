package org.kuroshio.taxii.server;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.kuroshio.sharing.Accounts;
import org.kuroshio.sharing.Agreement;
import org.kuroshio.sharing.AgreementKind;
import org.kuroshio.sharing.AgreementStatus;
import org.kuroshio.sharing.AuditLog;
import org.kuroshio.sharing.Credentials;
import org.kuroshio.sharing.Directory;
import org.kuroshio.sharing.DirectorySeed;
import org.kuroshio.sharing.Governance;
import org.kuroshio.sharing.IngestSettings;
import org.kuroshio.sharing.NodeData;
import org.kuroshio.sharing.Organisation;
import org.kuroshio.sharing.Principal;
import org.kuroshio.sharing.Role;
import org.kuroshio.sharing.SharingState;
import org.kuroshio.sharing.StatusChange;
import org.kuroshio.sharing.UserAccount;
import org.kuroshio.stix.Domains;
import org.kuroshio.stix.Timestamps;
import org.kuroshio.stix.Tlp;
import org.kuroshio.store.ObjectQuery;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.StoredVersion;
import org.kuroshio.store.Stores;
import org.kuroshio.taxii.TaxiiFilter;
import org.kuroshio.taxii.client.TaxiiClient;
import org.kuroshio.testing.FixedClock;

/**
 * A running TAXII server on port 0 over a fresh in-memory H2 store. Organisation {@link #ORG_A}
 * operates the node; alice (analyst) acts for it, reader (read-only) for {@link #ORG_B}.
 * Agreements in force: {@link #C1} "Alpha" (A and B, every domain, up to RED), {@link #C2}
 * "Bravo" (A and C) and {@link #HIDDEN} (B and C, so invisible to alice); each collection id is
 * its agreement's UUID.
 */
final class TestNode implements AutoCloseable {
  static final String C1 = "11111111-1111-4111-8111-111111111111";
  static final String C2 = "22222222-2222-4222-8222-222222222222";
  static final String HIDDEN = "33333333-3333-4333-8333-333333333333";
  static final String ORG_A = "identity--aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
  static final String ORG_B = "identity--bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
  static final String ORG_C = "identity--cccccccc-cccc-4ccc-8ccc-cccccccccccc";
  /** Alice's local collection. */
  static final String LOCAL_A = SharingState.localCollectionId(ORG_A);
  static final String ALICE_PW = "alice-password";
  static final String READER_PW = "reader-password";
  static final String ALICE_TOKEN = Credentials.newToken();
  static final String TAXII = "application/taxii+json;version=2.1";
  /** When the agreements were signed (before the node's clock). */
  static final Instant SIGNED = FixedClock.DEFAULT_INSTANT.minus(Duration.ofDays(30));

  private static final String ALICE_HASH =
      Credentials.hashPassword(ALICE_PW.toCharArray(), Credentials.MIN_ITERATIONS);
  private static final String READER_HASH =
      Credentials.hashPassword(READER_PW.toCharArray(), Credentials.MIN_ITERATIONS);

  final StixStore store;
  final Javalin app;
  final URI base;
  final URI apiRoot;
  /**
   * The last date added of what the node put in its collections itself (definitions, the
   * parties' identities, the agreements); reads filtered by {@link #fresh()} see only what tests
   * wrote.
   */
  final Instant ready;
  final HttpClient http = HttpClient.newHttpClient();

  /** The wired door of a node, for tests that start their own server. */
  record Wiring(NodeData data, Accounts accounts, Governance governance) {}

  TestNode() {
    this(TaxiiSettings.defaults());
  }

  TestNode(TaxiiSettings settings) {
    store = Stores.h2InMemory("taxii-" + UUID.randomUUID());
    FixedClock clock = new FixedClock();
    Wiring w = wire(store, clock, List.of(
        new UserAccount("alice", ORG_A, Set.of(Role.ANALYST), ALICE_HASH,
            List.of(Credentials.hashToken(ALICE_TOKEN)), Map.of()),
        new UserAccount("reader", ORG_B, Set.of(Role.READ_ONLY), READER_HASH, List.of(),
            Map.of())));
    Principal system = Principal.system(ORG_A);
    w.governance().adopt(system, agreement(C1, "Alpha", List.of(ORG_A, ORG_B), Domains.ALL,
        Tlp.RED));
    w.governance().adopt(system, agreement(C2, "Bravo", List.of(ORG_A, ORG_C),
        Set.of(Domains.CYBER), Tlp.AMBER));
    w.governance().adopt(system, agreement(HIDDEN, "Hidden", List.of(ORG_B, ORG_C),
        Set.of(Domains.CYBER), Tlp.AMBER));
    ready = Stream.of(C1, C2, HIDDEN, LOCAL_A,
            SharingState.localCollectionId(ORG_B), SharingState.localCollectionId(ORG_C))
        .flatMap(c -> store.query(c, ObjectQuery.all(1000)).items().stream())
        .map(StoredVersion::dateAdded).max(Instant::compareTo).orElseThrow();
    app = TaxiiServer.create(w.data(), w.accounts(), settings).start("127.0.0.1", 0);
    base = URI.create("http://127.0.0.1:" + app.port() + "/");
    apiRoot = base.resolve("/" + settings.apiRootPath() + "/");
  }

  /**
   * Wires a door over a store: organisations A (the node's), B and C, the users seeded into the
   * directory, accounts over the directory. No agreement yet.
   */
  static Wiring wire(StixStore store, FixedClock clock, List<UserAccount> users) {
    Directory directory = Directory.open(store.database(), clock);
    AuditLog audit = AuditLog.open(store.database(), clock);
    Governance governance = Governance.open(store, directory,
        new Organisation(ORG_A, "Agency A", clock.instant()), clock);
    Principal system = Principal.system(ORG_A);
    governance.addOrganisation(system, "Bureau B", ORG_B);
    governance.addOrganisation(system, "Company C", ORG_C);
    DirectorySeed.apply(directory, users, clock);
    NodeData data = NodeData.open(store, governance, audit, IngestSettings.DEFAULT, clock);
    return new Wiring(data, Accounts.of(directory, clock), governance);
  }

  /** An active agreement whose collection id is {@code uuid}. */
  static Agreement agreement(String uuid, String title, List<String> parties,
      Set<String> domains, Tlp ceiling) {
    String by = "system@" + ORG_A;
    Instant active = SIGNED.plusSeconds(60);
    List<StatusChange> history = List.of(
        new StatusChange(AgreementStatus.DRAFT, by, SIGNED, "created"),
        new StatusChange(AgreementStatus.ACTIVE, by, active, "signed"));
    return new Agreement(Agreement.PREFIX + uuid, AgreementKind.LETTER_OF_INTENT, title, parties,
        domains, ceiling, SIGNED, null, AgreementStatus.ACTIVE, history, ORG_A, SIGNED, active);
  }

  /** A filter that leaves out what the node itself put in the collections at setup. */
  TaxiiFilter fresh() {
    return TaxiiFilter.none().withAddedAfter(ready);
  }

  /** The query string of {@link #fresh()}, for raw requests. */
  String freshQuery() {
    return "?added_after=" + Timestamps.formatMicros(ready);
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
    return request(path, "alice", ALICE_PW);
  }

  /** Starts a raw request as a user with the TAXII Accept header. */
  HttpRequest.Builder request(String path, String user, String password) {
    return HttpRequest.newBuilder(base.resolve(path))
        .header("Accept", TAXII)
        .header("Authorization", basic(user, password));
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
