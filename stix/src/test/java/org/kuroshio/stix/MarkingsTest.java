package org.kuroshio.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TLP 2.0 and 1.0, statements, release lists, selectors; Kuroshio extensions and domains. */
class MarkingsTest {
  private static final String ID = "00000000-0000-4000-8000-000000000001";

  private static StixObject indicator(String extra) {
    return StixJson.parse("{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--"
        + ID + "\",\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":"
        + "\"2026-01-01T00:00:00.000Z\",\"pattern\":\"[url:value = 'http://x']\",\"pattern_type\":"
        + "\"stix\",\"valid_from\":\"2026-01-01T00:00:00Z\"" + extra + "}");
  }

  @ParameterizedTest
  @EnumSource(Tlp.class)
  void tlpDefinitions_areTheExactOasisObjects(Tlp tlp) {
    StixObject d = tlp.definition();
    assertThat(d.id()).isEqualTo(tlp.markingId());
    assertThat(Validator.strict().validate(d).issues()).isEmpty();
    assertThat(Tlp.fromMarkingId(tlp.markingId())).contains(tlp);
    assertThat(Markings.tlpOfDefinition(d)).contains(tlp);
    assertThat(d.json().get("extensions").get(Tlp.EXTENSION_ID).get("tlp_2_0").asString())
        .isEqualTo(tlp.wireName());
  }

  @Test
  void tlpAmber_equalsTheValidatorTestFile() throws Exception {
    var file = Shared.require("stix/oasis-examples/stix-validator-tests/tlp-amber.json");
    var doc = StixJson.readTree(Files.readString(file), StixJson.mapper());
    assertThat(StixObject.of((tools.jackson.databind.node.ObjectNode) doc.get("objects").get(0)))
        .isEqualTo(Tlp.AMBER.definition());
  }

  @Test
  void tlp1Ids_mapToTlp2() {
    assertThat(Tlp.fromMarkingId("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"))
        .contains(Tlp.CLEAR);
    assertThat(Tlp.fromMarkingId("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"))
        .contains(Tlp.GREEN);
    assertThat(Tlp.fromMarkingId("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"))
        .contains(Tlp.AMBER);
    assertThat(Tlp.fromMarkingId("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"))
        .contains(Tlp.RED);
    assertThat(Tlp.fromMarkingId("marking-definition--" + ID)).isEmpty();
    assertThat(Tlp.AMBER_STRICT.wireName()).isEqualTo("amber+strict");
    assertThat(Tlp.fromName("TLP:WHITE")).contains(Tlp.CLEAR);
  }

  @Test
  void objectTlp_isTheStrictest() {
    StixObject o = indicator(",\"object_marking_refs\":[\"" + Tlp.GREEN.markingId() + "\",\""
        + "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82\",\"marking-definition--"
        + ID + "\"]");
    assertThat(Markings.tlp(o)).contains(Tlp.AMBER);
    assertThat(Markings.tlp(indicator(""))).isEmpty();
    assertThat(Validator.strict().validate(o).valid()).isTrue();
  }

