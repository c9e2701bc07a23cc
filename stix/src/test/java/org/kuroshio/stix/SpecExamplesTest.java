package org.kuroshio.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-written examples (src/test/resources) for the types the OASIS examples lack: grouping,
 * incident, location, malware-analysis, note, opinion, language-content, extension-definition,
 * a toplevel-property extension, a release-list marking and a legacy custom object.
 */
class SpecExamplesTest {

  static List<StixObject> objects() throws IOException {
    try (InputStream in = SpecExamplesTest.class.getResourceAsStream("spec-examples.json");
        BundleReader r = BundleReader.open(in, ParseLimits.DEFAULT)) {
      List<StixObject> out = new ArrayList<>();
      r.forEachRemaining(out::add);
      return out;
    }
  }

  static Stream<StixObject> each() throws IOException {
    return objects().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("each")
  void example_validatesStrictlyAndRoundTrips(StixObject o) {
    ValidationReport r = Validator.strict().validate(o);
    assertThat(r.errors()).isEmpty();
    if (o.type().startsWith("x-")) {
      assertThat(r.warnings()).extracting(Issue::rule).containsExactly("unknown-type");
    } else {
      assertThat(r.warnings()).isEmpty();
    }
    assertThat(StixJson.parse(StixJson.write(o.json()))).isEqualTo(o);
    assertThat(StixJson.parse(o.toJson()).toJson()).isEqualTo(o.toJson());
  }

  @Test
  void examples_coverTheTypesOasisLacks() throws IOException {
    Set<String> types = new TreeSet<>();
    objects().forEach(o -> types.add(o.type()));
    assertThat(types).contains("grouping", "incident", "location", "malware-analysis", "note",
        "opinion", "language-content", "extension-definition");
  }

  @Test
  void incident_isRedWithAReleaseList() throws IOException {
    StixObject incident = objects().stream().filter(o -> o.type().equals("incident")).findFirst()
        .orElseThrow();
    assertThat(Markings.tlp(incident)).contains(Tlp.RED);
    assertThat(Domains.derive(incident)).containsExactly("cyber");
  }
}
