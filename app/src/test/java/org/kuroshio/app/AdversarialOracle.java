package org.kuroshio.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.kuroshio.sharing.Agreement;
import org.kuroshio.sharing.Decision;
import org.kuroshio.sharing.Purpose;
import org.kuroshio.sharing.ReleaseRule;
import org.kuroshio.sharing.ReleaseSubject;
import org.kuroshio.sharing.SharingState;
import org.kuroshio.stix.StixJson;
import org.kuroshio.store.CollectionInfo;
import org.kuroshio.store.ObjectQuery;
import org.kuroshio.store.Page;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.StoredVersion;
import org.kuroshio.store.VersionMatch;
import tools.jackson.databind.JsonNode;

/**
 * What each organisation may obtain, computed beside the node rather than through it: the raw
 * store membership of every collection (read without the rule), {@link ReleaseRule#decide} on the
 * node's current governance snapshot with the purpose each collection implies, and the
 * relationship/sighting end rule of docs/SHARING.md written out again here (ends judged with
 * purpose {@code any} on their latest version; an end the node does not hold is not visible; the
 * owner is not held to its own ends).
 */
final class AdversarialOracle {
  /** "id|version" of a version. */
  static String key(String id, String version) {
    return id + "|" + version;
  }

  static String key(StoredVersion v) {
    return key(v.id(), v.versionText());
  }

  final SharingState state;
  final Instant now;
  /** Raw members of every collection, in date-added order. */
  final Map<String, List<StoredVersion>> members = new LinkedHashMap<>();
  /** Every stored version of every object that is a member somewhere, oldest first. */
  final Map<String, List<StoredVersion>> versions = new LinkedHashMap<>();
  // The sweeps ask from several threads at once.
  private final Map<String, Map<String, Boolean>> endCache =
      new java.util.concurrent.ConcurrentHashMap<>();

  AdversarialOracle(StixStore store, SharingState state, Instant now) {
    this.state = state;
    this.now = now;
    for (CollectionInfo c : store.collections()) {
      List<StoredVersion> all = new ArrayList<>();
      String cursor = null;
      do {
        Page<StoredVersion> p = store.query(c.id(), new ObjectQuery(null, Set.of(), Set.of(),
            VersionMatch.ALL, Set.of(), 1000, cursor, true));
        all.addAll(p.items());
        cursor = p.more() ? p.next() : null;
      } while (cursor != null);
      members.put(c.id(), all);
    }
    Set<String> ids = new LinkedHashSet<>();
    members.values().forEach(l -> l.forEach(v -> ids.add(v.id())));
    for (String id : ids) {
      List<StoredVersion> vs = new ArrayList<>(store.versionsOf(List.of(id), VersionMatch.ALL,
          true));
      vs.sort(Comparator.comparing(StoredVersion::version));
      versions.put(id, vs);
    }
  }

  Set<String> objectIds() {
    return versions.keySet();
  }

  /** The collections an organisation may see, by id, with the purpose each implies. */
  Map<String, Purpose> visibleCollections(String org) {
    Map<String, Purpose> out = new LinkedHashMap<>();
    if (state.organisation(org).isPresent()) {
      out.put(SharingState.localCollectionId(org), Purpose.local());
    }
    for (Agreement a : state.agreementsOf(org)) {
      if (a.inForce(now) && members.containsKey(a.collectionId())) {
        out.put(a.collectionId(), Purpose.agreement(a.id()));
      }
    }
    return out;
  }

  Decision decide(StoredVersion v, String org, Purpose purpose) {
    return ReleaseRule.decide(state, ReleaseSubject.of(v), org, purpose, now);
  }

  /** Whether the rule and the end rule release this version to the organisation. */
  boolean released(StoredVersion v, String org, Purpose purpose) {
    Decision d = decide(v, org, purpose);
    if (!d.allowed()) {
      return false;
    }
    if (!(v.type().equals("relationship") || v.type().equals("sighting"))
        || d.reason() == Decision.Reason.OWNER) {
      return true;
    }
    for (String end : ends(v)) {
      if (!endVisible(end, org)) {
        return false;
      }
    }
    return true;
  }

