package org.kuroshio.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One negative test per rule: each row of {@code bad-objects.json} takes a valid base object,
 * sets or removes properties, and names the rule and property path the validator must report.
 */
class ValidatorRulesTest {
  private static final JsonNode TABLE = load();

  private static JsonNode load() {
    try (InputStream in = ValidatorRulesTest.class.getResourceAsStream("bad-objects.json")) {
      return StixJson.readTree(in, StixJson.mapper());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Stream<Arguments> bases() {
    List<Arguments> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : TABLE.get("bases").properties()) {
      out.add(Arguments.of(e.getKey(), e.getValue()));
    }
    return out.stream();
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : TABLE.get("cases")) {
      ObjectNode o = (ObjectNode) TABLE.get("bases").get(c.get("base").asString()).deepCopy();
      c.path("remove").forEach(r -> o.remove(r.asString()));
      if (c.has("set")) {
        c.get("set").properties().forEach(e -> o.set(e.getKey(), e.getValue().deepCopy()));
      }
      String name = c.get("base").asString() + ": " + c.get("rule").asString() + " at "
          + c.get("property").asString();
      out.add(Arguments.of(name, o, c.get("rule").asString(), c.get("property").asString(),
          c.path("severity").asString("error"), c.path("fatal").asBoolean(false)));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bases")
  void base_isValidWithoutWarnings(String name, JsonNode base) {
    assertThat(Validator.strict().validate(base).issues()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badObject_reportsRule(String name, JsonNode object, String rule, String property,
      String severity, boolean fatal) {
    ValidationReport strict = Validator.strict().validate(object);
    ValidationReport lenient = Validator.lenient().validate(object);
    Severity expected = severity.equals("warning") ? Severity.WARNING : Severity.ERROR;
    assertThat(strict.issues())
        .anySatisfy(i -> {
          assertThat(i.rule()).isEqualTo(rule);
          assertThat(i.property()).isEqualTo(property);
          assertThat(i.severity()).isEqualTo(expected);
        });
    if (expected == Severity.WARNING) {
      assertThat(strict.valid()).as(strict.toString()).isTrue();
    } else {
      assertThat(strict.errors()).extracting(Issue::rule).contains(rule);
    }
    if (fatal) {
      assertThat(lenient.errors()).extracting(Issue::rule).contains(rule);
    } else {
      assertThat(lenient.valid()).as(lenient.toString()).isTrue();
      assertThat(lenient.warnings()).extracting(Issue::rule, Issue::property)
          .contains(org.assertj.core.groups.Tuple.tuple(rule, property));
    }
  }
}
