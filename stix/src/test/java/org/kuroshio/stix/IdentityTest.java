package org.kuroshio.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kuroshio.stix.TypedFixtures.CLOCK;

import org.junit.jupiter.api.Test;

class IdentityTest {
  @Test
  void organisationWritesTheExpectedJson() {
    Identity id = Identity.organisation("Coast Guard Administration", CLOCK,
        TypedFixtures.ids());

    assertThat(id.toStixObject()).isEqualTo(TypedFixtures.parse("""
        {"type": "identity", "spec_version": "2.1",
         "id": "identity--00000000-0000-4000-8000-000000000001",
         "created": "2026-03-01T12:00:00.000Z", "modified": "2026-03-01T12:00:00.000Z",
         "name": "Coast Guard Administration", "identity_class": "organization"}"""));
    assertThat(Identity.from(id.toStixObject())).isEqualTo(id);
  }

  @Test
  void roundTripKeepsSectorsAndCustomProperties() {
    StixObject o = TypedFixtures.parse("""
        {"type": "identity", "spec_version": "2.1",
         "id": "identity--00000000-0000-4000-8000-000000000002",
         "created": "2026-03-01T12:00:00.000Z", "modified": "2026-03-01T12:00:00.000Z",
         "name": "Bureau", "sectors": ["government-national"], "roles": ["cert"],
         "contact_information": "soc@example.org", "x_country": "TW", "labels": ["partner"]}""");

    Identity id = Identity.from(o);

    assertThat(id.sectors()).containsExactly("government-national");
    assertThat(id.common().other("x_country")).isPresent();
    assertThat(id.toStixObject()).isEqualTo(o);
  }

  @Test
  void nameIsRequired() {
    assertThatThrownBy(() -> Identity.from(TypedFixtures.parse("""
        {"type": "identity", "spec_version": "2.1",
         "id": "identity--00000000-0000-4000-8000-000000000003",
         "created": "2026-03-01T12:00:00.000Z", "modified": "2026-03-01T12:00:00.000Z"}""")))
        .isInstanceOfSatisfying(InvalidPropertyException.class,
            e -> assertThat(e.property()).isEqualTo("name"));
  }
}
