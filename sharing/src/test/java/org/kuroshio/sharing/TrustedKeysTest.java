package org.kuroshio.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kuroshio.sharing.NodeKeyTest.seeded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedKeysTest {
  static final String ORG_A = "identity--00000000-0000-4000-8000-00000000000a";
  static final String ORG_B = "identity--00000000-0000-4000-8000-00000000000b";

  @TempDir Path dir;

  private final NodeKey keyA = NodeKey.generate(seeded(21));
  private final NodeKey keyB = NodeKey.generate(seeded(22));

  @Test
  void loadReadsEveryPubFileAndIgnoresTheRest() throws IOException {
    keyA.exportPublicKey(dir.resolve("a.pub"), ORG_A);
    keyB.exportPublicKey(dir.resolve("b.pub"), ORG_B);
    Files.writeString(dir.resolve("README.txt"), "not a key");
    Files.createDirectory(dir.resolve("old.pub"));

    TrustedKeys trusted = TrustedKeys.load(dir);

    assertThat(trusted.keys()).extracting(TrustedKeys.Key::source)
        .containsExactly("a.pub", "b.pub");
    assertThat(trusted.forSigner(ORG_A)).singleElement()
        .satisfies(k -> assertThat(k.fingerprint()).isEqualTo(keyA.fingerprint()));
    assertThat(trusted.forSigner(ORG_B)).extracting(TrustedKeys.Key::fingerprint)
        .containsExactly(keyB.fingerprint());
    assertThat(trusted.forSigner("identity--00000000-0000-4000-8000-00000000000c")).isEmpty();
    assertThat(trusted.description()).isEqualTo(dir.toString());
  }

  @Test
  void anOrganisationMayHaveSeveralKeys() throws IOException {
    keyA.exportPublicKey(dir.resolve("a-2025.pub"), ORG_A);
    keyB.exportPublicKey(dir.resolve("a-2026.pub"), ORG_A);

    assertThat(TrustedKeys.load(dir).forSigner(ORG_A)).extracting(TrustedKeys.Key::fingerprint)
        .containsExactly(keyA.fingerprint(), keyB.fingerprint());
  }

  @Test
  void oneKeyMayNotStandForTwoOrganisations() throws IOException {
    keyA.exportPublicKey(dir.resolve("a.pub"), ORG_A);
    keyA.exportPublicKey(dir.resolve("b.pub"), ORG_B);

    assertThatThrownBy(() -> TrustedKeys.load(dir))
        .isInstanceOf(NodeKey.KeyException.class)
        .hasMessageContaining("b.pub: key " + keyA.fingerprint() + " is already trusted for "
            + ORG_A + " (a.pub)");
  }

  @Test
  void aKeyFileWithoutAnOrganisationIsRefused() throws IOException {
    Path file = dir.resolve("bare.pub");
    Files.writeString(file, keyA.publicKeyPem());

    assertThatThrownBy(() -> TrustedKeys.load(dir))
        .isInstanceOf(NodeKey.KeyException.class)
        .hasMessage(file + ": no '# organisation: identity--...' line above the key: whose key"
            + " is it?");
  }

  @Test
  void aMalformedOrganisationIsRefused() throws IOException {
    Path file = dir.resolve("x.pub");
    Files.writeString(file, "# organisation: ACME\n" + keyA.publicKeyPem());

    assertThatThrownBy(() -> TrustedKeys.read(file))
        .isInstanceOf(NodeKey.KeyException.class)
        .hasMessageContaining(file + ": '# organisation:' must name an identity id")
        .hasMessageContaining("got 'ACME'");
  }

  @Test
  void aFingerprintLineThatDoesNotMatchTheKeyIsRefused() throws IOException {
    Path file = dir.resolve("x.pub");
    Files.writeString(file, "# organisation: " + ORG_A + "\n# fingerprint: "
        + keyB.fingerprint() + "\n" + keyA.publicKeyPem());

    assertThatThrownBy(() -> TrustedKeys.read(file))
        .isInstanceOf(NodeKey.KeyException.class)
        .hasMessageContaining("does not match the key, whose fingerprint is "
            + keyA.fingerprint());
  }

  @Test
  void twoOrganisationLinesAreRefused() throws IOException {
    Path file = dir.resolve("x.pub");
    Files.writeString(file, "# organisation: " + ORG_A + "\n# Organisation: " + ORG_B + "\n"
        + keyA.publicKeyPem());

    assertThatThrownBy(() -> TrustedKeys.read(file))
        .hasMessage(file + ": line 2: '# organisation:' appears twice");
  }

  @Test
  void crlfLinesAndFreeCommentsAreAccepted() throws IOException {
    Path file = dir.resolve("x.pub");
    Files.writeString(file, ("# Pacific ally security office, given by hand 2026-05-01\n"
        + "# organisation: " + ORG_B + "\n\n" + keyB.publicKeyPem()).replace("\n", "\r\n"));

    TrustedKeys.Key key = TrustedKeys.read(file);

    assertThat(key.organisation()).isEqualTo(ORG_B);
    assertThat(key.fingerprint()).isEqualTo(keyB.fingerprint());
  }

  @Test
  void aPrivateKeyOrTextAfterTheBlockIsRefused() throws IOException {
    Path file = dir.resolve("x.pub");
    Files.writeString(file, "# organisation: " + ORG_A + "\n" + keyA.privateKeyPem());
    assertThatThrownBy(() -> TrustedKeys.read(file))
        .hasMessageContaining(file + ": line 2: expected '-----BEGIN PUBLIC KEY-----'");

    Files.writeString(file, "# organisation: " + ORG_A + "\n" + keyA.publicKeyPem() + "more\n");
    assertThatThrownBy(() -> TrustedKeys.read(file))
        .hasMessageContaining("text after '-----END PUBLIC KEY-----'");
  }

  @Test
  void aMissingFolderIsNamed() {
    Path missing = dir.resolve("trusted");

    assertThatThrownBy(() -> TrustedKeys.load(missing))
        .isInstanceOf(NodeKey.KeyException.class)
        .hasMessage(missing + ": no such trusted keys folder");
  }

  @Test
  void anOversizedKeyFileIsRefused() throws IOException {
    Path file = dir.resolve("big.pub");
    Files.writeString(file, "# organisation: " + ORG_A + "\n" + "#".repeat(20_000) + "\n"
        + keyA.publicKeyPem());

    assertThatThrownBy(() -> TrustedKeys.load(dir))
        .hasMessage(file + ": cannot read: larger than " + NodeKey.MAX_KEY_FILE_BYTES + " bytes");
  }

  @Test
  void moreThanTheLimitOfKeyFilesIsRefused() throws IOException {
    for (int i = 0; i <= TrustedKeys.MAX_KEYS; i++) {
      Files.writeString(dir.resolve("k" + i + ".pub"), "");
    }

    assertThatThrownBy(() -> TrustedKeys.load(dir))
        .isInstanceOf(NodeKey.KeyException.class)
        .hasMessage(dir + ": more than 1000 trusted key files (*.pub)");
  }

  @Test
  void ofChecksItsArguments() {
    TrustedKeys.Key a = new TrustedKeys.Key(ORG_A, keyA.publicKey(), "a");

    assertThat(TrustedKeys.of(List.of(a)).forSigner(ORG_A)).containsExactly(a);
    assertThatThrownBy(() -> TrustedKeys.of(List.of(a,
        new TrustedKeys.Key(ORG_B, keyA.publicKey(), "b"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one key may sign for one organisation only");
    assertThatThrownBy(() -> new TrustedKeys.Key("ACME", keyA.publicKey(), "a"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
