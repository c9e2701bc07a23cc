package org.kuroshio.maritime.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kuroshio.maritime.stix.MaritimeStixTest.HOUR;
import static org.kuroshio.maritime.stix.MaritimeStixTest.NODE;
import static org.kuroshio.maritime.stix.MaritimeStixTest.T0;
import static org.kuroshio.maritime.stix.MaritimeStixTest.assertStrictlyValid;
import static org.kuroshio.maritime.stix.MaritimeStixTest.threat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kuroshio.maritime.detect.EventKind;
import org.kuroshio.maritime.detect.MaritimeEvent;
import org.kuroshio.stix.Domains;
import org.kuroshio.stix.KuroshioExtensions;
import org.kuroshio.stix.StixObject;
import tools.jackson.databind.JsonNode;

class OutageCorrelatorTest {
  private static final int MMSI = 312_345_678;
  /** The outage begins 10 h after T0. */
  private static final Instant OUTAGE_START = Instant.ofEpochMilli(T0 + 10 * HOUR);
  private static final CableOutage OUTAGE = new CableOutage("tpkm-3", "TPKM-3", OUTAGE_START,
      null, "Chunghwa Telecom", "Service lost on the Taiwan-Matsu link");

  private final OutageCorrelator correlator = new OutageCorrelator();

  @Test
  void coincidingThreatRaisesAValidIncidentWithTwoRelationships() {
    MaritimeEvent e = threat(MMSI, T0, T0 + 2 * HOUR, "tpkm-3");

    List<StixObject> objects = correlator.incidents(List.of(OUTAGE), List.of(e), NODE);

    assertThat(objects).extracting(StixObject::type)
        .containsExactly("incident", "relationship", "relationship");
    objects.forEach(MaritimeStixTest::assertStrictlyValid);
    JsonNode inc = objects.get(0).json();
    assertThat(inc.get("name").asString())
        .isEqualTo("Outage of TPKM-3 coincides with a cable threat by MMSI 312345678");
    assertThat(inc.get("description").asString())
        .contains("Chunghwa Telecom reported an outage of TPKM-3 (tpkm-3)")
        .contains("ending 8.0 h before the outage began")
        .contains("Service lost on the Taiwan-Matsu link");
    assertThat(inc.get("created").asString()).isEqualTo("2025-01-03T02:00:00.000Z");
    assertThat(inc.get("modified").asString()).isEqualTo("2025-01-03T12:00:00.000Z");
    assertThat(inc.get("created_by_ref").asString()).isEqualTo(NODE);
    JsonNode body = inc.path("extensions").path(KuroshioExtensions.MARITIME_EVENT_ID);
    assertThat(body.get("kind").asString()).isEqualTo("cable-threat");
    assertThat(body.get("start").asString()).isEqualTo("2025-01-03T02:00:00.000Z");
    assertThat(body.get("end").asString()).isEqualTo("2025-01-03T12:00:00.000Z");
    assertThat(body.path("details").path("cableId").asString()).isEqualTo("tpkm-3");
    assertThat(body.path("details").path("outageStart").asString())
        .isEqualTo("2025-01-03T12:00:00.000Z");
    assertThat(body.path("details").path("threatEnd").asString())
        .isEqualTo("2025-01-03T04:00:00.000Z");
    assertThat(body.has("evidence")).isFalse();
    assertThat(Domains.explicit(objects.get(0))).containsExactly("maritime");

    JsonNode toEvent = objects.get(1).json();
    assertThat(toEvent.get("relationship_type").asString()).isEqualTo("related-to");
    assertThat(toEvent.get("source_ref").asString()).isEqualTo(objects.get(0).id());
    assertThat(toEvent.get("target_ref").asString()).isEqualTo(MaritimeStix.observedDataId(e));
    JsonNode toVessel = objects.get(2).json();
    assertThat(toVessel.get("target_ref").asString()).isEqualTo(MaritimeStix.vesselId(MMSI));
    // The observed-data the relationship points at is the one MaritimeStix makes.
    assertThat(new MaritimeStix().event(e, NODE).get(1).id())
        .isEqualTo(toEvent.get("target_ref").asString());
  }

  @Test
  void correlatingAgainGivesIdenticalObjects() {
    MaritimeEvent e = threat(MMSI, T0, T0 + 2 * HOUR, "tpkm-3");

    assertThat(correlator.incidents(List.of(OUTAGE), List.of(e), NODE))
        .isEqualTo(new OutageCorrelator().incidents(List.of(OUTAGE),
            List.of(threat(MMSI, T0, T0 + 2 * HOUR, "tpkm-3")), NODE));
  }

