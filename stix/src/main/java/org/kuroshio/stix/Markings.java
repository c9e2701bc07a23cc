package org.kuroshio.stix;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Reading and making data markings: TLP levels, statements, release lists, granular selectors. */
public final class Markings {
  private Markings() {}

  /**
   * Returns the strictest TLP level among the object's {@code object_marking_refs} (TLP 2.0 ids,
   * and TLP 1.0 ids mapped to their 2.0 level), or empty when it has none.
   */
  public static Optional<Tlp> tlp(StixObject object) {
    return tlp(object.json());
  }

  /** Returns the strictest object-level TLP of a raw object; see {@link #tlp(StixObject)}. */
  public static Optional<Tlp> tlp(JsonNode object) {
    JsonNode refs = object.get("object_marking_refs");
    Tlp strictest = null;
    if (refs != null && refs.isArray()) {
      for (JsonNode r : refs) {
        if (r.isString()) {
          Tlp t = Tlp.fromMarkingId(r.asString()).orElse(null);
          if (t != null && (strictest == null || t.compareTo(strictest) > 0)) {
            strictest = t;
          }
        }
      }
    }
    return Optional.ofNullable(strictest);
  }

  /** Returns the TLP level a marking-definition object defines (2.0 or 1.0), if any. */
  public static Optional<Tlp> tlpOfDefinition(StixObject markingDefinition) {
    Optional<Tlp> byId = Tlp.fromMarkingId(markingDefinition.id());
    if (byId.isPresent()) {
      return byId;
    }
    JsonNode ext = markingDefinition.json().path("extensions").path(Tlp.EXTENSION_ID);
    if (ext.path("tlp_2_0").isString()) {
      return Tlp.fromName(ext.path("tlp_2_0").asString());
    }
    JsonNode def = markingDefinition.json().path("definition");
    if ("tlp".equals(markingDefinition.string("definition_type").orElse(null))
        && def.path("tlp").isString()) {
      return Tlp.fromName(def.path("tlp").asString());
    }
    return Optional.empty();
  }

  /** Returns the ids in the object's {@code object_marking_refs}, in order. */
  public static List<String> objectMarkingRefs(StixObject object) {
    return strings(object.json().get("object_marking_refs"));
  }

  /** Makes a statement marking-definition ({@code definition_type: statement}). */
  public static StixObject statement(String id, String created, String text) {
    requireMarkingId(id);
    if (Timestamps.tryParse(created).isEmpty()) {
      throw new IllegalArgumentException("not a STIX timestamp: " + created);
    }
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("type", "marking-definition");
    o.put("spec_version", "2.1");
    o.put("id", id);
    o.put("created", created);
    o.put("definition_type", "statement");
    o.putObject("definition").put("statement", text);
    return StixObject.of(o);
  }

  /** Returns the statement text of a statement marking-definition, if it is one. */
  public static Optional<String> statementText(StixObject markingDefinition) {
    JsonNode s = markingDefinition.json().path("definition").path("statement");
    return "statement".equals(markingDefinition.string("definition_type").orElse(null))
            && s.isString()
        ? Optional.of(s.asString())
        : Optional.empty();
  }

  /**
   * Makes a release-list marking-definition: a Kuroshio extension naming the identities that
   * objects so marked may be released to (required with TLP:RED).
   */
  public static StixObject releaseList(String id, String created, String createdByRef,
      List<String> identityIds) {
    requireMarkingId(id);
    if (identityIds.isEmpty()) {
      throw new IllegalArgumentException("a release list names at least one identity");
    }
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("type", "marking-definition");
    o.put("spec_version", "2.1");
    o.put("id", id);
    o.put("created_by_ref", createdByRef);
    o.put("created", created);
    o.put("name", "Release list");
    ObjectNode ext = o.putObject("extensions").putObject(KuroshioExtensions.RELEASE_LIST_ID);
    ext.put("extension_type", "property-extension");
    ArrayNode ids = ext.putArray(KuroshioExtensions.RELEASE_LIST_PROPERTY);
    for (String identity : identityIds) {
      if (!Identifiers.isValid(identity, "identity")) {
        throw new IllegalArgumentException("not an identity id: " + identity);
      }
      ids.add(identity);
    }
    return StixObject.of(o);
  }

  /** Returns the identity ids a release-list marking-definition lists, or empty if it is not one. */
  public static List<String> releaseList(StixObject markingDefinition) {
    return strings(markingDefinition.json().path("extensions")
        .path(KuroshioExtensions.RELEASE_LIST_ID).get(KuroshioExtensions.RELEASE_LIST_PROPERTY));
  }

  /**
   * Returns the union of the release lists of the object's object-level markings, resolving each
   * marking id with {@code resolver}; unresolved ids contribute nothing.
   */
  public static List<String> releaseList(StixObject object,
      Function<String, Optional<StixObject>> resolver) {
    List<String> out = new ArrayList<>();
    for (String ref : objectMarkingRefs(object)) {
      resolver.apply(ref).ifPresent(def -> {
        for (String id : releaseList(def)) {
          if (!out.contains(id)) {
            out.add(id);
          }
        }
      });
    }
    return List.copyOf(out);
  }

  /**
   * Returns whether a granular-marking selector refers to a property present in the object, such
   * as {@code description}, {@code kill_chain_phases.[0].phase_name} or {@code labels.[1]}.
   */
  public static boolean selectorResolves(JsonNode object, String selector) {
    return Selectors.resolve(object, selector) != null;
  }

  private static void requireMarkingId(String id) {
    if (!Identifiers.isValid(id, "marking-definition")) {
      throw new IllegalArgumentException("not a marking-definition id: " + id);
    }
  }

  private static List<String> strings(JsonNode array) {
    if (array == null || !array.isArray()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(array.size());
    for (JsonNode n : array) {
      if (n.isString()) {
        out.add(n.asString());
      }
    }
    return List.copyOf(out);
  }
}
