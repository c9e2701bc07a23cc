package org.kuroshio.stix;

/** Checks of STIX identifiers ({@code type--uuid}) and type names, without regular expressions. */
final class Identifiers {
  private Identifiers() {}

  /** Returns whether {@code id} is {@code <type>--<uuid>} with the given type prefix. */
  static boolean isValid(String id, String type) {
    return id.length() == type.length() + 38 && id.startsWith(type)
        && id.charAt(type.length()) == '-' && id.charAt(type.length() + 1) == '-'
        && isUuid(id, type.length() + 2);
  }

  /** Returns the type prefix of an id ({@code indicator} of {@code indicator--...}) or null. */
  static @org.jspecify.annotations.Nullable String typeOf(String id) {
    int sep = id.indexOf("--");
    if (sep <= 0 || id.length() != sep + 38 || !isUuid(id, sep + 2)) {
      return null;
    }
    String type = id.substring(0, sep);
    return isTypeName(type) ? type : null;
  }

  /** Returns whether {@code s} has a UUID (versions 1-5, RFC 4122 variant) at {@code at}. */
  static boolean isUuid(String s, int at) {
    if (s.length() - at != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(at + i);
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') {
          return false;
        }
      } else if (!isHex(c)) {
        return false;
      }
    }
    char version = s.charAt(at + 14);
    char variant = s.charAt(at + 19);
    return version >= '1' && version <= '5'
        && (variant == '8' || variant == '9' || variant == 'a' || variant == 'b'
            || variant == 'A' || variant == 'B');
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /**
   * Returns whether {@code t} is a legal type name: 3 to 250 characters, {@code [a-z0-9-]},
   * starting with a letter, no doubled hyphen (schema regex {@code ^([a-z][a-z0-9]*)+(-[a-z0-9]+)*\-?$}).
   */
  static boolean isTypeName(String t) {
    int n = t.length();
    if (n < 3 || n > 250) {
      return false;
    }
    char first = t.charAt(0);
    if (first < 'a' || first > 'z') {
      return false;
    }
    char prev = first;
    for (int i = 1; i < n; i++) {
      char c = t.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok || (c == '-' && prev == '-')) {
        return false;
      }
      prev = c;
    }
    return true;
  }
}
