package org.kuroshio.stix;

import java.util.Optional;

/**
 * A STIX object of one of the types Kuroshio reasons about, as a typed record. Every record is
 * built from a generic {@link StixObject} ({@code Indicator.from(object)}) and turns back into
 * one ({@link #toStixObject()}) without losing a property: what the record does not model stays
 * in {@link CommonProperties#others()}. Timestamps are written with millisecond precision, or
 * more digits when the value has them.
 */
public sealed interface TypedObject
    permits Identity, Incident, Indicator, MarkingDefinition, ObservedData, Relationship, Report,
        Sighting {

  /** Returns the shared properties and everything the record does not model. */
  CommonProperties common();

  /** Returns the STIX type, such as {@code indicator}. */
  String type();

  /** Returns the STIX identifier. */
  default String id() {
    return common().id();
  }

  /** Returns the generic, lossless form. */
  StixObject toStixObject();

  /**
   * Returns the typed record of {@code object} when its type has one.
   *
   * @throws InvalidPropertyException when the type has a record but the object does not fit it
   */
  static Optional<TypedObject> from(StixObject object) {
    return Optional.ofNullable(switch (object.type()) {
      case Indicator.TYPE -> Indicator.from(object);
      case Identity.TYPE -> Identity.from(object);
      case Relationship.TYPE -> Relationship.from(object);
      case Sighting.TYPE -> Sighting.from(object);
      case MarkingDefinition.TYPE -> MarkingDefinition.from(object);
      case Incident.TYPE -> Incident.from(object);
      case ObservedData.TYPE -> ObservedData.from(object);
      case Report.TYPE -> Report.from(object);
      default -> null;
    });
  }
}
