package org.kuroshio.stix;

import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Derives the sharing domains of an object (DESIGN.md "Domains"): an explicit domains extension
 * wins; maritime-module objects (the {@code kuroshio-vessel} SCO, anything carrying the vessel or
 * maritime event extension) are maritime; objects that reference DISARM techniques are fimi;
 * relationships, sightings, reports, notes, opinions and groupings take the union of the domains
 * of what they reference; everything else is cyber.
 */
public final class Domains {
  /** Cyber security. */
  public static final String CYBER = "cyber";
  /** Maritime awareness. */
  public static final String MARITIME = "maritime";
  /** Foreign information manipulation and interference. */
  public static final String FIMI = "fimi";
  /** Disaster response. */
  public static final String DISASTER_RESPONSE = "disaster-response";
  /** Defence research. */
  public static final String DEFENCE_RESEARCH = "defence-research";

  /** Every known domain name. */
  public static final Set<String> ALL =
      Set.of(CYBER, MARITIME, FIMI, DISASTER_RESPONSE, DEFENCE_RESEARCH);

  private static final Set<String> AGGREGATES =
      Set.of("relationship", "sighting", "report", "note", "opinion", "grouping");
  private static final String[] REF_PROPERTIES = {
    "source_ref", "target_ref", "sighting_of_ref", "observed_data_refs", "where_sighted_refs",
    "object_refs"
  };

  private Domains() {}

  /**
   * Derives the domains of an object that stands alone: aggregates (relationship, report, ...)
   * whose references cannot be looked up are cyber unless they say otherwise.
   */
  public static Set<String> derive(StixObject object) {
    return derive(object, id -> Set.of());
  }

  /**
   * Derives the domains of an object, looking up the domains of referenced objects with
   * {@code domainsOf} (which returns an empty set for unknown ids).
   */
  public static Set<String> derive(StixObject object, Function<String, Set<String>> domainsOf) {
    Set<String> explicit = explicit(object);
    if (!explicit.isEmpty()) {
      return explicit;
    }
    JsonNode json = object.json();
    SortedSet<String> out = new TreeSet<>();
    JsonNode ext = json.get("extensions");
    if (object.type().equals(KuroshioExtensions.VESSEL_TYPE)
        || (ext != null && (ext.has(KuroshioExtensions.VESSEL_ID)
        || ext.has(KuroshioExtensions.MARITIME_EVENT_ID)))) {
      out.add(MARITIME);
    }
    if (referencesDisarm(json)) {
      out.add(FIMI);
    }
    if (AGGREGATES.contains(object.type())) {
      for (String p : REF_PROPERTIES) {
        JsonNode v = json.get(p);
        if (v == null) {
          continue;
        }
        if (v.isString()) {
          out.addAll(domainsOf.apply(v.asString()));
        } else if (v.isArray()) {
          for (JsonNode r : v) {
            if (r.isString()) {
              out.addAll(domainsOf.apply(r.asString()));
            }
          }
        }
      }
    }
    if (out.isEmpty()) {
      out.add(CYBER);
    }
    return Collections.unmodifiableSortedSet(out);
  }

  /** Returns the domains the object states in the Kuroshio domains extension, or an empty set. */
  public static Set<String> explicit(StixObject object) {
    JsonNode list = object.json().path("extensions").path(KuroshioExtensions.DOMAINS_ID)
        .path(KuroshioExtensions.DOMAINS_PROPERTY);
    if (!list.isArray() || list.isEmpty()) {
      return Set.of();
    }
    SortedSet<String> out = new TreeSet<>();
    for (JsonNode d : list) {
      if (d.isString() && !d.asString().isBlank()) {
        out.add(d.asString().strip().toLowerCase(Locale.ROOT));
      }
    }
    return Collections.unmodifiableSortedSet(out);
  }

  /** Returns whether the object cites a DISARM technique (external reference or kill chain). */
  static boolean referencesDisarm(JsonNode json) {
    JsonNode refs = json.get("external_references");
    if (refs != null && refs.isArray()) {
      for (JsonNode r : refs) {
        if (r.path("source_name").isString()
            && r.path("source_name").asString().toLowerCase(Locale.ROOT).startsWith("disarm")) {
          return true;
        }
      }
    }
    JsonNode phases = json.get("kill_chain_phases");
    if (phases != null && phases.isArray()) {
      for (JsonNode p : phases) {
        if (p.path("kill_chain_name").isString()
            && p.path("kill_chain_name").asString().toLowerCase(Locale.ROOT).startsWith("disarm")) {
          return true;
        }
      }
    }
    return false;
  }
}
