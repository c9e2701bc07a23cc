package org.kuroshio.maritime.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kuroshio.maritime.detect.EventKind;
import org.kuroshio.maritime.detect.MaritimeEvent;
import org.kuroshio.maritime.vessel.Fix;
import org.kuroshio.maritime.ais.StaticVoyageData;
import org.kuroshio.maritime.vessel.Vessel;
import org.kuroshio.maritime.vessel.VesselRegistry;
import org.kuroshio.stix.Domains;
import org.kuroshio.stix.Issue;
import org.kuroshio.stix.KuroshioExtensions;
import org.kuroshio.stix.ScoIds;
import org.kuroshio.stix.StixJson;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.ValidationReport;
import org.kuroshio.stix.Validator;
import tools.jackson.databind.JsonNode;

class MaritimeStixTest {
  static final String NODE = "identity--5b1a9f0e-1c2d-4e3f-8a9b-0c1d2e3f4a5b";
  static final long T0 = Instant.parse("2025-01-03T02:00:00Z").toEpochMilli();
  static final long HOUR = 3_600_000L;

  static final VesselFacts SHUNXIN = new VesselFacts(312_345_678, 9_134_270, " SHUN XIN 39  ",
      "J8B1234", 70, 100, 20, 8, 8, "CM");

  static MaritimeEvent threat(int mmsi, long start, long end, String cableId) {
    List<Fix> evidence = new ArrayList<>();
    for (long t = start; t <= end; t += 10 * 60_000L) {
      evidence.add(new Fix(mmsi, t, 25.2 + (t - start) / 1e9, 121.8, 2.5, 45, 511, 1));
    }
    return new MaritimeEvent(EventKind.CABLE_THREAT, mmsi, 0, start, end, 25.21, 121.81, 0.82,
        "Slow zigzag over the TPKM-3 corridor at 2.5 kn", evidence,
        Map.of(OutageCorrelator.CABLE_ID, cableId, OutageCorrelator.CABLE_NAME, "TPKM-3",
            "speedKn", "2.5"));
  }

  /** Validates strictly: no errors, and no warning but the custom vessel type's. */
  static void assertStrictlyValid(StixObject o) {
    ValidationReport r = Validator.strict().validate(o);
    assertThat(r.errors()).as(o.toJson()).isEmpty();
    List<Issue> warnings = r.warnings();
    if (o.type().equals(KuroshioExtensions.VESSEL_TYPE)) {
      assertThat(warnings).extracting(Issue::rule).containsOnly("unknown-type");
    } else {
      assertThat(warnings).as(o.toJson()).isEmpty();
    }
    // Survives a round trip through the JSON text unchanged.
    assertThat(StixJson.parse(o.toJson())).isEqualTo(o);
  }

  @Test
  void vesselIsAValidCustomScoWithTheMmsiId() {
    StixObject v = new MaritimeStix().vessel(SHUNXIN);

    assertStrictlyValid(v);
    JsonNode j = v.json();
    assertThat(v.type()).isEqualTo("kuroshio-vessel");
    assertThat(v.id()).isEqualTo("kuroshio-vessel--"
        + ScoIds.uuid5(ScoIds.NAMESPACE, "{\"mmsi\":312345678}"));
    assertThat(j.get("mmsi").asLong()).isEqualTo(312_345_678L);
    assertThat(j.get("imo").asInt()).isEqualTo(9_134_270);
    assertThat(j.get("name").asString()).isEqualTo("SHUN XIN 39");
    assertThat(j.get("call_sign").asString()).isEqualTo("J8B1234");
    assertThat(j.get("ship_type").asInt()).isEqualTo(70);
    assertThat(j.get("flag").asString()).isEqualTo("CM");
    assertThat(j.get("length").asDouble()).isEqualTo(120.0);
    assertThat(j.get("beam").asDouble()).isEqualTo(16.0);
    assertThat(j.path("extensions").path(KuroshioExtensions.VESSEL_ID)
        .path("extension_type").asString()).isEqualTo("new-sco");
    assertThat(j.has("created_by_ref")).isFalse();
    assertThat(Domains.derive(v)).containsExactly("maritime");
  }

