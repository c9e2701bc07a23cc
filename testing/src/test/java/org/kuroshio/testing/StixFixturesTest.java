package org.kuroshio.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Tlp;
import org.kuroshio.stix.Validator;

/** The fixtures produce valid, deterministic objects. */
class StixFixturesTest {

  @Test
  void sequentialIds_areVersion4Shaped() {
    SequentialIds ids = new SequentialIds();
    assertThat(ids.next().toString()).isEqualTo("00000000-0000-4000-8000-000000000001");
    assertThat(ids.next().toString()).isEqualTo("00000000-0000-4000-8000-000000000002");
    assertThat(ids.next().version()).isEqualTo(4);
    assertThat(SequentialIds.uuid(255).toString()).isEqualTo("00000000-0000-4000-8000-0000000000ff");
  }

  @Test
  void fixedClock_movesOnlyWhenTold() {
    FixedClock clock = new FixedClock();
    assertThat(clock.timestamp()).isEqualTo("2026-01-01T00:00:00.000Z");
    clock.advance(Duration.ofMillis(1500));
    assertThat(clock.timestamp()).isEqualTo("2026-01-01T00:00:01.500Z");
  }

  @Test
  void everyDefault_isStrictlyValidWithoutWarnings() {
    StixFixtures fx = new StixFixtures();
    StixObject identity = fx.identity().build();
    StixObject indicator = fx.indicator().createdBy(identity.id()).tlp(Tlp.GREEN).build();
    StixObject malware = fx.malware().domains("cyber", "maritime").build();
    List<StixObject> all = List.of(identity, indicator, malware,
        fx.threatActor().build(), fx.intrusionSet().build(), fx.attackPattern().build(),
        fx.campaign().build(), fx.incident().build(), fx.vulnerability().build(),
        fx.location().build(),
        fx.relationship(indicator.id(), "indicates", malware.id()).build(),
        fx.sighting(indicator.id()).build(), fx.report(indicator.id()).build(),
        fx.note(malware.id()).build(), fx.opinion("agree", malware.id()).build(),
        fx.statementMarking("Copyright Example"), fx.tlpMarking(Tlp.RED), fx.ipv4("198.51.100.7"),
        fx.domainName("example.com"));
    for (StixObject o : all) {
      assertThat(Validator.strict().validate(o).issues()).as(o.toJson()).isEmpty();
    }
    assertThat(indicator.id()).isEqualTo("indicator--00000000-0000-4000-8000-000000000002");
  }

  @Test
  void sameSeed_sameObjects() {
    assertThat(new StixFixtures().indicator().build())
        .isEqualTo(new StixFixtures().indicator().build());
  }
}
