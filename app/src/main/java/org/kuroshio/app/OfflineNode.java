package org.kuroshio.app;

import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.kuroshio.sharing.Accounts;
import org.kuroshio.sharing.IngestSettings;
import org.kuroshio.sharing.NodeData;
import org.kuroshio.sharing.Principal;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.StoreException;

/**
 * The data of a stopped node, opened by a command-line tool ({@code import}, {@code export}) that
 * acts as the node operator, through the same door as the running node.
 */
final class OfflineNode implements AutoCloseable {
  private final AppConfig config;
  private final StixStore store;
  private final NodeData data;
  private final Principal operator;

  private OfflineNode(AppConfig config, StixStore store) {
    Clock clock = Clock.systemUTC();
    this.config = config;
    this.store = store;
    this.data = NodeServices.open(config, store, clock).data();
    this.operator = Principal.system(config.node().organisation());
  }

  /**
   * Opens the configured store, explaining the usual reason when an embedded database is locked.
   *
   * @throws Main.CommandFailure when the database is in use by another process
   */
  static OfflineNode open(AppConfig config) {
    try {
      return new OfflineNode(config, Node.openStore(config));
    } catch (StoreException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("already in use") || m.contains("locked")) {
        throw new Main.CommandFailure("the database is in use by another process (is the node"
            + " running? stop it, or post to it with --url): " + m, e);
      }
      throw e;
    }
  }

  NodeData data() {
    return data;
  }

  Principal operator() {
    return operator;
  }

  /**
   * Returns the requested collection, or the first configured one when none is requested.
   *
   * @throws Main.CommandFailure when the node has no such collection
   */
  String collection(@Nullable String requested) {
    String target = requested != null ? requested : config.defaultCollectionId();
    if (data.collection(operator, target).isEmpty()) {
      throw new Main.CommandFailure("no collection " + target + " that the node's organisation"
          + " may use (its collections: " + String.join(", ", data.collections(operator).stream()
              .map(x -> x.id() + " " + x.info().title()).toList()) + ")");
    }
    return target;
  }

  @Override
  public void close() {
    store.close();
  }
}
