package org.kuroshio.stix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Strings with an unpaired UTF-16 surrogate parse from escaped JSON but cannot be written as
 * UTF-8: the validator refuses them, in both modes, naming the rule and the property.
 */
class LoneSurrogateTest {
  private static final String BS = "\\";

  private static JsonNode identity(String nameJson, String extra) {
    return StixJson.readTree("""
        {"type": "identity", "spec_version": "2.1",
         "id": "identity--00000000-0000-4000-8000-000000000001",
         "created": "2026-01-01T00:00:00.000Z", "modified": "2026-01-01T00:00:00.000Z",
         "name": "%s"%s}
        """.formatted(nameJson, extra), StixJson.mapper());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ud800", "udfff", "udc00x", "ud83dud83d"})
  void loneSurrogateInAStandardProperty_isFatal(String escapes) {
    String escaped = BS + escapes.replace("ud83dud83d", "ud83d" + BS + "ud83d")
        .replace("udc00x", "udc00x");
    JsonNode o = identity("Bureau " + escaped, "");

    for (Validator v : new Validator[] {Validator.strict(), Validator.lenient()}) {
      ValidationReport r = v.validate(o);
      assertThat(r.valid()).isFalse();
      assertThat(r.errors()).anySatisfy(i -> {
        assertThat(i.rule()).isEqualTo("lone-surrogate");
        assertThat(i.property()).isEqualTo("name");
        assertThat(i.message()).contains("UTF-8");
      });
    }
  }

  @Test
  void loneSurrogateDeepInACustomPropertyOrKey_isNamed() {
    JsonNode deep = identity("ok", ", \"x_notes\": [{\"text\": \"a" + BS + "udc01\"}]");
    assertThat(Validator.strict().validate(deep).errors())
        .anySatisfy(i -> assertThat(i.property()).isEqualTo("x_notes[0].text"));

    // Jackson refuses such keys in JSON text; a tree built in code can still hold one.
    tools.jackson.databind.node.ObjectNode key =
        (tools.jackson.databind.node.ObjectNode) identity("ok", "");
    key.putObject("x_map").put("k\uDC02", "v");
    assertThat(Validator.strict().validate(key).errors())
        .anySatisfy(i -> assertThat(i.rule()).isEqualTo("lone-surrogate"));
  }

  @Test
  void pairedSurrogatesAreOrdinaryCharacters() {
    JsonNode emoji = identity("Bureau " + BS + "ud83c" + BS + "udf0a", "");
    assertThat(Validator.strict().validate(emoji).issues()).isEmpty();
    assertThat(Validator.loneSurrogate("\uD83C\uDF0A")).isEqualTo(-1);
    assertThat(Validator.loneSurrogate("a\uD83C")).isEqualTo(1);
    assertThat(Validator.loneSurrogate("\uDF0Ab")).isZero();
  }

  @Test
  void insideABundleTheObjectIsRefused() {
    JsonNode bundle = StixJson.readTree("""
        {"type": "bundle", "id": "bundle--00000000-0000-4000-8000-000000000009",
         "objects": [%s]}""".formatted(identity(BS + "ud800", "").toString()
        .replace("\\\\", "\\")), StixJson.mapper());
    assertThat(Validator.lenient().validate(bundle).errors())
        .extracting(Issue::rule).contains("lone-surrogate");
  }
}
