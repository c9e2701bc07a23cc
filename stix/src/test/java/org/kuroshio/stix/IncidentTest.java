package org.kuroshio.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kuroshio.stix.TypedFixtures.CLOCK;

import org.junit.jupiter.api.Test;

class IncidentTest {
  @Test
  void ofWritesTheExpectedJson() {
    Incident i = Incident.of("Cable cut near Matsu", "Two cables damaged", CLOCK,
        TypedFixtures.ids());

    assertThat(i.toStixObject()).isEqualTo(TypedFixtures.parse("""
        {"type": "incident", "spec_version": "2.1",
         "id": "incident--00000000-0000-4000-8000-000000000001",
         "created": "2026-03-01T12:00:00.000Z", "modified": "2026-03-01T12:00:00.000Z",
         "name": "Cable cut near Matsu", "description": "Two cables damaged"}"""));
    assertThat(Incident.from(i.toStixObject())).isEqualTo(i);
  }

  @Test
  void roundTripKeepsTheIncidentCoreExtension() {
    StixObject o = TypedFixtures.parse("""
        {"type": "incident", "spec_version": "2.1",
         "id": "incident--00000000-0000-4000-8000-000000000002",
         "created": "2026-03-01T12:00:00.000Z", "modified": "2026-03-05T12:00:00.000Z",
         "name": "Mailbox takeover",
         "extensions": {"extension-definition--ef765651-680c-498d-9894-99799f2fa126":
           {"extension_type": "property-extension", "determination": "successful-attempt",
            "impacts": [{"impact_category": "confidentiality", "criticality": 80}]}}}""");

    Incident i = Incident.from(o);

    assertThat(i.common().other("extensions")).isPresent();
    assertThat(i.toStixObject()).isEqualTo(o);
  }

  @Test
  void modifiedMayNotPrecedeCreated() {
    assertThatThrownBy(() -> Incident.from(TypedFixtures.parse("""
        {"type": "incident", "spec_version": "2.1",
         "id": "incident--00000000-0000-4000-8000-000000000003",
         "created": "2026-03-01T12:00:00.000Z", "modified": "2026-02-01T12:00:00.000Z",
         "name": "x"}""")))
        .isInstanceOfSatisfying(InvalidPropertyException.class,
            e -> assertThat(e.property()).isEqualTo("modified"));
  }
}