  @Test
  void vesselLeavesOutWhatIsUnknownOrMalformed() {
    StixObject v = new MaritimeStix().vessel(
        new VesselFacts(412_000_001, 9_134_271, "", "  ", 0, 0, 0, 0, 0, "twn"));

    assertStrictlyValid(v);
    assertThat(v.json().properties()).extracting(Map.Entry::getKey)
        .containsExactly("type", "spec_version", "id", "mmsi", "extensions");
  }

  @Test
  void registryVesselGivesTheSameObjectAsItsFacts() {
    Vessel v = new Vessel(312_345_678, 9_134_270, "SHUN XIN 39", "J8B1234", 70, 100, 20, 8, 8,
        "KEELUNG", "CM", T0, T0 + HOUR, 25.2, 121.8, 2.5, 45, 0);
    Vessel unnamed = new Vessel(312_345_678, 0, null, null, 0, 0, 0, 0, 0, null, null, T0, T0,
        Double.NaN, Double.NaN, Double.NaN, Double.NaN, 15);

    assertThat(new MaritimeStix().vessel(v)).isEqualTo(new MaritimeStix().vessel(SHUNXIN));
    assertThat(new MaritimeStix().vessel(unnamed))
        .isEqualTo(new MaritimeStix().vessel(VesselFacts.ofMmsi(312_345_678)));
  }

  @Test
  void eventDescribesItsVesselWithWhatTheRegistryKnows() {
    VesselRegistry registry = new VesselRegistry();
    registry.apply(new StaticVoyageData(5, 0, 416_123_456, 0, 9_134_270, "BGXY", "EVER X", 70,
        100, 20, 8, 8, 1, 1, 3, 12, 0, 6.5, "KEELUNG", false), T0);
    MaritimeEvent e = threat(416_123_456, T0, T0 + HOUR, "c");

    StixObject vessel = MaritimeStix.withRegistry(registry).event(e, NODE).get(0);

    assertStrictlyValid(vessel);
    assertThat(vessel.json().get("name").asString()).isEqualTo("EVER X");
    assertThat(vessel.json().get("imo").asInt()).isEqualTo(9_134_270);
    assertThat(vessel.json().get("flag").asString()).isEqualTo("TW");
    assertThat(vessel.json().get("length").asDouble()).isEqualTo(120.0);
    // A vessel the registry never saw is described by its MMSI alone.
    StixObject unknown = MaritimeStix.withRegistry(registry)
        .event(threat(416_999_999, T0, T0 + HOUR, "c"), NODE).get(0);
    assertThat(unknown).isEqualTo(new MaritimeStix().vessel(VesselFacts.ofMmsi(416_999_999)));
  }

  @Test
  void vesselIdDependsOnTheMmsiOnly() {
    MaritimeStix s = new MaritimeStix();
    StixObject a = s.vessel(SHUNXIN);
    StixObject renamed = s.vessel(new VesselFacts(312_345_678, 0, "XING SHUN 39", "", 0, 0, 0,
        0, 0, null));
    StixObject other = s.vessel(VesselFacts.ofMmsi(312_345_679));

    assertThat(renamed.id()).isEqualTo(a.id());
    assertThat(other.id()).isNotEqualTo(a.id());
    assertThat(MaritimeStix.vesselId(312_345_678)).isEqualTo(a.id());
  }

  @Test
  void vesselNameIsCutToTheAisLengthWithoutSplittingACharacter() {
    String longName = "A".repeat(19) + "\uD83D\uDEA2" + "B";
    StixObject v = new MaritimeStix().vessel(
        new VesselFacts(1, 0, longName, "", 0, 0, 0, 0, 0, null));

    assertStrictlyValid(v);
    assertThat(v.json().get("name").asString()).isEqualTo("A".repeat(19));
  }

