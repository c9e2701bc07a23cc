package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kuroshio.stix.StixJson;
import org.kuroshio.store.StoreSettings;
import org.kuroshio.taxii.TaxiiFilter;
import org.kuroshio.taxii.client.TaxiiClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code kuroshio audit verify --offline}: the audit log of a stopped node, verified from its
 * database, intact and after someone edited or deleted an entry behind the node's back.
 */
class AdminCliOfflineIT {

  /** Runs the demo node in {@code dir}, lets a partner read a few times, and stops it. */
  private static void runNodeWithReleases(Path dir) {
    AppConfig config = DemoScenario.configure(AppConfig.defaults(), 1000)
        .withDataDir(dir)
        .withListener("127.0.0.1", 0);
    try (Node node = Node.start(config)) {
      DemoScenario.load(node.data());
      TaxiiClient nsb = TaxiiClient.builder(node.uri().resolve("api/"))
          .bearerToken("kuroshio-demo-token-nsb").build();
      for (int i = 0; i < 3; i++) {
        nsb.getObjects(DemoScenario.PARTNER_COLLECTION, TaxiiFilter.none());
        nsb.manifest(DemoScenario.LOI_COLLECTION, TaxiiFilter.none());
      }
    }
  }

  private static Connection jdbc(Path dir) throws Exception {
    return DriverManager.getConnection(StoreSettings.h2File(dir).jdbcUrl(), "sa", "");
  }

  private static long count(Path dir) throws Exception {
    try (Connection c = jdbc(dir); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM audit_log")) {
      r.next();
      return r.getLong(1);
    }
  }

  private static void setUser(Path dir, long seq, String user) throws Exception {
    try (Connection c = jdbc(dir);
        PreparedStatement s = c.prepareStatement(
            "UPDATE audit_log SET user_name = ? WHERE seq = ?")) {
      s.setString(1, user);
      s.setLong(2, seq);
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }

  private static String userOf(Path dir, long seq) throws Exception {
    try (Connection c = jdbc(dir);
        PreparedStatement s = c.prepareStatement("SELECT user_name FROM audit_log WHERE seq = ?")) {
      s.setLong(1, seq);
      try (ResultSet r = s.executeQuery()) {
        assertThat(r.next()).isTrue();
        return r.getString(1);
      }
    }
  }

  @Test
  void offlineVerifyFindsAnEditedAndADeletedEntry(@TempDir Path dir) throws Exception {
    runNodeWithReleases(dir);
    Map<String, String> env = Map.of("KUROSHIO_DATA_DIR", dir.toString());
    long entries = count(dir);
    assertThat(entries).isGreaterThanOrEqualTo(6);

    CliRun intact = CliRun.run(env, "audit", "verify", "--offline");
    assertThat(intact.code()).as(intact.err()).isEqualTo(Main.OK);
    assertThat(intact.out()).isEqualTo("audit log intact: " + entries + " entries verified\n");

    String original = userOf(dir, 2);
    setUser(dir, 2, "mallory");
    CliRun edited = CliRun.run(env, "audit", "verify", "--offline");
    assertThat(edited.code()).isEqualTo(Main.PROBLEMS);
    assertThat(edited.out())
        .contains("audit log BROKEN at entry 2: entry 2 does not match its hash (its content"
            + " was changed)")
        .contains("entry 2: at ").contains("user mallory");
    JsonNode json = StixJson.readTree(CliRun.run(env, "audit", "verify", "--offline", "--json")
        .out(), StixJson.mapper());
    assertThat(json.get("intact").asBoolean()).isFalse();
    assertThat(json.get("first_bad_seq").asLong()).isEqualTo(2);

    setUser(dir, 2, original);
    assertThat(CliRun.run(env, "audit", "verify", "--offline").code()).isEqualTo(Main.OK);

    long victim = entries - 1;
    try (Connection c = jdbc(dir);
        PreparedStatement s = c.prepareStatement("DELETE FROM audit_log WHERE seq = ?")) {
      s.setLong(1, victim);
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
    CliRun deleted = CliRun.run(env, "audit", "verify", "--offline");
    assertThat(deleted.code()).isEqualTo(Main.PROBLEMS);
    assertThat(deleted.out()).contains("audit log BROKEN at entry " + victim + ": entry "
        + victim + " is missing (the next stored entry is " + entries + ")");
  }

  @Test
  void aConfigFileMeansOfflineAndTheLastEntryRemovedIsFound(@TempDir Path dir)
      throws Exception {
    runNodeWithReleases(dir);
    long entries = count(dir);
    Path config = dir.resolve("kuroshio.json");
    Files.writeString(config, "{\"data_dir\": " + StixJson.mapper().writeValueAsString(
        dir.toString()) + "}");
    CliRun intact = CliRun.run(Map.of(), "audit", "verify", "--config", config.toString());
    assertThat(intact.code()).as(intact.err()).isEqualTo(Main.OK);
    try (Connection c = jdbc(dir);
        PreparedStatement s = c.prepareStatement("DELETE FROM audit_log WHERE seq = ?")) {
      s.setLong(1, entries);
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
    CliRun truncated = CliRun.run(Map.of(), "audit", "verify", "--config", config.toString());
    assertThat(truncated.code()).isEqualTo(Main.PROBLEMS);
    assertThat(truncated.out()).contains("audit log BROKEN at entry " + entries + ": entries "
        + entries + " to " + entries + " are missing");
  }

  @Test
  void offlineWithUrlIsAUsageError() {
    CliRun r = CliRun.run(Map.of(), "audit", "verify", "--offline", "--url",
        "http://127.0.0.1:8080/");
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.err()).contains("--offline (or --config) opens the database itself");
  }

  /**
   * A node running in another process holds the embedded database: the offline verify refuses
   * with the message the other offline commands give.
   */
  @Test
  void offlineVerifyRefusesTheDatabaseOfARunningNode(@TempDir Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "org.kuroshio.app.Main", "serve");
    pb.environment().put("KUROSHIO_DATA_DIR", dir.toString());
    pb.environment().put("KUROSHIO_PORT", "0");
    pb.environment().put("KUROSHIO_HOST", "127.0.0.1");
    pb.environment().remove("KUROSHIO_CONFIG");
    pb.environment().remove("KUROSHIO_DB_URL");
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process node = pb.start();
    try {
      List<String> log = new ArrayList<>();
      CompletableFuture<Boolean> started = new CompletableFuture<>();
      // Reads the child's log to its end, so that it never blocks on a full pipe.
      Thread.ofPlatform().daemon().start(() -> {
        try (BufferedReader r = new BufferedReader(
            new InputStreamReader(node.getErrorStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            synchronized (log) {
              log.add(line);
            }
            if (line.contains("event=started")) {
              started.complete(true);
            }
          }
        } catch (java.io.IOException e) {
          // the child went away
        }
        started.complete(false);
      });
      // A generous bound on start-up on a loaded machine; not a speed assertion.
      boolean up = started.get(180, TimeUnit.SECONDS);
      synchronized (log) {
        assertThat(up).as("the node in the other process started; its log: %s", log).isTrue();
      }
      CliRun r = CliRun.run(Map.of("KUROSHIO_DATA_DIR", dir.toString()), "audit", "verify",
          "--offline");
      assertThat(r.code()).isEqualTo(Main.FAILURE);
      assertThat(r.err()).startsWith("kuroshio: the database is in use by another process (is"
          + " the node running? stop it, or ask it with --url)");
    } finally {
      node.destroy();
      if (!node.waitFor(60, TimeUnit.SECONDS)) {
        node.destroyForcibly();
      }
    }
  }
}
