package org.kuroshio.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StixJsonTest {

  @Test
  void malformedJson_isReportedWithLineAndColumnAndWithoutParserInternals() {
    assertThatThrownBy(() -> StixJson.parse("{\"type\": \"indicator\",\n \"labels\": ["))
        .isInstanceOfSatisfying(ParseException.class, e -> {
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.getMessage())
              .startsWith("malformed JSON: Unexpected end-of-input")
              .contains("(line 2, column")
              .doesNotContain("Source:")
              .doesNotContain("REDACTED");
        });
  }

  @Test
  void tooDeepJson_namesTheLimitWithoutConfigurationMethodNames() {
    String deep = "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}";
    assertThatThrownBy(() -> StixJson.parse(deep))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("nesting depth")
        .hasMessageContaining("64")
        .hasMessageNotContaining("StreamReadConstraints");
  }
}
