package org.kuroshio.sharing;

import java.util.Locale;
import java.util.Set;

/**
 * The life of an agreement: {@link #DRAFT} until activated; {@link #ACTIVE} lets data flow;
 * {@link #SUSPENDED} stops the flow until reactivated; {@link #TERMINATED} is final.
 */
public enum AgreementStatus {
  DRAFT,
  ACTIVE,
  SUSPENDED,
  TERMINATED;

  /** Returns the wire name, lower case. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns the statuses an agreement in this status may move to. */
  public Set<AgreementStatus> next() {
    return switch (this) {
      case DRAFT -> Set.of(ACTIVE, TERMINATED);
      case ACTIVE -> Set.of(SUSPENDED, TERMINATED);
      case SUSPENDED -> Set.of(ACTIVE, TERMINATED);
      case TERMINATED -> Set.of();
    };
  }

  /**
   * Parses a wire name.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static AgreementStatus parse(String text) {
    for (AgreementStatus s : values()) {
      if (s.wireName().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "not an agreement status (draft, active, suspended, terminated): " + text);
  }
}