  @Test
  void eventGivesVesselObservedDataLocationAndRelationship() {
    Map<Integer, VesselFacts> registry = Map.of(SHUNXIN.mmsi(), SHUNXIN);
    MaritimeStix s = new MaritimeStix(registry::get);
    MaritimeEvent e = threat(SHUNXIN.mmsi(), T0, T0 + 2 * HOUR, "tpkm-3");

    List<StixObject> objects = s.event(e, NODE);

    assertThat(objects).extracting(StixObject::type)
        .containsExactly("kuroshio-vessel", "observed-data", "location", "relationship");
    objects.forEach(MaritimeStixTest::assertStrictlyValid);
    StixObject vessel = objects.get(0);
    assertThat(vessel).isEqualTo(s.vessel(SHUNXIN));
    JsonNode od = objects.get(1).json();
    assertThat(objects.get(1).id()).isEqualTo(MaritimeStix.observedDataId(e));
    assertThat(od.get("first_observed").asString()).isEqualTo("2025-01-03T02:00:00.000Z");
    assertThat(od.get("last_observed").asString()).isEqualTo("2025-01-03T04:00:00.000Z");
    assertThat(od.get("created").asString()).isEqualTo("2025-01-03T02:00:00.000Z");
    assertThat(od.get("modified").asString()).isEqualTo("2025-01-03T04:00:00.000Z");
    assertThat(od.get("number_observed").asInt()).isEqualTo(1);
    assertThat(od.get("object_refs").toString()).isEqualTo("[\"" + vessel.id() + "\"]");
    JsonNode body = od.path("extensions").path(KuroshioExtensions.MARITIME_EVENT_ID);
    assertThat(body.get("extension_type").asString()).isEqualTo("property-extension");
    assertThat(body.get("kind").asString()).isEqualTo("cable-threat");
    assertThat(body.get("mmsi").asLong()).isEqualTo(312_345_678L);
    assertThat(body.get("score").asDouble()).isEqualTo(0.82);
    assertThat(body.get("start").asString()).isEqualTo("2025-01-03T02:00:00.000Z");
    assertThat(body.get("end").asString()).isEqualTo("2025-01-03T04:00:00.000Z");
    assertThat(body.get("summary").asString()).startsWith("Slow zigzag");
    assertThat(body.path("details").path("cableId").asString()).isEqualTo("tpkm-3");
    assertThat(body.get("evidence")).hasSize(13);
    JsonNode fix = body.get("evidence").get(0);
    assertThat(fix.get("time").asString()).isEqualTo("2025-01-03T02:00:00.000Z");
    assertThat(fix.get("lat").asDouble()).isEqualTo(25.2);
    assertThat(fix.get("speed").asDouble()).isEqualTo(2.5);
    assertThat(fix.get("course").asDouble()).isEqualTo(45.0);

    JsonNode loc = objects.get(2).json();
    assertThat(objects.get(2).id()).isEqualTo(MaritimeStix.locationId(e));
    assertThat(loc.get("latitude").asDouble()).isEqualTo(25.21);
    assertThat(loc.get("longitude").asDouble()).isEqualTo(121.81);
    assertThat(loc.get("name").asString())
        .isEqualTo("cable-threat of MMSI 312345678 at 25.2100N 121.8100E");
    JsonNode rel = objects.get(3).json();
    assertThat(rel.get("relationship_type").asString()).isEqualTo("located-at");
    assertThat(rel.get("source_ref").asString()).isEqualTo(objects.get(1).id());
    assertThat(rel.get("target_ref").asString()).isEqualTo(objects.get(2).id());

    for (StixObject o : objects.subList(1, 4)) {
      assertThat(o.json().get("created_by_ref").asString()).isEqualTo(NODE);
    }
    for (StixObject o : objects) {
      assertThat(Domains.explicit(o)).as(o.id()).containsExactly("maritime");
    }
  }

