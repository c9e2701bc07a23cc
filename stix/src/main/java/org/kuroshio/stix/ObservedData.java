package org.kuroshio.stix;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * An {@code observed-data}: what was observed (SCO references), when and how often. The
 * deprecated embedded {@code objects} form is not modelled: such objects are refused.
 *
 * @param common shared and unmodelled properties
 * @param firstObserved start of the observation window
 * @param lastObserved end of the window (not before {@code firstObserved})
 * @param numberObserved how often, 1 to 999,999,999
 * @param objectRefs the observed objects, at least one
 */
public record ObservedData(
    CommonProperties common,
    Instant firstObserved,
    Instant lastObserved,
    long numberObserved,
    List<String> objectRefs) implements TypedObject {

  /** The STIX type name. */
  public static final String TYPE = "observed-data";

  /**
   * Checks the observation's rules.
   *
   * @throws InvalidPropertyException when the window is reversed, the count is out of range or
   *     there are no object references
   */
  public ObservedData {
    objectRefs = List.copyOf(objectRefs);
    String id = common.id();
    if (lastObserved.isBefore(firstObserved)) {
      throw new InvalidPropertyException(id, "last_observed",
          "last_observed is before first_observed");
    }
    if (numberObserved < 1 || numberObserved > 999_999_999L) {
      throw new InvalidPropertyException(id, "number_observed",
          "number_observed must be 1 to 999999999: " + numberObserved);
    }
    TypedJson.requireNonEmpty(id, "object_refs", objectRefs);
  }

  /** Returns a new observation of {@code objectRefs}, seen once now, with a fresh id. */
  public static ObservedData of(List<String> objectRefs, Clock clock, IdGenerator ids) {
    Instant now = clock.instant();
    return new ObservedData(CommonProperties.of(ids.nextId(TYPE), now), now, now, 1, objectRefs);
  }

  /**
   * Reads an observation.
   *
   * @throws InvalidPropertyException when the object is not observed-data, uses the deprecated
   *     {@code objects} form or breaks its rules
   */
  public static ObservedData from(StixObject object) {
    if (object.type().equals(TYPE) && object.has("objects")) {
      throw new InvalidPropertyException(object.id(), "objects",
          "the deprecated embedded objects form is not supported; use object_refs");
    }
    TypedJson r = TypedJson.read(object, TYPE);
    Instant first = r.time("first_observed");
    Instant last = r.time("last_observed");
    long number = r.integer("number_observed");
    List<String> refs = r.strings("object_refs");
    return new ObservedData(r.common(true), first, last, number, refs);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public StixObject toStixObject() {
    ObjectNode o = TypedJson.start(TYPE, common);
    TypedJson.put(o, "first_observed", firstObserved);
    TypedJson.put(o, "last_observed", lastObserved);
    o.put("number_observed", numberObserved);
    TypedJson.putStrings(o, "object_refs", objectRefs);
    return TypedJson.finish(o, common);
  }
}
