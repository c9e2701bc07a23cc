package org.kuroshio.taxii;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.Timestamps;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Reading and writing helpers for the wire types; bad shapes throw IllegalArgumentException. */
final class Wire {
  static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Wire() {}

  static ObjectNode object(JsonNode node, String what) {
    if (!(node instanceof ObjectNode o)) {
      throw new IllegalArgumentException(what + " must be a JSON object");
    }
    return o;
  }

  static String string(JsonNode o, String name, String what) {
    JsonNode v = o.get(name);
    if (v == null || !v.isString()) {
      throw new IllegalArgumentException(what + " needs string property " + name);
    }
    return v.asString();
  }

  static @Nullable String optString(JsonNode o, String name) {
    JsonNode v = o.get(name);
    return v != null && v.isString() ? v.asString() : null;
  }

  static boolean bool(JsonNode o, String name, boolean fallback) {
    JsonNode v = o.get(name);
    return v != null && v.isBoolean() ? v.booleanValue() : fallback;
  }

  static boolean requiredBool(JsonNode o, String name, String what) {
    JsonNode v = o.get(name);
    if (v == null || !v.isBoolean()) {
      throw new IllegalArgumentException(what + " needs boolean property " + name);
    }
    return v.booleanValue();
  }

  static long requiredLong(JsonNode o, String name, String what) {
    JsonNode v = o.get(name);
    if (v == null || !v.isIntegralNumber()) {
      throw new IllegalArgumentException(what + " needs integer property " + name);
    }
    return v.longValue();
  }

  static List<String> strings(JsonNode o, String name) {
    JsonNode v = o.get(name);
    List<String> out = new ArrayList<>();
    if (v != null && v.isArray()) {
      for (JsonNode e : v) {
        if (e.isString()) {
          out.add(e.asString());
        }
      }
    }
    return out;
  }

  static Instant instant(String text, String what) {
    return Timestamps.tryParse(text)
        .orElseThrow(() -> new IllegalArgumentException(what + " is not a timestamp: " + text));
  }

  static void putIfPresent(ObjectNode o, String name, @Nullable String value) {
    if (value != null) {
      o.put(name, value);
    }
  }

  static ArrayNode array(List<String> values) {
    ArrayNode a = F.arrayNode();
    values.forEach(a::add);
    return a;
  }

  /**
   * Writes a page resource (envelope, manifest, versions): {@code {}} when it is empty and final,
   * as medallion writes it, else {@code more}, {@code next} when present, and the list.
   */
  static ObjectNode page(
      boolean more, @Nullable String next, String listName, List<? extends JsonNode> items) {
    ObjectNode o = F.objectNode();
    if (items.isEmpty() && !more) {
      return o;
    }
    o.put("more", more);
    putIfPresent(o, "next", next);
    ArrayNode a = o.putArray(listName);
    items.forEach(a::add);
    return o;
  }

  /** Reads the list of a page resource; an absent list is empty. */
  static List<JsonNode> pageItems(ObjectNode page, String listName, String what) {
    List<JsonNode> items = new ArrayList<>();
    JsonNode a = page.get(listName);
    if (a != null) {
      if (!a.isArray()) {
        throw new IllegalArgumentException(what + " " + listName + " must be an array");
      }
      a.forEach(items::add);
    }
    return items;
  }
}
