package org.kuroshio.stix;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One STIX object, kept losslessly as its JSON tree.
 *
 * <p>The tree is owned by this instance and never changed after construction; {@link #json()}
 * returns a read-only view by contract (callers must not mutate it; use {@link #toJsonNode()} for
 * a private copy). Unknown, custom and extension properties survive because nothing is ever
 * dropped. Equality is JSON equality, independent of key order.
 */
public final class StixObject {
  private final ObjectNode node;
  private final String type;
  private final String id;
  private volatile @Nullable String text;
  private int hash;

  private StixObject(ObjectNode node, @Nullable String text) {
    this.node = node;
    this.type = textOf(node, "type");
    this.id = textOf(node, "id");
    this.text = text;
  }

  /**
   * Wraps a parsed tree, taking ownership of it.
   *
   * @throws InvalidPropertyException when {@code type} or {@code id} is missing or not a string
   */
  public static StixObject of(ObjectNode node) {
    return new StixObject(Objects.requireNonNull(node, "node"), null);
  }

  /** Wraps a parsed tree together with the exact text it was parsed from. */
  static StixObject of(ObjectNode node, String text) {
    return new StixObject(node, text);
  }

  private static String textOf(ObjectNode node, String name) {
    JsonNode v = node.get(name);
    if (v == null || !v.isString()) {
      String where = node.get("id") != null && node.get("id").isString()
          ? node.get("id").asString()
          : (node.get("type") != null ? node.get("type").toString() : "object");
      throw new InvalidPropertyException(where, name, "required string property is missing");
    }
    return v.asString();
  }

  /** Returns the STIX type, such as {@code indicator}. */
  public String type() {
    return type;
  }

  /** Returns the STIX identifier, such as {@code indicator--<uuid>}. */
  public String id() {
    return id;
  }

  /** Returns {@code spec_version}, or empty for objects that omit it (2.1 SCOs may). */
  public Optional<String> specVersion() {
    return string("spec_version");
  }

  /** Returns the {@code created} timestamp text, when present. */
  public Optional<String> created() {
    return string("created");
  }

  /** Returns the {@code modified} timestamp text, when present. */
  public Optional<String> modified() {
    return string("modified");
  }

  /** Returns whether {@code revoked} is true. */
  public boolean revoked() {
    JsonNode v = node.get("revoked");
    return v != null && v.isBoolean() && v.booleanValue();
  }

  /**
   * Returns the version key as TAXII defines it: {@code modified}, else {@code created}, else
   * empty (the store then uses the date the object was first added).
   */
  public Optional<Instant> versionTimestamp() {
    return modified().or(this::created).flatMap(Timestamps::tryParse);
  }

  /** Returns a property's value as a string when it is one. */
  public Optional<String> string(String name) {
    JsonNode v = node.get(name);
    return v != null && v.isString() ? Optional.of(v.asString()) : Optional.empty();
  }

  /** Returns a property's raw JSON value; the value must not be mutated. */
  public Optional<JsonNode> property(String name) {
    return Optional.ofNullable(node.get(name));
  }

  /** Returns whether the object has the property. */
  public boolean has(String name) {
    return node.has(name);
  }

  /** Returns the JSON tree; callers must not mutate it. */
  public ObjectNode json() {
    return node;
  }

  /** Returns a deep, mutable copy of the JSON tree. */
  public ObjectNode toJsonNode() {
    return node.deepCopy();
  }

  /** Returns the compact JSON text of this object (cached). */
  public String toJson() {
    String t = text;
    if (t == null) {
      t = StixJson.write(node);
      text = t;
    }
    return t;
  }

  /**
   * Returns whether both objects hold the same JSON: key order is ignored and numbers compare by
   * value, so {@code 1}, {@code 1.0} and a long 1 are equal however they were built or parsed.
   */
  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof StixObject other && hashCode() == other.hashCode()
        && node.equals(JsonEquality.COMPARATOR, other.node);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = JsonEquality.hash(node);
      hash = h == 0 ? 1 : h;
    }
    return hash;
  }

  @Override
  public String toString() {
    return toJson();
  }
}
