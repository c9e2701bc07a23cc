package org.kuroshio.stix;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one object's properties into a typed record and writes a record back. The reader
 * remembers which properties it consumed; the rest become {@link CommonProperties#others()}.
 */
final class TypedJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final ObjectNode node;
  private final String id;
  private final Set<String> used = new HashSet<>();

  private TypedJson(ObjectNode node, String id) {
    this.node = node;
    this.id = id;
  }

  /**
   * Starts reading {@code object}, which must be of {@code type}.
   *
   * @throws InvalidPropertyException when it is of another type
   */
  static TypedJson read(StixObject object, String type) {
    if (!object.type().equals(type)) {
      throw new InvalidPropertyException(object.id(), "type",
          "expected a " + type + " but the object is a " + object.type());
    }
    TypedJson r = new TypedJson(object.json(), object.id());
    r.used.add("type");
    r.used.add("id");
    return r;
  }

  /** Reads the common properties; call it last, after every type-specific property. */
  CommonProperties common(boolean versioned) {
    JsonNode spec = node.get("spec_version");
    if (spec != null && spec.isString() && spec.asString().equals("2.1")) {
      used.add("spec_version");
    }
    String createdBy = optString("created_by_ref");
    Instant created = time("created");
    Instant modified = versioned ? time("modified") : optTime("modified");
    List<String> markings = strings("object_marking_refs");
    Map<String, JsonNode> others = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!used.contains(e.getKey())) {
        others.put(e.getKey(), e.getValue());
      }
    }
    return new CommonProperties(id, createdBy, created, modified, markings, others);
  }

  private JsonNode required(String name) {
    used.add(name);
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new InvalidPropertyException(id, name, name + " is required");
    }
    return v;
  }

  String string(String name) {
    JsonNode v = required(name);
    if (!v.isString()) {
      throw new InvalidPropertyException(id, name, name + " must be a string");
    }
    return v.asString();
  }

  @Nullable String optString(String name) {
    return node.has(name) ? string(name) : null;
  }

  Instant time(String name) {
    String text = string(name);
    return Timestamps.tryParse(text).orElseThrow(() -> new InvalidPropertyException(id, name,
        name + " is not a STIX timestamp: " + text));
  }

  @Nullable Instant optTime(String name) {
    return node.has(name) ? time(name) : null;
  }

  long integer(String name) {
    JsonNode v = required(name);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new InvalidPropertyException(id, name, name + " must be an integer");
    }
    return v.asLong();
  }

  @Nullable Long optInteger(String name) {
    return node.has(name) ? integer(name) : null;
  }

  List<String> strings(String name) {
    if (!node.has(name)) {
      used.add(name);
      return List.of();
    }
    JsonNode v = required(name);
    if (!v.isArray()) {
      throw new InvalidPropertyException(id, name, name + " must be a list of strings");
    }
    List<String> out = new ArrayList<>(v.size());
    for (JsonNode e : v) {
      if (!e.isString()) {
        throw new InvalidPropertyException(id, name, name + " must be a list of strings");
      }
      out.add(e.asString());
    }
    return out;
  }

  // ---- writing ----

  /** Starts an object with type, spec_version, id and the creator. */
  static ObjectNode start(String type, CommonProperties c) {
    ObjectNode o = F.objectNode();
    o.put("type", type);
    o.put("spec_version", "2.1");
    o.put("id", c.id());
    if (c.createdByRef() != null) {
      o.put("created_by_ref", c.createdByRef());
    }
    o.put("created", format(c.created()));
    if (c.modified() != null) {
      o.put("modified", format(c.modified()));
    }
    return o;
  }

  /** Adds the markings and every unmodelled property, and wraps the tree. */
  static StixObject finish(ObjectNode o, CommonProperties c) {
    putStrings(o, "object_marking_refs", c.objectMarkingRefs());
    c.others().forEach((k, v) -> o.set(k, v.deepCopy()));
    return StixObject.of(o);
  }

  static void put(ObjectNode o, String name, @Nullable String value) {
    if (value != null) {
      o.put(name, value);
    }
  }

  static void put(ObjectNode o, String name, @Nullable Instant value) {
    if (value != null) {
      o.put(name, format(value));
    }
  }

  static void putStrings(ObjectNode o, String name, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode a = o.putArray(name);
      values.forEach(a::add);
    }
  }

  /** Millisecond precision, or more digits when the instant has them. */
  static String format(Instant t) {
    if (t.getNano() % 1_000_000 == 0) {
      return Timestamps.formatMillis(t);
    }
    if (t.getNano() % 1000 == 0) {
      return Timestamps.formatMicros(t);
    }
    return t.toString();
  }

  /** Checks a list property the spec says must not be empty when required. */
  static void requireNonEmpty(String id, String name, List<?> list) {
    if (list.isEmpty()) {
      throw new InvalidPropertyException(id, name, name + " must hold at least one reference");
    }
  }
}
