package org.kuroshio.stix;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The OASIS JSON Schemas and our validator agree on every example object: both accept it, or
 * both reject it. The schemas' $ref URLs are mapped to the local copies in shared/data.
 */
class SchemaAgreementTest {
  private static final String BASE =
      "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";
  private static Path schemas;
  private static SchemaRegistry registry;
  private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

  @BeforeAll
  static void load() {
    schemas = Shared.require("stix/oasis-schemas");
    registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        b -> b.schemas(iri -> iri.startsWith(BASE) ? read(schemas.resolve(iri.substring(
            BASE.length()))) : null));
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Schema schemaFor(String type) {
    return CACHE.computeIfAbsent(type, t -> {
      String rel = switch (StixTypes.category(t).orElseThrow()) {
        case SDO -> "sdos/" + t + ".json";
        case SRO -> "sros/" + t + ".json";
        case SCO -> "observables/" + t + ".json";
        case META -> "common/" + t + ".json";
      };
      return registry.getSchema(SchemaLocation.of(BASE + rel));
    });
  }

  static Stream<Arguments> exampleObjects() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (Path file : OasisExamplesTest.validExamples().toList()) {
      JsonNode doc = StixJson.readTree(Files.readString(file), StixJson.mapper());
      for (JsonNode o : OasisExamplesTest.objectsOf(doc)) {
        out.add(Arguments.of(Shared.require("stix/oasis-examples").relativize(file) + " "
            + o.path("id").asString(""), o));
      }
    }
    for (StixObject o : SpecExamplesTest.objects()) {
      if (StixTypes.isKnown(o.type())) {
        out.add(Arguments.of("spec-examples " + o.id(), o.json()));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleObjects")
  void schemaAndValidatorAgree(String name, JsonNode object) {
    List<Error> schemaErrors = schemaFor(object.get("type").asString()).validate(object);
    ValidationReport ours = Validator.strict().validate(object);
    if (!schemaErrors.isEmpty() && schemaErrors.stream().allMatch(
        e -> e.toString().contains("granular_markings") && e.toString().contains("marking_ref"))
        && object.toString().contains("\"lang\"")) {
      // Known schema gap (STANDARDS.md 1.5): granular-marking.json requires marking_ref, but
      // STIX 2.1 lets a granular marking carry lang instead; we follow the specification.
      assertThat(ours.valid()).isTrue();
      return;
    }
    assertThat(ours.valid()).as("%s\nschema: %s\nours: %s", name, schemaErrors, ours.errors())
        .isEqualTo(schemaErrors.isEmpty());
  }

  @Test
  void bundles_agree() throws IOException {
    Schema bundle = registry.getSchema(SchemaLocation.of(BASE + "common/bundle.json"));
    int bundles = 0;
    for (Path file : OasisExamplesTest.validExamples().toList()) {
      JsonNode doc = StixJson.readTree(Files.readString(file), StixJson.mapper());
      if (doc.isObject() && doc.path("type").asString("").equals("bundle")) {
        boolean elided = OasisExamplesTest.objectsOf(doc).stream()
            .anyMatch(OasisExamplesTest::isElidedPayload);
        assertThat(bundle.validate(doc)).as(file.toString()).isEmpty();
        assertThat(Validator.strict().validate(doc).valid()).isEqualTo(!elided);
        bundles++;
      }
    }
    assertThat(bundles).isGreaterThan(10);
  }

  @Test
  void tlp2Markings_passTheValidatorsTlpSchema() {
    Path tlpSchema = Shared.require("stix/oasis-examples/stix-validator-tests/"
        + "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d.json");
    Schema schema = registry.getSchema(SchemaLocation.of(tlpSchema.toUri().toString()),
        StixJson.readTree(read(tlpSchema), StixJson.mapper()));
    for (Tlp t : Tlp.values()) {
      assertThat(schema.validate(t.definition().json())).as(t.name()).isEmpty();
    }
  }
}
