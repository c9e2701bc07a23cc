package org.kuroshio.stix;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The properties every typed record shares, plus every property its type does not model.
 *
 * <p>{@code others} holds the rest of the object as it arrived: labels, confidence, external
 * references, granular markings, {@code extensions} and custom properties, so nothing is dropped
 * on the way from {@link StixObject} to a record and back. Its values are private deep copies.
 *
 * @param id the STIX identifier
 * @param createdByRef the identity that made the object, or null
 * @param created when the object was first made
 * @param modified when this version was made; null only for marking definitions, which are not
 *     versioned
 * @param objectMarkingRefs the marking definitions applying to the whole object
 * @param others every other property, by name
 */
public record CommonProperties(
    String id,
    @Nullable String createdByRef,
    Instant created,
    @Nullable Instant modified,
    List<String> objectMarkingRefs,
    Map<String, JsonNode> others) {

  public CommonProperties {
    objectMarkingRefs = List.copyOf(objectMarkingRefs);
    Map<String, JsonNode> copy = new LinkedHashMap<>();
    others.forEach((k, v) -> copy.put(k, v.deepCopy()));
    others = java.util.Collections.unmodifiableMap(copy);
    if (modified != null && modified.isBefore(created)) {
      throw new InvalidPropertyException(id, "modified", "modified " + modified
          + " is before created " + created);
    }
  }

  /** Returns common properties for a new object: one timestamp, no creator, markings or others. */
  public static CommonProperties of(String id, Instant now) {
    return new CommonProperties(id, null, now, now, List.of(), Map.of());
  }

  /** Returns a copy with another creator. */
  public CommonProperties withCreatedByRef(@Nullable String ref) {
    return new CommonProperties(id, ref, created, modified, objectMarkingRefs, others);
  }

  /** Returns a copy with other object markings. */
  public CommonProperties withObjectMarkingRefs(List<String> refs) {
    return new CommonProperties(id, createdByRef, created, modified, refs, others);
  }

  /** Returns a copy with {@code modified} set, as a new version of the object has. */
  public CommonProperties withModified(Instant newModified) {
    return new CommonProperties(id, createdByRef, created, newModified, objectMarkingRefs, others);
  }

  /** Returns a copy with one more (or a replaced) property that the record does not model. */
  public CommonProperties withOther(String name, JsonNode value) {
    Map<String, JsonNode> m = new LinkedHashMap<>(others);
    m.put(name, value);
    return new CommonProperties(id, createdByRef, created, modified, objectMarkingRefs, m);
  }

  /** Returns an unmodelled property, when present (the value must not be mutated). */
  public java.util.Optional<JsonNode> other(String name) {
    return java.util.Optional.ofNullable(others.get(name));
  }
}