  private boolean endVisible(String id, String org) {
    return endCache.computeIfAbsent(org, k -> new java.util.concurrent.ConcurrentHashMap<>())
        .computeIfAbsent(id, k -> {
      List<StoredVersion> vs = versions.get(id);
      if (vs == null || vs.isEmpty()) {
        return false;
      }
      return decide(vs.getLast(), org, Purpose.any()).allowed();
    });
  }

  static List<String> ends(StoredVersion v) {
    JsonNode o = StixJson.readTree(java.util.Objects.requireNonNull(v.json()), StixJson.mapper());
    List<String> out = new ArrayList<>();
    for (String f : List.of("source_ref", "target_ref", "sighting_of_ref")) {
      if (o.has(f)) {
        out.add(o.get(f).asString());
      }
    }
    for (String f : List.of("observed_data_refs", "where_sighted_refs")) {
      if (o.has(f)) {
        o.get(f).forEach(e -> out.add(e.asString()));
      }
    }
    return out;
  }

  /** Every released member version of a collection, as "id|version", in date-added order. */
  List<StoredVersion> all(String collection, String org, Purpose purpose) {
    List<StoredVersion> out = new ArrayList<>();
    for (StoredVersion v : members.get(collection)) {
      if (released(v, org, purpose)) {
        out.add(v);
      }
    }
    return out;
  }

  /** The latest member version of each object, where the rule releases it. */
  List<StoredVersion> last(String collection, String org, Purpose purpose) {
    Map<String, StoredVersion> latest = new LinkedHashMap<>();
    for (StoredVersion v : members.get(collection)) {
      StoredVersion cur = latest.get(v.id());
      if (cur == null || v.version().isAfter(cur.version())) {
        latest.put(v.id(), v);
      }
    }
    List<StoredVersion> out = new ArrayList<>();
    for (StoredVersion v : latest.values()) {
      if (released(v, org, purpose)) {
        out.add(v);
      }
    }
    return out;
  }

  /** The versions of an object released to the organisation for purpose any (REST). */
  List<StoredVersion> anyVersions(String id, String org) {
    List<StoredVersion> out = new ArrayList<>();
    for (StoredVersion v : versions.getOrDefault(id, List.of())) {
      if (released(v, org, Purpose.any())) {
        out.add(v);
      }
    }
    return out;
  }

  /** The newest version of an object overall, if any. */
  Optional<StoredVersion> latest(String id) {
    List<StoredVersion> vs = versions.getOrDefault(id, List.of());
    return vs.isEmpty() ? Optional.empty() : Optional.of(vs.getLast());
  }

  /** The date a version was added to a collection, or null when it is not a member. */
  @Nullable Instant dateAdded(String collection, String key) {
    for (StoredVersion v : members.getOrDefault(collection, List.of())) {
      if (key(v).equals(key)) {
        return v.dateAdded();
      }
    }
    return null;
  }

  /** The ids of the objects whose latest member version in a visible collection matches. */
  Set<String> search(String org, String token) {
    Set<String> out = new TreeSet<>();
    String needle = token.toLowerCase(java.util.Locale.ROOT);
    for (Map.Entry<String, Purpose> c : visibleCollections(org).entrySet()) {
      Map<String, StoredVersion> latest = new LinkedHashMap<>();
      for (StoredVersion v : members.get(c.getKey())) {
        StoredVersion cur = latest.get(v.id());
        if (cur == null || v.version().isAfter(cur.version())) {
          latest.put(v.id(), v);
        }
      }
      for (StoredVersion v : latest.values()) {
        if (v.json() != null && v.json().toLowerCase(java.util.Locale.ROOT).contains(needle)
            && released(v, org, c.getValue())) {
          out.add(v.id());
        }
      }
    }
    return out;
  }

  /** Every version any visible collection releases to the organisation, as keys. */
  Set<String> releasedAnywhere(String org) {
    Set<String> out = new TreeSet<>();
    for (Map.Entry<String, Purpose> c : visibleCollections(org).entrySet()) {
      for (StoredVersion v : all(c.getKey(), org, c.getValue())) {
        out.add(key(v));
      }
    }
    return out;
  }
}
