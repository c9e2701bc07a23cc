package org.kuroshio.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every OASIS example under shared/data/stix/oasis-examples round-trips losslessly and validates
 * strictly; the stix-validator's {@code invalid_*.json} fail for their specific reason.
 */
class OasisExamplesTest {

  /**
   * Files in stix-validator-tests that are not STIX content: they are the JSON Schemas the
   * stix-validator uses to check extension bodies (TLP 2.0 and a toplevel-property example), so
   * they are neither round-tripped as STIX nor validated. SchemaAgreementTest uses the TLP one.
   */
  static boolean isExtensionSchema(Path p) {
    return p.getFileName().toString().startsWith("extension-definition--");
  }

  static Stream<Path> validExamples() throws IOException {
    Path root = Shared.require("stix/oasis-examples");
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".json"))
          .filter(p -> !p.getFileName().toString().startsWith("invalid_"))
          .filter(p -> !isExtensionSchema(p))
          .sorted().toList().stream();
    }
  }

  /** Returns the STIX objects of a file: a bundle's objects, a list's elements, or the object. */
  static List<JsonNode> objectsOf(JsonNode doc) {
    List<JsonNode> out = new ArrayList<>();
    if (doc.isArray()) {
      doc.forEach(out::add);
    } else if ("bundle".equals(doc.path("type").asString(""))) {
      doc.path("objects").forEach(out::add);
    } else {
      out.add(doc);
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validExamples")
  void example_roundTripsAndValidatesStrictly(Path file) throws IOException {
    String text = Files.readString(file);
    JsonNode doc = StixJson.readTree(text, StixJson.mapper());
    List<JsonNode> objects = objectsOf(doc);
    assertThat(objects).isNotEmpty();
    for (JsonNode o : objects) {
      StixObject parsed = StixJson.parse(StixJson.write(o));
      StixObject again = StixJson.parse(parsed.toJson());
      assertThat(again).isEqualTo(parsed);
      assertThat(again.json()).isEqualTo(o);
      ValidationReport report = Validator.strict().validate(parsed);
      if (isElidedPayload(o)) {
        // python-stix2's SCO examples abbreviate artifact payloads as "VBOR... ...": not base64,
        // so this, and only this, is an error (the OASIS binary schema rejects it as well).
        assertThat(report.errors()).extracting(Issue::rule, Issue::property)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("invalid-binary",
                "payload_bin"));
        continue;
      }
      assertThat(report.errors()).as(file + " " + parsed.id()).isEmpty();
      assertThat(report.warnings()).as(file + " " + parsed.id())
          .allSatisfy(w -> assertThat(w.rule()).isIn(ExpectedWarnings.RULES));
    }
    if (doc.isObject() && "bundle".equals(doc.path("type").asString(""))) {
      assertThat(Validator.strict().validate(doc).valid()).isTrue();
      try (InputStream in = Files.newInputStream(file);
          BundleReader reader = BundleReader.open(in, ParseLimits.DEFAULT)) {
        List<JsonNode> streamed = new ArrayList<>();
        reader.forEachRemaining(o -> streamed.add(o.json()));
        assertThat(streamed).isEqualTo(objects);
        assertThat(reader.bundleId()).contains(doc.get("id").asString());
      }
    }
  }

  static boolean isElidedPayload(JsonNode o) {
    return o.path("type").asString("").equals("artifact")
        && o.path("payload_bin").asString("").endsWith(" ...");
  }

  private static Path validatorTest(String name) {
    return Shared.require("stix/oasis-examples/stix-validator-tests/" + name);
  }

  @Test
  void invalidBraces_isMalformedJson() {
    assertThatThrownBy(() -> StixJson.parse(Files.readString(validatorTest("invalid_braces.json"))))
        .isInstanceOf(ParseException.class)
        .satisfies(e -> {
          ParseException pe = (ParseException) e;
          assertThat(pe.line()).isEqualTo(1);
          assertThat(pe.column()).isEqualTo(1);
        });
  }

  @Test
  void invalidComma_isMalformedJson() {
    assertThatThrownBy(() -> StixJson.parse(Files.readString(validatorTest("invalid_comma.json"))))
        .isInstanceOf(ParseException.class)
        .satisfies(e -> assertThat(((ParseException) e).line()).isEqualTo(9));
  }

  @Test
  void invalidIdentity_lacksModified() throws IOException {
    StixObject o = StixJson.parse(Files.readString(validatorTest("invalid_identity.json")));
    ValidationReport r = Validator.strict().validate(o);
    assertThat(r.errors()).extracting(Issue::rule, Issue::property)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("required-property", "modified"));
    assertThat(Validator.lenient().validate(o).valid()).isTrue();
  }

  @Test
  void invalidTimestamp_modifiedBeforeCreated() throws IOException {
    StixObject o = StixJson.parse(Files.readString(validatorTest("invalid_timestamp.json")));
    ValidationReport r = Validator.strict().validate(o);
    assertThat(r.errors()).extracting(Issue::rule, Issue::property)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("modified-before-created",
            "modified"));
  }

  @Test
  void everyInvalidFileIsCovered() throws IOException {
    Path dir = Shared.require("stix/oasis-examples/stix-validator-tests");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("invalid_")))
          .containsExactlyInAnyOrder("invalid_braces.json", "invalid_comma.json",
              "invalid_identity.json", "invalid_timestamp.json");
    }
  }
}
