package org.kuroshio.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeKeyTest {
  static final String ORG_A = "identity--00000000-0000-4000-8000-00000000000a";

  @TempDir Path dir;

  /** Returns a random source that yields the same bytes for the same seed. */
  static SecureRandom seeded(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Decodes the single PEM block of {@code text} with an independent, minimal reader. */
  static byte[] pemBody(String text, String label) {
    int begin = text.indexOf("-----BEGIN " + label + "-----");
    int end = text.indexOf("-----END " + label + "-----");
    assertThat(begin).as("BEGIN %s in %s", label, text).isNotNegative();
    String body = text.substring(begin + label.length() + 16, end).replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }

  @Test
  void loadOrCreate_writesBothFilesOnFirstUseAndLoadsTheSamePairAfterwards() throws Exception {
    Path keys = dir.resolve("data/keys");
    NodeKey first = NodeKey.loadOrCreate(keys, seeded(1));

    Path privateFile = keys.resolve(NodeKey.PRIVATE_FILE);
    Path publicFile = keys.resolve(NodeKey.PUBLIC_FILE);
    assertThat(privateFile).exists();
    assertThat(publicFile).exists();
    NodeKey again = NodeKey.loadOrCreate(keys, seeded(2));
    assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
    assertThat(NodeKey.load(keys).fingerprint()).isEqualTo(first.fingerprint());
    assertThat(keys.toFile().list()).containsExactlyInAnyOrder(NodeKey.PRIVATE_FILE,
        NodeKey.PUBLIC_FILE);
  }

  @Test
  void theFilesArePkcs8AndX509PemThatTheJdkReadsBack() throws Exception {
    Path keys = dir.resolve("keys");
    NodeKey key = NodeKey.loadOrCreate(keys, seeded(3));

    String privateText = Files.readString(keys.resolve(NodeKey.PRIVATE_FILE));
    String publicText = Files.readString(keys.resolve(NodeKey.PUBLIC_FILE));
    KeyFactory ed = KeyFactory.getInstance("Ed25519");
    var privateKey = ed.generatePrivate(
        new java.security.spec.PKCS8EncodedKeySpec(pemBody(privateText, "PRIVATE KEY")));
    PublicKey publicKey = ed.generatePublic(
        new X509EncodedKeySpec(pemBody(publicText, "PUBLIC KEY")));
    assertThat(publicKey.getEncoded()).isEqualTo(key.publicKey().getEncoded());
    assertThat(publicText).isEqualTo(key.publicKeyPem());

    byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(privateKey);
    s.update(message);
    assertThat(NodeKey.verify(key.publicKey(), message, s.sign())).isTrue();
  }

  @Test
  void thePrivateKeyIsReadableByItsOwnerOnlyAndThePublicKeyByAll() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(SigningFiles.posix(), "no POSIX permissions");
    Path keys = dir.resolve("keys");
    NodeKey.loadOrCreate(keys, seeded(4));

    assertThat(PosixFilePermissions.toString(
        Files.getPosixFilePermissions(keys.resolve(NodeKey.PRIVATE_FILE)))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(
        Files.getPosixFilePermissions(keys.resolve(NodeKey.PUBLIC_FILE)))).isEqualTo("rw-r--r--");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)))
        .isEqualTo("rwx------");
  }

  @Test
  void theFingerprintIsTheSha256OfThePublicKeyDer() throws Exception {
    NodeKey key = NodeKey.generate(seeded(5));

    String expected = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(key.publicKey().getEncoded()));
    assertThat(key.fingerprint()).isEqualTo(expected).hasSize(64);
    assertThat(NodeKey.fingerprint(key.publicKey())).isEqualTo(expected);
  }

  @Test
  void theSameSeedGivesTheSameKeyAndAnotherSeedAnother() {
    assertThat(NodeKey.generate(seeded(6)).fingerprint())
        .isEqualTo(NodeKey.generate(seeded(6)).fingerprint())
        .isNotEqualTo(NodeKey.generate(seeded(7)).fingerprint());
  }

  @Test
  void aMissingPublicKeyFileIsWrittenAgainFromThePrivateKey() throws IOException {
    Path keys = dir.resolve("keys");
    NodeKey key = NodeKey.loadOrCreate(keys, seeded(8));
    String publicText = Files.readString(keys.resolve(NodeKey.PUBLIC_FILE));
    Files.delete(keys.resolve(NodeKey.PUBLIC_FILE));

    NodeKey loaded = NodeKey.load(keys);

    assertThat(loaded.fingerprint()).isEqualTo(key.fingerprint());
    assertThat(Files.readString(keys.resolve(NodeKey.PUBLIC_FILE))).isEqualTo(publicText);
  }

  @Test
  void aPublicKeyFileOfAnotherPairIsRefused() throws IOException {
    Path keys = dir.resolve("keys");
    NodeKey.loadOrCreate(keys, seeded(9));
    Files.writeString(keys.resolve(NodeKey.PUBLIC_FILE),
        NodeKey.generate(seeded(10)).publicKeyPem());

    assertThatThrownBy(() -> NodeKey.load(keys))
        .isInstanceOf(NodeKey.KeyException.class)
        .hasMessageContaining(NodeKey.PUBLIC_FILE)
        .hasMessageContaining("does not belong to the private key");
  }

  @Test
  void loadWithoutAPrivateKeyNamesTheFile() {
    assertThatThrownBy(() -> NodeKey.load(dir))
        .isInstanceOf(NodeKey.KeyException.class)
        .hasMessage(dir.resolve(NodeKey.PRIVATE_FILE) + ": no such file");
  }

  @Test
  void aBrokenPrivateKeyFileIsRefusedWithTheProblem() throws IOException {
    Path file = dir.resolve(NodeKey.PRIVATE_FILE);
    Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nnot*base64\n-----END PRIVATE KEY-----\n");
    assertThatThrownBy(() -> NodeKey.load(dir))
        .isInstanceOf(NodeKey.KeyException.class)
        .hasMessage(file + ": line 2: not base64 inside the PRIVATE KEY block");

    Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nAAAA\n");
    assertThatThrownBy(() -> NodeKey.load(dir))
        .hasMessage(file + ": no '-----END PRIVATE KEY-----' line");

    Files.writeString(file, "hello\n");
    assertThatThrownBy(() -> NodeKey.load(dir))
        .hasMessageContaining(file + ": line 1: expected '-----BEGIN PRIVATE KEY-----'");
  }

  @Test
  void anotherKindOfKeyIsRefused() throws Exception {
    var ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
    Path file = dir.resolve(NodeKey.PRIVATE_FILE);
    Files.writeString(file, SigningPem.encode("PRIVATE KEY", ec.getPrivate().getEncoded()));

    assertThatThrownBy(() -> NodeKey.load(dir))
        .isInstanceOf(NodeKey.KeyException.class)
        .hasMessageStartingWith(file + ": not an Ed25519 private key");
  }

  @Test
  void anOversizedKeyFileIsRefusedWithoutReadingItAll() throws IOException {
    Path file = dir.resolve(NodeKey.PRIVATE_FILE);
    Files.writeString(file, "#".repeat(NodeKey.MAX_KEY_FILE_BYTES + 1));

    assertThatThrownBy(() -> NodeKey.load(dir))
        .isInstanceOf(NodeKey.KeyException.class)
        .hasMessage(file + ": cannot read: larger than " + NodeKey.MAX_KEY_FILE_BYTES + " bytes");
  }

  @Test
  void thePartnerKeyFileNamesTheOrganisationAndTheFingerprint() throws IOException {
    NodeKey key = NodeKey.generate(seeded(11));
    Path file = dir.resolve("nsb.pub");

    key.exportPublicKey(file, ORG_A);

    String text = Files.readString(file);
    assertThat(text).contains("# organisation: " + ORG_A + "\n")
        .contains("# fingerprint: " + key.fingerprint() + "\n")
        .endsWith(key.publicKeyPem());
    assertThat(TrustedKeys.read(file).organisation()).isEqualTo(ORG_A);
    assertThatThrownBy(() -> key.partnerKeyFile("identity--NOT-A-UUID"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("identity id");
  }
}
