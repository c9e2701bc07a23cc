package org.kuroshio.stix;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code relationship} between two objects, such as an indicator that {@code indicates} a
 * campaign, or a claim that an intrusion set is {@code attributed-to} a threat actor.
 *
 * @param common shared and unmodelled properties
 * @param relationshipType the kind, such as {@code indicates} (lowercase letters, digits and
 *     hyphens)
 * @param sourceRef the source object's id
 * @param targetRef the target object's id
 * @param description a description, or null
 * @param startTime when the relationship began, or null
 * @param stopTime when it ended (after {@code startTime}), or null
 */
public record Relationship(
    CommonProperties common,
    String relationshipType,
    String sourceRef,
    String targetRef,
    @Nullable String description,
    @Nullable Instant startTime,
    @Nullable Instant stopTime) implements TypedObject {

  /** The STIX type name. */
  public static final String TYPE = "relationship";

  /** Types a relationship may not point at (STIX 2.1, relationship source_ref/target_ref). */
  private static final Set<String> NOT_ENDPOINTS = Set.of("relationship", "sighting", "bundle",
      "marking-definition", "language-content", "extension-definition");

  /**
   * Checks the relationship's rules.
   *
   * @throws InvalidPropertyException when the type is malformed, a reference points at a type
   *     that cannot be an endpoint, or {@code stop_time} is not after {@code start_time}
   */
  public Relationship {
    if (!relationshipType.matches("[a-z0-9-]+")) {
      throw new InvalidPropertyException(common.id(), "relationship_type",
          "relationship_type must be lowercase letters, digits and hyphens: " + relationshipType);
    }
    checkEndpoint(common.id(), "source_ref", sourceRef);
    checkEndpoint(common.id(), "target_ref", targetRef);
    if (startTime != null && stopTime != null && !stopTime.isAfter(startTime)) {
      throw new InvalidPropertyException(common.id(), "stop_time",
          "stop_time must be later than start_time");
    }
  }

  private static void checkEndpoint(String id, String property, String ref) {
    int sep = ref.indexOf("--");
    if (sep <= 0 || NOT_ENDPOINTS.contains(ref.substring(0, sep))) {
      throw new InvalidPropertyException(id, property, property
          + " must be the id of an SDO or SCO, not " + ref);
    }
  }

  /** Returns a new relationship with a fresh id, created now. */
  public static Relationship of(String sourceRef, String relationshipType, String targetRef,
      Clock clock, IdGenerator ids) {
    return new Relationship(CommonProperties.of(ids.nextId(TYPE), clock.instant()),
        relationshipType, sourceRef, targetRef, null, null, null);
  }

  /**
   * Reads a relationship.
   *
   * @throws InvalidPropertyException when the object is not a relationship or breaks its rules
   */
  public static Relationship from(StixObject object) {
    TypedJson r = TypedJson.read(object, TYPE);
    String type = r.string("relationship_type");
    String source = r.string("source_ref");
    String target = r.string("target_ref");
    String description = r.optString("description");
    Instant start = r.optTime("start_time");
    Instant stop = r.optTime("stop_time");
    return new Relationship(r.common(true), type, source, target, description, start, stop);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public StixObject toStixObject() {
    ObjectNode o = TypedJson.start(TYPE, common);
    o.put("relationship_type", relationshipType);
    o.put("source_ref", sourceRef);
    o.put("target_ref", targetRef);
    TypedJson.put(o, "description", description);
    TypedJson.put(o, "start_time", startTime);
    TypedJson.put(o, "stop_time", stopTime);
    return TypedJson.finish(o, common);
  }
}
