package org.kuroshio.sharing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.util.Set;

/**
 * The node's Ed25519 key pair, which signs the bundles it exports for partners without a network
 * link.
 *
 * <p>On disk it is two files in the node's key folder ({@code <data>/keys}):
 * {@value #PRIVATE_FILE}, the private key as PKCS#8 PEM readable by its owner only (where the file
 * system has POSIX permissions), and {@value #PUBLIC_FILE}, the public key as X.509
 * SubjectPublicKeyInfo PEM. A key is named by its fingerprint: the SHA-256, in lower-case hex, of
 * the public key's DER encoding.
 */
public final class NodeKey {
  /** The private key file in the key folder. */
  public static final String PRIVATE_FILE = "node-ed25519.pem";
  /** The public key file in the key folder. */
  public static final String PUBLIC_FILE = "node-ed25519.pub";
  /** The largest key file read, in bytes. */
  public static final int MAX_KEY_FILE_BYTES = 16 * 1024;

  /** The comment line naming the organisation in a public key file given to partners. */
  static final String ORGANISATION_HEADER = "organisation";
  /** The comment line stating the fingerprint in a public key file given to partners. */
  static final String FINGERPRINT_HEADER = "fingerprint";

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String fingerprint;

  private NodeKey(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.fingerprint = fingerprint(publicKey);
  }

