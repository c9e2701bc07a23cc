package org.kuroshio.app;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.kuroshio.sharing.Agreement;
import org.kuroshio.sharing.CollectionView;
import org.kuroshio.sharing.Credentials;
import org.kuroshio.sharing.NodeData;
import org.kuroshio.sharing.Organisation;
import org.kuroshio.sharing.PeerRegistry;
import org.kuroshio.sharing.Principal;
import org.kuroshio.sharing.Role;
import org.kuroshio.sharing.SharingState;
import org.kuroshio.sharing.UserAccount;
import org.kuroshio.stix.StixObject;
import org.kuroshio.store.ObjectQuery;
import org.kuroshio.store.Page;
import org.kuroshio.store.StoredVersion;
import org.kuroshio.store.VersionMatch;
import org.kuroshio.taxii.federation.FederationSettings;
import org.kuroshio.taxii.federation.PassResult;

/**
 * Three nodes on loopback exchanging the demo scenario under the demo agreements: the National
 * Security Bureau's node, the Pacific ally's and the Department of Commerce's. The bureau pulls
 * the letter of intent's collection from the Pacific ally and pushes the statement of intent's
 * to Commerce; the Pacific ally pulls the letter of intent from the bureau. What flows is what the
 * release rule allows on the sending node, and received objects go no further than the rule
 * lets them (docs/SHARING.md).
 */
final class FederationDemo implements AutoCloseable {
  /** One node of the demo: its name, organisation and the running node. */
  record Member(String name, String organisation, String password, Node node) {
    Principal principal() {
      return new Principal(name, organisation, Set.of(Role.ANALYST));
    }
  }

  private static final String LOI = DemoScenario.LOI_COLLECTION;
  private static final String SOI = DemoScenario.SOI_COLLECTION;

  private final List<Member> members;
  private final Path dir;
  private final String host;
  private final int iterations;
  private final MaritimeDemo.@Nullable Sources maritime;

  private FederationDemo(List<Member> members, Path dir, String host, int iterations,
      MaritimeDemo.@Nullable Sources maritime) {
    this.members = new ArrayList<>(members);
    this.dir = dir;
    this.host = host;
    this.iterations = iterations;
    this.maritime = maritime;
  }

  /** Returns the token the node of {@code from} presents to the node of {@code to}. */
  static String token(String from, String to) {
    return "kuroshio-demo-federation-" + from + "-at-" + to;
  }

  /**
   * Starts the three nodes under {@code dir} (one data folder each) on {@code host}, any free
   * ports, registers the agreements and peers, and loads each partner's part of the scenario
   * into its own node. Nothing is exchanged yet: call {@link #exchange()}.
   */
  static FederationDemo start(Path dir, String host, int iterations) {
    return start(dir, host, iterations, FederationSettings.defaults());
  }

  /** As {@link #start(Path, String, int)}, with the nodes' federation settings. */
  static FederationDemo start(Path dir, String host, int iterations,
      FederationSettings settings) {
    return start(dir, host, iterations, settings, null);
  }

  /**
   * As {@link #start(Path, String, int, FederationSettings)}; with {@code maritime}, the
   * bureau's node also runs the demo's maritime picture over that geodata (load the story with
   * {@link #loadMaritime}).
   */
  static FederationDemo start(Path dir, String host, int iterations,
      FederationSettings settings, MaritimeDemo.@Nullable Sources maritime) {
    List<String[]> specs = SPECS;
    List<Member> started = new ArrayList<>();
    try {
      for (String[] s : specs) {
        started.add(startNode(dir, host, iterations, s, specs, settings, maritime));
      }
      FederationDemo demo = new FederationDemo(started, dir, host, iterations, maritime);
      demo.agreementsAndScenario();
      demo.registerPeers();
      return demo;
    } catch (RuntimeException e) {
      for (Member m : started) {
        m.node().close();
      }
      throw e;
    }
  }

  /** Returns the configuration of one demo node (as {@link #start} builds it). */
  static AppConfig config(Path dir, String host, int iterations, String[] self,
      List<String[]> all) {
    List<UserAccount> users = new ArrayList<>();
    String password = self[3] + "-demo-password";
    users.add(new UserAccount(self[3], self[1], Set.of(Role.ANALYST),
        Credentials.hashPassword(password.toCharArray(), iterations), List.of(), Map.of()));
    List<Organisation> orgs = new ArrayList<>();
    for (String[] other : all) {
      if (other != self) {
        orgs.add(new Organisation(other[1], other[2], java.time.Instant.EPOCH));
        users.add(new UserAccount(other[0] + "-node", other[1], Set.of(Role.MACHINE), null,
            List.of(Credentials.hashToken(token(other[0], self[0]))), Map.of()));
      }
    }
    AppConfig config = AppConfig.defaults()
        .withNode(new AppConfig.NodeSettings("Kuroshio node of the " + self[2],
            "Federation demo: one of three nodes on loopback.", self[1], self[2]))
        .withOrganisations(orgs)
        .withUsers(users)
        .withDataDir(dir.resolve(self[0]))
        .withListener(host, 0);
    return config;
  }

  /** The three demo nodes: name, organisation, organisation name, analyst login. */
  static final List<String[]> SPECS = List.of(
      new String[] {"bureau", DemoScenario.NSB, "National Security Bureau", "nsb"},
      new String[] {"pacific", DemoScenario.PACIFIC_ALLY,
          "Pacific Ally National Security Office", "pacific"},
      new String[] {"commerce", DemoScenario.COMMERCE, "Department of Commerce", "commerce"});

