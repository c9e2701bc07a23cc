package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kuroshio.sharing.BundleSignature;
import org.kuroshio.sharing.NodeKey;
import org.kuroshio.stix.BundleReader;

/**
 * Air-gapped exchange through the real CLI: one node exports a signed bundle and its public key,
 * another imports the bundle with {@code --verify}; tampered, unsigned and unknown-signer copies
 * are refused with nothing written.
 */
class SignedBundleIT {
  @TempDir Path dir;

  private Path config(String name, String organisation) throws IOException {
    Path cfg = dir.resolve(name + ".json");
    Files.writeString(cfg, """
        {"node": {"title": "%s", "organisation": "%s"}, "data_dir": "%s"}
        """.formatted(name, organisation,
        dir.resolve(name).toString().replace("\\", "/")));
    return cfg;
  }

  private Path scenarioFile() throws IOException {
    Path f = dir.resolve("scenario.json");
    try (InputStream in = DemoScenario.class.getResourceAsStream(DemoScenario.RESOURCE)) {
      Files.copy(in, f);
    }
    return f;
  }

  private static Set<String> ids(Path bundle) throws IOException {
    Set<String> ids = new HashSet<>();
    try (BundleReader r = BundleReader.open(Files.newInputStream(bundle))) {
      r.forEachRemaining(o -> ids.add(o.id()));
    }
    return ids;
  }

  /** Exports the node's collection and returns its object ids. */
  private Set<String> exported(Path cfg, String name) throws IOException {
    Path out = dir.resolve(name);
    CliRun run = CliRun.run(Map.of(), "export", "--config", cfg.toString(), "-o", out.toString());
    assertThat(run.code()).as(run.err()).isEqualTo(Main.OK);
    return ids(out);
  }

  /** Copies a bundle and its signature file under a new name. */
  private Path copyWithSignature(Path bundle, String name) throws IOException {
    Path copy = dir.resolve(name);
    Files.copy(bundle, copy);
    Files.copy(BundleSignature.signatureFile(bundle), BundleSignature.signatureFile(copy));
    return copy;
  }

  @Test
  void aSignedExportImportsWithVerifyAndTamperedCopiesWriteNothing() throws IOException {
    Path nsb = config("nsb", DemoScenario.NSB);
    CliRun load = CliRun.run(Map.of(), "import", "--config", nsb.toString(),
        scenarioFile().toString());
    assertThat(load.code()).as(load.err()).isEqualTo(Main.OK);

    // The exporting node: a signed bundle and the public key file for its partners.
    Path bundle = dir.resolve("for-ally.json");
    CliRun export = CliRun.run(Map.of(), "export", "--config", nsb.toString(), "--sign", "-o",
        bundle.toString());
    assertThat(export.code()).as(export.err()).isEqualTo(Main.OK);
    NodeKey nodeKey = NodeKey.load(dir.resolve("nsb/keys"));
    assertThat(export.err()).contains("created the node's Ed25519 key pair")
        .contains("exported 38 objects")
        .contains("signed as " + DemoScenario.NSB + " with key " + nodeKey.fingerprint());
    assertThat(BundleSignature.signatureFile(bundle)).exists();
    Set<String> sent = ids(bundle);
    assertThat(sent).hasSize(38);

    CliRun show = CliRun.run(Map.of(), "key", "show", "--config", nsb.toString());
    assertThat(show.code()).as(show.err()).isEqualTo(Main.OK);
    assertThat(show.err()).isEmpty();
    assertThat(show.out()).contains("# organisation: " + DemoScenario.NSB)
        .contains("# fingerprint: " + nodeKey.fingerprint())
        .contains("-----BEGIN PUBLIC KEY-----").endsWith("-----END PUBLIC KEY-----\n");

    Path trusted = Files.createDirectory(dir.resolve("trusted"));
    CliRun keyExport = CliRun.run(Map.of(), "key", "export", "--config", nsb.toString(),
        trusted.resolve("nsb.pub").toString());
    assertThat(keyExport.code()).as(keyExport.err()).isEqualTo(Main.OK);
    assertThat(Files.readString(trusted.resolve("nsb.pub"))).isEqualTo(show.out());

    // The receiving node verifies, then imports everything that was sent.
    Path ally = config("ally", DemoScenario.PACIFIC_ALLY);
    CliRun imported = CliRun.run(Map.of(), "import", "--config", ally.toString(), "--verify",
        "--trusted-keys", trusted.toString(), bundle.toString());
    assertThat(imported.code()).as(imported.err()).isEqualTo(Main.OK);
    assertThat(imported.err()).contains(bundle + ": signature verified: signed by "
        + DemoScenario.NSB + " with key " + nodeKey.fingerprint());
    assertThat(imported.out()).startsWith("read 38 objects: 38 stored, 0 unchanged, 0 rejected");
    assertThat(exported(ally, "ally-export.json")).isEqualTo(sent);

    // A copy with one changed byte, imported together with a good copy: nothing is written.
    Path tampered = copyWithSignature(bundle, "tampered.json");
    byte[] bytes = Files.readAllBytes(tampered);
    int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("\"name\":\"") + 8;
    bytes[at] ^= 0x20; // changes the case of a letter: still a valid bundle
    Files.write(tampered, bytes);
    assertThat(ids(tampered)).isEqualTo(sent);
    Path good = copyWithSignature(bundle, "good.json");
    Path fresh = config("fresh", DemoScenario.PACIFIC_ALLY);
    CliRun refused = CliRun.run(Map.of(), "import", "--config", fresh.toString(), "--verify",
        "--trusted-keys", trusted.toString(), good.toString(), tampered.toString());
    assertThat(refused.code()).isEqualTo(Main.PROBLEMS);
    assertThat(refused.err()).contains(tampered + ": tampered content: the file's SHA-256 is ")
        .contains("nothing imported");
    assertThat(refused.out()).isEmpty();
    assertThat(dir.resolve("fresh")).doesNotExist();
    // Compared with a twin node that was never imported into (a new node holds its own identity).
    Set<String> untouched = exported(config("twin", DemoScenario.PACIFIC_ALLY), "twin.json");
    assertThat(untouched).doesNotContain(DemoScenario.NSB);
    assertThat(exported(fresh, "fresh-export.json")).isEqualTo(untouched);

    // An unsigned copy, and a signer the receiver does not trust.
    Path unsigned = dir.resolve("unsigned.json");
    Files.copy(bundle, unsigned);
    CliRun missing = CliRun.run(Map.of(), "import", "--config", fresh.toString(), "--verify",
        "--trusted-keys", trusted.toString(), unsigned.toString());
    assertThat(missing.code()).isEqualTo(Main.PROBLEMS);
    assertThat(missing.err()).contains(unsigned + ": missing signature: no signature file"
        + " unsigned.json.sig beside it");

    Path otherTrust = Files.createDirectory(dir.resolve("other-trust"));
    CliRun allyKey = CliRun.run(Map.of(), "key", "export", "--config", ally.toString(),
        otherTrust.resolve("ally.pub").toString());
    assertThat(allyKey.code()).as(allyKey.err()).isEqualTo(Main.OK);
    CliRun unknown = CliRun.run(Map.of(), "import", "--config", fresh.toString(), "--verify",
        "--trusted-keys", otherTrust.toString(), bundle.toString());
    assertThat(unknown.code()).isEqualTo(Main.PROBLEMS);
    assertThat(unknown.err()).contains(bundle + ": unknown signer: signed by " + DemoScenario.NSB
        + ", which has no trusted key in " + otherTrust);
    assertThat(exported(fresh, "fresh-export-2.json")).isEqualTo(untouched);
  }

