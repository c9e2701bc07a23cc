package org.kuroshio.taxii.federation;

import io.javalin.Javalin;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.kuroshio.sharing.Accounts;
import org.kuroshio.sharing.Agreement;
import org.kuroshio.sharing.AuditLog;
import org.kuroshio.sharing.Directory;
import org.kuroshio.sharing.Governance;
import org.kuroshio.sharing.IngestSettings;
import org.kuroshio.sharing.NodeData;
import org.kuroshio.sharing.Organisation;
import org.kuroshio.sharing.PeerRegistry;
import org.kuroshio.sharing.Principal;
import org.kuroshio.sharing.Role;
import org.kuroshio.sharing.SharingState;
import org.kuroshio.store.CollectionInfo;
import org.kuroshio.store.ObjectQuery;
import org.kuroshio.store.Page;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.StoredVersion;
import org.kuroshio.store.Stores;
import org.kuroshio.store.VersionMatch;
import org.kuroshio.taxii.server.TaxiiServer;
import org.kuroshio.taxii.server.TaxiiSettings;
import org.kuroshio.testing.FixedClock;

/**
 * A real node in the test JVM: an in-memory H2 store, its directory, governance, audit log, the
 * door, a peer registry and a TAXII server on port 0. Organisations other nodes also know are
 * registered with the same name and creation time everywhere, so their identities agree.
 */
final class FedNode implements AutoCloseable {
  final FixedClock clock;
  final String organisation;
  final StixStore store;
  final Directory directory;
  final Governance governance;
  final NodeData data;
  final PeerRegistry peers;
  final Principal admin;
  final Principal custodian;
  final Javalin app;
  final URI apiRoot;

  /**
   * Opens a node operated by {@code self}, knowing {@code others}, with {@code agreements}
   * recorded elsewhere registered before governance opens (same ids on every node).
   */
  FedNode(FixedClock clock, Organisation self, List<Organisation> others,
      List<Agreement> agreements) {
    this.clock = clock;
    this.organisation = self.id();
    this.store = Stores.h2InMemory("federation-" + UUID.randomUUID());
    this.directory = Directory.open(store.database(), clock);
    for (Organisation o : others) {
      directory.putOrganisation(o);
    }
    for (Agreement a : agreements) {
      directory.putAgreement(a);
      // Governance.open stores the organisations' identities (members of agreement
      // collections) before it creates the agreements' collections: create them first.
      store.putCollection(CollectionInfo.of(a.collectionId(), a.title(), null));
    }
    AuditLog audit = AuditLog.open(store.database(), clock);
    this.governance = Governance.open(store, directory, self, clock);
    this.data = NodeData.open(store, governance, audit, IngestSettings.DEFAULT, clock);
    this.peers = PeerRegistry.open(store.database(), clock);
    this.admin = new Principal("root", self.id(), Set.of(Role.ADMIN));
    this.custodian = new Principal("federation", self.id(), Set.of(Role.MACHINE));
    Accounts accounts = Accounts.of(directory, clock);
    this.app = TaxiiServer.create(data, accounts, TaxiiSettings.defaults())
        .start("127.0.0.1", 0);
    this.apiRoot = URI.create("http://127.0.0.1:" + app.port() + "/api/");
  }

  /** Creates a machine user of an organisation on this node and returns a fresh token for it. */
  String machineToken(String user, String org) {
    directory.createUser(user, org, Set.of(Role.MACHINE), null);
    return directory.issueToken(user, "federation peer", null).secret();
  }

  /** Returns a principal of an organisation on this node. */
  static Principal analyst(String org) {
    return new Principal("analyst-" + org.substring(org.length() - 4), org,
        Set.of(Role.ANALYST));
  }

  static String local(String org) {
    return SharingState.localCollectionId(org);
  }

  /** Returns every version stored in a collection, straight from the store. */
  List<StoredVersion> stored(String collection) {
    List<StoredVersion> out = new ArrayList<>();
    String after = null;
    do {
      Page<StoredVersion> p = store.query(collection, new ObjectQuery(null, Set.of(), Set.of(),
          VersionMatch.ALL, Set.of(), 1000, after, false));
      out.addAll(p.items());
      after = p.more() ? p.next() : null;
    } while (after != null);
    return out;
  }

  /** Returns "id|version" of every version of a collection, agreement objects left out. */
  Set<String> keys(String collection) {
    Set<String> out = new HashSet<>();
    for (StoredVersion v : stored(collection)) {
      if (!v.type().equals("kuroshio-agreement")) {
        out.add(v.id() + "|" + v.versionText());
      }
    }
    return out;
  }

  /** Returns "id|version" of every version the rule releases to a principal in a collection. */
  Set<String> released(Principal to, String collection) {
    Set<String> out = new HashSet<>();
    String after = null;
    do {
      Page<StoredVersion> p = data.query(to, collection, new ObjectQuery(null, Set.of(),
          Set.of(), VersionMatch.ALL, Set.of(), 1000, after, false), "test");
      for (StoredVersion v : p.items()) {
        if (!v.type().equals("kuroshio-agreement")) {
          out.add(v.id() + "|" + v.versionText());
        }
      }
      after = p.more() ? p.next() : null;
    } while (after != null);
    return out;
  }

  /** Returns the latest stored version of an object, or null. */
  @Nullable StoredVersion latest(String id) {
    List<StoredVersion> v = store.versionsOf(List.of(id), VersionMatch.LAST, false);
    return v.isEmpty() ? null : v.getFirst();
  }

  @Override
  public void close() {
    app.stop();
    store.close();
  }
}