  @Test
  void threatEndingMoreThan72HoursBeforeTheOutageIsTooEarly() {
    long outage = OUTAGE_START.toEpochMilli();
    MaritimeEvent tooEarly = threat(MMSI, outage - 80 * HOUR, outage - 72 * HOUR - 1, "tpkm-3");
    MaritimeEvent justInTime = threat(MMSI, outage - 80 * HOUR, outage - 72 * HOUR, "tpkm-3");

    assertThat(correlator.matches(List.of(OUTAGE), List.of(tooEarly))).isEmpty();
    assertThat(correlator.matches(List.of(OUTAGE), List.of(justInTime))).hasSize(1);
  }

  @Test
  void threatOnAnotherCableDoesNotCoincide() {
    MaritimeEvent other = threat(MMSI, T0, T0 + 2 * HOUR, "tpkm-2");
    MaritimeEvent noCable = new MaritimeEvent(EventKind.CABLE_THREAT, MMSI, 0, T0, T0 + HOUR,
        25, 121, 0.9, "no cable named", List.of(), Map.of());

    assertThat(correlator.incidents(List.of(OUTAGE), List.of(other, noCable), NODE)).isEmpty();
  }

  @Test
  void threatStartingAfterTheOutageWindowDoesNotCoincide() {
    long outage = OUTAGE_START.toEpochMilli();
    MaritimeEvent after = threat(MMSI, outage + 6 * HOUR, outage + 8 * HOUR, "tpkm-3");
    MaritimeEvent during = threat(MMSI, outage + 6 * HOUR - 1, outage + 8 * HOUR, "tpkm-3");

    assertThat(correlator.matches(List.of(OUTAGE), List.of(after))).isEmpty();
    List<StixObject> objects = correlator.incidents(List.of(OUTAGE), List.of(during), NODE);
    assertThat(objects).hasSize(3);
    assertThat(objects.get(0).json().get("description").asString())
        .contains("overlapping the outage start");
    objects.forEach(MaritimeStixTest::assertStrictlyValid);
  }

  @Test
  void otherKindsOfEventNeverRaiseAnIncident() {
    MaritimeEvent loitering = new MaritimeEvent(EventKind.LOITERING, MMSI, 0, T0, T0 + 2 * HOUR,
        25, 121, 0.9, "loitering", List.of(), Map.of(OutageCorrelator.CABLE_ID, "tpkm-3"));

    assertThat(correlator.matches(List.of(OUTAGE), List.of(loitering))).isEmpty();
  }

  @Test
  void windowsAreConfigurable() {
    OutageCorrelator narrow = new OutageCorrelator(
        new OutageCorrelator.Settings(Duration.ofHours(6), Duration.ZERO));
    MaritimeEvent e = threat(MMSI, T0, T0 + 2 * HOUR, "tpkm-3"); // ends 8 h before the outage

    assertThat(narrow.matches(List.of(OUTAGE), List.of(e))).isEmpty();
    assertThat(correlator.matches(List.of(OUTAGE), List.of(e))).hasSize(1);
  }

  @Test
  void eachCoincidingThreatGetsItsOwnIncident() {
    MaritimeEvent a = threat(MMSI, T0, T0 + 2 * HOUR, "tpkm-3");
    MaritimeEvent b = threat(MMSI + 1, T0 + HOUR, T0 + 3 * HOUR, "tpkm-3");

    List<StixObject> objects = correlator.incidents(List.of(OUTAGE), List.of(a, b), NODE);

    assertThat(objects).hasSize(6);
    assertThat(objects.get(0).id()).isNotEqualTo(objects.get(3).id());
  }

  @Test
  void aRepairedOutageEndsTheIncident() {
    CableOutage repaired = new CableOutage("tpkm-3", "TPKM-3", OUTAGE_START,
        OUTAGE_START.plus(Duration.ofDays(40)), "Chunghwa Telecom", null);

    List<StixObject> objects = correlator.incidents(List.of(repaired),
        List.of(threat(MMSI, T0, T0 + 2 * HOUR, "tpkm-3")), NODE);

    assertStrictlyValid(objects.get(0));
    assertThat(objects.get(0).json().get("modified").asString())
        .isEqualTo("2025-02-12T12:00:00.000Z");
  }

  @Test
  void badOutagesAndSettingsAreRefused() {
    assertThatThrownBy(() -> new CableOutage(" ", "x", OUTAGE_START, null, "me", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cableId");
    assertThatThrownBy(() -> new CableOutage("c", "x", OUTAGE_START,
        OUTAGE_START.minusSeconds(1), "me", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before it starts");
    assertThatThrownBy(() -> new OutageCorrelator.Settings(Duration.ofHours(-1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before");
    assertThatThrownBy(() -> correlator.incidents(List.of(OUTAGE), List.of(), "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identity");
  }
}
