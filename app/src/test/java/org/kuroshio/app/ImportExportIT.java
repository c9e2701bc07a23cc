package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kuroshio.sharing.Credentials;
import org.kuroshio.stix.BundleReader;
import org.kuroshio.stix.StixObject;
import org.kuroshio.taxii.TaxiiFilter;
import org.kuroshio.taxii.client.TaxiiClient;

/**
 * {@code kuroshio import} and {@code export} through the CLI class against a stopped node's H2
 * store, then the same store served by a running node, then {@code import --url} into it.
 */
class ImportExportIT {
  private static final String TOKEN = "import-export-test-token";
  private static final String LOCAL =
      org.kuroshio.sharing.SharingState.localCollectionId(DemoScenario.NSB);

  @TempDir Path dir;

  private Path config() throws IOException {
    Path cfg = dir.resolve("kuroshio.json");
    Files.writeString(cfg, """
        {
          "node": {"title": "Import test node", "organisation": "%s"},
          "http": {"host": "127.0.0.1", "port": 0},
          "data_dir": "%s",
          "users": [{"name": "ops", "organisation": "%s", "roles": ["analyst"],
                     "token_hashes": ["%s"]}]
        }
        """.formatted(DemoScenario.NSB, dir.resolve("node").toString().replace("\\", "/"),
        DemoScenario.NSB, Credentials.hashToken(TOKEN)));
    return cfg;
  }

  private Path scenarioFile() throws IOException {
    Path f = dir.resolve("scenario.json");
    try (InputStream in = DemoScenario.class.getResourceAsStream(DemoScenario.RESOURCE)) {
      Files.copy(in, f);
    }
    return f;
  }

