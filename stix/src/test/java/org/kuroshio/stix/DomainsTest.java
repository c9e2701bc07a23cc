package org.kuroshio.stix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DomainsTest {
  private static final String ID = "kuroshio-vessel--0f0e6a2d-6a51-5c52-8d3f-52c08e6f5f0c";

  private static StixObject vessel(String extensions) {
    return StixJson.parse("{\"type\":\"kuroshio-vessel\",\"spec_version\":\"2.1\",\"id\":\""
        + ID + "\",\"mmsi\":416123456" + extensions + "}");
  }

  @Test
  void vesselScoIsMaritimeByItsType() {
    assertThat(Domains.derive(vessel(""))).containsExactly("maritime");
  }

  @Test
  void vesselScoIsMaritimeByItsNewScoExtension() {
    assertThat(Domains.derive(vessel(",\"extensions\":{\"" + KuroshioExtensions.VESSEL_ID
        + "\":{\"extension_type\":\"new-sco\"}}"))).containsExactly("maritime");
  }

  @Test
  void explicitDomainsWinOverTheVesselType() {
    assertThat(Domains.derive(vessel(",\"extensions\":{\"" + KuroshioExtensions.DOMAINS_ID
        + "\":{\"extension_type\":\"property-extension\",\"domains\":[\"disaster-response\"]}}")))
        .containsExactly("disaster-response");
  }

  @Test
  void observedDataWithTheEventExtensionIsMaritime() {
    StixObject od = StixJson.parse("{\"type\":\"observed-data\",\"spec_version\":\"2.1\","
        + "\"id\":\"observed-data--6f6c1c3e-1b7e-4e7a-9f9e-0c1d2e3f4a5b\","
        + "\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\","
        + "\"first_observed\":\"2026-01-01T00:00:00Z\",\"last_observed\":\"2026-01-01T00:00:00Z\","
        + "\"number_observed\":1,\"object_refs\":[\"" + ID + "\"],\"extensions\":{\""
        + KuroshioExtensions.MARITIME_EVENT_ID + "\":{\"extension_type\":\"property-extension\","
        + "\"kind\":\"loitering\"}}}");

    assertThat(Domains.derive(od)).containsExactly("maritime");
  }

  @Test
  void anOtherCustomScoStaysCyber() {
    StixObject other = StixJson.parse("{\"type\":\"x-kuroshio-vessel\",\"spec_version\":\"2.1\","
        + "\"id\":\"x-kuroshio-vessel--0f0e6a2d-6a51-5c52-8d3f-52c08e6f5f0c\",\"mmsi\":1}");

    assertThat(Domains.derive(other)).containsExactly("cyber");
  }
}
