package org.kuroshio.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kuroshio.stix.TypedFixtures.CLOCK;
import static org.kuroshio.stix.TypedFixtures.NOW;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IndicatorTest {
  private static final String PATTERN = "[domain-name:value = 'mail-gov.example.net']";

  @Test
  void builderWritesTheExpectedJson() {
    Indicator i = Indicator.builder(PATTERN, CLOCK, TypedFixtures.ids())
        .name("Look-alike mail domain").indicatorTypes("malicious-activity")
        .objectMarkingRefs(Tlp.GREEN.markingId()).build();

    assertThat(i.toStixObject()).isEqualTo(TypedFixtures.parse("""
        {"type": "indicator", "spec_version": "2.1",
         "id": "indicator--00000000-0000-4000-8000-000000000001",
         "created": "2026-03-01T12:00:00.000Z", "modified": "2026-03-01T12:00:00.000Z",
         "name": "Look-alike mail domain", "indicator_types": ["malicious-activity"],
         "pattern": "[domain-name:value = 'mail-gov.example.net']", "pattern_type": "stix",
         "valid_from": "2026-03-01T12:00:00.000Z",
         "object_marking_refs": ["%s"]}
        """.formatted(Tlp.GREEN.markingId())));
    assertThat(Validator.strict().validate(i.toStixObject()).issues()).isEmpty();
  }

  @Test
  void roundTripKeepsCustomAndExtensionProperties() {
    StixObject o = TypedFixtures.parse("""
        {"type": "indicator", "spec_version": "2.1",
         "id": "indicator--00000000-0000-4000-8000-000000000002",
         "created": "2026-03-01T12:00:00.000Z", "modified": "2026-03-02T12:00:00.123456Z",
         "pattern": "[ipv4-addr:value = '198.51.100.7']", "pattern_type": "stix",
         "valid_from": "2026-03-01T12:00:00.000Z", "valid_until": "2026-04-01T00:00:00.000Z",
         "confidence": 80, "x_source": {"feed": "partner"},
         "kill_chain_phases": [{"kill_chain_name": "lockheed", "phase_name": "delivery"}],
         "extensions": {"extension-definition--00000000-0000-4000-8000-0000000000ee":
           {"extension_type": "property-extension", "domain": "cyber"}}}
        """);

    Indicator i = Indicator.from(o);

    assertThat(i.validUntil()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
    assertThat(i.common().others()).containsKeys("confidence", "x_source", "extensions",
        "kill_chain_phases");
    assertThat(i.toStixObject()).isEqualTo(o);
  }

  @Test
  void aNewVersionComesFromToBuilder() {
    Indicator v1 = Indicator.builder(PATTERN, CLOCK, TypedFixtures.ids()).build();
    Instant later = NOW.plusSeconds(60);

    Indicator v2 = v1.toBuilder().modified(later).description("confirmed").build();

    assertThat(v2.id()).isEqualTo(v1.id());
    assertThat(v2.common().created()).isEqualTo(NOW);
    assertThat(v2.common().modified()).isEqualTo(later);
    assertThat(v2.pattern()).isEqualTo(PATTERN);
  }

  @Test
  void validUntilMustFollowValidFrom() {
    assertThatThrownBy(() -> Indicator.builder(PATTERN, CLOCK, TypedFixtures.ids())
        .validUntil(NOW).build())
        .isInstanceOfSatisfying(InvalidPropertyException.class,
            e -> assertThat(e.property()).isEqualTo("valid_until"));
  }

  @Test
  void fromAnotherTypeOrWithoutPatternIsRefused() {
    StixObject malware = TypedFixtures.parse("""
        {"type": "malware", "spec_version": "2.1",
         "id": "malware--00000000-0000-4000-8000-000000000003",
         "created": "2026-03-01T12:00:00.000Z", "modified": "2026-03-01T12:00:00.000Z",
         "is_family": false}""");
    assertThatThrownBy(() -> Indicator.from(malware))
        .isInstanceOfSatisfying(InvalidPropertyException.class,
            e -> assertThat(e.property()).isEqualTo("type"));
    StixObject noPattern = TypedFixtures.parse("""
        {"type": "indicator", "spec_version": "2.1",
         "id": "indicator--00000000-0000-4000-8000-000000000004",
         "created": "2026-03-01T12:00:00.000Z", "modified": "2026-03-01T12:00:00.000Z",
         "pattern_type": "stix", "valid_from": "2026-03-01T12:00:00Z"}""");
    assertThatThrownBy(() -> Indicator.from(noPattern))
        .isInstanceOfSatisfying(InvalidPropertyException.class,
            e -> assertThat(e.property()).isEqualTo("pattern"));
  }

  @Test
  void typedObjectDispatchesOnType() {
    Indicator i = Indicator.builder(PATTERN, CLOCK, TypedFixtures.ids()).build();
    assertThat(TypedObject.from(i.toStixObject())).contains(i);
  }
}
