package org.kuroshio.sharing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.Domains;
import org.kuroshio.stix.Issue;
import org.kuroshio.stix.Markings;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Tlp;
import org.kuroshio.stix.ValidationReport;
import org.kuroshio.stix.Validator;
import org.kuroshio.store.ObjectQuery;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.StoredVersion;
import org.kuroshio.store.VersionMatch;
import tools.jackson.databind.JsonNode;

/**
 * The ingest stages between parsing and storing: validation, then derivation of domains, TLP and
 * release list for one batch.
 *
 * <p>Aggregates (relationships, reports, ...) take the domains of what they reference, and a
 * release list lives on a marking-definition the object references. Both may be in the same
 * batch or already in the collection; the batch is searched first, then the collection with one
 * query per 500 missing ids, so a batch costs a constant number of queries whatever its size.
 */
final class Derivation {
  private static final int LOOKUP_CHUNK = 500;

  private final Validator validator;

  Derivation(boolean strict) {
    this.validator = strict ? Validator.strict() : Validator.lenient();
  }

  /** Returns the validation errors of one object, as sentences (empty when it may be stored). */
  List<String> validate(JsonNode object) {
    ValidationReport report = validator.validate(object);
    if (report.valid()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Issue i : report.errors()) {
      out.add(i.property().isEmpty() ? i.message() + " [" + i.rule() + "]"
          : i.property() + ": " + i.message() + " [" + i.rule() + "]");
    }
    return out;
  }

  /** What is derived for one object. */
  record Derived(Set<String> domains, @Nullable String tlp, List<String> releaseTo) {}

  /** Derives domains, TLP and release list for every object of a batch, in order. */
  List<Derived> derive(List<StixObject> batch, StixStore store, String collectionId) {
    Map<String, StixObject> inBatch = new HashMap<>();
    for (StixObject o : batch) {
      inBatch.put(o.id(), o);
    }
    // Pass 1: which referenced ids (aggregates' targets, non-TLP markings) are not in the batch.
    Set<String> missing = new LinkedHashSet<>();
    for (StixObject o : batch) {
      Domains.derive(o, id -> {
        if (!inBatch.containsKey(id)) {
          missing.add(id);
        }
        return Set.of();
      });
      for (String ref : Markings.objectMarkingRefs(o)) {
        if (Tlp.fromMarkingId(ref).isEmpty() && !inBatch.containsKey(ref)) {
          missing.add(ref);
        }
      }
    }
    Map<String, StoredVersion> stored = lookup(store, collectionId, missing);

    // Pass 2: plain objects first, so aggregates in the same batch see their targets' domains.
    Map<String, Set<String>> domainsById = new HashMap<>();
    for (StixObject o : batch) {
      if (!isAggregate(o)) {
        domainsById.put(o.id(), Domains.derive(o));
      }
    }
    java.util.function.Function<String, Set<String>> domainsOf = id -> {
      Set<String> d = domainsById.get(id);
      if (d != null) {
        return d;
      }
      StoredVersion v = stored.get(id);
      return v == null ? Set.of() : v.domains();
    };
    List<Derived> out = new ArrayList<>(batch.size());
    for (StixObject o : batch) {
      Set<String> domains = isAggregate(o) ? Domains.derive(o, domainsOf) : domainsById.get(o.id());
      if (isAggregate(o)) {
        domainsById.putIfAbsent(o.id(), domains);
      }
      String tlp = Markings.tlp(o).map(Tlp::wireName).orElse(null);
      List<String> releaseTo = Markings.releaseList(o, ref -> resolve(ref, inBatch, stored));
      out.add(new Derived(domains == null ? Domains.derive(o) : domains, tlp, releaseTo));
    }
    return out;
  }

  private static boolean isAggregate(StixObject o) {
    boolean[] asked = {false};
    Domains.derive(o, id -> {
      asked[0] = true;
      return Set.of();
    });
    return asked[0];
  }

  private static Optional<StixObject> resolve(
      String ref, Map<String, StixObject> inBatch, Map<String, StoredVersion> stored) {
    StixObject o = inBatch.get(ref);
    if (o != null) {
      return Optional.of(o);
    }
    StoredVersion v = stored.get(ref);
    if (v == null || v.json() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(org.kuroshio.stix.StixJson.parse(v.json()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Map<String, StoredVersion> lookup(
      StixStore store, String collectionId, Set<String> ids) {
    Map<String, StoredVersion> out = new HashMap<>();
    List<String> all = new ArrayList<>(ids);
    for (int from = 0; from < all.size(); from += LOOKUP_CHUNK) {
      Set<String> chunk = new HashSet<>(all.subList(from, Math.min(all.size(), from + LOOKUP_CHUNK)));
      ObjectQuery q = new ObjectQuery(null, chunk, Set.of(), VersionMatch.LAST, Set.of(),
          chunk.size(), null, true);
      for (StoredVersion v : store.query(collectionId, q).items()) {
        out.put(v.id(), v);
      }
    }
    return out;
  }
}
