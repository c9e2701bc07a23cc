package org.kuroshio.sharing;

import org.jspecify.annotations.Nullable;

/**
 * Why a recipient is reading: its own {@code local} collection (only what it owns), one
 * agreement's collection (only what that agreement, or ownership, releases), or anything the rule
 * allows (the REST API, search, explain).
 *
 * @param kind which of the three
 * @param agreementId the agreement, for {@link Kind#AGREEMENT}; null otherwise
 */
public record Purpose(Kind kind, @Nullable String agreementId) {

  /** The three purposes. */
  public enum Kind {
    ANY,
    LOCAL,
    AGREEMENT
  }

  private static final Purpose ANY = new Purpose(Kind.ANY, null);
  private static final Purpose LOCAL = new Purpose(Kind.LOCAL, null);

  public Purpose {
    Checks.require((kind == Kind.AGREEMENT) == (agreementId != null),
        "an agreement id goes with, and only with, the agreement purpose");
  }

  /** Anything the rule allows. */
  public static Purpose any() {
    return ANY;
  }

  /** The recipient's own collection: only what it owns. */
  public static Purpose local() {
    return LOCAL;
  }

  /** One agreement's collection. */
  public static Purpose agreement(String agreementId) {
    return new Purpose(Kind.AGREEMENT, agreementId);
  }
}
