package org.kuroshio.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.kuroshio.sharing.Decision.Reason;
import org.kuroshio.stix.Tlp;

/**
 * Hand-written examples of each step of the release rule in docs/SHARING.md, each with the near
 * miss that must not fire.
 */
class ReleaseRuleTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final Instant FROM = NOW.minus(Duration.ofDays(30));
  private static final Instant UNTIL = NOW.plus(Duration.ofDays(30));

  private static final String A = "identity--0a000000-0000-4000-8000-000000000001";
  private static final String B = "identity--0b000000-0000-4000-8000-000000000002";
  private static final String C = "identity--0c000000-0000-4000-8000-000000000003";
  /** A peer's organisation, known here, that objects are pulled from. */
  private static final String P = "identity--0d000000-0000-4000-8000-000000000004";
  /** An identity that is not a known organisation. */
  private static final String STRANGER = "identity--0e000000-0000-4000-8000-000000000005";

  private static final String AB = "kuroshio-agreement--10000000-0000-4000-8000-00000000000a";
  private static final String AB2 = "kuroshio-agreement--20000000-0000-4000-8000-00000000000a";
  private static final String AC = "kuroshio-agreement--30000000-0000-4000-8000-00000000000a";
  private static final String BC = "kuroshio-agreement--40000000-0000-4000-8000-00000000000a";
  private static final String PC = "kuroshio-agreement--50000000-0000-4000-8000-00000000000a";
  private static final String UNKNOWN =
      "kuroshio-agreement--99999999-0000-4000-8000-00000000000a";

  private static final String INDICATOR = "indicator--6b0a5f8e-0000-4000-8000-000000000001";

  // ---- fixtures ----

  private static Agreement agreement(String id, List<String> parties, Set<String> domains,
      Tlp ceiling, Instant from, @Nullable Instant until, AgreementStatus... moves) {
    Instant created = FROM.minus(Duration.ofDays(1));
    Agreement a = new Agreement(id, AgreementKind.MEMORANDUM_OF_UNDERSTANDING, "Test " + id,
        parties, domains, ceiling, from, until, AgreementStatus.DRAFT,
        List.of(new StatusChange(AgreementStatus.DRAFT, "admin@" + A, created, "created")), A,
        created, created);
    Instant at = created;
    for (AgreementStatus s : moves) {
      at = at.plusSeconds(60);
      a = a.withStatus(s, "admin@" + A, at, "test");
    }
    return a;
  }

  private static Agreement active(String id, List<String> parties, Set<String> domains,
      Tlp ceiling) {
    return agreement(id, parties, domains, ceiling, FROM, UNTIL, AgreementStatus.ACTIVE);
  }

  /** A to B: cyber and fimi, up to AMBER, active for sixty days around NOW. */
  private static Agreement ab() {
    return active(AB, List.of(A, B), Set.of("cyber", "fimi"), Tlp.AMBER);
  }

  private static SharingState state(Agreement... agreements) {
    List<Organisation> orgs = new ArrayList<>();
    int i = 0;
    for (String id : List.of(A, B, C, P)) {
      orgs.add(new Organisation(id, "Org " + i++, FROM.minus(Duration.ofDays(100))));
    }
    return SharingState.of(A, orgs, List.of(agreements));
  }

  private static ReleaseSubject object(String owner, @Nullable Tlp tlp, String... domains) {
    return new ReleaseSubject(INDICATOR, "indicator", owner, tlp, Set.of(domains), List.of(),
        null);
  }

  private static ReleaseSubject red(String owner, List<String> releaseTo) {
    return new ReleaseSubject(INDICATOR, "indicator", owner, Tlp.RED, Set.of("cyber"), releaseTo,
        null);
  }

  private static ReleaseSubject received(String owner, Tlp tlp, String receivedBy) {
    return new ReleaseSubject(INDICATOR, "indicator", owner, tlp, Set.of("cyber"), List.of(),
        receivedBy);
  }

  private static ReleaseSubject typed(String id, String type, String owner, @Nullable Tlp tlp) {
    return new ReleaseSubject(id, type, owner, tlp, Set.of("cyber"), List.of(), null);
  }

  private static Decision decide(SharingState s, ReleaseSubject o, String to, Purpose p) {
    return decide(s, o, to, p, NOW);
  }

  private static Decision decide(SharingState s, ReleaseSubject o, String to, Purpose p,
      Instant now) {
    Decision d = ReleaseRule.decide(s, o, to, p, now);
    assertThat(d.explanation()).as("explanation").isNotBlank();
    return d;
  }

  private static void allowed(Decision d, Reason reason, @Nullable String agreementId) {
    assertThat(d.allowed()).as("allowed: %s", d).isTrue();
    assertThat(d.reason()).as("reason: %s", d).isEqualTo(reason);
    assertThat(d.agreementId()).as("agreement: %s", d).isEqualTo(agreementId);
  }

  private static void denied(Decision d, Reason reason, @Nullable String agreementId) {
    assertThat(d.allowed()).as("allowed: %s", d).isFalse();
    assertThat(d.reason()).as("reason: %s", d).isEqualTo(reason);
    assertThat(d.agreementId()).as("agreement: %s", d).isEqualTo(agreementId);
  }

  // ---- step L: purpose local ----

  @Test
  void local_ownerSeesItsOwnEvenUnmarked() {
    allowed(decide(state(ab()), object(A, null, "cyber"), A, Purpose.local()), Reason.OWNER,
        null);
  }

  @Test
  void local_othersNeverSeeItEvenWhenAnAgreementWouldRelease() {
    SharingState s = state(ab());
    ReleaseSubject green = object(A, Tlp.GREEN, "cyber");
    allowed(decide(s, green, B, Purpose.any()), Reason.AGREEMENT, AB);

    denied(decide(s, green, B, Purpose.local()), Reason.NOT_OWNER, null);
    denied(decide(s, typed(Tlp.CLEAR.markingId(), "marking-definition", A, null), B,
        Purpose.local()), Reason.NOT_OWNER, null);
  }

  // ---- step 1: the owner ----

  @Test
  void owner_seesItsOwnRedUnlistedUnmarkedUnderAnyPurpose() {
    SharingState s = state();
    allowed(decide(s, red(A, List.of()), A, Purpose.any()), Reason.OWNER, null);
    allowed(decide(s, object(A, null, "maritime"), A, Purpose.any()), Reason.OWNER, null);
    allowed(decide(s, object(A, Tlp.AMBER, "cyber"), A, Purpose.agreement(UNKNOWN)),
        Reason.OWNER, null);
  }

  @Test
  void owner_receivedRedStillGoesToItsOwner() {
    // The owner of a pulled version is the peer organisation: step 1 comes before step 5.
    allowed(decide(state(), received(P, Tlp.RED, B), P, Purpose.any()), Reason.OWNER, null);
  }

  // ---- step D: definitions ----

  @Test
  void definitions_goToEveryoneWithoutMarkingOrAgreement() {
    SharingState s = state();
    allowed(decide(s, typed(Tlp.RED.markingId(), "marking-definition", A, null), C,
        Purpose.any()), Reason.DEFINITION, null);
    allowed(decide(s, typed("extension-definition--0e4da927-0000-4000-8000-000000000001",
        "extension-definition", A, Tlp.RED), C, Purpose.agreement(UNKNOWN)),
        Reason.DEFINITION, null);
  }

  @Test
  void definitions_nearMiss_anOrdinaryUnmarkedObjectStaysHome() {
    denied(decide(state(), typed("x-marking-definition--6b0a5f8e-0000-4000-8000-000000000001",
        "x-marking-definition", A, null), C, Purpose.any()), Reason.UNMARKED, null);
  }

  // ---- step G: agreement objects ----

  @Test
  void agreementObject_goesToItsPartiesOnly() {
    Agreement ac = active(AC, List.of(A, C), Set.of("cyber"), Tlp.RED);
    SharingState s = state(ab(), ac);
    ReleaseSubject abObject = typed(AB, "kuroshio-agreement", A, Tlp.GREEN);

    allowed(decide(s, abObject, B, Purpose.any()), Reason.AGREEMENT_PARTY, AB);
    // C is no party of AB, although agreement AC would release a GREEN cyber object of A to C.
    denied(decide(s, abObject, C, Purpose.any()), Reason.NO_AGREEMENT, null);
  }

  @Test
  void agreementObject_goesToPartiesEvenWhenUnmarkedOrSuspended() {
    Agreement suspended = agreement(AB, List.of(A, B), Set.of("cyber"), Tlp.GREEN, FROM, UNTIL,
        AgreementStatus.ACTIVE, AgreementStatus.SUSPENDED);
    allowed(decide(state(suspended), typed(AB, "kuroshio-agreement", A, null), B, Purpose.any()),
        Reason.AGREEMENT_PARTY, AB);
  }

  @Test
  void agreementObject_nearMiss_unknownAgreementFollowsTheNormalRule() {
    SharingState s = state(ab());
    allowed(decide(s, typed(UNKNOWN, "kuroshio-agreement", A, Tlp.GREEN), B, Purpose.any()),
        Reason.AGREEMENT, AB);
    denied(decide(s, typed(UNKNOWN, "kuroshio-agreement", A, null), B, Purpose.any()),
        Reason.UNMARKED, null);
  }

  // ---- step I: a partner's identity ----

  @Test
  void identity_ofAPartnerGoesToTheOtherPartiesOfAnAgreementInForce() {
    Agreement bc = active(BC, List.of(B, C), Set.of("maritime"), Tlp.CLEAR);
    SharingState s = state(ab(), bc);
    // C's identity, registered by A, unmarked: released to B because B and C share BC.
    ReleaseSubject cIdentity = typed(C, "identity", A, null);

    allowed(decide(s, cIdentity, B, Purpose.any()), Reason.PARTY_IDENTITY, BC);
    allowed(decide(s, cIdentity, B, Purpose.agreement(BC)), Reason.PARTY_IDENTITY, BC);
    // Under purpose AB only AB counts, and AB does not name C: the normal rule (unmarked).
    denied(decide(s, cIdentity, B, Purpose.agreement(AB)), Reason.UNMARKED, null);
    // P shares no agreement with C.
    denied(decide(s, cIdentity, P, Purpose.any()), Reason.UNMARKED, null);
  }

  @Test
  void identity_nearMiss_suspendedAgreementOrUnknownIdentity() {
    Agreement bc = agreement(BC, List.of(B, C), Set.of("cyber"), Tlp.CLEAR, FROM, UNTIL,
        AgreementStatus.ACTIVE, AgreementStatus.SUSPENDED);
    SharingState s = state(ab(), bc);
    denied(decide(s, typed(C, "identity", A, null), B, Purpose.any()), Reason.UNMARKED, null);
    // An identity that is no known organisation gets no step I, even between parties.
    denied(decide(s, typed(STRANGER, "identity", A, null), B, Purpose.any()), Reason.UNMARKED,
        null);
    // A marked identity that fails step I falls to the normal rule: AB releases it.
    allowed(decide(s, typed(C, "identity", A, Tlp.GREEN), B, Purpose.any()), Reason.AGREEMENT,
        AB);
  }

  @Test
  void identity_nearMiss_expiredAgreement() {
    Agreement bc = agreement(BC, List.of(B, C), Set.of("cyber"), Tlp.CLEAR, FROM, NOW,
        AgreementStatus.ACTIVE);
    denied(decide(state(bc), typed(C, "identity", A, null), B, Purpose.any()), Reason.UNMARKED,
        null);
    allowed(decide(state(bc), typed(C, "identity", A, null), B, Purpose.any(),
        NOW.minusMillis(1)), Reason.PARTY_IDENTITY, BC);
  }

  // ---- step 2: unmarked ----

  @Test
  void unmarked_neverLeavesEvenUnderACoveringAgreement() {
    SharingState s = state(ab());
    denied(decide(s, object(A, null, "cyber"), B, Purpose.any()), Reason.UNMARKED, null);
    denied(decide(s, object(A, null, "cyber"), B, Purpose.agreement(AB)), Reason.UNMARKED, null);
    allowed(decide(s, object(A, Tlp.CLEAR, "cyber"), B, Purpose.any()), Reason.AGREEMENT, AB);
  }

  // ---- step 5: received from another node ----

  @Test
  void received_firstRecipientSeesItWhateverTheMarkingAndAgreements() {
    SharingState s = state();
    for (Tlp tlp : Tlp.values()) {
      allowed(decide(s, received(P, tlp, B), B, Purpose.any()), Reason.FIRST_RECIPIENT, null);
    }
  }

  @Test
  void received_firstRecipientKeepsItAfterTheAgreementIsSuspended() {
    Agreement pb = agreement(PC, List.of(P, B), Set.of("cyber"), Tlp.AMBER, FROM, UNTIL,
        AgreementStatus.ACTIVE, AgreementStatus.SUSPENDED);
    allowed(decide(state(pb), received(P, Tlp.AMBER, B), B, Purpose.any()),
        Reason.FIRST_RECIPIENT, null);
  }

  @Test
  void received_unmarkedIsRefusedBeforeProvenanceCounts() {
    denied(decide(state(), new ReleaseSubject(INDICATOR, "indicator", P, null, Set.of("cyber"),
        List.of(), B), B, Purpose.any()), Reason.UNMARKED, null);
  }

  @Test
  void onward_greenGoesFurtherUnderTheFirstRecipientsAgreement() {
    Agreement bc = active(BC, List.of(B, C), Set.of("cyber"), Tlp.GREEN);
    SharingState s = state(bc);
    allowed(decide(s, received(P, Tlp.GREEN, B), C, Purpose.any()), Reason.AGREEMENT, BC);
    allowed(decide(s, received(P, Tlp.CLEAR, B), C, Purpose.agreement(BC)), Reason.AGREEMENT,
        BC);
  }

  @Test
  void onward_nearMiss_theOwnersAgreementWithTheRecipientDoesNotCount() {
    // P (the owner) and C share an agreement, but B (the first recipient) and C do not.
    Agreement pc = active(PC, List.of(P, C), Set.of("cyber"), Tlp.RED);
    SharingState s = state(pc);
    denied(decide(s, received(P, Tlp.GREEN, B), C, Purpose.any()), Reason.NO_AGREEMENT, null);
    denied(decide(s, received(P, Tlp.GREEN, B), C, Purpose.agreement(PC)), Reason.NO_AGREEMENT,
        null);
  }

  @Test
  void onward_amberAndAboveNeverTravelFurther() {
    Agreement bc = active(BC, List.of(B, C), Set.of("cyber"), Tlp.RED);
    SharingState s = state(bc);
    denied(decide(s, received(P, Tlp.AMBER, B), C, Purpose.any()), Reason.ONWARD_FORBIDDEN,
        null);
    denied(decide(s, received(P, Tlp.AMBER_STRICT, B), C, Purpose.any()),
        Reason.ONWARD_FORBIDDEN, null);
    ReleaseSubject listedRed = new ReleaseSubject(INDICATOR, "indicator", P, Tlp.RED,
        Set.of("cyber"), List.of(B, C), B);
    denied(decide(s, listedRed, C, Purpose.any()), Reason.ONWARD_FORBIDDEN, null);
  }

  // ---- step 3 and 4 for TLP:RED ----

  @Test
  void red_needsBothTheReleaseListAndARedCeiling() {
    Agreement abRed = active(AB, List.of(A, B), Set.of("cyber"), Tlp.RED);
    Agreement acAmber = active(AC, List.of(A, C), Set.of("cyber"), Tlp.AMBER_STRICT);
    SharingState s = state(abRed, acAmber);

    allowed(decide(s, red(A, List.of(B, C)), B, Purpose.any()), Reason.AGREEMENT, AB);
    // Listed, but the only agreement with C stops at AMBER+STRICT.
    denied(decide(s, red(A, List.of(B, C)), C, Purpose.any()), Reason.NO_AGREEMENT, null);
    // A RED ceiling, but B is not on the list.
    denied(decide(s, red(A, List.of(C)), B, Purpose.any()), Reason.RED_NOT_LISTED, null);
    denied(decide(s, red(A, List.of()), B, Purpose.agreement(AB)), Reason.RED_NOT_LISTED, null);
  }

  // ---- step 4: agreements ----

  @Test
  void agreement_mustCoverEveryDomainOfTheObject() {
    SharingState s = state(ab());
    allowed(decide(s, object(A, Tlp.GREEN, "cyber", "fimi"), B, Purpose.any()),
        Reason.AGREEMENT, AB);
    denied(decide(s, object(A, Tlp.GREEN, "cyber", "maritime"), B, Purpose.any()),
        Reason.NO_AGREEMENT, null);
  }

  @Test
  void agreement_ceilingIsInclusiveAndOrdered() {
    SharingState s = state(ab());
    allowed(decide(s, object(A, Tlp.CLEAR, "cyber"), B, Purpose.any()), Reason.AGREEMENT, AB);
    allowed(decide(s, object(A, Tlp.GREEN, "cyber"), B, Purpose.any()), Reason.AGREEMENT, AB);
    allowed(decide(s, object(A, Tlp.AMBER, "cyber"), B, Purpose.any()), Reason.AGREEMENT, AB);
    denied(decide(s, object(A, Tlp.AMBER_STRICT, "cyber"), B, Purpose.any()),
        Reason.NO_AGREEMENT, null);
  }

  @Test
  void agreement_mustNameTheRecipient() {
    SharingState s = state(ab());
    denied(decide(s, object(A, Tlp.CLEAR, "cyber"), C, Purpose.any()), Reason.NO_AGREEMENT,
        null);
    denied(decide(s, object(B, Tlp.CLEAR, "cyber"), C, Purpose.any()), Reason.NO_AGREEMENT,
        null);
  }

  @Test
  void agreement_firstCoveringAgreementByIdIsNamed() {
    Agreement ab2 = active(AB2, List.of(B, A, C), Set.of("cyber", "maritime"), Tlp.GREEN);
    SharingState s = state(ab2, ab());
    // Both cover: AB comes first by id, whatever the order they were given in.
    allowed(decide(s, object(A, Tlp.GREEN, "cyber"), B, Purpose.any()), Reason.AGREEMENT, AB);
    // Only AB2 covers maritime.
    allowed(decide(s, object(A, Tlp.GREEN, "maritime"), B, Purpose.any()), Reason.AGREEMENT,
        AB2);
  }

  @Test
  void agreement_validFromIsInclusiveAndValidUntilExclusive() {
    SharingState s = state(ab());
    ReleaseSubject green = object(A, Tlp.GREEN, "cyber");
    allowed(decide(s, green, B, Purpose.any(), FROM), Reason.AGREEMENT, AB);
    denied(decide(s, green, B, Purpose.any(), FROM.minusMillis(1)), Reason.NO_AGREEMENT, null);
    allowed(decide(s, green, B, Purpose.any(), UNTIL.minusMillis(1)), Reason.AGREEMENT, AB);
    denied(decide(s, green, B, Purpose.any(), UNTIL), Reason.NO_AGREEMENT, null);
  }

  @Test
  void agreement_openEndedStaysInForce() {
    Agreement open = agreement(AB, List.of(A, B), Set.of("cyber"), Tlp.GREEN, FROM, null,
        AgreementStatus.ACTIVE);
    allowed(decide(state(open), object(A, Tlp.GREEN, "cyber"), B, Purpose.any(),
        NOW.plus(Duration.ofDays(3650))), Reason.AGREEMENT, AB);
  }

  @Test
  void agreement_draftReleasesNothingAndIsNotStopped() {
    Agreement draft = agreement(AB, List.of(A, B), Set.of("cyber"), Tlp.GREEN, FROM, UNTIL);
    denied(decide(state(draft), object(A, Tlp.GREEN, "cyber"), B, Purpose.any()),
        Reason.NO_AGREEMENT, null);
  }

  // ---- step 6: suspended and terminated agreements ----

  @Test
  void suspension_stopsTheFlowOnTheNextDecision() {
    Agreement ab = ab();
    SharingState before = state(ab);
    ReleaseSubject green = object(A, Tlp.GREEN, "cyber");
    allowed(decide(before, green, B, Purpose.any()), Reason.AGREEMENT, AB);

    SharingState after = before.with(ab.withStatus(AgreementStatus.SUSPENDED, "admin@" + A,
        NOW.minusSeconds(1), "breach"));
    denied(decide(after, green, B, Purpose.any()), Reason.AGREEMENT_STOPPED, AB);
    denied(decide(after, green, B, Purpose.agreement(AB)), Reason.AGREEMENT_STOPPED, AB);
    // The old snapshot is unchanged: snapshots are immutable.
    allowed(decide(before, green, B, Purpose.any()), Reason.AGREEMENT, AB);

    SharingState resumed = after.with(after.agreement(AB).orElseThrow().withStatus(
        AgreementStatus.ACTIVE, "admin@" + A, NOW, "resolved"));
    allowed(decide(resumed, green, B, Purpose.any()), Reason.AGREEMENT, AB);
  }

  @Test
  void termination_stopsTheFlow() {
    Agreement terminated = agreement(AB, List.of(A, B), Set.of("cyber"), Tlp.AMBER, FROM, UNTIL,
        AgreementStatus.ACTIVE, AgreementStatus.TERMINATED);
    denied(decide(state(terminated), object(A, Tlp.AMBER, "cyber"), B, Purpose.any()),
        Reason.AGREEMENT_STOPPED, AB);
  }

  @Test
  void stopped_nearMiss_onlyWhenItWouldHaveCoveredAndIsWithinItsValidity() {
    Agreement suspended = agreement(AB, List.of(A, B), Set.of("cyber"), Tlp.GREEN, FROM, UNTIL,
        AgreementStatus.ACTIVE, AgreementStatus.SUSPENDED);
    SharingState s = state(suspended);
    // Above its ceiling, or outside its domains: it would not have covered.
    denied(decide(s, object(A, Tlp.AMBER, "cyber"), B, Purpose.any()), Reason.NO_AGREEMENT,
        null);
    denied(decide(s, object(A, Tlp.GREEN, "fimi"), B, Purpose.any()), Reason.NO_AGREEMENT, null);
    // Expired anyway.
    denied(decide(s, object(A, Tlp.GREEN, "cyber"), B, Purpose.any(), UNTIL),
        Reason.NO_AGREEMENT, null);
    // Not a party.
    denied(decide(s, object(A, Tlp.GREEN, "cyber"), C, Purpose.any()), Reason.NO_AGREEMENT,
        null);
  }

  @Test
  void stopped_nearMiss_anotherAgreementInForceStillReleases() {
    Agreement suspended = agreement(AB, List.of(A, B), Set.of("cyber"), Tlp.GREEN, FROM, UNTIL,
        AgreementStatus.ACTIVE, AgreementStatus.SUSPENDED);
    Agreement ab2 = active(AB2, List.of(A, B), Set.of("cyber"), Tlp.GREEN);
    SharingState s = state(suspended, ab2);
    allowed(decide(s, object(A, Tlp.GREEN, "cyber"), B, Purpose.any()), Reason.AGREEMENT, AB2);
    // Under the suspended agreement's own collection only it counts.
    denied(decide(s, object(A, Tlp.GREEN, "cyber"), B, Purpose.agreement(AB)),
        Reason.AGREEMENT_STOPPED, AB);
  }

  // ---- purpose agreement A ----

  @Test
  void purposeAgreement_onlyThatAgreementCounts() {
    Agreement ab2 = active(AB2, List.of(A, B), Set.of("cyber"), Tlp.GREEN);
    Agreement ac = active(AC, List.of(A, C), Set.of("cyber"), Tlp.GREEN);
    SharingState s = state(ab(), ab2, ac);
    ReleaseSubject green = object(A, Tlp.GREEN, "cyber");

    allowed(decide(s, green, B, Purpose.any()), Reason.AGREEMENT, AB);
    allowed(decide(s, green, B, Purpose.agreement(AB2)), Reason.AGREEMENT, AB2);
    // AC does not name B.
    denied(decide(s, green, B, Purpose.agreement(AC)), Reason.NO_AGREEMENT, null);
    // An agreement the node does not know releases nothing.
    denied(decide(s, green, B, Purpose.agreement(UNKNOWN)), Reason.NO_AGREEMENT, null);
    // AMBER: only AB's ceiling lets it through.
    denied(decide(s, object(A, Tlp.AMBER, "cyber"), B, Purpose.agreement(AB2)),
        Reason.NO_AGREEMENT, null);
    allowed(decide(s, object(A, Tlp.AMBER, "cyber"), B, Purpose.agreement(AB)),
        Reason.AGREEMENT, AB);
  }

  @Test
  void purposeAgreement_stillRefusesWhatEarlierStepsRefuse() {
    Agreement abRed = active(AB, List.of(A, B), Set.of("cyber"), Tlp.RED);
    SharingState s = state(abRed);
    denied(decide(s, object(A, null, "cyber"), B, Purpose.agreement(AB)), Reason.UNMARKED, null);
    denied(decide(s, red(A, List.of(C)), B, Purpose.agreement(AB)), Reason.RED_NOT_LISTED, null);
    denied(decide(s, received(P, Tlp.AMBER, C), B, Purpose.agreement(AB)),
        Reason.ONWARD_FORBIDDEN, null);
  }
}
