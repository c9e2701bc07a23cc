package org.kuroshio.sharing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A detached Ed25519 signature of a bundle file, kept beside it as {@code <bundle>.sig}, for
 * partners who exchange bundles on removable media.
 *
 * <p>The signature file is one JSON object:
 * <pre>{@code
 * {"format":"kuroshio-bundle-signature-1","algorithm":"Ed25519","signer":"identity--...",
 *  "key":"<fingerprint>","sha256":"<digest of the bundle file>","signature":"<base64>"}
 * }</pre>
 * The signature covers the UTF-8 bytes of {@code format \n signer \n key \n sha256}: a statement
 * that this signer's key vouches for the file with that digest. Signing the digest rather than
 * the file lets both sides stream a bundle of any size in constant memory; the bundle's bytes are
 * exactly those our writer produced, and any change to them changes the digest.
 *
 * <p>{@link #verify} checks, in this order, and refuses with a distinct {@link Problem} at the
 * first failure: the signature file exists, is at most {@value #MAX_SIGNATURE_BYTES} bytes and
 * parses; its signer has a trusted key; that key's fingerprint is the one named; the Ed25519
 * signature of the statement verifies; and the file's digest is the one stated. The signature is
 * checked before the digest, so an edited signature file reads as a bad signature rather than as
 * tampered content, and a forged one is refused without reading the bundle.
 *
 * @param signer the identity id of the signing organisation
 * @param key the fingerprint of the signing key (SHA-256 hex of its DER)
 * @param sha256 the SHA-256 of the bundle file's bytes, lower-case hex
 * @param signature the base64 Ed25519 signature of {@link #statement()}
 */
public record BundleSignature(String signer, String key, String sha256, String signature) {
  /** The value of {@code format}. */
  public static final String FORMAT = "kuroshio-bundle-signature-1";
  /** The value of {@code algorithm}. */
  public static final String ALGORITHM = "Ed25519";
  /** The suffix of the signature file, appended to the bundle's file name. */
  public static final String SUFFIX = ".sig";
  /** The largest signature file read, in bytes. */
  public static final int MAX_SIGNATURE_BYTES = 16 * 1024;

  private static final List<String> FIELDS =
      List.of("format", "algorithm", "signer", "key", "sha256", "signature");
  private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(4).maxDocumentLength(MAX_SIGNATURE_BYTES).build())
          .build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  public BundleSignature {
    Checks.require(SigningFiles.IDENTITY_ID.matcher(signer).matches(),
        "signer must be an identity id (identity--<lower-case uuid>): " + signer);
    Checks.require(SigningFiles.SHA256_HEX.matcher(key).matches(),
        "key must be a fingerprint of 64 lower-case hex digits: " + key);
    Checks.require(SigningFiles.SHA256_HEX.matcher(sha256).matches(),
        "sha256 must be 64 lower-case hex digits: " + sha256);
    Checks.require(signatureBytes(signature) != null,
        "signature must be the base64 of a 64-byte Ed25519 signature");
  }

  private static byte @Nullable [] signatureBytes(String base64) {
    try {
      byte[] bytes = Base64.getDecoder().decode(base64);
      return bytes.length == 64 ? bytes : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Returns the signature file of {@code bundle}: the same name with {@value #SUFFIX} added. */
  public static Path signatureFile(Path bundle) {
    Path name = bundle.getFileName();
    Checks.require(name != null, "a bundle must be a file: " + bundle);
    return bundle.resolveSibling(name + SUFFIX);
  }

  /** Returns the bytes the Ed25519 signature covers: format, signer, key and sha256 by lines. */
  public byte[] statement() {
    return statement(signer, key, sha256);
  }

  private static byte[] statement(String signer, String key, String sha256) {
    return String.join("\n", FORMAT, signer, key, sha256).getBytes(StandardCharsets.UTF_8);
  }

  /** Returns the signature file's text: one JSON object on one line, then a line feed. */
  public String toJson() {
    // Every value was checked against a pattern without quotes or backslashes: nothing to escape.
    return "{\"format\":\"" + FORMAT + "\",\"algorithm\":\"" + ALGORITHM + "\",\"signer\":\""
        + signer + "\",\"key\":\"" + key + "\",\"sha256\":\"" + sha256 + "\",\"signature\":\""
        + signature + "\"}\n";
  }

  /**
   * Signs {@code bundle} as {@code signerOrganisation} with {@code key}, writing
   * {@link #signatureFile} (replaced atomically), and returns the signature. Reads the bundle
   * once, in constant memory.
   *
   * @throws IllegalArgumentException when the organisation is not an identity id
   * @throws SigningFailure when the bundle cannot be read or the signature written
   */
  public static BundleSignature sign(Path bundle, NodeKey key, String signerOrganisation) {
    Checks.require(SigningFiles.IDENTITY_ID.matcher(signerOrganisation).matches(),
        "the signer must be an identity id (identity--<lower-case uuid>): "
            + signerOrganisation);
    Path sigFile = signatureFile(bundle);
    String digest;
    try {
      digest = SigningFiles.sha256(bundle);
    } catch (NoSuchFileException e) {
      throw new SigningFailure(bundle + ": no such file", e);
    } catch (IOException e) {
      throw new SigningFailure(bundle + ": cannot read: " + e.getMessage(), e);
    }
    byte[] raw = key.sign(statement(signerOrganisation, key.fingerprint(), digest));
    BundleSignature sig = new BundleSignature(signerOrganisation, key.fingerprint(), digest,
        Base64.getEncoder().encodeToString(raw));
    try {
      SigningFiles.writeAtomically(sigFile, sig.toJson(), false, true);
    } catch (IOException e) {
      throw new SigningFailure(sigFile + ": cannot write: " + e.getMessage(), e);
    }
    return sig;
  }

  /**
   * Parses a signature file's text.
   *
   * @throws IllegalArgumentException naming what is wrong: bad JSON, a duplicate, missing, extra
   *     or non-string field, another format or algorithm, or a malformed value
   */
  public static BundleSignature parse(String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    Set<String> extra = new TreeSet<>(node.propertyNames());
    extra.removeAll(FIELDS);
    if (!extra.isEmpty()) {
      throw new IllegalArgumentException("unknown field " + String.join(", ", extra));
    }
    Map<String, String> values = new HashMap<>();
    for (String f : FIELDS) {
      JsonNode v = node.get(f);
      if (v == null) {
        throw new IllegalArgumentException("field " + f + " is missing");
      }
      if (!v.isString()) {
        throw new IllegalArgumentException("field " + f + " must be a string");
      }
      values.put(f, v.asString());
    }
    if (!values.get("format").equals(FORMAT)) {
      throw new IllegalArgumentException("format must be " + FORMAT + ", got '"
          + values.get("format") + "'");
    }
    if (!values.get("algorithm").equals(ALGORITHM)) {
      throw new IllegalArgumentException("algorithm must be " + ALGORITHM + ", got '"
          + values.get("algorithm") + "'");
    }
    return new BundleSignature(values.get("signer"), values.get("key"), values.get("sha256"),
        values.get("signature"));
  }

  /**
   * Verifies {@code bundle} against its signature file and {@code trusted}, reading the bundle
   * once in constant memory, and returns the verified signature.
   *
   * @throws VerificationException naming the bundle and the {@link Problem}
   */
  public static BundleSignature verify(Path bundle, TrustedKeys trusted) {
    Path sigFile = signatureFile(bundle);
    String text;
    try {
      text = SigningFiles.readSmall(sigFile, MAX_SIGNATURE_BYTES);
    } catch (NoSuchFileException e) {
      throw new VerificationException(bundle, Problem.MISSING_SIGNATURE,
          "no signature file " + sigFile.getFileName() + " beside it");
    } catch (SigningFiles.TooLarge e) {
      throw new VerificationException(bundle, Problem.MALFORMED_SIGNATURE,
          sigFile.getFileName() + " is " + e.getMessage());
    } catch (IOException e) {
      throw new VerificationException(bundle, Problem.MISSING_SIGNATURE,
          "cannot read " + sigFile.getFileName() + ": " + e.getMessage());
    }
    BundleSignature sig;
    try {
      sig = parse(text);
    } catch (IllegalArgumentException e) {
      throw new VerificationException(bundle, Problem.MALFORMED_SIGNATURE,
          sigFile.getFileName() + ": " + e.getMessage());
    }
    List<TrustedKeys.Key> keys = trusted.forSigner(sig.signer());
    if (keys.isEmpty()) {
      throw new VerificationException(bundle, Problem.UNKNOWN_SIGNER,
          "signed by " + sig.signer() + ", which has no trusted key in "
              + trusted.description());
    }
    TrustedKeys.Key match = keys.stream().filter(k -> k.fingerprint().equals(sig.key()))
        .findFirst().orElseThrow(() -> new VerificationException(bundle, Problem.KEY_MISMATCH,
            "signed with key " + sig.key() + ", but the trusted key"
                + (keys.size() == 1 ? "" : "s") + " of " + sig.signer() + " "
                + (keys.size() == 1 ? "is " : "are ")
                + String.join(", ", keys.stream()
                    .map(k -> k.fingerprint() + " (" + k.source() + ")").toList())));
    byte[] raw = signatureBytes(sig.signature());
    if (raw == null || !NodeKey.verify(match.publicKey(), sig.statement(), raw)) {
      throw new VerificationException(bundle, Problem.BAD_SIGNATURE,
          "the Ed25519 signature in " + sigFile.getFileName() + " does not verify with "
              + sig.signer() + "'s key " + sig.key() + " (" + match.source() + ")");
    }
    String actual;
    try {
      actual = SigningFiles.sha256(bundle);
    } catch (NoSuchFileException e) {
      throw new VerificationException(bundle, Problem.UNREADABLE, "no such file");
    } catch (IOException e) {
      throw new VerificationException(bundle, Problem.UNREADABLE,
          "cannot read: " + e.getMessage());
    }
    if (!actual.equals(sig.sha256())) {
      throw new VerificationException(bundle, Problem.TAMPERED_CONTENT,
          "the file's SHA-256 is " + actual + " but " + sig.signer() + " signed "
              + sig.sha256() + ": the bundle was changed after signing");
    }
    return sig;
  }

  /** Why a bundle was refused. */
  public enum Problem {
    /** The bundle has no signature file beside it (or it cannot be read). */
    MISSING_SIGNATURE("missing signature"),
    /** The signature file is too large, not JSON, or not in our format. */
    MALFORMED_SIGNATURE("malformed signature"),
    /** The signer has no trusted key. */
    UNKNOWN_SIGNER("unknown signer"),
    /** The signer is trusted, but not with the key named in the signature. */
    KEY_MISMATCH("key mismatch"),
    /** The signature does not verify with the signer's trusted key. */
    BAD_SIGNATURE("bad signature"),
    /** The bundle's digest is not the one signed: its bytes changed. */
    TAMPERED_CONTENT("tampered content"),
    /** The bundle itself cannot be read. */
    UNREADABLE("unreadable bundle");

    private final String label;

    Problem(String label) {
      this.label = label;
    }

    /** Returns the short words that open the message, such as {@code tampered content}. */
    public String label() {
      return label;
    }
  }

  /** A bundle was refused; the message reads {@code <bundle>: <problem>: <details>}. */
  public static final class VerificationException extends SharingException {
    private static final long serialVersionUID = 1L;

    private final transient Path bundle;
    private final Problem problem;

    public VerificationException(Path bundle, Problem problem, String details) {
      super(bundle + ": " + problem.label() + ": " + details);
      this.bundle = bundle;
      this.problem = problem;
    }

    /** Returns the refused bundle. */
    public Path bundle() {
      return bundle;
    }

    /** Returns why it was refused. */
    public Problem problem() {
      return problem;
    }
  }

  /** A bundle could not be signed: it cannot be read, or its signature cannot be written. */
  public static final class SigningFailure extends SharingException {
    private static final long serialVersionUID = 1L;

    public SigningFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
