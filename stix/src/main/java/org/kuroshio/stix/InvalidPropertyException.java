package org.kuroshio.stix;

/** A STIX object whose property breaks a rule of the specification. */
public final class InvalidPropertyException extends StixException {
  private static final long serialVersionUID = 1L;

  private final String objectId;
  private final String property;

  public InvalidPropertyException(String objectId, String property, String message) {
    super(objectId + ": " + property + ": " + message);
    this.objectId = objectId;
    this.property = property;
  }

  /** Returns the id of the offending object (or its type when it has no usable id). */
  public String objectId() {
    return objectId;
  }

  /** Returns the offending property name. */
  public String property() {
    return property;
  }
}
