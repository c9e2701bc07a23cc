package org.kuroshio.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class KuroshioExtensionsTest {
  private static final String MMSI_416 = "416123456";

  @Test
  void vesselDefinitionDeclaresANewScoWithItsSchema() {
    StixObject def = KuroshioExtensions.vessel();

    assertThat(Validator.strict().validate(def).issues()).isEmpty();
    assertThat(def.json().get("extension_types").toString()).isEqualTo("[\"new-sco\"]");
    assertThat(def.string("name")).contains(KuroshioExtensions.VESSEL_TYPE);
    assertThat(def.string("modified")).contains(KuroshioExtensions.MARITIME_MODIFIED);
    JsonNode schema = StixJson.mapper().readTree(def.string("schema").orElseThrow());
    assertThat(schema.path("properties").path("type").path("const").asString())
        .isEqualTo("kuroshio-vessel");
    assertThat(schema.path("x-id-contributing-properties").toString()).isEqualTo("[\"mmsi\"]");
    assertThat(schema.path("properties").properties()).extracting(e -> e.getKey())
        .contains("mmsi", "imo", "name", "call_sign", "ship_type", "flag", "length", "beam");
  }

  @Test
  void maritimeEventDefinitionIsAPropertyExtensionWithBoundedEvidence() {
    StixObject def = KuroshioExtensions.maritimeEvent();

    assertThat(Validator.strict().validate(def).issues()).isEmpty();
    assertThat(def.json().get("extension_types").toString())
        .isEqualTo("[\"property-extension\"]");
    JsonNode schema = StixJson.mapper().readTree(def.string("schema").orElseThrow());
    assertThat(schema.path("properties").path("evidence").path("maxItems").asInt())
        .isEqualTo(KuroshioExtensions.MAX_EVIDENCE);
    assertThat(schema.path("properties").path("details").path("maxProperties").asInt())
        .isEqualTo(KuroshioExtensions.MAX_DETAILS);
  }

  @Test
  void vesselIdIsTheStixScoUuid5OverTheMmsi() {
    String id = KuroshioExtensions.vesselId(416_123_456L);
    // UUIDv5 in the STIX SCO namespace over the canonical JSON {"mmsi":416123456}.
    String expected = "kuroshio-vessel--"
        + ScoIds.uuid5(ScoIds.NAMESPACE, "{\"mmsi\":" + MMSI_416 + "}");

    assertThat(id).isEqualTo(expected);
    assertThat(id.charAt("kuroshio-vessel--".length() + 14)).isEqualTo('5');
    assertThat(KuroshioExtensions.vesselId(416_123_457L)).isNotEqualTo(id);
    assertThat(Identifiers.isValid(id, "kuroshio-vessel")).isTrue();
  }

  @Test
  void vesselIdTakesEvery30BitUserIdAndNothingLarger() {
    assertThat(KuroshioExtensions.vesselId(1_073_741_823L)).startsWith("kuroshio-vessel--");
    assertThatThrownBy(() -> KuroshioExtensions.vesselId(1_073_741_824L))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("30 bits");
    assertThatThrownBy(() -> KuroshioExtensions.vesselId(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aVesselScoValidatesStrictly() {
    StixObject vessel = StixJson.parse("{\"type\":\"kuroshio-vessel\",\"spec_version\":\"2.1\","
        + "\"id\":\"" + KuroshioExtensions.vesselId(416_123_456L) + "\",\"mmsi\":" + MMSI_416
        + ",\"name\":\"EVER X\",\"flag\":\"TW\",\"length\":120.0,\"extensions\":{\""
        + KuroshioExtensions.VESSEL_ID + "\":{\"extension_type\":\"new-sco\"}}}");

    assertThat(Validator.strict().validate(vessel).errors()).isEmpty();
    assertThat(Validator.strict().validate(vessel).warnings()).extracting(Issue::rule)
        .containsExactly("unknown-type");
  }

  @Test
  void definitionsStayUniqueAndValid() {
    assertThat(KuroshioExtensions.all()).extracting(StixObject::id).doesNotHaveDuplicates();
    for (StixObject o : KuroshioExtensions.all()) {
      assertThat(Validator.strict().validate(o).issues()).as(o.id()).isEmpty();
    }
  }
}