  @Test
  void theSameEventTwiceGivesIdenticalObjects() {
    MaritimeEvent e = threat(SHUNXIN.mmsi(), T0, T0 + 2 * HOUR, "tpkm-3");
    MaritimeEvent again = threat(SHUNXIN.mmsi(), T0, T0 + 2 * HOUR, "tpkm-3");

    List<StixObject> first = new MaritimeStix().event(e, NODE);
    List<StixObject> second = new MaritimeStix().event(again, NODE);

    assertThat(second).isEqualTo(first);
    assertThat(second.get(1).toJson()).isEqualTo(first.get(1).toJson());
  }

  @Test
  void aLongerEventIsANewVersionOfTheSameObjects_anotherStartIsAnotherEvent() {
    MaritimeStix s = new MaritimeStix();
    List<StixObject> first = s.event(threat(1, T0, T0 + HOUR, "c"), NODE);
    List<StixObject> longer = s.event(threat(1, T0, T0 + 3 * HOUR, "c"), NODE);
    List<StixObject> later = s.event(threat(1, T0 + 1, T0 + 3 * HOUR, "c"), NODE);

    assertThat(longer).extracting(StixObject::id)
        .containsExactlyElementsOf(first.stream().map(StixObject::id).toList());
    assertThat(longer.get(1).modified()).isNotEqualTo(first.get(1).modified());
    assertThat(longer.get(1).created()).isEqualTo(first.get(1).created());
    assertThat(later.get(1).id()).isNotEqualTo(first.get(1).id());
    assertThat(later.get(2).id()).isNotEqualTo(first.get(2).id());
  }

  @Test
  void encounterRefersToBothVessels() {
    MaritimeEvent e = new MaritimeEvent(EventKind.ENCOUNTER, 1001, 2002, T0, T0 + 3 * HOUR,
        -10.5, -170.25, 0.6, "Two vessels within 500 m for 3 h", List.of(), Map.of());

    List<StixObject> objects = new MaritimeStix().event(e, NODE);

    assertThat(objects).extracting(StixObject::type).containsExactly("kuroshio-vessel",
        "kuroshio-vessel", "observed-data", "location", "relationship");
    objects.forEach(MaritimeStixTest::assertStrictlyValid);
    assertThat(objects.get(2).json().get("object_refs").toString()).isEqualTo("[\""
        + MaritimeStix.vesselId(1001) + "\",\"" + MaritimeStix.vesselId(2002) + "\"]");
    JsonNode body = objects.get(2).json().path("extensions")
        .path(KuroshioExtensions.MARITIME_EVENT_ID);
    assertThat(body.get("other_mmsi").asInt()).isEqualTo(2002);
    assertThat(body.has("evidence")).isFalse();
    assertThat(body.has("details")).isFalse();
    assertThat(objects.get(3).json().get("name").asString()).endsWith("10.5000S 170.2500W");
  }

  @Test
  void evidenceIsThinnedToTheBoundKeepingFirstAndLast() {
    List<Fix> many = new ArrayList<>();
    int n = KuroshioExtensions.MAX_EVIDENCE * 3 + 7;
    for (int i = 0; i < n; i++) {
      many.add(new Fix(5, T0 + i * 1000L, 10, 20, Double.NaN, Double.NaN, 511, 15));
    }
    MaritimeEvent e = new MaritimeEvent(EventKind.LOITERING, 5, 0, T0, T0 + n * 1000L, 10, 20,
        0.4, "Loitering", many, Map.of());

    JsonNode ev = new MaritimeStix().event(e, NODE).get(1).json().path("extensions")
        .path(KuroshioExtensions.MARITIME_EVENT_ID).get("evidence");

    assertThat(ev).hasSize(KuroshioExtensions.MAX_EVIDENCE);
    assertThat(ev.get(0).get("time").asString()).isEqualTo("2025-01-03T02:00:00.000Z");
    assertThat(Instant.parse(ev.get(ev.size() - 1).get("time").asString()).toEpochMilli())
        .isEqualTo(T0 + (n - 1) * 1000L);
    assertThat(ev.get(0).has("speed")).isFalse();
    assertThat(ev.get(0).has("course")).isFalse();
  }

