package org.kuroshio.stix;

/** How serious a validation finding is. */
public enum Severity {
  /** Breaks a MUST of the specification: strict validation rejects the object. */
  ERROR,
  /** Breaks a SHOULD, or uses a value outside an open vocabulary: reported, never rejected. */
  WARNING
}