  private static Member startNode(Path dir, String host, int iterations, String[] self,
      List<String[]> all, FederationSettings settings, MaritimeDemo.@Nullable Sources maritime) {
    AppConfig config = config(dir, host, iterations, self, all);
    if (maritime != null && self[0].equals("bureau")) {
      config = MaritimeDemo.configure(config, maritime);
    }
    return new Member(self[0], self[1], self[3] + "-demo-password",
        Node.start(config, settings));
  }

  private void agreementsAndScenario() {
    for (Member m : members) {
      Principal admin = Principal.system(m.organisation());
      for (Agreement a : DemoScenario.agreements()) {
        if (!a.collectionId().equals(DemoScenario.PARTNER_COLLECTION)) {
          m.node().data().governance().adopt(admin, a);
        }
      }
      List<StixObject> own = DemoScenario.loadable(m.node().data()).stream()
          .filter(o -> DemoScenario.contributor(o).equals(m.organisation()))
          .toList();
      DemoScenario.ingest(m.node().data(), m.organisation(),
          SharingState.localCollectionId(m.organisation()), own);
    }
  }

  /**
   * Stops one member's node and starts it again over the same database (on a new port), then
   * points every peer entry at the current addresses. Cursors and health survive.
   */
  Member restart(String name, FederationSettings settings) {
    Member old = member(name);
    old.node().close();
    String[] spec = SPECS.stream().filter(x -> x[0].equals(name)).findFirst().orElseThrow();
    Member again = startNode(dir, host, iterations, spec, SPECS, settings, maritime);
    members.set(members.indexOf(old), again);
    registerPeers();
    return again;
  }

  /**
   * Loads the demo's maritime story into the bureau's node (started with maritime sources): its
   * events and the incident become the bureau's AMBER objects, which the letter of intent lets
   * the Pacific ally pull and the statement of intent (cyber only) keeps from Commerce.
   */
  MaritimeDemo.Loaded loadMaritime() {
    if (maritime == null) {
      throw new IllegalStateException("the federation demo was started without maritime data");
    }
    return MaritimeDemo.load(member("bureau").node().maritime(), maritime);
  }

  /** Records (again) the peers of each member, at the members' current addresses. */
  void registerPeers() {
    Member bureau = member("bureau");
    Member pacific = member("pacific");
    Member commerce = member("commerce");
    bureau.node().services().peers().putPeer(new PeerRegistry.Peer("pacific", apiRoot(pacific),
        new PeerRegistry.Bearer(token("bureau", "pacific")), pacific.organisation(),
        List.of(LOI), List.of(), 60, true));
    bureau.node().services().peers().putPeer(new PeerRegistry.Peer("commerce",
        apiRoot(commerce), new PeerRegistry.Bearer(token("bureau", "commerce")),
        commerce.organisation(), List.of(), List.of(SOI), 60, true));
    pacific.node().services().peers().putPeer(new PeerRegistry.Peer("bureau", apiRoot(bureau),
        new PeerRegistry.Bearer(token("pacific", "bureau")), bureau.organisation(),
        List.of(LOI), List.of(), 60, true));
  }

  private static URI apiRoot(Member m) {
    return m.node().uri().resolve(Node.taxiiSettings(m.node().config()).apiRootPath() + "/");
  }

  /** Returns the member with this name. */
  Member member(String name) {
    return members.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }

  /** Returns the three members. */
  List<Member> members() {
    return List.copyOf(members);
  }

  /**
   * Runs one exchange now: the Pacific ally pulls from the bureau, then the bureau pulls from
   * the Pacific ally and pushes to Commerce. (In this order the ally's relationships to the
   * bureau's objects find both ends on the ally's node when the bureau pulls; see
   * docs/FEDERATION.md on relationships withheld for a missing end.)
   */
  List<PassResult> exchange() {
    List<PassResult> out = new ArrayList<>();
    out.addAll(member("pacific").node().federation().syncNow("bureau"));
    out.addAll(member("bureau").node().federation().syncNow("pacific"));
    out.addAll(member("bureau").node().federation().syncNow("commerce"));
    return out;
  }

  /**
   * Returns what a member's organisation holds on its node, as its own analysts see it: for each
   * owner, the number of objects per TLP (latest versions; definitions, identities and
   * agreements left out).
   */
  static Map<String, Map<String, Integer>> holdings(Member m) {
    Map<String, StoredVersion> latest = visible(m.node().data(), m.principal());
    Map<String, Map<String, Integer>> out = new TreeMap<>();
    for (StoredVersion v : latest.values()) {
      out.computeIfAbsent(v.owner(), k -> new TreeMap<>())
          .merge(v.tlp() == null ? "unmarked" : v.tlp(), 1, Integer::sum);
    }
    return out;
  }

  /**
   * The objects a principal sees on a node, over every collection the rule shows it: the latest
   * version of each object once, definitions, identities and agreements left out.
   */
  static Map<String, StoredVersion> visible(NodeData data, Principal p) {
    Map<String, StoredVersion> latest = new LinkedHashMap<>();
    for (CollectionView c : data.collections(p)) {
      String cursor = null;
      do {
        ObjectQuery q = new ObjectQuery(null, Set.of(), Set.of(), VersionMatch.LAST, Set.of(),
            1000, cursor, false);
        Page<StoredVersion> page = data.query(p, c.id(), q, "demo.summary");
        for (StoredVersion v : page.items()) {
          if (!Set.of("marking-definition", "extension-definition", "identity",
              "kuroshio-agreement").contains(v.type())) {
            latest.put(v.id(), v);
          }
        }
        cursor = page.more() ? page.next() : null;
      } while (cursor != null);
    }
    return latest;
  }

  @Override
  public void close() {
    for (Member m : members) {
      m.node().close();
    }
  }
}
