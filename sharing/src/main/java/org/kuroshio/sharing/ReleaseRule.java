package org.kuroshio.sharing;

import java.time.Instant;
import java.util.List;
import org.kuroshio.stix.KuroshioExtensions;
import org.kuroshio.stix.Tlp;

/**
 * The sharing rule: the one function that decides whether an object version may go to an
 * organisation, and why. docs/SHARING.md states it rule by rule; every path that lets data out of
 * a node calls {@link #decide}.
 */
public final class ReleaseRule {
  private ReleaseRule() {}

  /**
   * Decides whether {@code subject} may be released to {@code recipient}.
   *
   * @param state the organisations and agreements in force for this decision
   * @param subject the object version (its metadata only)
   * @param recipient the receiving organisation's identity id
   * @param purpose local collection, one agreement's collection, or any
   * @param now the instant of the decision (agreement validity is checked against it)
   */
  public static Decision decide(SharingState state, ReleaseSubject subject, String recipient,
      Purpose purpose, Instant now) {
    boolean owner = recipient.equals(subject.owner());
    if (purpose.kind() == Purpose.Kind.LOCAL) {
      return owner
          ? Decision.allow(Decision.Reason.OWNER, null, "the recipient owns the object")
          : Decision.deny(Decision.Reason.NOT_OWNER, null,
              "a local collection holds only the recipient's own objects");
    }
    if (owner) {
      return Decision.allow(Decision.Reason.OWNER, null, "the recipient owns the object");
    }
    String type = subject.type();
    if (type.equals("marking-definition") || type.equals("extension-definition")) {
      return Decision.allow(Decision.Reason.DEFINITION, null,
          "definitions go to every partner so that references never dangle");
    }
    if (type.equals(KuroshioExtensions.AGREEMENT_TYPE)) {
      Agreement a = state.agreement(subject.id()).orElse(null);
      if (a != null) {
        return a.hasParty(recipient)
            ? Decision.allow(Decision.Reason.AGREEMENT_PARTY, a.id(),
                "the recipient is a party to this agreement")
            : Decision.deny(Decision.Reason.NO_AGREEMENT, null,
                "the recipient is not a party to this agreement");
      }
    }
    List<Agreement> candidates = candidatesBetween(state, subject.owner(), recipient, purpose);
    if (type.equals("identity") && state.organisation(subject.id()).isPresent()) {
      for (Agreement a : state.agreementsOf(recipient)) {
        if (a.inForce(now) && a.hasParty(subject.id()) && inPurpose(a, purpose)) {
          return Decision.allow(Decision.Reason.PARTY_IDENTITY, a.id(),
              "the identity of a fellow party to " + a.id());
        }
      }
    }
    Tlp tlp = subject.tlp();
    if (tlp == null) {
      return Decision.deny(Decision.Reason.UNMARKED, null,
          "the object carries no TLP marking, and unmarked objects do not leave the node");
    }
    String sharer = subject.owner();
    String receivedBy = subject.receivedBy();
    if (receivedBy != null) {
      if (recipient.equals(receivedBy)) {
        return Decision.allow(Decision.Reason.FIRST_RECIPIENT, null,
            "the recipient received this object from another node");
      }
      if (tlp != Tlp.CLEAR && tlp != Tlp.GREEN) {
        return Decision.deny(Decision.Reason.ONWARD_FORBIDDEN, null,
            "received from another node and marked " + tlp.displayName()
                + ", which travels no further than its first recipient");
      }
      sharer = receivedBy;
      candidates = candidatesBetween(state, sharer, recipient, purpose);
    }
    if (tlp == Tlp.RED && !subject.releaseTo().contains(recipient)) {
      return Decision.deny(Decision.Reason.RED_NOT_LISTED, null,
          "TLP:RED and the recipient is not in the object's release list");
    }
    for (Agreement a : candidates) {
      if (a.inForce(now) && a.hasParty(sharer) && a.hasParty(recipient)
          && a.coversDomains(subject.domains()) && a.coversTlp(tlp)) {
        return Decision.allow(Decision.Reason.AGREEMENT, a.id(),
            "agreement " + a.id() + " is active and covers " + String.join(", ",
                new java.util.TreeSet<>(subject.domains())) + " up to " + a.ceiling().displayName());
      }
    }
    for (Agreement a : candidates) {
      if ((a.status() == AgreementStatus.SUSPENDED || a.status() == AgreementStatus.TERMINATED)
          && a.withinValidity(now) && a.hasParty(sharer) && a.hasParty(recipient)
          && a.coversDomains(subject.domains()) && a.coversTlp(tlp)) {
        return Decision.deny(Decision.Reason.AGREEMENT_STOPPED, a.id(),
            "agreement " + a.id() + " would cover it but is " + a.status().wireName());
      }
    }
    return Decision.deny(Decision.Reason.NO_AGREEMENT, null, noAgreement(candidates, subject,
        tlp, now));
  }

  private static List<Agreement> candidatesBetween(SharingState state, String sharer,
      String recipient, Purpose purpose) {
    if (purpose.kind() == Purpose.Kind.AGREEMENT) {
      return state.agreement(purpose.agreementId()).map(List::of).orElse(List.of());
    }
    return state.between(sharer, recipient);
  }

  private static boolean inPurpose(Agreement a, Purpose purpose) {
    return purpose.kind() != Purpose.Kind.AGREEMENT || a.id().equals(purpose.agreementId());
  }

  private static String noAgreement(List<Agreement> candidates, ReleaseSubject subject, Tlp tlp,
      Instant now) {
    if (candidates.isEmpty()) {
      return "no agreement between the sharing organisation and the recipient";
    }
    Agreement a = candidates.getFirst();
    if (a.status() != AgreementStatus.ACTIVE) {
      return "agreement " + a.id() + " is " + a.status().wireName();
    }
    if (!a.withinValidity(now)) {
      return "agreement " + a.id() + " is not valid at " + now;
    }
    if (!a.coversDomains(subject.domains())) {
      return "agreement " + a.id() + " does not cover the domains "
          + String.join(", ", new java.util.TreeSet<>(subject.domains()));
    }
    if (!a.coversTlp(tlp)) {
      return tlp.displayName() + " is above the ceiling " + a.ceiling().displayName()
          + " of agreement " + a.id();
    }
    return "agreement " + a.id() + " does not name both organisations";
  }
}
