package org.kuroshio.sharing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * PEM text for Ed25519 keys: one {@code -----BEGIN label-----} block of base64 DER, optionally
 * preceded by comment lines {@code # name: value} that carry what the DER cannot (the
 * organisation a partner's key signs for).
 */
final class SigningPem {
  static final String PUBLIC = "PUBLIC KEY";
  static final String PRIVATE = "PRIVATE KEY";

  /** A block's DER bytes and the {@code # name: value} lines above it, names in lower case. */
  record Block(byte[] der, Map<String, String> headers) {
    Block {
      headers = Map.copyOf(headers);
    }
  }

  private SigningPem() {}

  /** Returns the PEM text of {@code der} under {@code label}, lines of 64 characters. */
  static String encode(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  /**
   * Parses text holding exactly one block with {@code label}: comment lines and blank lines may
   * come before it, only blank lines after it. Comment lines {@code # name: value} whose name is
   * in {@code names} become headers (each at most once); other comments are ignored.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static Block decode(String text, String label, Set<String> names) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    Map<String, String> headers = new LinkedHashMap<>();
    StringBuilder base64 = new StringBuilder();
    int state = 0; // 0 before the block, 1 inside, 2 after
    int number = 0;
    for (String raw : text.split("\n", -1)) {
      number++;
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      String trimmed = line.strip();
      switch (state) {
        case 0 -> {
          if (trimmed.isEmpty()) {
            continue;
          }
          if (trimmed.startsWith("#")) {
            header(trimmed, number, names, headers);
          } else if (trimmed.equals(begin)) {
            state = 1;
          } else {
            throw new IllegalArgumentException("line " + number + ": expected '" + begin
                + "' or a '#' comment line");
          }
        }
        case 1 -> {
          if (trimmed.equals(end)) {
            state = 2;
          } else if (!trimmed.matches("[A-Za-z0-9+/=]*")) {
            throw new IllegalArgumentException("line " + number + ": not base64 inside the "
                + label + " block");
          } else {
            base64.append(trimmed);
          }
        }
        default -> {
          if (!trimmed.isEmpty()) {
            throw new IllegalArgumentException("line " + number + ": text after '" + end + "'");
          }
        }
      }
    }
    if (state == 0) {
      throw new IllegalArgumentException("no '" + begin + "' block");
    }
    if (state == 1) {
      throw new IllegalArgumentException("no '" + end + "' line");
    }
    try {
      return new Block(Base64.getDecoder().decode(base64.toString()), headers);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("broken base64 in the " + label + " block", e);
    }
  }

  private static void header(String line, int number, Set<String> names,
      Map<String, String> headers) {
    String content = line.substring(1).strip();
    int colon = content.indexOf(':');
    if (colon <= 0) {
      return; // a free comment
    }
    String name = content.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    if (!names.contains(name)) {
      return;
    }
    if (headers.putIfAbsent(name, content.substring(colon + 1).strip()) != null) {
      throw new IllegalArgumentException("line " + number + ": '# " + name
          + ":' appears twice");
    }
  }

  /**
   * Parses an X.509 SubjectPublicKeyInfo that must hold an Ed25519 key.
   *
   * @throws IllegalArgumentException when it is broken or another kind of key
   */
  static PublicKey publicKey(byte[] der) {
    try {
      PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(
          new X509EncodedKeySpec(der));
      requireEd25519(key);
      return key;
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
    }
  }

  /**
   * Parses a PKCS#8 private key that must hold an Ed25519 key.
   *
   * @throws IllegalArgumentException when it is broken or another kind of key
   */
  static PrivateKey privateKey(byte[] der) {
    try {
      PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(
          new PKCS8EncodedKeySpec(der));
      requireEd25519(key);
      return key;
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
    }
  }

  private static void requireEd25519(java.security.Key key) {
    if (!(key instanceof EdECKey ed)
        || !NamedParameterSpec.ED25519.getName().equalsIgnoreCase(ed.getParams().getName())) {
      throw new IllegalArgumentException("the key is " + key.getAlgorithm() + ", not Ed25519");
    }
  }

}
