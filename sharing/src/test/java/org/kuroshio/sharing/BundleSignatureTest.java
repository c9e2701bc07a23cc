package org.kuroshio.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kuroshio.sharing.NodeKeyTest.seeded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BundleSignatureTest {
  static final String ORG_A = "identity--00000000-0000-4000-8000-00000000000a";
  static final String ORG_B = "identity--00000000-0000-4000-8000-00000000000b";
  static final String ORG_C = "identity--00000000-0000-4000-8000-00000000000c";

  @TempDir Path dir;

  private final NodeKey keyA = NodeKey.generate(seeded(31));
  private final NodeKey keyB = NodeKey.generate(seeded(32));
  private final NodeKey stranger = NodeKey.generate(seeded(33));
  private TrustedKeys trusted;
  private Path bundle;
  private Path sigFile;

  @BeforeEach
  void setUp() throws IOException {
    trusted = TrustedKeys.of(List.of(new TrustedKeys.Key(ORG_A, keyA.publicKey(), "a.pub"),
        new TrustedKeys.Key(ORG_B, keyB.publicKey(), "b.pub")));
    bundle = dir.resolve("for-ally.json");
    StringBuilder b = new StringBuilder("{\"type\":\"bundle\","
        + "\"id\":\"bundle--00000000-0000-4000-8000-0000000000f1\",\"objects\":[");
    for (int i = 1; i <= 200; i++) {
      b.append(i == 1 ? "" : ",").append("""
          {"type":"identity","spec_version":"2.1","id":"identity--00000000-0000-4000-8000-%012d",\
          "created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z",\
          "name":"Identity %d"}""".formatted(i, i));
    }
    Files.writeString(bundle, b.append("]}\n"));
    sigFile = dir.resolve("for-ally.json.sig");
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private void refused(BundleSignature.Problem problem, String details) {
    refused(() -> BundleSignature.verify(bundle, trusted), problem, details);
  }

  private void refused(ThrowingCallable call, BundleSignature.Problem problem, String details) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(BundleSignature.VerificationException.class, e -> {
          assertThat(e.problem()).isEqualTo(problem);
          assertThat(e.bundle()).isEqualTo(bundle);
        })
        .hasMessageStartingWith(bundle + ": " + problem.label() + ": ")
        .hasMessageContaining(details);
  }

  private String editSignatureField(String field, String value) throws IOException {
    JsonMapper mapper = JsonMapper.builder().build();
    var node = (tools.jackson.databind.node.ObjectNode) mapper.readTree(
        Files.readString(sigFile));
    node.put(field, value);
    String text = mapper.writeValueAsString(node);
    Files.writeString(sigFile, text);
    return text;
  }

  @Test
  void signThenVerifyRoundTrips() throws Exception {
    BundleSignature signed = BundleSignature.sign(bundle, keyA, ORG_A);

    assertThat(BundleSignature.signatureFile(bundle)).isEqualTo(sigFile);
    assertThat(signed.signer()).isEqualTo(ORG_A);
    assertThat(signed.key()).isEqualTo(keyA.fingerprint());
    assertThat(signed.sha256()).isEqualTo(sha256(Files.readAllBytes(bundle)));
    assertThat(Files.readString(sigFile)).isEqualTo(signed.toJson());
    assertThat(BundleSignature.verify(bundle, trusted)).isEqualTo(signed);
  }

  @Test
  void theSignatureFileIsTheDocumentedJsonAndVerifiesWithThePlainJdk() throws Exception {
    BundleSignature.sign(bundle, keyA, ORG_A);

    JsonNode sig = JsonMapper.builder().build().readTree(Files.readString(sigFile));
    assertThat(sig.propertyNames()).containsExactly("format", "algorithm", "signer", "key",
        "sha256", "signature");
    assertThat(sig.get("format").asString()).isEqualTo("kuroshio-bundle-signature-1");
    assertThat(sig.get("algorithm").asString()).isEqualTo("Ed25519");
    String sha = sha256(Files.readAllBytes(bundle));
    String statement = "kuroshio-bundle-signature-1\n" + ORG_A + "\n" + keyA.fingerprint()
        + "\n" + sha;
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(keyA.publicKey());
    verifier.update(statement.getBytes(StandardCharsets.UTF_8));
    assertThat(verifier.verify(Base64.getDecoder().decode(sig.get("signature").asString())))
        .isTrue();
  }

  @Test
  void signingAgainReplacesTheSignature() throws IOException {
    BundleSignature.sign(bundle, keyA, ORG_A);
    Files.writeString(bundle, "{\"type\":\"bundle\",\"id\":\"bundle--x\",\"objects\":[]}");

    BundleSignature again = BundleSignature.sign(bundle, keyA, ORG_A);

    assertThat(BundleSignature.verify(bundle, trusted)).isEqualTo(again);
    assertThat(dir.toFile().list()).containsExactlyInAnyOrder("for-ally.json",
        "for-ally.json.sig");
  }

  @Test
  void oneChangedByteIsTamperedContent() throws IOException {
    BundleSignature.sign(bundle, keyA, ORG_A);
    byte[] bytes = Files.readAllBytes(bundle);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(bundle, bytes);

    refused(BundleSignature.Problem.TAMPERED_CONTENT, "the bundle was changed after signing");
  }

  @Test
  void aTruncatedBundleIsTamperedContent() throws IOException {
    BundleSignature.sign(bundle, keyA, ORG_A);
    byte[] bytes = Files.readAllBytes(bundle);
    Files.write(bundle, java.util.Arrays.copyOf(bytes, bytes.length - 10));

    refused(BundleSignature.Problem.TAMPERED_CONTENT, "but " + ORG_A + " signed ");
  }

  @Test
  void anEmptiedBundleIsTamperedContent() throws IOException {
    BundleSignature.sign(bundle, keyA, ORG_A);
    Files.write(bundle, new byte[0]);

    refused(BundleSignature.Problem.TAMPERED_CONTENT, "the file's SHA-256 is "
        + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void aDigestEditedToMatchATamperedBundleIsABadSignature() throws Exception {
    BundleSignature.sign(bundle, keyA, ORG_A);
    Files.writeString(bundle, "{\"type\":\"bundle\",\"id\":\"bundle--forged\",\"objects\":[]}");
    editSignatureField("sha256", sha256(Files.readAllBytes(bundle)));

    refused(BundleSignature.Problem.BAD_SIGNATURE, "does not verify with " + ORG_A
        + "'s key " + keyA.fingerprint() + " (a.pub)");
  }

  @Test
  void anEditedSignatureValueIsABadSignature() throws IOException {
    BundleSignature signed = BundleSignature.sign(bundle, keyA, ORG_A);
    byte[] raw = Base64.getDecoder().decode(signed.signature());
    raw[5] ^= 0x40;
    editSignatureField("signature", Base64.getEncoder().encodeToString(raw));

    refused(BundleSignature.Problem.BAD_SIGNATURE, "for-ally.json.sig does not verify");
  }

  @Test
  void aSignerUnknownToTheTrustedKeysIsRefused() {
    BundleSignature.sign(bundle, stranger, ORG_C);

    refused(BundleSignature.Problem.UNKNOWN_SIGNER, "signed by " + ORG_C
        + ", which has no trusted key in the trusted keys given");
  }

  @Test
  void aPartnerSigningInAnotherOrganisationsNameIsAKeyMismatch() {
    // B signs with its own key but claims to be A.
    BundleSignature.sign(bundle, keyB, ORG_A);

    refused(BundleSignature.Problem.KEY_MISMATCH, "signed with key " + keyB.fingerprint()
        + ", but the trusted key of " + ORG_A + " is " + keyA.fingerprint() + " (a.pub)");
  }

  @Test
  void aStrangerNamingTheTrustedKeyFingerprintIsABadSignature() throws IOException {
    BundleSignature.sign(bundle, stranger, ORG_A);
    editSignatureField("key", keyA.fingerprint());

    refused(BundleSignature.Problem.BAD_SIGNATURE, "does not verify");
  }

  @Test
  void aKeyFileOfAnotherOrganisationDoesNotVouchForTheSigner() throws IOException {
    // The trusted folder holds B's key labelled as A's: A's own signature no longer matches.
    Path trustedDir = Files.createDirectory(dir.resolve("trusted"));
    keyB.exportPublicKey(trustedDir.resolve("a.pub"), ORG_A);
    BundleSignature.sign(bundle, keyA, ORG_A);

    refused(() -> BundleSignature.verify(bundle, TrustedKeys.load(trustedDir)),
        BundleSignature.Problem.KEY_MISMATCH, "but the trusted key of " + ORG_A + " is "
            + keyB.fingerprint());
  }

  @Test
  void aMissingSignatureFileIsRefused() {
    refused(BundleSignature.Problem.MISSING_SIGNATURE,
        "no signature file for-ally.json.sig beside it");
  }

  @Test
  void malformedSignatureFilesAreRefusedWithTheirProblem() throws IOException {
    BundleSignature signed = BundleSignature.sign(bundle, keyA, ORG_A);
    String good = signed.toJson();

    Files.writeString(sigFile, "not json");
    refused(BundleSignature.Problem.MALFORMED_SIGNATURE, "for-ally.json.sig: not JSON");

    Files.writeString(sigFile, "[]");
    refused(BundleSignature.Problem.MALFORMED_SIGNATURE, "not a JSON object");

    Files.writeString(sigFile, good.replace("}", ",\"signer\":\"" + ORG_A + "\"}"));
    refused(BundleSignature.Problem.MALFORMED_SIGNATURE, "not JSON: Duplicate");

    Files.writeString(sigFile, good.replace("}", ",\"note\":\"x\"}"));
    refused(BundleSignature.Problem.MALFORMED_SIGNATURE, "unknown field note");

    Files.writeString(sigFile, good.replace("\"algorithm\":\"Ed25519\",", ""));
    refused(BundleSignature.Problem.MALFORMED_SIGNATURE, "field algorithm is missing");

    Files.writeString(sigFile, good);
    editSignatureField("algorithm", "RSA");
    refused(BundleSignature.Problem.MALFORMED_SIGNATURE, "algorithm must be Ed25519, got 'RSA'");

    Files.writeString(sigFile, good.replace("kuroshio-bundle-signature-1",
        "kuroshio-bundle-signature-2"));
    refused(BundleSignature.Problem.MALFORMED_SIGNATURE, "format must be");

    Files.writeString(sigFile, good.replace("\"" + ORG_A + "\"", "42"));
    refused(BundleSignature.Problem.MALFORMED_SIGNATURE, "field signer must be a string");

    Files.writeString(sigFile, good);
    editSignatureField("sha256", "ABC");
    refused(BundleSignature.Problem.MALFORMED_SIGNATURE, "sha256 must be 64 lower-case hex");

    Files.writeString(sigFile, good);
    editSignatureField("signature", "AAAA");
    refused(BundleSignature.Problem.MALFORMED_SIGNATURE, "64-byte Ed25519 signature");

    Files.writeString(sigFile, good + " ".repeat(BundleSignature.MAX_SIGNATURE_BYTES));
    refused(BundleSignature.Problem.MALFORMED_SIGNATURE,
        "for-ally.json.sig is larger than 16384 bytes");
  }

  @Test
  void parseAndToJsonRoundTrip() {
    BundleSignature signed = BundleSignature.sign(bundle, keyA, ORG_A);

    assertThat(BundleSignature.parse(signed.toJson())).isEqualTo(signed);
  }

  @Test
  void signChecksItsArguments() {
    assertThatThrownBy(() -> BundleSignature.sign(bundle, keyA, "ACME"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the signer must be an identity id");
    Path missing = dir.resolve("missing.json");
    assertThatThrownBy(() -> BundleSignature.sign(missing, keyA, ORG_A))
        .isInstanceOf(BundleSignature.SigningFailure.class)
        .hasMessage(missing + ": no such file");
    assertThat(dir.resolve("missing.json.sig")).doesNotExist();
  }
}
