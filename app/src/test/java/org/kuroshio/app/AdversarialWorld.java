package org.kuroshio.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.kuroshio.sharing.Agreement;
import org.kuroshio.sharing.AgreementKind;
import org.kuroshio.sharing.AgreementStatus;
import org.kuroshio.sharing.Credentials;
import org.kuroshio.sharing.Governance;
import org.kuroshio.sharing.IngestResult;
import org.kuroshio.sharing.Organisation;
import org.kuroshio.sharing.Principal;
import org.kuroshio.sharing.Role;
import org.kuroshio.sharing.SharingState;
import org.kuroshio.sharing.UserAccount;
import org.kuroshio.stix.Domains;
import org.kuroshio.stix.Markings;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Tlp;
import org.kuroshio.store.StixStore;
import org.kuroshio.testing.StixFixtures;
import tools.jackson.databind.JsonNode;

/**
 * The hostile world of {@link AdversarialIT}: an operator and five organisations on one real
 * node, six agreements in every state, and objects of every TLP level and several domains per
 * owner, with release lists, relationships and sightings whose ends only some may see, versions
 * re-marked to a stricter level, and objects received from another node. Every object's name
 * carries a token of its own, so a search names exactly one object.
 */
final class AdversarialWorld implements AutoCloseable {
  static final String OP = "identity--0a000000-0000-4000-8000-00000000000f";
  static final String O1 = "identity--0a000000-0000-4000-8000-000000000001";
  static final String O2 = "identity--0a000000-0000-4000-8000-000000000002";
  static final String O3 = "identity--0a000000-0000-4000-8000-000000000003";
  static final String O4 = "identity--0a000000-0000-4000-8000-000000000004";
  static final String O5 = "identity--0a000000-0000-4000-8000-000000000005";
  static final List<String> PARTNERS = List.of(O1, O2, O3, O4, O5);
  static final List<String> ALL_ORGS = List.of(OP, O1, O2, O3, O4, O5);
  static final String PEER_NODE = "https://peer.example.org/api/";

  /** One account of the world. */
  record User(String name, String password, String organisation, Role role) {}

  /** What the test meant an object version to be (checked against what ingest derived). */
  record Intent(String id, String version, String owner, @Nullable Tlp tlp, Set<String> domains,
      List<String> releaseTo, @Nullable String receivedBy, @Nullable String targetCollection,
      String token) {}

  final Node node;
  final StixStore store;
  final List<User> users = new ArrayList<>();
  final Map<String, Agreement> agreements = new LinkedHashMap<>();
  final List<Intent> intents = new ArrayList<>();
  /** The token in each test object's name, by object id. */
  final Map<String, String> tokenOf = new LinkedHashMap<>();
  /** A token only one version carries (in its description), by "id|version". */
  final Map<String, String> versionToken = new LinkedHashMap<>();

  private final StixFixtures fx = new StixFixtures();
  private int counter;

  private AdversarialWorld(Node node, StixStore store) {
    this.node = node;
    this.store = store;
  }

  static String name(String org) {
    return org.equals(OP) ? "OP" : "O" + org.charAt(org.length() - 1);
  }

  static String local(String org) {
    return SharingState.localCollectionId(org);
  }