  /** Creates a new key pair from {@code random}. */
  public static NodeKey generate(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, random);
      KeyPair pair = generator.generateKeyPair();
      return new NodeKey(pair.getPrivate(), pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK since 15 has Ed25519", e);
    }
  }

  /**
   * Loads the key pair from {@code keysDir}, creating the folder and a new pair on first use.
   *
   * @throws KeyException when a key file cannot be read, parsed or written
   */
  public static NodeKey loadOrCreate(Path keysDir, SecureRandom random) {
    Path privateFile = keysDir.resolve(PRIVATE_FILE);
    if (!Files.exists(privateFile)) {
      NodeKey fresh = generate(random);
      boolean created;
      try {
        createFolder(keysDir);
        // When another process created a pair meanwhile, its pair wins and is loaded below.
        created = SigningFiles.writeAtomically(privateFile, fresh.privateKeyPem(), true, false);
      } catch (IOException e) {
        throw new KeyException(privateFile, "cannot create the node key: " + e.getMessage(), e);
      }
      if (created) {
        writePublic(keysDir.resolve(PUBLIC_FILE), fresh);
        return fresh;
      }
    }
    return load(keysDir);
  }

  /**
   * Loads the key pair from {@code keysDir}; writes {@value #PUBLIC_FILE} again when it is
   * missing, since the private key determines it.
   *
   * @throws KeyException when the private key is missing or a file is unreadable, broken, or
   *     the public key file does not belong to the private key
   */
  public static NodeKey load(Path keysDir) {
    Path privateFile = keysDir.resolve(PRIVATE_FILE);
    Path publicFile = keysDir.resolve(PUBLIC_FILE);
    PrivateKey privateKey;
    try {
      privateKey = SigningPem.privateKey(readBlock(privateFile, SigningPem.PRIVATE).der());
    } catch (IllegalArgumentException e) {
      throw new KeyException(privateFile, e.getMessage(), e);
    }
    if (Files.exists(publicFile)) {
      NodeKey key = new NodeKey(privateKey,
          publicKey(readBlock(publicFile, SigningPem.PUBLIC).der(), publicFile));
      if (!key.verifies(privateKey)) {
        throw new KeyException(publicFile, "this public key (fingerprint " + key.fingerprint
            + ") does not belong to the private key in " + PRIVATE_FILE
            + "; remove it to have it written again");
      }
      return key;
    }
    NodeKey key = new NodeKey(privateKey, derivePublic(privateKey, privateFile));
    writePublic(publicFile, key);
    return key;
  }

  private static void writePublic(Path publicFile, NodeKey key) {
    try {
      SigningFiles.writeAtomically(publicFile, key.publicKeyPem(), false, true);
    } catch (IOException e) {
      throw new KeyException(publicFile, "cannot write the public key: " + e.getMessage(), e);
    }
  }

  private static void createFolder(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (SigningFiles.posix()) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
  }

  /**
   * Derives the public key from the private one: Ed25519's key generator turns 32 random bytes
   * into the pair, and the private key is those 32 bytes, so feeding them back yields the pair.
   */
  private static PublicKey derivePublic(PrivateKey privateKey, Path file) {
    byte[] seed = ((EdECPrivateKey) privateKey).getBytes()
        .orElseThrow(() -> new KeyException(file, "the private key hides its bytes"));
    SecureRandom replay = new SecureRandom() {
      private static final long serialVersionUID = 1L;

      @Override
      public void nextBytes(byte[] bytes) {
        System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
      }
    };
    NodeKey pair = generate(replay);
    if (!pair.verifies(privateKey)) {
      throw new KeyException(file, "cannot derive the public key from this private key");
    }
    return pair.publicKey;
  }

  /** Returns whether a signature made with {@code other} verifies under this public key. */
  private boolean verifies(PrivateKey other) {
    byte[] probe = "kuroshio node key probe".getBytes(StandardCharsets.UTF_8);
    return verify(publicKey, probe, sign(other, probe));
  }

  static SigningPem.Block readBlock(Path file, String label) {
    String text;
    try {
      text = SigningFiles.readSmall(file, MAX_KEY_FILE_BYTES);
    } catch (NoSuchFileException e) {
      throw new KeyException(file, "no such file");
    } catch (IOException e) {
      throw new KeyException(file, "cannot read: " + e.getMessage(), e);
    }
    try {
      return SigningPem.decode(text, label, Set.of(ORGANISATION_HEADER, FINGERPRINT_HEADER));
    } catch (IllegalArgumentException e) {
      throw new KeyException(file, e.getMessage(), e);
    }
  }

  static PublicKey publicKey(byte[] der, Path file) {
    try {
      return SigningPem.publicKey(der);
    } catch (IllegalArgumentException e) {
      throw new KeyException(file, e.getMessage(), e);
    }
  }

  /** Returns the public key. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /** Returns the fingerprint: SHA-256 of the public key's DER, in lower-case hex. */
  public String fingerprint() {
    return fingerprint;
  }

  /** Returns the public key as X.509 SubjectPublicKeyInfo PEM. */
  public String publicKeyPem() {
    return SigningPem.encode(SigningPem.PUBLIC, publicKey.getEncoded());
  }

  /**
   * Returns the text of the public key file to give to partners: comment lines naming
   * {@code organisation} (the signer the partner will trust this key for) and the fingerprint
   * (to compare over another channel), then the PEM block. {@link TrustedKeys} reads it.
   */
  public String partnerKeyFile(String organisation) {
    Checks.require(SigningFiles.IDENTITY_ID.matcher(organisation).matches(),
        "organisation must be an identity id (identity--<lower-case uuid>): " + organisation);
    return "# Kuroshio node public key (Ed25519)\n"
        + "# " + ORGANISATION_HEADER + ": " + organisation + "\n"
        + "# " + FINGERPRINT_HEADER + ": " + fingerprint + "\n"
        + publicKeyPem();
  }

  /**
   * Writes {@link #partnerKeyFile} to {@code file}, replacing it.
   *
   * @throws KeyException when it cannot be written
   */
  public void exportPublicKey(Path file, String organisation) {
    String text = partnerKeyFile(organisation);
    try {
      SigningFiles.writeAtomically(file, text, false, true);
    } catch (IOException e) {
      throw new KeyException(file, "cannot write: " + e.getMessage(), e);
    }
  }

  String privateKeyPem() {
    return SigningPem.encode(SigningPem.PRIVATE, privateKey.getEncoded());
  }

  /** Signs {@code message} with the private key. */
  byte[] sign(byte[] message) {
    return sign(privateKey, message);
  }

  private static byte[] sign(PrivateKey key, byte[] message) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key);
      signer.update(message);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /** Returns whether {@code signature} is a valid Ed25519 signature of {@code message}. */
  static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (java.security.SignatureException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 verification failed", e);
    }
  }

  /** Returns the fingerprint of a public key: SHA-256 of its DER, in lower-case hex. */
  public static String fingerprint(PublicKey key) {
    return SigningFiles.sha256(key.getEncoded());
  }

  @Override
  public String toString() {
    return "NodeKey[Ed25519 " + fingerprint + "]";
  }

  /** A key file is missing, unreadable, malformed or cannot be written; names the file. */
  public static final class KeyException extends SharingException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public KeyException(Path file, String problem) {
      super(file + ": " + problem);
      this.file = file;
    }

    public KeyException(Path file, String problem, Throwable cause) {
      super(file + ": " + problem, cause);
      this.file = file;
    }

    /** Returns the key file concerned. */
    public Path file() {
      return file;
    }
  }
}
