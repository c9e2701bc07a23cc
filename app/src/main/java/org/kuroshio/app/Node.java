package org.kuroshio.app;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.kuroshio.sharing.Accounts;
import org.kuroshio.sharing.IngestSettings;
import org.kuroshio.sharing.NodeData;
import org.kuroshio.sharing.Principal;
import org.kuroshio.sharing.Role;
import org.kuroshio.store.CollectionInfo;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.StoreException;
import org.kuroshio.store.StoreSettings;
import org.kuroshio.store.Stores;
import org.kuroshio.taxii.federation.Federation;
import org.kuroshio.taxii.federation.FederationSettings;
import org.kuroshio.taxii.server.TaxiiSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: its store, the one door to the data, and the HTTP server with TAXII 2.1,
 * {@code /health} and {@code /metrics}. Closing it stops the server and closes the store.
 */
public final class Node implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private final AppConfig config;
  private final StixStore store;
  private final NodeServices services;
  private final NodeData data;
  private final NodeMetrics metrics;
  private final Javalin http;
  private final Federation federation;

  private Node(AppConfig config, StixStore store, NodeServices services, NodeData data,
      NodeMetrics metrics, Javalin http, Federation federation) {
    this.config = config;
    this.store = store;
    this.services = services;
    this.data = data;
    this.metrics = metrics;
    this.http = http;
    this.federation = federation;
  }

  /**
   * Opens the configured store, registers the configured organisations and users, and starts
   * serving.
   *
   * @throws StoreException when the database cannot be opened
   * @throws NodeException when the HTTP server cannot start (port in use, ...)
   */
  public static Node start(AppConfig config) {
    return start(config, openStore(config), Clock.systemUTC());
  }

  /** Starts serving over {@code store}, which the node then owns and closes. */
  public static Node start(AppConfig config, StixStore store, Clock clock) {
    return start(config, store, clock, FederationSettings.defaults());
  }

  /**
   * Starts serving the configured store with federation settings of its own (tests use short
   * pages, or a long tick to run passes only on demand).
   */
  static Node start(AppConfig config, FederationSettings federationSettings) {
    return start(config, openStore(config), Clock.systemUTC(), federationSettings);
  }

  private static Node start(AppConfig config, StixStore store, Clock clock,
      FederationSettings federationSettings) {
    NodeMetrics metrics = new NodeMetrics();
    MaritimeService maritime = null;
    try {
      NodeServices opened = NodeServices.open(config, store, clock);
      NodeData data = new MeteredNodeData(opened.data(), metrics);
      maritime = MaritimeService.start(config.maritime(), data, maritimeOwner(config, opened),
          clock, config.dataDir().resolve("maritime").resolve("areas.geojson"));
      NodeServices services = opened.withMaritime(maritime);
      Federation federation = new Federation(data, services.peers(),
          federationCustodian(config), clock, federationSettings);
      Main.Wiring wiring = new Main.Wiring(data, services.accounts(), taxiiSettings(config),
          metrics, () -> databaseUp(store), services,
          () -> Optional.of(federation), clock);
      Javalin http = Javalin.create(c -> Main.routes(c, wiring));
      try {
        http.start(config.http().host(), config.http().port());
      } catch (RuntimeException e) {
        http.stop();
        throw new NodeException("cannot start the HTTP server on " + config.http().host() + ":"
            + config.http().port() + ": " + rootMessage(e), e);
      }
      federation.start();
      Node node = new Node(config, store, services, data, metrics, http, federation);
      int users = services.directory().users(null).size();
      if (users == 0) {
        LOG.warn("event=no_users problem=\"no users are configured, so nobody can sign in;"
            + " add users to the configuration file (see docs/CLI.md)\"");
      }
      LOG.info("event=started url={} database={} users={} organisations={} agreements={}",
          node.uri(), describeDatabase(config), users,
          services.governance().state().organisations().size(),
          services.governance().state().agreements().size());
      return node;
    } catch (RuntimeException e) {
      if (maritime != null) {
        maritime.close();
      }
      metrics.close();
      store.close();
      throw e;
    }
  }

  /** Returns the TAXII settings the configuration implies. */
  static TaxiiSettings taxiiSettings(AppConfig config) {
    return TaxiiSettings.defaults()
        .withTitle(config.node().title(), config.node().description())
        .withMaxContentLength(config.http().maxContentLength())
        .withPublicUrl(config.http().publicUrl());
  }

  /**
   * Opens the store the configuration names: the JDBC URL when given, else an embedded H2 file
   * under the data directory (created when absent).
   *
   * @throws StoreException when the database cannot be opened
   */
  public static StixStore openStore(AppConfig config) {
    return Stores.open(storeSettings(config));
  }

  static StoreSettings storeSettings(AppConfig config) {
    AppConfig.DatabaseSettings db = config.database();
    if (db.url() == null) {
      try {
        Files.createDirectories(config.dataDir());
      } catch (IOException e) {
        throw new StoreException("cannot create the data directory " + config.dataDir() + ": "
            + e.getMessage(), e);
      }
      return StoreSettings.h2File(config.dataDir());
    }
    return new StoreSettings(db.url(), db.user() == null ? "" : db.user(),
        db.password() == null ? "" : db.password(), StoreSettings.DEFAULT_POOL_SIZE,
        Clock.systemUTC());
  }

  private static String describeDatabase(AppConfig config) {
    return storeSettings(config).redactedUrl();
  }

  private static boolean databaseUp(StixStore store) {
    try {
      store.collections();
      return true;
    } catch (RuntimeException e) {
      LOG.warn("event=health_check_failed problem=\"{}\"", e.getMessage());
      return false;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** Returns the port the server listens on (the chosen one when configured as 0). */
  public int port() {
    return http.port();
  }

  /** Returns the base URL, such as {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    String host = config.http().host();
    if (host.equals("0.0.0.0") || host.equals("::")) {
      host = "localhost";
    }
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port()
        + "/");
  }

  /** Returns the door to this node's data. */
  public NodeData data() {
    return data;
  }

  /**
   * Returns the store beneath the door, for tests that check what the node holds and each
   * version's provenance without going through the release rule.
   */
  StixStore store() {
    return store;
  }

  /** Returns the node's directory, audit log, federation register and governance. */
  NodeServices services() {
    return services;
  }

  /**
   * Returns the organisation the node's maritime desk works for: {@code maritime.owner}, else the
   * node's organisation; an owner the node does not know is a configuration error.
   */
  private static String maritimeOwner(AppConfig config, NodeServices services) {
    String owner = config.maritime().owner();
    if (owner == null) {
      return config.node().organisation();
    }
    if (services.governance().state().organisation(owner).isEmpty()) {
      throw new ConfigException("configuration", "maritime.owner", "\"" + owner
          + "\" is not an organisation this node knows; name one of node.organisation or the"
          + " organisations list");
    }
    return owner;
  }

  /** Returns the node's maritime picture (started with the node; empty without maritime data). */
  public MaritimeService maritime() {
    return java.util.Objects.requireNonNull(services.maritime(), "maritime");
  }

  /** Returns the node's federation with its peers (started with the node). */
  public Federation federation() {
    return federation;
  }

  /**
   * Returns the principal the node pulls from peers as: its own organisation, role machine; what
   * it receives is received by that organisation (the first recipient).
   */
  static Principal federationCustodian(AppConfig config) {
    return new Principal("federation", config.node().organisation(), Set.of(Role.MACHINE));
  }

  /** Returns the configuration the node runs with. */
  public AppConfig config() {
    return config;
  }

  /** Returns the principal the node's own programs act as. */
  public Principal operator() {
    return Principal.system(config.node().organisation());
  }

  @Override
  public void close() {
    try {
      federation.close();
      http.stop();
      MaritimeService m = services.maritime();
      if (m != null) {
        m.close();
      }
    } finally {
      try {
        store.close();
      } finally {
        metrics.close();
        LOG.info("event=stopped");
      }
    }
  }
}
