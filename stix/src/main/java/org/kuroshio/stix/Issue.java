package org.kuroshio.stix;

/**
 * One validation finding: which object, which property, which rule, and what is wrong.
 *
 * @param severity error or warning
 * @param objectId the object's id (or its type, or {@code "?"} when it has neither)
 * @param property the property path, such as {@code created} or {@code kill_chain_phases[0]}
 * @param rule a short stable rule name, such as {@code required-property}
 * @param message a sentence a person can act on
 */
public record Issue(
    Severity severity, String objectId, String property, String rule, String message) {

  @Override
  public String toString() {
    return severity.name().toLowerCase(java.util.Locale.ROOT) + " " + objectId + " " + property
        + " [" + rule + "]: " + message;
  }
}
