package org.kuroshio.sharing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.kuroshio.sharing.Decision.Reason;
import org.kuroshio.stix.Tlp;

/**
 * A deliberately simple second reading of the release rule, written from docs/SHARING.md "The
 * release rule" (and DESIGN.md "The sharing rule") without looking at {@link ReleaseRule}. It
 * walks a plain list of agreements with plain loops, keeps its own TLP order, and recomputes
 * "in force", "covers the domains" and "ceiling at least" itself rather than asking
 * {@link Agreement}. It is slow on purpose: its only job is to be obviously right.
 *
 * @param organisations the ids of the organisations the node knows
 * @param agreements every agreement the node knows, in any order
 */
record ReleaseOracle(List<String> organisations, List<Agreement> agreements) {

  /** The oracle's answer: what {@link Decision} must say, minus the sentence. */
  record Answer(boolean allowed, Reason reason, @Nullable String agreementId) {
    static Answer allow(Reason reason) {
      return new Answer(true, reason, null);
    }

    static Answer deny(Reason reason) {
      return new Answer(false, reason, null);
    }

    static Answer of(Decision d) {
      return new Answer(d.allowed(), d.reason(), d.agreementId());
    }
  }

  ReleaseOracle {
    organisations = List.copyOf(organisations);
    // "ordered by id": a plain sort of a copy, by the id string.
    List<Agreement> sorted = new ArrayList<>(agreements);
    sorted.sort((x, y) -> x.id().compareTo(y.id()));
    agreements = List.copyOf(sorted);
  }

  /** The TLP order of SHARING.md: CLEAR < GREEN < AMBER < AMBER+STRICT < RED. */
  static int rank(Tlp tlp) {
    return switch (tlp) {
      case CLEAR -> 0;
      case GREEN -> 1;
      case AMBER -> 2;
      case AMBER_STRICT -> 3;
      case RED -> 4;
    };
  }

  Answer decide(ReleaseSubject s, String recipient, Purpose purpose, Instant now) {
    boolean recipientOwns = s.owner().equals(recipient);

    // Step L: purpose local.
    if (purpose.kind() == Purpose.Kind.LOCAL) {
      if (recipientOwns) {
        return Answer.allow(Reason.OWNER);
      } else {
        return Answer.deny(Reason.NOT_OWNER);
      }
    }

    // Step 1: the recipient owns the version.
    if (recipientOwns) {
      return Answer.allow(Reason.OWNER);
    }

    // Step D: definitions go to everyone.
    if (s.type().equals("marking-definition") || s.type().equals("extension-definition")) {
      return Answer.allow(Reason.DEFINITION);
    }

    // Step G: a known agreement object goes to its parties, and to nobody else.
    if (s.type().equals("kuroshio-agreement")) {
      Agreement known = findAgreement(s.id());
      if (known != null) {
        if (isParty(known, recipient)) {
          // SHARING.md: step G names the agreement object's own agreement.
          return new Answer(true, Reason.AGREEMENT_PARTY, known.id());
        } else {
          return Answer.deny(Reason.NO_AGREEMENT);
        }
      }
    }

    // Step I: a known organisation's identity goes to its partners in an agreement in force.
    if (s.type().equals("identity") && organisations.contains(s.id())) {
      for (Agreement a : candidatesForIdentity(purpose)) {
        if (inForce(a, now) && isParty(a, s.id()) && isParty(a, recipient)) {
          return new Answer(true, Reason.PARTY_IDENTITY, a.id());
        }
      }
    }

    // Step 2: unmarked objects do not leave.
    Tlp tlp = s.tlp();
    if (tlp == null) {
      return Answer.deny(Reason.UNMARKED);
    }

    // Step 5a and 5b: received from another node.
    boolean received = s.receivedBy() != null;
    if (received) {
      if (recipient.equals(s.receivedBy())) {
        return Answer.allow(Reason.FIRST_RECIPIENT);
      }
      if (!(tlp == Tlp.CLEAR || tlp == Tlp.GREEN)) {
        return Answer.deny(Reason.ONWARD_FORBIDDEN);
      }
    }

    // Step 3: RED needs the release list.
    if (tlp == Tlp.RED && !s.releaseTo().contains(recipient)) {
      return Answer.deny(Reason.RED_NOT_LISTED);
    }

    // Step 4: an agreement in force between sharer and recipient that covers it.
    String sharer;
    if (received) {
      sharer = s.receivedBy();
    } else {
      sharer = s.owner();
    }
    List<Agreement> candidates = candidates(purpose, sharer, recipient);
    for (Agreement a : candidates) {
      if (inForce(a, now) && isParty(a, sharer) && isParty(a, recipient)
          && coversAllDomains(a, s) && ceilingLetsThrough(a, tlp)) {
        return new Answer(true, Reason.AGREEMENT, a.id());
      }
    }

    // Step 6: one would have, but it is suspended or terminated (and within its validity).
    for (Agreement a : candidates) {
      boolean stopped = a.status() == AgreementStatus.SUSPENDED
          || a.status() == AgreementStatus.TERMINATED;
      if (stopped && withinValidity(a, now) && isParty(a, sharer) && isParty(a, recipient)
          && coversAllDomains(a, s) && ceilingLetsThrough(a, tlp)) {
        return new Answer(false, Reason.AGREEMENT_STOPPED, a.id());
      }
    }

    return Answer.deny(Reason.NO_AGREEMENT);
  }

  private @Nullable Agreement findAgreement(String id) {
    for (Agreement a : agreements) {
      if (a.id().equals(id)) {
        return a;
      }
    }
    return null;
  }

  /** For step I: agreement A alone under purpose {@code agreement A}, otherwise all of them. */
  private List<Agreement> candidatesForIdentity(Purpose purpose) {
    if (purpose.kind() == Purpose.Kind.AGREEMENT) {
      Agreement a = findAgreement(purpose.agreementId());
      return a == null ? List.of() : List.of(a);
    }
    return agreements;
  }

  /** For steps 4 and 6: A alone, or every agreement naming sharer and recipient, by id. */
  private List<Agreement> candidates(Purpose purpose, String sharer, String recipient) {
    if (purpose.kind() == Purpose.Kind.AGREEMENT) {
      Agreement a = findAgreement(purpose.agreementId());
      return a == null ? List.of() : List.of(a);
    }
    List<Agreement> out = new ArrayList<>();
    for (Agreement a : agreements) {
      if (isParty(a, sharer) && isParty(a, recipient)) {
        out.add(a);
      }
    }
    return out;
  }

  private static boolean isParty(Agreement a, String organisation) {
    for (String p : a.parties()) {
      if (p.equals(organisation)) {
        return true;
      }
    }
    return false;
  }

  private static boolean inForce(Agreement a, Instant now) {
    return a.status() == AgreementStatus.ACTIVE && withinValidity(a, now);
  }

  /** valid_from <= now < valid_until; no valid_until means open-ended. */
  private static boolean withinValidity(Agreement a, Instant now) {
    boolean started = a.validFrom().compareTo(now) <= 0;
    boolean notEnded = a.validUntil() == null || now.compareTo(a.validUntil()) < 0;
    return started && notEnded;
  }

  private static boolean coversAllDomains(Agreement a, ReleaseSubject s) {
    for (String d : s.domains()) {
      boolean found = false;
      for (String ad : a.domains()) {
        if (ad.equals(d)) {
          found = true;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private static boolean ceilingLetsThrough(Agreement a, Tlp tlp) {
    return rank(a.ceiling()) >= rank(tlp);
  }
}
