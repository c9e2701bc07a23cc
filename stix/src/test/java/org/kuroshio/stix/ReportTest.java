package org.kuroshio.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kuroshio.stix.TypedFixtures.CLOCK;
import static org.kuroshio.stix.TypedFixtures.NOW;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static final String IND = "indicator--00000000-0000-4000-8000-0000000000a1";

  @Test
  void builderWritesTheExpectedJson() {
    Report r = Report.builder("Mailbox takeover campaign", CLOCK, TypedFixtures.ids())
        .reportTypes("campaign").objectRefs(List.of(IND)).build();

    assertThat(r.toStixObject()).isEqualTo(TypedFixtures.parse("""
        {"type": "report", "spec_version": "2.1",
         "id": "report--00000000-0000-4000-8000-000000000001",
         "created": "2026-03-01T12:00:00.000Z", "modified": "2026-03-01T12:00:00.000Z",
         "name": "Mailbox takeover campaign", "report_types": ["campaign"],
         "published": "2026-03-01T12:00:00.000Z", "object_refs": ["%s"]}""".formatted(IND)));
    assertThat(Validator.strict().validate(r.toStixObject()).valid()).isTrue();
  }

  @Test
  void roundTripAndNewVersion() {
    StixObject o = TypedFixtures.parse("""
        {"type": "report", "spec_version": "2.1",
         "id": "report--00000000-0000-4000-8000-000000000002",
         "created": "2026-03-01T12:00:00.000Z", "modified": "2026-03-01T12:00:00.000Z",
         "name": "Advisory", "published": "2026-03-01T12:00:00.000Z", "object_refs": ["%s"],
         "external_references": [{"source_name": "bureau", "url": "https://example.org/a"}],
         "x_osint_source": "rss"}""".formatted(IND));

    Report r = Report.from(o);
    Report v2 = r.toBuilder().modified(NOW.plusSeconds(1)).description("updated").build();

    assertThat(r.toStixObject()).isEqualTo(o);
    assertThat(v2.common().others()).containsKeys("external_references", "x_osint_source");
    assertThat(v2.toStixObject().modified()).contains("2026-03-01T12:00:01.000Z");
  }

  @Test
  void aReportReferencesSomething() {
    assertThatThrownBy(() -> Report.builder("empty", CLOCK, TypedFixtures.ids()).build())
        .isInstanceOfSatisfying(InvalidPropertyException.class,
            e -> assertThat(e.property()).isEqualTo("object_refs"));
  }
}
