package org.kuroshio.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.kuroshio.sharing.Agreement;
import org.kuroshio.stix.KuroshioExtensions;
import org.kuroshio.stix.StixObject;
import tools.jackson.databind.JsonNode;

/**
 * The expectation of the three-node federation tests, written from docs/SHARING.md and
 * docs/FEDERATION.md and nothing else: which scenario objects each node holds after a sequence of
 * pulls and pushes, who owns them there and where they came from.
 *
 * <p>It deliberately restates the rule in its plainest form for the facts of the demo (no release
 * lists, no suspended agreements): an object goes from a node to an organisation when that
 * organisation owns it, or when it carries a TLP marking, was not received (or was received and is
 * CLEAR or GREEN), and an agreement the sending node knows names the sharer and the recipient,
 * covers all its domains and has a ceiling at least its TLP; a relationship or sighting goes only
 * when every object it points at is held by the sender and would go too. Marking and extension
 * definitions, agreement objects and the identities of the registered organisations are left out
 * (they are checked separately).
 */
final class ThreeNodeRules {
  /** TLP 2.0 marking-definition ids, least to most restrictive. */
  static final List<String> TLP_MARKINGS = List.of(
      "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
      "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
      "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
      "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
      "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");
  /** TLP names in the same order. */
  static final List<String> TLP_NAMES = List.of("clear", "green", "amber", "amber+strict", "red");

  /** The organisations every demo node registers (their identities are minted by each node). */
  static final Set<String> REGISTERED =
      Set.of(DemoScenario.NSB, DemoScenario.PACIFIC_ALLY, DemoScenario.COMMERCE);

  private static final Set<String> LEFT_OUT_TYPES =
      Set.of("marking-definition", "extension-definition", "kuroshio-agreement");
  private static final Set<String> ENDS_CHECKED = Set.of("relationship", "sighting");
  private static final String[] END_REFS = {
    "source_ref", "target_ref", "sighting_of_ref", "observed_data_refs", "where_sighted_refs"
  };
  private static final Set<String> AGGREGATES =
      Set.of("relationship", "sighting", "report", "note", "opinion", "grouping");
  private static final String[] ALL_REFS = {
    "source_ref", "target_ref", "sighting_of_ref", "observed_data_refs", "where_sighted_refs",
    "object_refs"
  };

  /**
   * One object as a node holds it.
   *
   * @param object the object
   * @param owner the organisation that owns it on that node
   * @param from null when contributed on that node; else the peer's API root (pulled) or
   *     {@code push:<account>} (pushed)
   * @param by the organisation that received it, or null
   * @param agreement the agreement collection it was received under, or null
   */
  record Held(StixObject object, String owner, @Nullable String from, @Nullable String by,
      @Nullable String agreement) {}

  /** An agreement of the demo nodes, as plain facts. */
  record Terms(String collection, Set<String> parties, Set<String> domains, int ceiling) {}

  private final Map<String, StixObject> pool;
  private final Map<String, String> contributors;
  private final List<Terms> agreements;
  private final Map<String, Map<String, Held>> nodes = new LinkedHashMap<>();
  private final Map<String, String> organisations = new LinkedHashMap<>();

  /**
   * Starts from each node holding the scenario objects its organisation contributes, plus
   * {@code extras} (object, contributing organisation).
   */
  ThreeNodeRules(Map<StixObject, String> extras) {
    pool = new LinkedHashMap<>();
    contributors = new LinkedHashMap<>();
    for (StixObject o : DemoScenario.objects()) {
      pool.put(o.id(), o);
      contributors.put(o.id(), DemoScenario.contributor(o));
    }
    extras.forEach((o, org) -> {
      pool.put(o.id(), o);
      contributors.put(o.id(), org);
    });
    agreements = new ArrayList<>();
    for (Agreement a : DemoScenario.agreements()) {
      if (!a.collectionId().equals(DemoScenario.PARTNER_COLLECTION)) {
        agreements.add(new Terms(a.collectionId(), Set.copyOf(a.parties()),
            Set.copyOf(a.domains()), TLP_NAMES.indexOf(a.ceiling().wireName())));
      }
    }
    for (String[] spec : FederationDemo.SPECS) {
      organisations.put(spec[0], spec[1]);
      Map<String, Held> held = new LinkedHashMap<>();
      for (StixObject o : pool.values()) {
        if (considered(o) && contributors.get(o.id()).equals(spec[1])) {
          held.put(o.id(), new Held(o, spec[1], null, null, null));
        }
      }
      nodes.put(spec[0], held);
    }
  }

  /** Whether the expectation covers this object (see the class comment). */
  static boolean considered(StixObject o) {
    return !LEFT_OUT_TYPES.contains(o.type())
        && !(o.type().equals("identity") && REGISTERED.contains(o.id()));
  }

  /** Returns every object of the scenario and the extras, by id. */
  Map<String, StixObject> pool() {
    return pool;
  }

  /** Returns what the node called {@code name} holds now, by object id. */
  Map<String, Held> holdings(String name) {
    return nodes.get(name);
  }

  /** {@code puller} pulls {@code collection} from {@code peer}, whose API root is {@code url}. */
  void pull(String puller, String peer, String collection, String url) {
    String recipient = organisations.get(puller);
    for (StixObject o : released(peer, recipient, collection)) {
      nodes.get(puller).putIfAbsent(o.id(),
          new Held(o, organisations.get(peer), url, recipient, collection));
    }
  }

