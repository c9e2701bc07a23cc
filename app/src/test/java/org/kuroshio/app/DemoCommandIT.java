package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandIT {
  @TempDir Path dir;

  @Test
  void demoLoadsTheScenarioPrintsWhatToTryAndReturns() {
    Path data = dir.resolve("demo");
    CliRun run = CliRun.run(Map.of(), "demo", "--port", "0", "--exit-after-load",
        "--iterations", "1000", "--data-dir", data.toString());
    assertThat(run.code()).as(run.err()).isEqualTo(Main.OK);
    assertThat(run.out())
        .containsPattern("Kuroshio demo node is running at http://127\\.0\\.0\\.1:\\d+/")
        .contains("Partner intelligence dialogue", "Letter of intent: NSB and Pacific Ally",
            "(33 objects)")
        .contains("nsb-demo-password", "kuroshio-demo-token-nsb")
        .contains("curl -s -u nsb:nsb-demo-password");
    assertThat(Files.exists(data.resolve("kuroshio.mv.db"))).isTrue();
    // what each partner sees: the commerce department is no party to the letter of intent
    String commerce = run.out().lines().dropWhile(l -> !l.contains("commerce-demo-password"))
        .skip(1).findFirst().orElseThrow();
    assertThat(commerce).contains("Statement of intent", "Partner intelligence dialogue")
        .doesNotContain("Letter of intent");
    String pacific = run.out().lines().dropWhile(l -> !l.contains("pacific-demo-password"))
        .skip(1).findFirst().orElseThrow();
    assertThat(pacific).contains("Letter of intent").doesNotContain("Statement of intent");
  }

  @Test
  void federationDemo_showsObjectsFlowingOnlyWhereTheAgreementsAllow() {
    CliRun run = CliRun.run(Map.of(), "demo", "--federation", "--exit-after-load",
        "--iterations", "1000", "--data-dir", dir.resolve("fed").toString());
    assertThat(run.code()).as(run.err()).isEqualTo(Main.OK);
    List<String> lines = run.out().lines().toList();
    assertThat(lines).filteredOn(l -> l.matches("  \\w+ +(pull|push) .*"))
        .hasSize(3).allSatisfy(l -> assertThat(l).endsWith("up"));
    List<String> commerce = lines.subList(lines.indexOf("  commerce node:") + 1,
        lines.size()).stream().takeWhile(l -> l.startsWith("    ")).toList();
    assertThat(commerce).isNotEmpty()
        .noneSatisfy(l -> assertThat(l).contains("Pacific ally"))
        .noneSatisfy(l -> assertThat(l).contains("amber"));
    assertThat(commerce).anySatisfy(l -> assertThat(l).startsWith(
        "    National Security Bureau").contains("green="));
    List<String> bureau = lines.subList(lines.indexOf("  bureau node:") + 1, lines.size())
        .stream().takeWhile(l -> l.startsWith("    ")).toList();
    assertThat(bureau).anySatisfy(l -> assertThat(l).startsWith("    Pacific ally")
        .contains("amber="));
  }

  @Test
  void withoutADataDirectoryTheTemporaryDatabaseIsRemoved() {
    CliRun run = CliRun.run(Map.of(), "demo", "--port", "0", "--exit-after-load",
        "--iterations", "1000");
    assertThat(run.code()).as(run.err()).isEqualTo(Main.OK);
    String line = run.out().lines().filter(l -> l.strip().startsWith("database"))
        .findFirst().orElseThrow();
    Path db = Path.of(line.strip().substring("database".length()).strip()
        .replace(" (removed on exit)", ""));
    assertThat(db).doesNotExist();
  }
}