  /** Starts the node on port 0 over H2 in {@code dir} and builds the world. */
  static AdversarialWorld build(Path dir) {
    List<User> users = new ArrayList<>();
    users.add(new User("op-admin", "op-admin-password-long", OP, Role.ADMIN));
    for (String o : PARTNERS) {
      String n = name(o).toLowerCase(java.util.Locale.ROOT);
      users.add(new User(n + "-analyst", n + "-analyst-password", o, Role.ANALYST));
      users.add(new User(n + "-reader", n + "-reader-password", o, Role.READ_ONLY));
    }
    users.add(new User("o1-admin", "o1-admin-password-long", O1, Role.ADMIN));
    List<UserAccount> accounts = new ArrayList<>();
    for (User u : users) {
      accounts.add(new UserAccount(u.name(), u.organisation(), Set.of(u.role()),
          Credentials.hashPassword(u.password().toCharArray(), Credentials.MIN_ITERATIONS),
          List.of(), Map.of()));
    }
    Instant created = Instant.parse("2025-01-01T00:00:00Z");
    List<Organisation> orgs = new ArrayList<>();
    for (String o : PARTNERS) {
      orgs.add(new Organisation(o, "Organisation " + name(o), created));
    }
    AppConfig config = AppConfig.defaults()
        .withNode(new AppConfig.NodeSettings("Adversarial node", null, OP, "Operator"))
        .withOrganisations(orgs)
        .withUsers(accounts)
        .withDataDir(dir)
        .withListener("127.0.0.1", 0);
    StixStore store = Node.openStore(config);
    Node node = Node.start(config, store, Clock.systemUTC());
    AdversarialWorld w = new AdversarialWorld(node, store);
    w.users.addAll(users);
    try {
      w.populate();
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
    return w;
  }

  Governance governance() {
    return node.services().governance();
  }

  Agreement agreement(String label) {
    return agreements.get(label);
  }

  private Agreement agreement(String label, List<String> parties, Set<String> domains,
      Tlp ceiling, Instant from, @Nullable Instant until, boolean activate) {
    Principal op = Principal.system(OP);
    Agreement a = governance().createAgreement(op, AgreementKind.LETTER_OF_INTENT,
        "Agreement " + label, parties, domains, ceiling, from, until);
    if (activate) {
      a = governance().changeStatus(op, a.id(), AgreementStatus.ACTIVE, "signed");
    }
    agreements.put(label, a);
    return a;
  }

  /** Moves an agreement on (the test's mid-run suspension and re-activation). */
  Agreement change(String label, AgreementStatus next) {
    Agreement a = governance().changeStatus(Principal.system(OP), agreement(label).id(), next,
        "adversarial test");
    agreements.put(label, a);
    return a;
  }

  private String token() {
    counter++;
    return String.format("qzx%04dq", counter);
  }

  private void populate() {
    Instant now = Instant.now();
    Instant from = now.minus(Duration.ofDays(30));
    agreement("A12", List.of(O1, O2), Set.of(Domains.CYBER, Domains.MARITIME), Tlp.AMBER, from,
        null, true);
    agreement("A13", List.of(O1, O3), Set.of(Domains.CYBER), Tlp.GREEN, from, null, true);
    agreement("A24", List.of(O2, O4), Set.of(Domains.FIMI), Tlp.RED, from, null, true);
    agreement("A35", List.of(O3, O5), Set.of(Domains.CYBER), Tlp.AMBER, from, null, true);
    agreement("A15", List.of(O1, O5), Set.of(Domains.CYBER), Tlp.AMBER, from,
        now.minus(Duration.ofDays(1)), true);
    agreement("A14", List.of(O1, O4), Set.of(Domains.CYBER), Tlp.AMBER, from, null, false);

    Map<String, Map<String, String>> ids = new LinkedHashMap<>();
    for (String owner : PARTNERS) {
      ids.put(owner, contribute(owner));
    }
    Map<String, String> o1 = ids.get(O1);
    Map<String, String> o2 = ids.get(O2);
    Map<String, String> o3 = ids.get(O3);
    // Relationships and sightings whose ends only some recipients may see.
    add(O1, List.of(
        rel(O1, "r-green-to-own-amber", o1.get("green-cyber"), o1.get("amber-cyber"), Tlp.GREEN,
            null),
        rel(O1, "r-amber-to-o2-amber", o1.get("green-cyber"), o2.get("amber-cyber"), Tlp.AMBER,
            null),
        rel(O1, "r-green-to-missing", o1.get("green-cyber"),
            "indicator--" + UUID.randomUUID(), Tlp.GREEN, Domains.CYBER),
        rel(O1, "r-green-maritime", o1.get("green-maritime"), o1.get("green-cyber"), Tlp.GREEN,
            null),
        sighting(O1, "s-sighted-by-o4", o1.get("green-cyber"), O4, Tlp.GREEN,
            Domains.CYBER)));
    add(O2, List.of(
        rel(O2, "r-fimi-to-red-listed", o2.get("amber-fimi"), o2.get("red-all-fimi"), Tlp.RED,
            null, o2.get("rl-all")),
        rel(O2, "r-fimi-to-red-unlisted", o2.get("amber-fimi"), o2.get("red-self-fimi"),
            Tlp.AMBER, null),
        sighting(O2, "s-fimi-sighted-by-o1", o2.get("green-fimi"), O1, Tlp.GREEN,
            Domains.FIMI)));
    add(O3, List.of(
        rel(O3, "r-o3-to-o1-green", o3.get("green-cyber"), o1.get("green-cyber"), Tlp.GREEN,
            null)));
    // Versions re-marked to a stricter level.
    versions(O1, "v-amber-then-red", List.of(Tlp.AMBER, Tlp.RED), Domains.CYBER, o1.get("rl-all"));
    versions(O1, "v-green-then-amber", List.of(Tlp.GREEN, Tlp.AMBER), Domains.CYBER, null);
    versions(O2, "v-fimi-amber-then-red", List.of(Tlp.AMBER, Tlp.RED), Domains.FIMI,
        o2.get("rl-all"));
    // Objects received from another node under an agreement.
    receive(O1, "A12", O2, Tlp.AMBER, Domains.CYBER);
    receive(O1, "A12", O2, Tlp.GREEN, Domains.CYBER);
    receive(O4, "A24", O2, Tlp.AMBER, Domains.FIMI);
    receive(O3, "A35", O5, Tlp.GREEN, Domains.CYBER);
    receive(O3, "A35", O5, Tlp.AMBER, Domains.CYBER);
    change("A35", AgreementStatus.SUSPENDED);
    // Last of all, members their agreements' other parties may not have: a relationship to an
    // end the node does not hold (A12, A13) and TLP:RED listing only its owner (A24), so that
    // a page that fills exactly is followed by withheld members only.
    add(O1, List.of(rel(O1, "r-trailing-missing", o1.get("green-cyber"),
        "indicator--" + UUID.randomUUID(), Tlp.GREEN, Domains.CYBER)));
    List<StixObject> trailing = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String t = token();
      StixObject o = fx.indicator().createdBy(O2)
          .set("name", "Indicator trailing red-self-fimi of O2 " + t)
          .set("created", "2025-06-01T00:00:00.000Z").set("modified", "2025-06-01T00:00:00.000Z")
          .domains(Domains.FIMI).markings(Tlp.RED.markingId(), o2.get("rl-self")).build();
      trailing.add(o);
      tokenOf.put(o.id(), t);
      intents.add(new Intent(o.id(), "2025-06-01T00:00:00.000Z", O2, Tlp.RED,
          Set.of(Domains.FIMI), List.of(O2), null, null, t));
    }
    add(O2, trailing);
  }