  @Test
  void statementMarking_isValid() {
    StixObject s = Markings.statement("marking-definition--" + ID, "2026-01-01T00:00:00.000Z",
        "Copyright 2026, Example Corp");
    assertThat(Validator.strict().validate(s).issues()).isEmpty();
    assertThat(Markings.statementText(s)).contains("Copyright 2026, Example Corp");
    assertThatThrownBy(() -> Markings.statement("identity--" + ID, "2026-01-01T00:00:00.000Z", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void releaseList_roundTripsThroughAMarking() {
    String org = "identity--00000000-0000-4000-8000-000000000002";
    StixObject rl = Markings.releaseList("marking-definition--" + ID, "2026-01-01T00:00:00.000Z",
        KuroshioExtensions.CREATOR_ID, List.of(org));
    assertThat(Validator.strict().validate(rl).issues()).isEmpty();
    assertThat(Markings.releaseList(rl)).containsExactly(org);
    StixObject o = indicator(",\"object_marking_refs\":[\"" + Tlp.RED.markingId() + "\",\""
        + rl.id() + "\"]");
    Map<String, StixObject> defs = Map.of(rl.id(), rl);
    assertThat(Markings.releaseList(o, id -> Optional.ofNullable(defs.get(id))))
        .containsExactly(org);
  }

  @Test
  void selectors_resolveAgainstTheObject() {
    StixObject o = indicator(",\"kill_chain_phases\":[{\"kill_chain_name\":\"k\",\"phase_name\":"
        + "\"p\"}],\"labels\":[\"a\",\"b\"]");
    assertThat(Markings.selectorResolves(o.json(), "pattern")).isTrue();
    assertThat(Markings.selectorResolves(o.json(), "kill_chain_phases.[0].phase_name")).isTrue();
    assertThat(Markings.selectorResolves(o.json(), "labels.[1]")).isTrue();
    assertThat(Markings.selectorResolves(o.json(), "id")).isTrue();
    assertThat(Markings.selectorResolves(o.json(), "labels.[2]")).isFalse();
    assertThat(Markings.selectorResolves(o.json(), "description")).isFalse();
    assertThat(Markings.selectorResolves(o.json(), "labels.")).isFalse();
    assertThat(Markings.selectorResolves(o.json(), "[0]")).isFalse();
  }

  @Test
  void kuroshioDefinitions_areValidAndFixed() {
    for (StixObject o : KuroshioExtensions.all()) {
      assertThat(Validator.strict().validate(o).issues()).as(o.id()).isEmpty();
    }
    assertThat(KuroshioExtensions.domains().id()).isEqualTo(KuroshioExtensions.DOMAINS_ID);
    assertThat(KuroshioExtensions.all()).extracting(StixObject::id).doesNotHaveDuplicates();
  }

  @Test
  void domains_explicitExtensionWins() {
    StixObject o = indicator(",\"extensions\":{\"" + KuroshioExtensions.DOMAINS_ID + "\":{"
        + "\"extension_type\":\"property-extension\",\"domains\":[\"maritime\",\"fimi\"]}}");
    assertThat(Validator.strict().validate(o).issues()).isEmpty();
    assertThat(Domains.derive(o)).containsExactly("fimi", "maritime");
  }

  @Test
  void domains_derivedWithoutExtension() {
    assertThat(Domains.derive(indicator(""))).containsExactly("cyber");
    StixObject disarm = indicator(",\"external_references\":[{\"source_name\":\"DISARM\","
        + "\"external_id\":\"T0086\"}]");
    assertThat(Domains.derive(disarm)).containsExactly("fimi");
    StixObject vessel = indicator(",\"extensions\":{\"" + KuroshioExtensions.VESSEL_ID + "\":{"
        + "\"extension_type\":\"property-extension\",\"mmsi\":416000000}}");
    assertThat(Domains.derive(vessel)).containsExactly("maritime");
    StixObject rel = StixJson.parse("{\"type\":\"relationship\",\"spec_version\":\"2.1\","
        + "\"id\":\"relationship--" + ID + "\",\"created\":\"2026-01-01T00:00:00.000Z\","
        + "\"modified\":\"2026-01-01T00:00:00.000Z\",\"relationship_type\":\"related-to\","
        + "\"source_ref\":\"indicator--" + ID + "\",\"target_ref\":\"campaign--" + ID + "\"}");
    Map<String, Set<String>> known = Map.of("indicator--" + ID, Set.of("maritime"),
        "campaign--" + ID, Set.of("fimi"));
    assertThat(Domains.derive(rel, id -> known.getOrDefault(id, Set.of())))
        .containsExactly("fimi", "maritime");
    assertThat(Domains.derive(rel)).containsExactly("cyber");
  }
}
