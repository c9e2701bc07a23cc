package org.kuroshio.sharing;

import java.util.Locale;

/** The instrument an agreement is, from the least to the most binding in common usage. */
public enum AgreementKind {
  STATEMENT_OF_INTENT,
  LETTER_OF_INTENT,
  MEMORANDUM_OF_UNDERSTANDING,
  PACT,
  DIALOGUE;

  /** Returns the wire name: lower case with hyphens ({@code letter-of-intent}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a wire name ({@code letter-of-intent}), also with underscores or in capitals, or the
   * abbreviation {@code mou}.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static AgreementKind parse(String text) {
    String t = text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    if (t.equals("MOU")) {
      return MEMORANDUM_OF_UNDERSTANDING;
    }
    for (AgreementKind k : values()) {
      if (k.name().equals(t)) {
        return k;
      }
    }
    throw new IllegalArgumentException("not an agreement kind (statement-of-intent, "
        + "letter-of-intent, memorandum-of-understanding, pact, dialogue): " + text);
  }
}