  @Test
  void detailsAreBoundedAndTheirKeysMadeDictionaryKeys() {
    Map<String, String> details = new HashMap<>();
    for (int i = 0; i < KuroshioExtensions.MAX_DETAILS + 10; i++) {
      details.put(String.format("k%03d", i), "v");
    }
    details.put("zone name", "x".repeat(KuroshioExtensions.MAX_DETAIL_LENGTH + 5));
    MaritimeEvent e = new MaritimeEvent(EventKind.INCURSION, 7, 0, T0, T0, 10, 20, 1,
        "Entered", List.of(), details);

    StixObject od = new MaritimeStix().event(e, NODE).get(1);

    assertStrictlyValid(od);
    JsonNode d = od.json().path("extensions").path(KuroshioExtensions.MARITIME_EVENT_ID)
        .get("details");
    assertThat(d.size()).isEqualTo(KuroshioExtensions.MAX_DETAILS);
    assertThat(d.has("k000")).isTrue();
    assertThat(d.has("zone_name")).isFalse(); // sorts after the k keys, so beyond the bound

    MaritimeEvent few = new MaritimeEvent(EventKind.INCURSION, 7, 0, T0, T0, 10, 20, 1,
        "Entered", List.of(), Map.of("zone name", "x".repeat(2000), "zone", "TWN"));
    JsonNode d2 = new MaritimeStix().event(few, NODE).get(1).json().path("extensions")
        .path(KuroshioExtensions.MARITIME_EVENT_ID).get("details");
    assertThat(d2.get("zone_name").asString()).hasSize(KuroshioExtensions.MAX_DETAIL_LENGTH);
    assertThat(d2.get("zone").asString()).isEqualTo("TWN");
  }

  @Test
  void badInputIsRefusedWithTheReason() {
    MaritimeStix s = new MaritimeStix();
    MaritimeEvent ok = threat(1, T0, T0 + HOUR, "c");

    assertThatThrownBy(() -> s.event(ok, "organisation--5b1a9f0e-1c2d-4e3f-8a9b-0c1d2e3f4a5b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identity");
    assertThatThrownBy(() -> s.event(new MaritimeEvent(EventKind.LOITERING, 1, 0, T0, T0, 91, 0,
        0.5, "x", List.of(), Map.of()), NODE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("position");
    assertThatThrownBy(() -> s.event(new MaritimeEvent(EventKind.LOITERING, 1, 0, T0, T0, 0, 0,
        Double.NaN, "x", List.of(), Map.of()), NODE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("score");
    assertThatThrownBy(() -> s.event(new MaritimeEvent(EventKind.LOITERING, 1, 0, T0, T0 - 1, 0,
        0, 0.5, "x", List.of(), Map.of()), NODE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends before");
  }

  @Test
  void everyEventKindGivesValidObjects() {
    Set<String> kinds = new java.util.TreeSet<>();
    for (EventKind k : EventKind.values()) {
      MaritimeEvent e = new MaritimeEvent(k, 416_000_001, 0, T0, T0 + HOUR, 24.5, 119.9, 0.5,
          k.wireName(), List.of(), Map.of("zone", "TWN"));
      for (StixObject o : new MaritimeStix().event(e, NODE)) {
        assertStrictlyValid(o);
      }
      kinds.add(k.wireName());
    }
    // The definition's schema documents every kind the detectors emit.
    String doc = KuroshioExtensions.maritimeEvent().string("schema").orElseThrow();
    for (String k : kinds) {
      assertThat(doc).contains(k);
    }
  }
}
