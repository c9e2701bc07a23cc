package org.kuroshio.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kuroshio.stix.TypedFixtures.CLOCK;

import org.junit.jupiter.api.Test;

class SightingTest {
  private static final String IND = "indicator--00000000-0000-4000-8000-0000000000a1";
  private static final String WHO = "identity--00000000-0000-4000-8000-0000000000a2";

  @Test
  void ofWritesTheExpectedJson() {
    Sighting s = Sighting.of(IND, WHO, CLOCK, TypedFixtures.ids());

    assertThat(s.toStixObject()).isEqualTo(TypedFixtures.parse("""
        {"type": "sighting", "spec_version": "2.1",
         "id": "sighting--00000000-0000-4000-8000-000000000001",
         "created": "2026-03-01T12:00:00.000Z", "modified": "2026-03-01T12:00:00.000Z",
         "sighting_of_ref": "%s", "where_sighted_refs": ["%s"]}""".formatted(IND, WHO)));
    assertThat(Sighting.from(s.toStixObject())).isEqualTo(s);
  }

  @Test
  void roundTripKeepsCountSummaryAndCustomProperties() {
    StixObject o = TypedFixtures.parse("""
        {"type": "sighting", "spec_version": "2.1",
         "id": "sighting--00000000-0000-4000-8000-000000000002",
         "created": "2026-03-01T12:00:00.000Z", "modified": "2026-03-01T12:00:00.000Z",
         "sighting_of_ref": "%s", "count": 12, "summary": true,
         "first_seen": "2026-02-01T00:00:00.000Z", "last_seen": "2026-02-02T00:00:00.000Z",
         "observed_data_refs": ["observed-data--00000000-0000-4000-8000-0000000000a3"],
         "x_vessel_mmsi": 416001000}""".formatted(IND));

    Sighting s = Sighting.from(o);

    assertThat(s.count()).isEqualTo(12L);
    assertThat(s.toStixObject()).isEqualTo(o);
  }

  @Test
  void referencesHaveTheirTypes() {
    assertThatThrownBy(() -> Sighting.of(IND, "malware--00000000-0000-4000-8000-0000000000a4",
        CLOCK, TypedFixtures.ids()))
        .isInstanceOfSatisfying(InvalidPropertyException.class,
            e -> assertThat(e.property()).isEqualTo("where_sighted_refs"));
  }

  @Test
  void countIsAtMost999999999() {
    Sighting s = Sighting.of(IND, WHO, CLOCK, TypedFixtures.ids());
    assertThatThrownBy(() -> new Sighting(s.common(), IND, s.observedDataRefs(),
        s.whereSightedRefs(), null, null, 1_000_000_000L, null))
        .isInstanceOfSatisfying(InvalidPropertyException.class,
            e -> assertThat(e.property()).isEqualTo("count"));
  }
}
