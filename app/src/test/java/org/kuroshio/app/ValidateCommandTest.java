package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidateCommandTest {

  private static Path resource(String name) {
    try {
      return Path.of(ValidateCommandTest.class.getResource("/validate/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CliRun validate(String... args) {
    return CliRun.run(Map.of(), args);
  }

  @Test
  void validBundleExitsZero() {
    Path f = resource("good.json");
    CliRun run = validate("validate", f.toString());
    assertThat(run.code()).isEqualTo(Main.OK);
    assertThat(run.out()).isEqualTo("2 objects in 1 file: 0 errors, 0 warnings\n");
  }

  @Test
  void eachProblemIsPrintedWithFileLineObjectPropertyAndRule() {
    Path f = resource("bad.json");
    CliRun run = validate("validate", f.toString());
    assertThat(run.code()).isEqualTo(Main.PROBLEMS);
    assertThat(run.out().lines()).filteredOn(l -> l.startsWith(f + ":"))
        .extracting(ValidateCommandTest::head)
        .containsExactly(
            f + ":6: error indicator--00000000-0000-4000-8000-000000000002 pattern"
                + " [required-property]",
            f + ":7: error identity--not-a-uuid id [invalid-id]",
            f + ":8: warning identity--00000000-0000-4000-8000-000000000004 identity_class"
                + " [open-vocabulary]",
            f + ":9: error malware--00000000-0000-4000-8000-000000000005 created"
                + " [invalid-timestamp]",
            f + ":9: error malware--00000000-0000-4000-8000-000000000005 modified"
                + " [invalid-timestamp]");
    assertThat(run.out()).endsWith("5 objects in 1 file: 4 errors, 1 warning\n");
  }

  /** Returns a problem line up to and including its [rule], leaving out the message text. */
  private static String head(String line) {
    return line.substring(0, line.indexOf(']') + 1);
  }

  @Test
  void warningsAloneExitZero() {
    Path f = resource("warnings-only.json");
    CliRun run = validate("validate", f.toString());
    assertThat(run.code()).isEqualTo(Main.OK);
    assertThat(run.out()).startsWith(f + ":1: warning ");
  }

  @Test
  void lenientModeTurnsMustBreachesIntoWarningsButNotABrokenId() {
    Path f = resource("bad.json");
    CliRun run = validate("validate", "--lenient", f.toString());
    assertThat(run.out()).contains(f + ":6: warning indicator--00000000-0000-4000-8000-000000000002"
        + " pattern [required-property]");
    assertThat(run.out()).contains(f + ":7: error identity--not-a-uuid id [invalid-id]");
    assertThat(run.code()).isEqualTo(Main.PROBLEMS);
  }

  @Test
  void quietPrintsErrorsOnly() {
    Path f = resource("bad.json");
    CliRun run = validate("validate", "-q", f.toString());
    assertThat(run.out().lines()).hasSize(4).allMatch(l -> l.contains(": error "));
  }

  @Test
  void malformedJsonIsOneErrorAtItsLine() {
    Path f = resource("malformed.json");
    CliRun run = validate("validate", f.toString());
    assertThat(run.code()).isEqualTo(Main.PROBLEMS);
    assertThat(run.out()).startsWith(f + ":5: error - - [json] malformed JSON: ");
  }

  @Test
  void duplicatePropertyNamesAreErrors() {
    Path f = resource("duplicate-key.json");
    CliRun run = validate("validate", f.toString());
    assertThat(run.code()).isEqualTo(Main.PROBLEMS);
    assertThat(run.out()).startsWith(f + ":2: error - - [json] ").contains("Duplicate");
  }

  @Test
  void missingFileIsAnErrorWithoutALine() {
    CliRun run = validate("validate", "no-such-file.json");
    assertThat(run.code()).isEqualTo(Main.PROBLEMS);
    assertThat(run.out()).startsWith("no-such-file.json: error - - [file] no such file\n");
  }

  @Test
  void severalFilesAreCheckedAndCountedTogether() {
    CliRun run = validate("validate", resource("good.json").toString(),
        resource("warnings-only.json").toString());
    assertThat(run.code()).isEqualTo(Main.OK);
    assertThat(run.out()).endsWith("3 objects in 2 files: 0 errors, 1 warning\n");
  }

  @Test
  void noFileIsAUsageError() {
    CliRun run = validate("validate");
    assertThat(run.code()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains("Missing required parameter");
  }
}
