package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
        .contains("Partner intelligence", "(38 objects)", "(16 objects)")
        .contains("nsb-demo-password", "kuroshio-demo-token-nsb")
        .contains("curl -s -u nsb:nsb-demo-password");
    assertThat(Files.exists(data.resolve("kuroshio.mv.db"))).isTrue();
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