  @Test
  void theDefaultTrustedKeysFolderIsInTheDataDirectory() throws IOException {
    Path nsb = config("nsb", DemoScenario.NSB);
    Path bundle = dir.resolve("empty.json");
    CliRun export = CliRun.run(Map.of(), "export", "--config", nsb.toString(), "--sign", "-o",
        bundle.toString());
    assertThat(export.code()).as(export.err()).isEqualTo(Main.OK);

    Path ally = config("ally", DemoScenario.PACIFIC_ALLY);
    CliRun noFolder = CliRun.run(Map.of(), "import", "--config", ally.toString(), "--verify",
        bundle.toString());
    assertThat(noFolder.code()).isEqualTo(Main.USAGE);
    assertThat(noFolder.err()).contains("trusted keys: " + dir.resolve("ally/keys/trusted")
        + ": no such trusted keys folder");

    Path trusted = Files.createDirectories(dir.resolve("ally/keys/trusted"));
    CliRun keyExport = CliRun.run(Map.of(), "key", "export", "--config", nsb.toString(),
        trusted.resolve("nsb.pub").toString());
    assertThat(keyExport.code()).as(keyExport.err()).isEqualTo(Main.OK);
    CliRun imported = CliRun.run(Map.of(), "import", "--config", ally.toString(), "--verify",
        bundle.toString());
    assertThat(imported.code()).as(imported.err()).isEqualTo(Main.OK);
    assertThat(imported.err()).contains("signature verified");
  }

  @Test
  void misusedOptionsAreUsageErrors() throws IOException {
    Path nsb = config("nsb", DemoScenario.NSB);
    CliRun signToStdout = CliRun.run(Map.of(), "export", "--config", nsb.toString(), "--sign");
    assertThat(signToStdout.code()).isEqualTo(Main.USAGE);
    assertThat(signToStdout.err()).contains("--sign needs -o FILE");
    assertThat(signToStdout.out()).isEmpty();

    CliRun stdin = CliRun.run(Map.of(), "import", "--config", nsb.toString(), "--verify", "-");
    assertThat(stdin.code()).isEqualTo(Main.USAGE);
    assertThat(stdin.err()).contains("--verify needs files");

    CliRun trustedOnly = CliRun.run(Map.of(), "import", "--config", nsb.toString(),
        "--trusted-keys", dir.toString(), scenarioFile().toString());
    assertThat(trustedOnly.code()).isEqualTo(Main.USAGE);
    assertThat(trustedOnly.err()).contains("--trusted-keys needs --verify");
  }
}
