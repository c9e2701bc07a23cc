package org.kuroshio.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kuroshio.stix.TypedFixtures.CLOCK;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RelationshipTest {
  private static final String IND = "indicator--00000000-0000-4000-8000-0000000000a1";
  private static final String CAMP = "campaign--00000000-0000-4000-8000-0000000000a2";

  @Test
  void ofWritesTheExpectedJson() {
    Relationship r = Relationship.of(IND, "indicates", CAMP, CLOCK, TypedFixtures.ids());

    assertThat(r.toStixObject()).isEqualTo(TypedFixtures.parse("""
        {"type": "relationship", "spec_version": "2.1",
         "id": "relationship--00000000-0000-4000-8000-000000000001",
         "created": "2026-03-01T12:00:00.000Z", "modified": "2026-03-01T12:00:00.000Z",
         "relationship_type": "indicates", "source_ref": "%s", "target_ref": "%s"}
        """.formatted(IND, CAMP)));
    assertThat(Relationship.from(r.toStixObject())).isEqualTo(r);
  }

  @Test
  void roundTripKeepsConfidenceAndCustomProperties() {
    StixObject o = TypedFixtures.parse("""
        {"type": "relationship", "spec_version": "2.1",
         "id": "relationship--00000000-0000-4000-8000-000000000002",
         "created": "2026-03-01T12:00:00.000Z", "modified": "2026-03-01T12:00:00.000Z",
         "relationship_type": "attributed-to", "source_ref": "%s",
         "target_ref": "threat-actor--00000000-0000-4000-8000-0000000000a3",
         "start_time": "2026-01-01T00:00:00.000Z", "stop_time": "2026-02-01T00:00:00.000Z",
         "confidence": 40, "x_claimed_by": "identity--00000000-0000-4000-8000-0000000000a4"}
        """.formatted(CAMP));

    Relationship r = Relationship.from(o);

    assertThat(r.startTime()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(r.toStixObject()).isEqualTo(o);
  }

  @Test
  void endpointsMayNotBeRelationshipsOrMarkings() {
    assertThatThrownBy(() -> Relationship.of("relationship--00000000-0000-4000-8000-0000000000a5",
        "related-to", CAMP, CLOCK, TypedFixtures.ids()))
        .isInstanceOfSatisfying(InvalidPropertyException.class,
            e -> assertThat(e.property()).isEqualTo("source_ref"));
    assertThatThrownBy(() -> Relationship.of(IND, "related-to", Tlp.RED.markingId(), CLOCK,
        TypedFixtures.ids()))
        .isInstanceOfSatisfying(InvalidPropertyException.class,
            e -> assertThat(e.property()).isEqualTo("target_ref"));
  }

  @Test
  void relationshipTypeIsLowercaseWithHyphens() {
    assertThatThrownBy(() -> Relationship.of(IND, "Indicates", CAMP, CLOCK, TypedFixtures.ids()))
        .isInstanceOf(InvalidPropertyException.class).hasMessageContaining("relationship_type");
  }
}
