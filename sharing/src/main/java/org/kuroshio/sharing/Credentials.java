package org.kuroshio.sharing;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password and token hashing: the node stores only these hashes, never the secrets.
 *
 * <p>Passwords use PBKDF2-HMAC-SHA256 with a 16-byte random salt, encoded as
 * {@code pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>} so the iteration count can rise
 * later without invalidating stored hashes. API tokens are 256-bit random values (base64url);
 * they carry their own entropy, so a fast SHA-256 (hex) is enough to store them. Every comparison
 * of secrets is constant-time.
 */
public final class Credentials {
  /** The prefix of every password hash this class writes. */
  public static final String PASSWORD_SCHEME = "pbkdf2-sha256";

  /** Iterations used by {@link #hashPassword(char[])} (OWASP 2023 figure for PBKDF2-SHA256). */
  public static final int DEFAULT_ITERATIONS = 600_000;

  /** Fewest iterations {@link #hashPassword(char[], int)} accepts. */
  public static final int MIN_ITERATIONS = 1_000;

  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final int TOKEN_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Credentials() {}

  /** Returns a salted PBKDF2 hash of the password with {@link #DEFAULT_ITERATIONS}. */
  public static String hashPassword(char[] password) {
    return hashPassword(password, DEFAULT_ITERATIONS);
  }

  /** Returns a salted PBKDF2 hash of the password with the given iteration count. */
  public static String hashPassword(char[] password, int iterations) {
    Checks.require(password.length > 0, "password must not be empty");
    Checks.require(iterations >= MIN_ITERATIONS, "iterations must be at least " + MIN_ITERATIONS);
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = pbkdf2(password, salt, iterations);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PASSWORD_SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
        + b64.encodeToString(hash);
  }

  /**
   * Returns whether the password matches a {@link #hashPassword} result; false too when the hash
   * is not in that format.
   */
  public static boolean verifyPassword(char[] password, String hash) {
    String[] parts = hash.split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(PASSWORD_SCHEME) || password.length == 0) {
      return false;
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      if (iterations < MIN_ITERATIONS || iterations > 100_000_000) {
        return false;
      }
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      if (salt.length == 0 || expected.length * 8 != HASH_BITS) {
        return false;
      }
      return MessageDigest.isEqual(expected, pbkdf2(password, salt, iterations));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Returns whether the text has the shape of a {@link #hashPassword} result. */
  public static boolean isPasswordHash(String hash) {
    String[] parts = hash.split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(PASSWORD_SCHEME)) {
      return false;
    }
    try {
      return Integer.parseInt(parts[1]) >= MIN_ITERATIONS
          && Base64.getDecoder().decode(parts[2]).length > 0
          && Base64.getDecoder().decode(parts[3]).length * 8 == HASH_BITS;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Returns the stored form of an API token: the SHA-256 of its UTF-8 bytes, lowercase hex. */
  public static String hashToken(String token) {
    Checks.require(!token.isEmpty(), "token must not be empty");
    return HexFormat.of().formatHex(sha256().digest(token.getBytes(StandardCharsets.UTF_8)));
  }

  /** Returns whether a token matches a {@link #hashToken} result, comparing in constant time. */
  public static boolean verifyToken(String token, String tokenHash) {
    if (token.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(
        hashToken(token).getBytes(StandardCharsets.US_ASCII),
        tokenHash.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }

  /** Returns a new API token: 256 random bits, base64url without padding (43 characters). */
  public static String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Returns the UTF-8 bytes of a password, for keyed digests; the caller clears them. */
  static byte[] utf8(char[] password) {
    ByteBuffer buf = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] out = new byte[buf.remaining()];
    buf.get(out);
    if (buf.hasArray()) {
      Arrays.fill(buf.array(), (byte) 0);
    }
    return out;
  }

  private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has PBKDF2WithHmacSHA256", e);
    } finally {
      spec.clearPassword();
    }
  }
}
