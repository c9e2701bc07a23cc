package org.kuroshio.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.kuroshio.stix.KuroshioExtensions;
import org.kuroshio.stix.StixJson;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Tlp;
import org.kuroshio.stix.ValidationReport;
import org.kuroshio.stix.Validator;
import tools.jackson.databind.node.ObjectNode;

/** Agreements: their STIX form, their status transitions and the checks on what makes one. */
class AgreementTest {
  private static final Instant T0 = Instant.parse("2026-03-01T09:30:00.123Z");
  private static final String ID = "kuroshio-agreement--8f5e2c1a-3b4d-4e6f-8a9b-0c1d2e3f4a5b";
  private static final String A = "identity--0a000000-0000-4000-8000-000000000001";
  private static final String B = "identity--0b000000-0000-4000-8000-000000000002";
  private static final String C = "identity--0c000000-0000-4000-8000-000000000003";
  private static final String BY = "admin@" + A;

  private static Agreement make(String id, List<String> parties, Set<String> domains,
      Instant from, @Nullable Instant until) {
    return new Agreement(id, AgreementKind.LETTER_OF_INTENT, "Letter of intent on hybrid threats",
        parties, domains, Tlp.AMBER, from, until, AgreementStatus.DRAFT,
        List.of(new StatusChange(AgreementStatus.DRAFT, BY, T0, "created")), A, T0, T0);
  }

  private static Agreement draft() {
    return make(ID, List.of(A, B, C), Set.of("cyber", "fimi", "maritime"), T0,
        T0.plus(Duration.ofDays(365)));
  }

  // ---- STIX form ----

  @Test
  void stix_roundTripsThroughTheObjectAndItsJsonText() {
    Agreement a = draft()
        .withStatus(AgreementStatus.ACTIVE, BY, T0.plusSeconds(60), "signed")
        .withStatus(AgreementStatus.SUSPENDED, "admin@" + B, T0.plusSeconds(120), "")
        .withStatus(AgreementStatus.ACTIVE, BY, T0.plusSeconds(180), "resolved \"quoted\"");

    assertThat(Agreement.fromStix(a.toStix())).isEqualTo(a);
    assertThat(Agreement.fromStix(StixJson.parse(a.toStix().toJson()))).isEqualTo(a);
  }

  @Test
  void stix_roundTripsOpenEndedAgreementsWithoutValidUntil() {
    Agreement open = make(ID, List.of(A, B), Set.of("cyber"), T0, null);
    StixObject o = open.toStix();

    assertThat(o.has("valid_until")).isFalse();
    assertThat(Agreement.fromStix(o)).isEqualTo(open);
  }

  @Test
  void stix_hasTheDocumentedShape() {
    Agreement a = draft().withStatus(AgreementStatus.ACTIVE, BY, T0.plusSeconds(60), "signed");
    StixObject o = a.toStix();

    assertThat(o.type()).isEqualTo("kuroshio-agreement");
    assertThat(o.id()).isEqualTo(ID);
    assertThat(o.string("agreement_kind")).contains("letter-of-intent");
    assertThat(o.string("tlp_ceiling")).contains("amber");
    assertThat(o.string("status")).contains("active");
    assertThat(o.string("created_by_ref")).contains(A);
    assertThat(o.string("modified")).contains("2026-03-01T09:31:00.123Z");
    assertThat(o.json().get("domains").toString()).isEqualTo("[\"cyber\",\"fimi\",\"maritime\"]");
    assertThat(o.json().get("status_history")).hasSize(2);
    assertThat(o.json().get("extensions").get(KuroshioExtensions.AGREEMENT_ID)
        .get("extension_type").asString()).isEqualTo("new-sdo");
    assertThat(a.collectionId()).isEqualTo("8f5e2c1a-3b4d-4e6f-8a9b-0c1d2e3f4a5b");
  }

  @Test
  void stix_isValidUnderTheStrictValidator() {
    Agreement a = draft().withStatus(AgreementStatus.ACTIVE, BY, T0.plusSeconds(60), "signed");
    ValidationReport report = Validator.strict().validate(a.toStix());

    assertThat(report.errors()).as("strict validation of %s", a.toStix().toJson()).isEmpty();
    assertThat(report.valid()).isTrue();
  }

