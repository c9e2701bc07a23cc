package org.kuroshio.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kuroshio.stix.TypedFixtures.CLOCK;

import java.util.List;
import org.junit.jupiter.api.Test;

class ObservedDataTest {
  private static final String IP = "ipv4-addr--2f689bf9-0ff2-545f-aa61-e495eb8cecc7";

  @Test
  void ofWritesTheExpectedJson() {
    ObservedData d = ObservedData.of(List.of(IP), CLOCK, TypedFixtures.ids());

    assertThat(d.toStixObject()).isEqualTo(TypedFixtures.parse("""
        {"type": "observed-data", "spec_version": "2.1",
         "id": "observed-data--00000000-0000-4000-8000-000000000001",
         "created": "2026-03-01T12:00:00.000Z", "modified": "2026-03-01T12:00:00.000Z",
         "first_observed": "2026-03-01T12:00:00.000Z",
         "last_observed": "2026-03-01T12:00:00.000Z",
         "number_observed": 1, "object_refs": ["%s"]}""".formatted(IP)));
    assertThat(ObservedData.from(d.toStixObject())).isEqualTo(d);
  }

  @Test
  void numberObservedIsOneTo999999999() {
    ObservedData d = ObservedData.of(List.of(IP), CLOCK, TypedFixtures.ids());
    assertThatThrownBy(() -> new ObservedData(d.common(), d.firstObserved(), d.lastObserved(),
        0, d.objectRefs()))
        .isInstanceOfSatisfying(InvalidPropertyException.class,
            e -> assertThat(e.property()).isEqualTo("number_observed"));
  }

  @Test
  void theDeprecatedObjectsFormIsRefusedByName() {
    assertThatThrownBy(() -> ObservedData.from(TypedFixtures.parse("""
        {"type": "observed-data", "spec_version": "2.1",
         "id": "observed-data--00000000-0000-4000-8000-000000000002",
         "created": "2026-03-01T12:00:00.000Z", "modified": "2026-03-01T12:00:00.000Z",
         "first_observed": "2026-03-01T12:00:00Z", "last_observed": "2026-03-01T12:00:00Z",
         "number_observed": 1, "objects": {"0": {"type": "ipv4-addr", "value": "8.8.8.8"}}}
        """)))
        .isInstanceOfSatisfying(InvalidPropertyException.class,
            e -> assertThat(e.property()).isEqualTo("objects"));
  }

  @Test
  void theWindowMayNotBeReversed() {
    ObservedData d = ObservedData.of(List.of(IP), CLOCK, TypedFixtures.ids());
    assertThatThrownBy(() -> new ObservedData(d.common(), d.firstObserved(),
        d.firstObserved().minusSeconds(1), 1, d.objectRefs()))
        .isInstanceOf(InvalidPropertyException.class).hasMessageContaining("last_observed");
  }
}