  /** {@code pusher} pushes its own objects of {@code collection} to {@code peer}. */
  void push(String pusher, String peer, String collection) {
    String sender = organisations.get(pusher);
    String recipient = organisations.get(peer);
    Map<String, Held> from = nodes.get(pusher);
    for (StixObject o : released(pusher, recipient, collection)) {
      Held h = from.get(o.id());
      if (h.owner().equals(sender) && h.from() == null) {
        nodes.get(peer).putIfAbsent(o.id(),
            new Held(o, sender, "push:" + pusher + "-node", recipient, collection));
      }
    }
  }

  /** What node {@code sender} releases to {@code recipient} from an agreement's collection. */
  private List<StixObject> released(String sender, String recipient, String collection) {
    Terms a = terms(collection);
    Map<String, Held> held = nodes.get(sender);
    List<StixObject> out = new ArrayList<>();
    for (Held h : held.values()) {
      boolean member = h.from() == null
          ? a.parties().contains(h.owner()) && covered(a, h.object())
          : collection.equals(h.agreement());
      if (member && allowed(held, h, recipient, a)) {
        out.add(h.object());
      }
    }
    return out;
  }

  /** The rule for one held object and one recipient; {@code under} null means purpose any. */
  private boolean allowed(Map<String, Held> held, Held h, String recipient,
      @Nullable Terms under) {
    if (h.owner().equals(recipient)) {
      return true;
    }
    Integer tlp = tlp(h.object());
    if (tlp == null) {
      return false;
    }
    if (h.by() != null && h.by().equals(recipient)) {
      return true;
    }
    if (h.by() != null && tlp > 1) {
      return false;
    }
    if (tlp == 4) {
      return false; // no release lists in these tests
    }
    String sharer = h.by() != null ? h.by() : h.owner();
    List<Terms> candidates = under != null ? List.of(under) : agreements;
    boolean agreed = false;
    for (Terms a : candidates) {
      if (a.parties().contains(sharer) && a.parties().contains(recipient) && covered(a,
          h.object())) {
        agreed = true;
      }
    }
    if (!agreed) {
      return false;
    }
    if (ENDS_CHECKED.contains(h.object().type())) {
      for (String end : refs(h.object(), END_REFS)) {
        if (REGISTERED.contains(end)) {
          continue; // a party's identity: released to the other parties
        }
        Held e = held.get(end);
        if (e == null || !allowed(held, e, recipient, null)) {
          return false;
        }
      }
    }
    return true;
  }

  private boolean covered(Terms a, StixObject o) {
    Integer tlp = tlp(o);
    return tlp != null && tlp <= a.ceiling() && a.domains().containsAll(domains(o));
  }

  private Terms terms(String collection) {
    return agreements.stream().filter(a -> a.collection().equals(collection)).findFirst()
        .orElseThrow();
  }

  /** Returns the TLP rank of an object (0 CLEAR to 4 RED), or null when it has none. */
  static @Nullable Integer tlp(StixObject o) {
    Integer out = null;
    for (JsonNode m : o.json().path("object_marking_refs")) {
      int rank = TLP_MARKINGS.indexOf(m.asString());
      if (rank >= 0 && (out == null || rank > out)) {
        out = rank;
      }
    }
    return out;
  }

  /** Returns an object's domains, as SHARING.md "Domains on objects" states them. */
  Set<String> domains(StixObject o) {
    JsonNode explicit = o.json().path("extensions").path(KuroshioExtensions.DOMAINS_ID)
        .path(KuroshioExtensions.DOMAINS_PROPERTY);
    Set<String> out = new TreeSet<>();
    if (explicit.isArray() && !explicit.isEmpty()) {
      explicit.forEach(d -> out.add(d.asString()));
      return out;
    }
    JsonNode ext = o.json().path("extensions");
    if (ext.has(KuroshioExtensions.VESSEL_ID) || ext.has(KuroshioExtensions.MARITIME_EVENT_ID)) {
      out.add("maritime");
    }
    for (JsonNode r : o.json().path("external_references")) {
      if (r.path("source_name").asString("").toLowerCase().startsWith("disarm")) {
        out.add("fimi");
      }
    }
    for (JsonNode p : o.json().path("kill_chain_phases")) {
      if (p.path("kill_chain_name").asString("").toLowerCase().startsWith("disarm")) {
        out.add("fimi");
      }
    }
    if (AGGREGATES.contains(o.type())) {
      for (String ref : refs(o, ALL_REFS)) {
        StixObject r = pool.get(ref);
        if (r != null && !r.type().equals("identity")) {
          out.addAll(domains(r));
        }
      }
    }
    if (out.isEmpty()) {
      out.add("cyber");
    }
    return out;
  }

  private static List<String> refs(StixObject o, String[] properties) {
    List<String> out = new ArrayList<>();
    for (String p : properties) {
      JsonNode v = o.json().get(p);
      if (v == null) {
        continue;
      }
      if (v.isString()) {
        out.add(v.asString());
      } else {
        v.forEach(r -> out.add(r.asString()));
      }
    }
    return out;
  }
}
