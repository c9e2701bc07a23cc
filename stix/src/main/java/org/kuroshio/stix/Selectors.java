package org.kuroshio.stix;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Granular-marking selectors: syntax check and resolution against an object. */
final class Selectors {
  private Selectors() {}

  /**
   * Returns the node a selector points at, or null when the selector is malformed or names
   * something absent. Syntax: {@code name(.name|.[index])*} or {@code id}, where a top-level name
   * has 3-249 characters of {@code [a-z0-9_-]}.
   */
  static @Nullable JsonNode resolve(JsonNode object, String selector) {
    if (selector.isEmpty()) {
      return null;
    }
    JsonNode cur = object;
    int i = 0;
    int n = selector.length();
    boolean first = true;
    while (i <= n) {
      int dot = selector.indexOf('.', i);
      int end = dot < 0 ? n : dot;
      String part = selector.substring(i, end);
      if (part.isEmpty()) {
        return null;
      }
      if (part.charAt(0) == '[') {
        if (first || part.length() < 3 || part.charAt(part.length() - 1) != ']'
            || !cur.isArray()) {
          return null;
        }
        int idx = parseIndex(part, 1, part.length() - 1);
        if (idx < 0 || idx >= cur.size()) {
          return null;
        }
        cur = cur.get(idx);
      } else {
        if (!isName(part, first) || !cur.isObject()) {
          return null;
        }
        cur = cur.get(part);
        if (cur == null) {
          return null;
        }
      }
      first = false;
      if (dot < 0) {
        break;
      }
      i = dot + 1;
      if (i == n) {
        return null;
      }
    }
    return cur;
  }

  private static int parseIndex(String s, int from, int to) {
    if (to - from > 9) {
      return -1;
    }
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean isName(String part, boolean first) {
    if (first && part.equals("id")) {
      return true;
    }
    int min = first ? 3 : 1;
    int max = first ? 249 : 250;
    if (part.length() < min || part.length() > max) {
      return false;
    }
    for (int k = 0; k < part.length(); k++) {
      char c = part.charAt(k);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }
}
