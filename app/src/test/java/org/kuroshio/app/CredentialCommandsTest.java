package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kuroshio.sharing.Credentials;

class CredentialCommandsTest {

  @Test
  void hashPasswordPrintsAHashThatVerifies() {
    CliRun run = CliRun.runWithInput(Map.of(), "correct horse\n", "user", "hash-password",
        "--iterations", "1000");
    assertThat(run.code()).isEqualTo(Main.OK);
    String hash = run.out().strip();
    assertThat(Credentials.isPasswordHash(hash)).isTrue();
    assertThat(Credentials.verifyPassword("correct horse".toCharArray(), hash)).isTrue();
    assertThat(Credentials.verifyPassword("wrong".toCharArray(), hash)).isFalse();
    assertThat(run.out()).doesNotContain("correct horse");
  }

  @Test
  void hashPasswordRefusesAnEmptyPassword() {
    CliRun run = CliRun.runWithInput(Map.of(), "", "user", "hash-password");
    assertThat(run.code()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains("must not be empty");
  }

  @Test
  void newTokenPrintsATokenAndItsHash() {
    CliRun run = CliRun.run(Map.of(), "token", "new");
    assertThat(run.code()).isEqualTo(Main.OK);
    String[] lines = run.out().split("\n");
    String token = lines[0].substring("token: ".length()).strip();
    String hash = lines[1].substring("hash:".length()).strip();
    assertThat(token).hasSize(43);
    assertThat(Credentials.hashToken(token)).isEqualTo(hash);
  }

  @Test
  void versionAndHelpWork() {
    assertThat(CliRun.run(Map.of(), "--version").out()).startsWith("kuroshio ");
    CliRun help = CliRun.run(Map.of(), "--help");
    assertThat(help.code()).isEqualTo(Main.OK);
    assertThat(help.out()).contains("serve", "import", "export", "validate", "demo");
  }

  @Test
  void noCommandIsAUsageError() {
    CliRun run = CliRun.run(Map.of());
    assertThat(run.code()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains("name a command");
  }
}