  /** Each owner's objects: every TLP level and unmarked in three domains, and TLP:RED lists. */
  private Map<String, String> contribute(String owner) {
    Map<String, String> out = new LinkedHashMap<>();
    List<StixObject> batch = new ArrayList<>();
    String created = "2025-02-01T00:00:00.000Z";
    StixObject all = Markings.releaseList("marking-definition--" + UUID.randomUUID(), created,
        owner, PARTNERS);
    StixObject self = Markings.releaseList("marking-definition--" + UUID.randomUUID(), created,
        owner, List.of(owner));
    batch.add(all);
    batch.add(self);
    out.put("rl-all", all.id());
    out.put("rl-self", self.id());
    // Definitions fall to the default domain (SHARING.md, domains rule 5).
    intent(all.id(), created, owner, null, Set.of(Domains.CYBER), List.of(), "");
    intent(self.id(), created, owner, null, Set.of(Domains.CYBER), List.of(), "");
    List<Tlp> levels = new ArrayList<>(List.of(Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER, Tlp.AMBER_STRICT));
    levels.add(null);
    for (Tlp tlp : levels) {
      for (String domain : List.of(Domains.CYBER, Domains.MARITIME, Domains.FIMI)) {
        String label = (tlp == null ? "unmarked" : tlp.wireName().replace("+", "-")) + "-"
            + domain;
        String t = token();
        StixFixtures.Builder b = fx.indicator().createdBy(owner)
            .set("name", "Indicator " + label + " of " + name(owner) + " " + t)
            .set("created", created).set("modified", created).domains(domain);
        if (tlp != null) {
          b.tlp(tlp);
        }
        StixObject o = b.build();
        batch.add(o);
        out.put(label, o.id());
        tokenOf.put(o.id(), t);
        intent(o.id(), created, owner, tlp, Set.of(domain), List.of(), t);
      }
    }
    for (String[] red : List.of(new String[] {"red-all-cyber", Domains.CYBER, all.id()},
        new String[] {"red-all-fimi", Domains.FIMI, all.id()},
        new String[] {"red-self-fimi", Domains.FIMI, self.id()})) {
      String t = token();
      StixObject o = fx.indicator().createdBy(owner)
          .set("name", "Indicator " + red[0] + " of " + name(owner) + " " + t)
          .set("created", created).set("modified", created).domains(red[1])
          .markings(Tlp.RED.markingId(), red[2]).build();
      batch.add(o);
      out.put(red[0], o.id());
      tokenOf.put(o.id(), t);
      intent(o.id(), created, owner, Tlp.RED, Set.of(red[1]),
          red[2].equals(all.id()) ? PARTNERS : List.of(owner), t);
    }
    add(owner, batch);
    return out;
  }