  @Test
  void fromStix_namesTheMissingOrWrongProperty() {
    ObjectNode noParties = draft().toStix().toJsonNode();
    noParties.remove("parties");
    assertThatThrownBy(() -> Agreement.fromStix(StixObject.of(noParties)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parties");

    ObjectNode badTlp = draft().toStix().toJsonNode();
    badTlp.put("tlp_ceiling", "purple");
    assertThatThrownBy(() -> Agreement.fromStix(StixObject.of(badTlp)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tlp_ceiling");

    ObjectNode badTime = draft().toStix().toJsonNode();
    badTime.put("valid_from", "yesterday");
    assertThatThrownBy(() -> Agreement.fromStix(StixObject.of(badTime)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("valid_from");

    ObjectNode badStatus = draft().toStix().toJsonNode();
    badStatus.put("status", "paused");
    assertThatThrownBy(() -> Agreement.fromStix(StixObject.of(badStatus)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("paused");

    ObjectNode notAgreement = draft().toStix().toJsonNode();
    notAgreement.put("type", "grouping");
    assertThatThrownBy(() -> Agreement.fromStix(StixObject.of(notAgreement)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a kuroshio-agreement");
  }

  // ---- transitions ----

  @Test
  void transitions_followTheDocumentedGraph() {
    Agreement draft = draft();
    Agreement active = draft.withStatus(AgreementStatus.ACTIVE, BY, T0.plusSeconds(1), "signed");
    Agreement suspended =
        active.withStatus(AgreementStatus.SUSPENDED, BY, T0.plusSeconds(2), "breach");
    Agreement reactivated =
        suspended.withStatus(AgreementStatus.ACTIVE, BY, T0.plusSeconds(3), "resolved");

    assertThat(reactivated.status()).isEqualTo(AgreementStatus.ACTIVE);
    assertThat(reactivated.history()).extracting(StatusChange::status).containsExactly(
        AgreementStatus.DRAFT, AgreementStatus.ACTIVE, AgreementStatus.SUSPENDED,
        AgreementStatus.ACTIVE);
    assertThat(reactivated.history().get(2).reason()).isEqualTo("breach");
    assertThat(reactivated.modified()).isEqualTo(T0.plusSeconds(3));
    // The earlier versions are untouched.
    assertThat(active.status()).isEqualTo(AgreementStatus.ACTIVE);
    assertThat(active.history()).hasSize(2);

    assertThat(draft.withStatus(AgreementStatus.TERMINATED, BY, T0, "abandoned").status())
        .isEqualTo(AgreementStatus.TERMINATED);
    assertThat(active.withStatus(AgreementStatus.TERMINATED, BY, T0, "ended").status())
        .isEqualTo(AgreementStatus.TERMINATED);
    assertThat(suspended.withStatus(AgreementStatus.TERMINATED, BY, T0, "ended").status())
        .isEqualTo(AgreementStatus.TERMINATED);
  }

  @Test
  void transitions_everyChangeMovesModifiedOnEvenWithAnEarlierClock() {
    Agreement active = draft().withStatus(AgreementStatus.ACTIVE, BY, T0, "same instant");
    assertThat(active.modified()).isAfter(T0);
    Agreement suspended =
        active.withStatus(AgreementStatus.SUSPENDED, BY, T0.minusSeconds(10), "clock behind");
    assertThat(suspended.modified()).isAfter(active.modified());
  }

  @Test
  void transitions_refusedWithAMessageNamingWhatIsAllowed() {
    Agreement draft = draft();
    Agreement active = draft.withStatus(AgreementStatus.ACTIVE, BY, T0.plusSeconds(1), "");
    Agreement terminated =
        active.withStatus(AgreementStatus.TERMINATED, BY, T0.plusSeconds(2), "");

    assertThatThrownBy(() -> draft.withStatus(AgreementStatus.SUSPENDED, BY, T0, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an agreement cannot go from draft to suspended (allowed: active, terminated)");
    assertThatThrownBy(() -> draft.withStatus(AgreementStatus.DRAFT, BY, T0, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from draft to draft");
    assertThatThrownBy(() -> active.withStatus(AgreementStatus.ACTIVE, BY, T0, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "an agreement cannot go from active to active (allowed: suspended, terminated)");
    assertThatThrownBy(() -> active.withStatus(AgreementStatus.DRAFT, BY, T0, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from active to draft");
    for (AgreementStatus s : AgreementStatus.values()) {
      assertThatThrownBy(() -> terminated.withStatus(s, BY, T0, ""))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("an agreement cannot go from terminated to " + s.wireName()
              + " (allowed: none, it is final)");
    }
  }

  // ---- constructor checks ----

  @Test
  void constructor_refusesBadIds() {
    for (String bad : List.of("kuroshio-agreement--8F5E2C1A-3B4D-4E6F-8A9B-0C1D2E3F4A5B",
        "grouping--8f5e2c1a-3b4d-4e6f-8a9b-0c1d2e3f4a5b", "kuroshio-agreement--not-a-uuid",
        "kuroshio-agreement--", "8f5e2c1a-3b4d-4e6f-8a9b-0c1d2e3f4a5b")) {
      assertThatThrownBy(() -> make(bad, List.of(A, B), Set.of("cyber"), T0, null))
          .as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("agreement id").hasMessageContaining(bad);
    }
  }

  @Test
  void constructor_needsTwoDistinctIdentityParties() {
    assertThatThrownBy(() -> make(ID, List.of(A), Set.of("cyber"), T0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two or more");
    assertThatThrownBy(() -> make(ID, List.of(A, A), Set.of("cyber"), T0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
    assertThatThrownBy(() -> make(ID, List.of(A, "organisation-b"), Set.of("cyber"), T0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an identity id: organisation-b");
    assertThat(make(ID, List.of(B, A, B), Set.of("cyber"), T0, null).parties())
        .containsExactly(B, A);
  }

  @Test
  void constructor_refusesUnknownOrNoDomains() {
    assertThatThrownBy(() -> make(ID, List.of(A, B), Set.of("cyber", "space"), T0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a domain")
        .hasMessageContaining("space");
    assertThatThrownBy(() -> make(ID, List.of(A, B), Set.of(), T0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one domain");
  }

  @Test
  void constructor_needsValidUntilAfterValidFrom() {
    assertThatThrownBy(() -> make(ID, List.of(A, B), Set.of("cyber"), T0, T0.minusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("valid_until must be after valid_from");
    assertThatThrownBy(() -> make(ID, List.of(A, B), Set.of("cyber"), T0, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("valid_until must be after valid_from");
    assertThat(make(ID, List.of(A, B), Set.of("cyber"), T0, T0.plusMillis(1)).validUntil())
        .isEqualTo(T0.plusMillis(1));
  }

  @Test
  void constructor_refusesBlankTitleAndInconsistentHistory() {
    assertThatThrownBy(() -> new Agreement(ID, AgreementKind.PACT, "  ", List.of(A, B),
        Set.of("cyber"), Tlp.GREEN, T0, null, AgreementStatus.DRAFT,
        List.of(new StatusChange(AgreementStatus.DRAFT, BY, T0, "")), A, T0, T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("title");
    assertThatThrownBy(() -> new Agreement(ID, AgreementKind.PACT, "Pact", List.of(A, B),
        Set.of("cyber"), Tlp.GREEN, T0, null, AgreementStatus.ACTIVE,
        List.of(new StatusChange(AgreementStatus.DRAFT, BY, T0, "")), A, T0, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("last status change must be the current status");
    assertThatThrownBy(() -> new Agreement(ID, AgreementKind.PACT, "Pact", List.of(A, B),
        Set.of("cyber"), Tlp.GREEN, T0, null, AgreementStatus.DRAFT, List.of(), A, T0, T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("history");
    assertThatThrownBy(() -> new Agreement(ID, AgreementKind.PACT, "Pact", List.of(A, B),
        Set.of("cyber"), Tlp.GREEN, T0, null, AgreementStatus.DRAFT,
        List.of(new StatusChange(AgreementStatus.DRAFT, BY, T0, "")), A, T0, T0.minusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("modified before");
  }

  @Test
  void kindAndStatus_parseWireNames() {
    assertThat(AgreementKind.parse("mou")).isEqualTo(AgreementKind.MEMORANDUM_OF_UNDERSTANDING);
    assertThat(AgreementKind.parse("Statement of intent"))
        .isEqualTo(AgreementKind.STATEMENT_OF_INTENT);
    assertThatThrownBy(() -> AgreementKind.parse("treaty"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("treaty");
    assertThat(AgreementStatus.parse(" Suspended ")).isEqualTo(AgreementStatus.SUSPENDED);
    for (AgreementKind k : AgreementKind.values()) {
      assertThat(AgreementKind.parse(k.wireName())).isEqualTo(k);
    }
  }
}
