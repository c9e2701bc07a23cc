package org.kuroshio.app;

import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.kuroshio.sharing.Accounts;
import org.kuroshio.sharing.AuditLog;
import org.kuroshio.sharing.Directory;
import org.kuroshio.sharing.DirectorySeed;
import org.kuroshio.sharing.Governance;
import org.kuroshio.sharing.IngestSettings;
import org.kuroshio.sharing.NodeData;
import org.kuroshio.sharing.Organisation;
import org.kuroshio.sharing.PeerRegistry;
import org.kuroshio.sharing.Principal;
import org.kuroshio.store.Database;
import org.kuroshio.store.StixStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node is made of besides its store, wired the same way for the running node and for the
 * offline commands: directory, audit log, federation register, governance, the door, accounts.
 *
 * @param directory organisations, users, tokens and agreements
 * @param audit the release log
 * @param peers the federation register
 * @param governance organisations and agreements in force
 * @param data the one door to the node's data
 * @param accounts authentication against the directory
 * @param maritime the maritime picture of a running node, or null (offline commands, tests of
 *     the routes alone)
 */
record NodeServices(Directory directory, AuditLog audit, PeerRegistry peers,
    Governance governance, NodeData data, Accounts accounts, @Nullable MaritimeService maritime) {
  private static final Logger LOG = LoggerFactory.getLogger(NodeServices.class);

  /**
   * Opens the services over a store: registers the node's organisation and the configured ones
   * the directory lacks, then seeds the configured users.
   */
  static NodeServices open(AppConfig config, StixStore store, Clock clock) {
    Database db = store.database();
    Directory directory = Directory.open(db, clock);
    AuditLog audit = AuditLog.open(db, clock);
    PeerRegistry peers = PeerRegistry.open(db, clock);
    Organisation node = new Organisation(config.node().organisation(),
        config.node().organisationName(), clock.instant());
    Governance governance = Governance.open(store, directory, node, clock);
    Principal operator = Principal.system(node.id());
    for (Organisation o : config.organisations()) {
      if (governance.state().organisation(o.id()).isEmpty()) {
        governance.addOrganisation(operator, o.name(), o.id());
      }
    }
    DirectorySeed.Result seeded = DirectorySeed.apply(directory, config.users(), clock);
    for (String note : seeded.notes()) {
      LOG.info("event=user_seed note=\"{}\"", note);
    }
    NodeData data = NodeData.open(store, governance, audit, IngestSettings.DEFAULT, clock);
    return new NodeServices(directory, audit, peers, governance, data,
        Accounts.of(directory, clock), null);
  }

  /** Returns these services with the running node's maritime picture. */
  NodeServices withMaritime(MaritimeService m) {
    return new NodeServices(directory, audit, peers, governance, data, accounts, m);
  }
}