  private static Path resource(String name) {
    try {
      return Path.of(ImportExportIT.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<String> ids(Path bundle) throws IOException {
    Set<String> ids = new HashSet<>();
    try (BundleReader r = BundleReader.open(Files.newInputStream(bundle))) {
      r.forEachRemaining(o -> ids.add(o.id()));
    }
    return ids;
  }

  @Test
  void importThenExportGivesTheSameObjectsAndANodeServesThem() throws IOException {
    Path cfg = config();
    Path scenario = scenarioFile();
    Set<String> scenarioIds = DemoScenario.objects().stream().map(StixObject::id)
        .collect(Collectors.toSet());

    CliRun first = CliRun.run(Map.of(), "import", "--config", cfg.toString(), "--batch-size",
        "10", scenario.toString());
    assertThat(first.code()).as(first.err()).isEqualTo(Main.OK);
    assertThat(first.out()).startsWith("read 38 objects: 38 stored, 0 unchanged, 0 rejected");

    CliRun again = CliRun.run(Map.of(), "import", "--config", cfg.toString(),
        scenario.toString());
    assertThat(again.code()).isEqualTo(Main.OK);
    assertThat(again.out()).startsWith("read 38 objects: 0 stored, 38 unchanged, 0 rejected");

    CliRun bad = CliRun.run(Map.of(), "import", "--config", cfg.toString(),
        resource("/validate/bad.json").toString());
    assertThat(bad.code()).isEqualTo(Main.PROBLEMS);
    assertThat(bad.out()).startsWith("read 5 objects: 2 stored, 0 unchanged, 3 rejected")
        .contains("rejected indicator--00000000-0000-4000-8000-000000000002: ")
        .contains("rejected identity--not-a-uuid: ")
        .contains("rejected malware--00000000-0000-4000-8000-000000000005: ");

    Path out = dir.resolve("export.json");
    CliRun export = CliRun.run(Map.of(), "export", "--config", cfg.toString(), "-o",
        out.toString());
    assertThat(export.code()).as(export.err()).isEqualTo(Main.OK);
    assertThat(export.err()).contains("exported 40 objects");
    Set<String> exported = ids(out);
    assertThat(exported).containsAll(scenarioIds).hasSize(40)
        .contains("identity--00000000-0000-4000-8000-000000000004");

    CliRun toStdout = CliRun.run(Map.of(), "export", "--config", cfg.toString());
    assertThat(toStdout.code()).isEqualTo(Main.OK);
    assertThat(toStdout.out()).startsWith("{\"type\":\"bundle\",\"id\":\"bundle--")
        .contains(DemoScenario.NSB);

    try (Node node = Node.start(AppConfig.load(cfg, Map.of()))) {
      TaxiiClient client = TaxiiClient.builder(node.uri().resolve("api/"))
          .bearerToken(TOKEN).build();
      Set<String> served = client.allObjects(LOCAL,
          TaxiiFilter.none()).map(o -> o.get("id").asString()).collect(Collectors.toSet());
      assertThat(served).isEqualTo(exported);

      Path extra = dir.resolve("extra.json");
      Files.writeString(extra, """
          {"type": "bundle", "id": "bundle--00000000-0000-4000-8000-0000000000b1", "objects": [
            {"type": "identity", "spec_version": "2.1",
             "id": "identity--00000000-0000-4000-8000-0000000000b2",
             "created": "2025-02-01T00:00:00.000Z", "modified": "2025-02-01T00:00:00.000Z",
             "name": "Posted over TAXII"}]}
          """);
      CliRun remote = CliRun.run(Map.of("KUROSHIO_TOKEN", TOKEN), "import", "--url",
          node.uri().resolve("api/").toString(), "--collection", LOCAL,
          extra.toString(), scenario.toString());
      assertThat(remote.code()).as(remote.err()).isEqualTo(Main.OK);
      assertThat(remote.out()).startsWith("read 39 objects: ")
          .contains(" 0 rejected");
      assertThat(client.getObject(LOCAL,
          "identity--00000000-0000-4000-8000-0000000000b2", TaxiiFilter.none()).body().objects())
          .hasSize(1);
    }
  }

  @Test
  void aMalformedBundleIsReportedWithItsLine() throws IOException {
    Path cfg = config();
    CliRun run = CliRun.run(Map.of(), "import", "--config", cfg.toString(),
        resource("/validate/malformed.json").toString());
    assertThat(run.code()).isEqualTo(Main.PROBLEMS);
    assertThat(run.err()).contains("malformed.json:5: malformed JSON");
    assertThat(run.out()).startsWith("read 0 objects");
  }

  @Test
  void aTruncatedBundleKeepsEveryBatchReadBeforeTheFault() throws IOException {
    Path cfg = config();
    StringBuilder b = new StringBuilder(
        "{\"type\": \"bundle\", \"id\": \"bundle--00000000-0000-4000-8000-0000000000c1\","
            + " \"objects\": [\n");
    for (int i = 1; i <= 7; i++) {
      b.append("""
          {"type": "identity", "spec_version": "2.1",
           "id": "identity--00000000-0000-4000-8000-%012d", "created": "2025-02-01T00:00:00.000Z",
           "modified": "2025-02-01T00:00:00.000Z", "name": "Identity %d"},
          """.formatted(i, i));
    }
    b.append("{\"type\": \"identity\", \"id\": ");
    Path truncated = dir.resolve("truncated.json");
    Files.writeString(truncated, b.toString());
    CliRun run = CliRun.run(Map.of(), "import", "--config", cfg.toString(), "--batch-size", "2",
        truncated.toString());
    assertThat(run.code()).isEqualTo(Main.PROBLEMS);
    assertThat(run.err()).contains("truncated.json:").contains("objects before this point");
    assertThat(run.out()).startsWith("read 7 objects: 7 stored, 0 unchanged, 0 rejected");
  }

  @Test
  void anUnknownCollectionIsAFailure() throws IOException {
    Path cfg = config();
    CliRun run = CliRun.run(Map.of(), "import", "--config", cfg.toString(), "--collection",
        "00000000-0000-4000-8000-00000000dead", scenarioFile().toString());
    assertThat(run.code()).isEqualTo(Main.FAILURE);
    assertThat(run.err()).contains("no collection 00000000-0000-4000-8000-00000000dead");
  }

  @Test
  void remoteImportNeedsCredentials() throws IOException {
    CliRun run = CliRun.run(Map.of(), "import", "--url", "http://127.0.0.1:9/api/",
        "--collection", LOCAL, scenarioFile().toString());
    assertThat(run.code()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains("--url needs credentials");
  }
}
