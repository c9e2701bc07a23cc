package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.kuroshio.sharing.PeerRegistry;
import org.kuroshio.store.CollectionInfo;
import org.kuroshio.store.Contribution;
import org.kuroshio.store.ObjectQuery;
import org.kuroshio.store.Page;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.StoredVersion;
import org.kuroshio.store.VersionMatch;
import org.kuroshio.taxii.Manifest;
import org.kuroshio.taxii.ManifestRecord;
import org.kuroshio.taxii.TaxiiCollection;
import org.kuroshio.taxii.TaxiiFilter;
import org.kuroshio.taxii.client.TaxiiClient;
import org.kuroshio.taxii.federation.LinkHealth;
import org.kuroshio.taxii.federation.PassResult;

/**
 * What the three-node tests do and look at: exchanges run to the end, what a node's store holds
 * (beneath the release rule), and the "nothing twice" checks.
 */
final class ThreeNodeChecks {
  static final String LOI = DemoScenario.LOI_COLLECTION;
  static final String SOI = DemoScenario.SOI_COLLECTION;

  private ThreeNodeChecks() {}

  /** Runs passes of one node with one peer until none stops at a bound; every pass must work. */
  static List<PassResult> syncUntilDone(FederationDemo demo, String node, String peer) {
    List<PassResult> all = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      List<PassResult> round = demo.member(node).node().federation().syncNow(peer);
      assertThat(round).as("passes of %s with %s", node, peer).isNotEmpty()
          .allSatisfy(r -> assertThat(r.ok()).as("pass %s", r).isTrue());
      all.addAll(round);
      if (round.stream().noneMatch(PassResult::more)) {
        return all;
      }
    }
    return fail("%s with %s still had more to do after 40 passes", node, peer);
  }

  /**
   * The demo's exchange, run to the end: the Pacific node pulls the letter of intent from the
   * bureau, the bureau pulls it from the Pacific node, then pushes the statement of intent to
   * Commerce.
   */
  static void exchangeAll(FederationDemo demo) {
    syncUntilDone(demo, "pacific", "bureau");
    syncUntilDone(demo, "bureau", "pacific");
    syncUntilDone(demo, "bureau", "commerce");
  }

  /** The same exchange, on the expectation, with the peers' current addresses. */
  static void exchangeAll(ThreeNodeRules rules, FederationDemo demo) {
    rules.pull("pacific", "bureau", LOI, peerUrl(demo, "pacific", "bureau"));
    rules.pull("bureau", "pacific", LOI, peerUrl(demo, "bureau", "pacific"));
    rules.push("bureau", "commerce", SOI);
  }

  /** Returns the API root {@code node} has on record for its peer. */
  static String peerUrl(FederationDemo demo, String node, String peer) {
    return peers(demo, node).peer(peer).orElseThrow().baseUrl().toString();
  }

  static PeerRegistry peers(FederationDemo demo, String node) {
    return demo.member(node).node().services().peers();
  }

  /** Returns the one link of a node with a peer (each demo peer has exactly one). */
  static LinkHealth link(FederationDemo demo, String node, String peer) {
    List<LinkHealth> h = demo.member(node).node().federation().health(peer);
    assertThat(h).as("links of %s with %s", node, peer).hasSize(1);
    return h.getFirst();
  }

  /** Returns an organisation's short name for messages. */
  static String org(@Nullable String id) {
    if (id == null) {
      return "-";
    }
    if (id.equals(DemoScenario.NSB)) {
      return "NSB";
    }
    if (id.equals(DemoScenario.PACIFIC_ALLY)) {
      return "Pacific";
    }
    if (id.equals(DemoScenario.COMMERCE)) {
      return "Commerce";
    }
    return id;
  }

  /** One line per held version: id, version, owner, where it came from, who received it. */
  static String line(String id, String version, String owner, @Nullable String from,
      @Nullable String by) {
    return id + " " + version + " owner=" + org(owner) + " from=" + (from == null ? "-" : from)
        + " by=" + org(by);
  }

  /** Returns the lines the expectation gives for a node. */
  static Set<String> expectedLines(ThreeNodeRules rules, String node) {
    Set<String> out = new TreeSet<>();
    for (ThreeNodeRules.Held h : rules.holdings(node).values()) {
      String version = h.object().string("modified").orElseThrow();
      out.add(line(h.object().id(), version, h.owner(), h.from(), h.by()));
    }
    return out;
  }

  /**
   * Returns the lines for what a node's store holds of the objects the expectation covers, every
   * version of each (so a second version would show).
   */
  static List<String> actualLines(ThreeNodeRules rules, FederationDemo demo, String node) {
    List<String> ids = rules.pool().values().stream().filter(ThreeNodeRules::considered)
        .map(o -> o.id()).toList();
    List<String> out = new ArrayList<>();
    for (StoredVersion v : store(demo, node).versionsOf(ids, VersionMatch.ALL, false)) {
      out.add(line(v.id(), v.versionText(), v.owner(), v.receivedFrom(), v.receivedBy()));
    }
    out.sort(null);
    return out;
  }

  /** Asserts that a node holds exactly what the expectation says, one version each. */
  static void assertHoldsExactly(ThreeNodeRules rules, FederationDemo demo, String node) {
    assertThat(actualLines(rules, demo, node))
        .as("what the %s node holds (id, version, owner, from, received by)", node)
        .containsExactlyElementsOf(expectedLines(rules, node));
  }

  static StixStore store(FederationDemo demo, String node) {
    return demo.member(node).node().store();
  }

  /**
   * Returns every membership in a node's store: collection, id and version of each member, in
   * each collection's order (so a version stored twice in one collection shows twice).
   */
  static List<String> memberships(FederationDemo demo, String node) {
    StixStore store = store(demo, node);
    List<String> out = new ArrayList<>();
    for (CollectionInfo c : store.collections()) {
      String after = null;
      do {
        Page<StoredVersion> page = store.query(c.id(), new ObjectQuery(null, Set.of(), Set.of(),
            VersionMatch.ALL, Set.of(), 1000, after, false));
        for (StoredVersion v : page.items()) {
          out.add(c.id() + " " + v.id() + " " + v.versionText());
        }
        after = page.more() ? page.next() : null;
      } while (after != null);
    }
    return out;
  }

  /**
   * Nothing twice: no version is a member of one collection twice (in the store and in every
   * TAXII manifest the node's analyst reads), and each version the expectation covers has
   * exactly one contribution saying where it came from (the store never records the same
   * contribution twice, so a refetched page shows here only as a different one). Returns the
   * other contributions found (the caller decides what may be there).
   */
  static List<Contribution> assertNothingTwice(ThreeNodeRules rules, FederationDemo demo,
      String node) {
    List<String> members = memberships(demo, node);
    assertThat(members).as("memberships of the %s node's collections", node)
        .doesNotHaveDuplicates();

    FederationDemo.Member m = demo.member(node);
    String login = FederationDemo.SPECS.stream().filter(s -> s[0].equals(node)).findFirst()
        .orElseThrow()[3];
    TaxiiClient client = TaxiiClient.builder(m.node().uri().resolve("api/"))
        .basicAuth(login, m.password().toCharArray()).build();
    for (TaxiiCollection c : client.collections()) {
      List<String> seen = new ArrayList<>();
      String next = null;
      do {
        Manifest page = client.manifest(c.id(), TaxiiFilter.none().withVersions("all")
            .withLimit(7).withNext(next)).body();
        for (ManifestRecord r : page.objects()) {
          seen.add(r.id() + " " + r.version());
        }
        next = page.more() ? page.next() : null;
      } while (next != null);
      assertThat(seen).as("TAXII manifest of %s on the %s node, as its analyst", c.title(), node)
          .doesNotHaveDuplicates();
    }

    List<Contribution> others = new ArrayList<>();
    StixStore store = store(demo, node);
    for (ThreeNodeRules.Held h : rules.holdings(node).values()) {
      List<Contribution> prov = store.provenance(h.object().id());
      List<Contribution> origin = prov.stream()
          .filter(c -> c.organisation().equals(h.owner()) && Objects.equals(c.node(), h.from()))
          .toList();
      assertThat(origin).as("contributions of %s on the %s node that say where it came from"
          + " (all: %s)", h.object().id(), node, prov).hasSize(1);
      for (Contribution c : prov) {
        if (!origin.contains(c)) {
          others.add(c);
        }
      }
    }
    return others;
  }

  /**
   * Returns whether a contribution is one of the node's own objects coming back from a peer
   * that holds it (recorded under the peer's organisation and address). Those are the only other
   * contributions the scenario checks let pass; a test of its own says they should not exist.
   */
  static boolean isEcho(Contribution c, FederationDemo demo, String node) {
    String own = demo.member(node).organisation();
    List<StoredVersion> v = store(demo, node).versionsOf(List.of(c.objectId()),
        VersionMatch.ALL, false);
    boolean ours = !v.isEmpty() && v.getFirst().owner().equals(own)
        && v.getFirst().receivedFrom() == null;
    return ours && peers(demo, node).peers().stream().anyMatch(p ->
        p.organisation().equals(c.organisation()) && p.baseUrl().toString().equals(c.node()));
  }

  /** Asserts that the only contributions beyond each version's origin are echoes. */
  static void assertNothingTwiceButEchoes(ThreeNodeRules rules, FederationDemo demo,
      String node) {
    assertThat(assertNothingTwice(rules, demo, node))
        .as("contributions on the %s node beyond each version's origin", node)
        .allSatisfy(c -> assertThat(isEcho(c, demo, node)).as("%s is an echo", c).isTrue());
  }
}
