package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kuroshio.sharing.BundleSignature;
import org.kuroshio.stix.BundleReader;
import org.kuroshio.stix.Markings;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Tlp;

/**
 * {@code kuroshio export --for ORG --agreement ID}: only what the release rule gives that
 * organisation under that agreement, signed, importable with {@code --verify} by the partner.
 */
class AirGapExportIT {
  @TempDir Path dir;
  private Path cfg;

  @BeforeEach
  void demoNodeStopped() throws IOException {
    AppConfig config = DemoScenario.configure(AppConfig.defaults(), 1000)
        .withDataDir(dir.resolve("bureau")).withListener("127.0.0.1", 0);
    try (Node node = Node.start(config)) {
      DemoScenario.load(node.data());
    }
    cfg = dir.resolve("bureau.json");
    Files.writeString(cfg, """
        {"node": {"title": "bureau", "organisation": "%s", "organisation_name": "Operator"},
         "data_dir": "%s"}
        """.formatted(DemoScenario.OPERATOR,
        dir.resolve("bureau").toString().replace("\\", "/")));
  }

  private static List<StixObject> read(Path bundle) throws IOException {
    List<StixObject> out = new ArrayList<>();
    try (BundleReader r = BundleReader.open(Files.newInputStream(bundle))) {
      r.forEachRemaining(out::add);
    }
    return out;
  }

  @Test
  void theCommerceDepartmentGetsOnlyGreenCyberUnderItsStatementOfIntent() throws IOException {
    Path out = dir.resolve("for-commerce.json");
    CliRun run = CliRun.run(Map.of(), "export", "--config", cfg.toString(), "--for",
        DemoScenario.COMMERCE, "--agreement", DemoScenario.SOI_COLLECTION, "-o", out.toString());
    assertThat(run.code()).as(run.err()).isEqualTo(Main.OK);
    assertThat(run.err()).contains("released to " + DemoScenario.COMMERCE);
    assertThat(BundleSignature.signatureFile(out)).exists();

    List<StixObject> objects = read(out);
    Set<String> ids = objects.stream().map(StixObject::id).collect(Collectors.toSet());
    for (StixObject o : objects) {
      assertThat(Markings.tlp(o).orElse(Tlp.CLEAR)).as(o.id()).isIn(Tlp.CLEAR, Tlp.GREEN);
    }
    List<String> amberOrWorse = DemoScenario.objects().stream()
        .filter(o -> Markings.tlp(o).filter(t -> t.atLeast(Tlp.AMBER)).isPresent())
        .map(StixObject::id).toList();
    assertThat(amberOrWorse).isNotEmpty();
    assertThat(ids).doesNotContainAnyElementsOf(amberOrWorse);
    List<String> greenIndicatorsOfTheBureau = DemoScenario.objects().stream()
        .filter(o -> o.type().equals("indicator")
            && DemoScenario.contributor(o).equals(DemoScenario.NSB)
            && Markings.tlp(o).filter(t -> t == Tlp.GREEN).isPresent())
        .map(StixObject::id).toList();
    assertThat(greenIndicatorsOfTheBureau).isNotEmpty();
    assertThat(ids).containsAll(greenIndicatorsOfTheBureau);
  }

  @Test
  void aNonPartyOrAMissingOutputIsRefusedAndWritesNothing() throws IOException {
    Path out = dir.resolve("for-ally.json");
    CliRun notParty = CliRun.run(Map.of(), "export", "--config", cfg.toString(), "--for",
        DemoScenario.PACIFIC_ALLY, "--agreement", DemoScenario.SOI_COLLECTION, "-o",
        out.toString());
    assertThat(notParty.code()).isNotEqualTo(Main.OK);
    assertThat(notParty.err()).contains("not a party to an agreement in force");
    assertThat(out).doesNotExist();

    CliRun noFile = CliRun.run(Map.of(), "export", "--config", cfg.toString(), "--for",
        DemoScenario.COMMERCE, "--agreement", DemoScenario.SOI_COLLECTION);
    assertThat(noFile.code()).isNotEqualTo(Main.OK);
    assertThat(noFile.err()).contains("--for needs -o FILE");

    CliRun half = CliRun.run(Map.of(), "export", "--config", cfg.toString(), "--for",
        DemoScenario.COMMERCE, "-o", out.toString());
    assertThat(half.err()).contains("--for and --agreement go together");
    assertThat(out).doesNotExist();
  }

  @Test
  void thePartnerImportsTheBundleWithVerify() throws IOException {
    Path out = dir.resolve("for-commerce.json");
    CliRun export = CliRun.run(Map.of(), "export", "--config", cfg.toString(), "--for",
        DemoScenario.COMMERCE, "--agreement", DemoScenario.SOI_COLLECTION, "-o", out.toString());
    assertThat(export.code()).as(export.err()).isEqualTo(Main.OK);
    Path trusted = dir.resolve("commerce/keys/trusted");
    Files.createDirectories(trusted);
    CliRun key = CliRun.run(Map.of(), "key", "export", "--config", cfg.toString(),
        trusted.resolve("bureau.pub").toString());
    assertThat(key.code()).as(key.err()).isEqualTo(Main.OK);
    Path commerceCfg = dir.resolve("commerce.json");
    Files.writeString(commerceCfg, """
        {"node": {"title": "commerce", "organisation": "%s",
                  "organisation_name": "Department of Commerce"},
         "data_dir": "%s"}
        """.formatted(DemoScenario.COMMERCE,
        dir.resolve("commerce").toString().replace("\\", "/")));

    CliRun imported = CliRun.run(Map.of(), "import", "--config", commerceCfg.toString(),
        "--verify", out.toString());
    assertThat(imported.code()).as(imported.err() + imported.out()).isEqualTo(Main.OK);

    Files.writeString(out, Files.readString(out) + "\n");
    CliRun tampered = CliRun.run(Map.of(), "import", "--config", commerceCfg.toString(),
        "--verify", out.toString());
    assertThat(tampered.code()).isNotEqualTo(Main.OK);
    assertThat(tampered.err()).contains("tampered");
  }
}