  private void intent(String id, String version, String owner, @Nullable Tlp tlp,
      Set<String> domains, List<String> releaseTo, String token) {
    intents.add(new Intent(id, version, owner, tlp, domains, releaseTo, null, null, token));
  }

  private StixObject rel(String owner, String label, String source, String target, Tlp tlp,
      @Nullable String domain, String... extraMarkings) {
    String t = token();
    StixFixtures.Builder b = fx.relationship(source, "related-to", target).createdBy(owner)
        .set("description", "Relationship " + label + " " + t)
        .set("created", "2025-03-01T00:00:00.000Z").set("modified", "2025-03-01T00:00:00.000Z");
    List<String> markings = new ArrayList<>(List.of(tlp.markingId()));
    markings.addAll(List.of(extraMarkings));
    b.markings(markings.toArray(String[]::new));
    if (domain != null) {
      b.domains(domain);
    }
    StixObject o = b.build();
    tokenOf.put(o.id(), t);
    Set<String> domains = new java.util.TreeSet<>();
    if (domain != null) {
      domains.add(domain);
    } else {
      for (Intent i : intents) {
        if (i.id().equals(source) || i.id().equals(target)) {
          domains.addAll(i.domains());
        }
      }
    }
    intents.add(new Intent(o.id(), "2025-03-01T00:00:00.000Z", owner, tlp, domains,
        extraMarkings.length > 0 ? PARTNERS : List.of(), null, null, t));
    return o;
  }

  private StixObject sighting(String owner, String label, String of, String where, Tlp tlp,
      String domain) {
    String t = token();
    StixObject o = fx.sighting(of).createdBy(owner).list("where_sighted_refs", where)
        .set("description", "Sighting " + label + " " + t)
        .set("created", "2025-03-01T00:00:00.000Z").set("modified", "2025-03-01T00:00:00.000Z")
        .tlp(tlp).domains(domain).build();
    tokenOf.put(o.id(), t);
    intents.add(new Intent(o.id(), "2025-03-01T00:00:00.000Z", owner, tlp, Set.of(domain),
        List.of(), null, null, t));
    return o;
  }

  private void versions(String owner, String label, List<Tlp> levels, String domain,
      @Nullable String releaseList) {
    String t = token();
    String id = fx.id("indicator");
    for (int i = 0; i < levels.size(); i++) {
      Tlp tlp = levels.get(i);
      String modified = "2025-04-0" + (i + 1) + "T00:00:00.000Z";
      String vt = token();
      StixFixtures.Builder b = fx.indicator().set("id", id).createdBy(owner)
          .set("name", "Indicator " + label + " of " + name(owner) + " " + t)
          .set("description", "version " + (i + 1) + " " + vt)
          .set("created", "2025-04-01T00:00:00.000Z").set("modified", modified).domains(domain);
      if (tlp == Tlp.RED && releaseList != null) {
        b.markings(tlp.markingId(), releaseList);
      } else {
        b.tlp(tlp);
      }
      add(owner, List.of(b.build()));
      versionToken.put(id + "|" + modified, vt);
      intents.add(new Intent(id, modified, owner, tlp, Set.of(domain),
          tlp == Tlp.RED ? PARTNERS : List.of(), null, null, t));
    }
    tokenOf.put(id, t);
  }

  private void receive(String recipient, String agreementLabel, String peer, Tlp tlp,
      String domain) {
    String t = token();
    String created = "2025-05-01T00:00:00.000Z";
    StixObject o = fx.indicator().createdBy(peer)
        .set("name", "Received " + tlp.wireName() + " " + domain + " for " + name(recipient)
            + " from " + name(peer) + " " + t)
        .set("created", created).set("modified", created).domains(domain).tlp(tlp).build();
    Agreement a = agreement(agreementLabel);
    IngestResult r = node.data().addReceived(Principal.system(recipient), a.collectionId(), peer,
        PEER_NODE, List.<JsonNode>of(o.json()));
    require(r, "received " + o.id());
    tokenOf.put(o.id(), t);
    intents.add(new Intent(o.id(), created, peer, tlp, Set.of(domain), List.of(), recipient,
        a.collectionId(), t));
  }

  private void add(String owner, List<StixObject> objects) {
    IngestResult r = node.data().add(Principal.system(owner), local(owner), objects);
    require(r, "objects of " + name(owner));
  }

  private static void require(IngestResult r, String what) {
    if (r.failureCount() > 0) {
      throw new IllegalStateException("the world could not be built, " + what + " refused: "
          + r.failures());
    }
  }

  User user(String name) {
    return users.stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow();
  }

  @Override
  public void close() {
    node.close();
  }
}
