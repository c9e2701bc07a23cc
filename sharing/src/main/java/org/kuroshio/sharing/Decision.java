package org.kuroshio.sharing;

import org.jspecify.annotations.Nullable;

/**
 * The release rule's answer for one object version and one recipient: allow or deny, the reason,
 * the agreement that allowed it (when one did), and a sentence for people.
 *
 * @param allowed whether the version may go to the recipient
 * @param reason the rule that decided
 * @param agreementId the agreement the release is made under ({@link Reason#AGREEMENT}, the
 *     agreement object itself for {@link Reason#AGREEMENT_PARTY}, the shared agreement for
 *     {@link Reason#PARTY_IDENTITY}), or the stopped agreement for
 *     {@link Reason#AGREEMENT_STOPPED}; null otherwise
 * @param explanation one sentence naming the facts that decided
 */
public record Decision(
    boolean allowed, Reason reason, @Nullable String agreementId, String explanation) {

  /** Why: each reason belongs to one numbered rule of the design (0 for shared definitions). */
  public enum Reason {
    /** Rule 1: the recipient owns the object. */
    OWNER(1, true),
    /** Rule 0: marking and extension definitions go to everyone so references never dangle. */
    DEFINITION(0, true),
    /** Rule 0: an agreement object goes to its parties. */
    AGREEMENT_PARTY(0, true),
    /** Rule 0: a party's identity goes to the other parties of an agreement in force. */
    PARTY_IDENTITY(0, true),
    /** Rule 5: the organisation that received the object from another node sees it. */
    FIRST_RECIPIENT(5, true),
    /** Rule 4: an agreement in force covers the object's domains and TLP. */
    AGREEMENT(4, true),
    /** Rule 1, local purpose: the local collection holds only what the recipient owns. */
    NOT_OWNER(1, false),
    /** Rule 2: the object carries no TLP marking. */
    UNMARKED(2, false),
    /** Rule 3: TLP:RED and the recipient is not in the release list. */
    RED_NOT_LISTED(3, false),
    /** Rule 5: received from another node and not TLP:CLEAR or TLP:GREEN. */
    ONWARD_FORBIDDEN(5, false),
    /** Rule 6: the only agreement that would cover it is suspended or terminated. */
    AGREEMENT_STOPPED(6, false),
    /** Rule 4: no agreement in force covers owner, recipient, domains and TLP. */
    NO_AGREEMENT(4, false);

    private final int rule;
    private final boolean allows;

    Reason(int rule, boolean allows) {
      this.rule = rule;
      this.allows = allows;
    }

    /** Returns the number of the design's sharing rule (0: shared definitions). */
    public int rule() {
      return rule;
    }

    /** Returns whether this reason allows. */
    public boolean allows() {
      return allows;
    }
  }

  public Decision {
    Checks.require(allowed == reason.allows(), "reason " + reason + " does not match allowed");
  }

  static Decision allow(Reason reason, @Nullable String agreementId, String explanation) {
    return new Decision(true, reason, agreementId, explanation);
  }

  static Decision deny(Reason reason, @Nullable String agreementId, String explanation) {
    return new Decision(false, reason, agreementId, explanation);
  }
}
