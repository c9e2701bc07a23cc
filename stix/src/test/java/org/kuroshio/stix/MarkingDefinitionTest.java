package org.kuroshio.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarkingDefinitionTest {
  @Test
  void tlp2MarkingsReadAndRoundTrip() {
    for (Tlp tlp : Tlp.values()) {
      MarkingDefinition m = MarkingDefinition.from(tlp.definition());

      assertThat(m.tlp()).contains(tlp);
      assertThat(m.common().modified()).isNull();
      assertThat(m.toStixObject()).isEqualTo(tlp.definition());
    }
  }

  @Test
  void statementMarking() {
    StixObject o = TypedFixtures.parse("""
        {"type": "marking-definition", "spec_version": "2.1",
         "id": "marking-definition--00000000-0000-4000-8000-000000000001",
         "created": "2026-03-01T12:00:00.000Z", "definition_type": "statement",
         "definition": {"statement": "Copyright 2026, the Bureau"}}""");

    MarkingDefinition m = MarkingDefinition.from(o);

    assertThat(m.statement()).contains("Copyright 2026, the Bureau");
    assertThat(m.tlp()).isEmpty();
    assertThat(m.toStixObject()).isEqualTo(o);
  }

  @Test
  void isNeverVersioned() {
    assertThatThrownBy(() -> MarkingDefinition.from(TypedFixtures.parse("""
        {"type": "marking-definition", "spec_version": "2.1",
         "id": "marking-definition--00000000-0000-4000-8000-000000000002",
         "created": "2026-03-01T12:00:00.000Z", "modified": "2026-03-01T12:00:00.000Z",
         "definition_type": "statement", "definition": {"statement": "x"}}""")))
        .isInstanceOfSatisfying(InvalidPropertyException.class,
            e -> assertThat(e.property()).isEqualTo("modified"));
  }

  @Test
  void needsADefinitionOrExtensions() {
    assertThatThrownBy(() -> MarkingDefinition.from(TypedFixtures.parse("""
        {"type": "marking-definition", "spec_version": "2.1",
         "id": "marking-definition--00000000-0000-4000-8000-000000000003",
         "created": "2026-03-01T12:00:00.000Z", "name": "empty"}""")))
        .isInstanceOf(InvalidPropertyException.class).hasMessageContaining("definition");
  }
}
