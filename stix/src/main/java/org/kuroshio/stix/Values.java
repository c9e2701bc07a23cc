package org.kuroshio.stix;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Checks of property value formats, written without regular expressions for speed. */
final class Values {
  private Values() {}

  static boolean isHex(String s) {
    if (s.isEmpty() || (s.length() & 1) != 0) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isHexChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHexChar(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Returns whether {@code s} is padded standard base64 (RFC 4648 section 4). */
  static boolean isBase64(String s) {
    int n = s.length();
    if (n == 0 || n % 4 != 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '+' || c == '/';
      if (!ok) {
        if (c == '=' && (i == n - 1 || (i == n - 2 && s.charAt(n - 1) == '='))) {
          continue;
        }
        return false;
      }
    }
    return true;
  }

  static boolean isInteger(JsonNode v) {
    if (v.isIntegralNumber()) {
      return true;
    }
    if (v.isNumber()) {
      double d = v.doubleValue();
      return !Double.isInfinite(d) && d == Math.rint(d);
    }
    return false;
  }

  static boolean isDictionaryKey(String k) {
    if (k.length() > 250) {
      return false;
    }
    for (int i = 0; i < k.length(); i++) {
      char c = k.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** Returns whether {@code s} looks like an absolute URI: a scheme, a colon, then something. */
  static boolean isUrl(String s) {
    int colon = s.indexOf(':');
    if (colon < 1 || colon == s.length() - 1) {
      return false;
    }
    char c0 = s.charAt(0);
    if (!((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z'))) {
      return false;
    }
    for (int i = 1; i < colon; i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '+' || c == '-' || c == '.')) {
        return false;
      }
    }
    for (int i = colon + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`'
          || c == '{' || c == '|' || c == '}' || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns whether a hash value fits its algorithm, or empty when the algorithm is not one of the
   * hashing-algorithm vocabulary.
   */
  static Optional<Boolean> hashMatches(String algo, String value) {
    return switch (algo) {
      case "MD5" -> Optional.of(hexOfLength(value, 32));
      case "SHA-1" -> Optional.of(hexOfLength(value, 40));
      case "SHA-256", "SHA3-256" -> Optional.of(hexOfLength(value, 64));
      case "SHA-512", "SHA3-512" -> Optional.of(hexOfLength(value, 128));
      case "SSDEEP" -> Optional.of(isSsdeep(value));
      case "TLSH" -> Optional.of(isTlsh(value));
      default -> Optional.empty();
    };
  }

  private static boolean hexOfLength(String s, int n) {
    if (s.length() != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (!isHexChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSsdeep(String s) {
    if (s.isEmpty() || s.length() > 128) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '/' || c == '+' || c == ':' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isTlsh(String s) {
    if (s.length() != 70) {
      return false;
    }
    for (int i = 0; i < 70; i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }
}
