package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.kuroshio.stix.Markings;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Tlp;
import org.kuroshio.stix.ValidationReport;
import org.kuroshio.stix.Validator;
import tools.jackson.databind.JsonNode;

class DemoScenarioTest {
  private final List<StixObject> objects = DemoScenario.objects();

  private List<StixObject> ofType(String type) {
    return objects.stream().filter(o -> o.type().equals(type)).toList();
  }

  @Test
  void everyObjectPassesTheStrictValidator() {
    for (StixObject o : objects) {
      ValidationReport report = Validator.strict().validate(o);
      assertThat(report.errors()).as(o.id()).isEmpty();
    }
  }

  @Test
  void idsAreUnique() {
    Set<String> ids = new HashSet<>();
    for (StixObject o : objects) {
      assertThat(ids.add(o.id())).as("duplicate id " + o.id()).isTrue();
    }
  }

  @Test
  void everyObjectButMarkingDefinitionsCarriesATlpMarking() {
    Set<Tlp> used = objects.stream()
        .filter(o -> !o.type().equals("marking-definition"))
        .map(o -> {
          Optional<Tlp> tlp = Markings.tlp(o);
          assertThat(tlp).as(o.id()).isPresent();
          return tlp.orElseThrow();
        })
        .collect(Collectors.toSet());
    assertThat(used).containsExactlyInAnyOrder(Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER);
  }

  @Test
  void referencesResolveInsideTheScenario() {
    Set<String> ids = objects.stream().map(StixObject::id).collect(Collectors.toSet());
    for (StixObject o : objects) {
      for (String ref : refs(o)) {
        assertThat(ids).as(o.id() + " refers to " + ref).contains(ref);
      }
    }
  }

  private static List<String> refs(StixObject o) {
    List<String> out = new java.util.ArrayList<>();
    o.json().properties().forEach(e -> {
      if (e.getKey().endsWith("_ref") && e.getValue().isString()) {
        out.add(e.getValue().asString());
      } else if (e.getKey().endsWith("_refs") && e.getValue().isArray()) {
        for (JsonNode v : e.getValue()) {
          out.add(v.asString());
        }
      }
    });
    return out;
  }

  @Test
  void theIdentitiesAreThePartnersTheOperatorAndTheAccusedSide() {
    assertThat(ofType("identity")).extracting(o -> o.string("name").orElseThrow())
        .contains("National Security Bureau", "Pacific Ally National Security Office",
            "Department of Commerce", "Computer Association", "Kuroshio Demo Operator");
    assertThat(ofType("identity")).extracting(StixObject::id)
        .contains(DemoScenario.NSB, DemoScenario.PACIFIC_ALLY, DemoScenario.COMMERCE,
            DemoScenario.COMPUTER_ASSOCIATION, DemoScenario.OPERATOR);
  }

  @Test
  void theIncidentTellsOfTenAgenciesAndSixThousandAccounts() {
    assertThat(ofType("incident")).singleElement()
        .satisfies(i -> assertThat(i.string("description").orElseThrow())
            .contains("ten government agencies").contains("6,000 e-mail accounts"));
  }

  @Test
  void theAccusationIsAnAttributionToAStateActorThatTheAccusedDenies() {
    StixObject accusation = ofType("relationship").stream()
        .filter(r -> r.string("relationship_type").orElse("").equals("attributed-to")
            && r.string("target_ref").orElse("").startsWith("threat-actor--"))
        .findFirst().orElseThrow();
    assertThat(accusation.property("confidence").orElseThrow().asInt()).isBetween(1, 100);
    assertThat(accusation.string("created_by_ref")).contains(DemoScenario.NSB);
    StixObject actor = objects.stream()
        .filter(o -> o.id().equals(accusation.string("target_ref").orElseThrow()))
        .findFirst().orElseThrow();
    assertThat(actor.property("threat_actor_types").orElseThrow().toString())
        .contains("nation-state");

    StixObject denial = ofType("opinion").get(0);
    assertThat(denial.string("opinion")).contains("strongly-disagree");
    assertThat(denial.string("explanation").orElseThrow()).contains("malicious slander");
    assertThat(denial.property("object_refs").orElseThrow().get(0).asString())
        .isEqualTo(accusation.id());
    assertThat(denial.string("created_by_ref").orElseThrow())
        .isNotIn(DemoScenario.NSB, DemoScenario.PACIFIC_ALLY, DemoScenario.COMMERCE,
            DemoScenario.COMPUTER_ASSOCIATION);
  }

  @Test
  void indicatorsUseDocumentationAddressesAndExampleDomains() {
    List<StixObject> indicators = ofType("indicator");
    assertThat(indicators).hasSizeGreaterThanOrEqualTo(5);
    String patterns = indicators.stream().map(i -> i.string("pattern").orElseThrow())
        .collect(Collectors.joining("\n"));
    assertThat(patterns).contains("domain-name:value", "ipv4-addr:value", "file:hashes",
        "url:value");
    for (String ip : patterns.split("'")) {
      if (ip.matches("\\d+\\.\\d+\\.\\d+\\.\\d+(/\\d+)?")) {
        assertThat(ip).matches("(203\\.0\\.113|198\\.51\\.100|192\\.0\\.2)\\..*");
      }
      if (ip.matches("[a-z0-9.-]+\\.[a-z]+") && !ip.contains("/")) {
        assertThat(ip).matches(".*\\.example\\.(com|net|org)");
      }
    }
  }

  @Test
  void aReportANoteAndASightingTieItTogether() {
    assertThat(ofType("report")).singleElement()
        .satisfies(r -> assertThat(r.property("object_refs").orElseThrow().size())
            .isGreaterThan(10));
    assertThat(ofType("note")).hasSize(1);
    assertThat(ofType("sighting")).hasSize(1);
  }

  @Test
  void contributorsAreThePartnersNeverTheAccusedSide() {
    Set<String> contributors = objects.stream().map(DemoScenario::contributor)
        .collect(Collectors.toSet());
    assertThat(contributors).containsExactlyInAnyOrder(DemoScenario.NSB,
        DemoScenario.PACIFIC_ALLY, DemoScenario.COMMERCE, DemoScenario.COMPUTER_ASSOCIATION);
  }

  @Test
  void everyPartnerHasOneAccountAndTheTokenIsOnTheBureau() {
    assertThat(DemoScenario.users()).extracting(DemoScenario.DemoUser::organisation)
        .containsExactlyInAnyOrder(DemoScenario.NSB, DemoScenario.PACIFIC_ALLY,
            DemoScenario.COMMERCE, DemoScenario.COMPUTER_ASSOCIATION, DemoScenario.OPERATOR);
    assertThat(DemoScenario.agreements()).extracting(a -> a.collectionId())
        .containsExactlyInAnyOrder(DemoScenario.LOI_COLLECTION, DemoScenario.SOI_COLLECTION,
            DemoScenario.PARTNER_COLLECTION);
    assertThat(DemoScenario.users().get(0).token()).isNotBlank();
  }
}
