package org.kuroshio.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.Timestamps;

/** Column encodings: microsecond times, version keys, string lists and page cursors. */
final class Codecs {
  private static final String CURSOR_PREFIX = "da1.";
  private static final Pattern CURSOR = Pattern.compile("da1\\.[0-9a-z]{1,13}");

  private Codecs() {}

  /** Returns the instant as whole microseconds since the epoch, rounding down. */
  static long micros(Instant t) {
    return Math.addExact(
        Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  /** Returns the instant of a microsecond count. */
  static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /**
   * Returns the fixed-width version key of an instant (nine fractional digits): equal instants,
   * equal keys, and keys sort as the instants do.
   *
   * @throws IllegalArgumentException for an instant outside years 0000-9999
   */
  static String versionKey(Instant t) {
    try {
      return Timestamps.formatNanos(t);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("version timestamp outside years 0000-9999: " + t, e);
    }
  }

  /**
   * Returns the version key of a STIX timestamp text, or null when the text is not one; it is
   * read by the validator's rules, so every timestamp an object may carry has a key.
   */
  static @Nullable String versionKey(String text) {
    return Timestamps.toNanosText(text).orElse(null);
  }

  /** Parses a version key back into its instant. */
  static Instant fromVersionKey(String key) {
    return Timestamps.parse(key);
  }

  /**
   * Encodes a list of strings in one column: comma-separated, with {@code %} and {@code ,}
   * escaped, so any string round-trips.
   */
  static String encodeList(Collection<String> values) {
    StringBuilder b = new StringBuilder();
    for (String v : values) {
      if (!b.isEmpty()) {
        b.append(',');
      }
      if (v.isEmpty()) {
        b.append("%00");
        continue;
      }
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        switch (c) {
          case '%' -> b.append("%25");
          case ',' -> b.append("%2C");
          default -> b.append(c);
        }
      }
    }
    return b.toString();
  }

  /** Encodes a set in sorted order, so equal sets give equal texts. */
  static String encodeSet(Set<String> values) {
    return encodeList(new TreeSet<>(values));
  }

  /** Decodes {@link #encodeList}. */
  static List<String> decodeList(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    int start = 0;
    while (true) {
      int comma = text.indexOf(',', start);
      String part = comma < 0 ? text.substring(start) : text.substring(start, comma);
      out.add(unescape(part));
      if (comma < 0) {
        return out;
      }
      start = comma + 1;
    }
  }

  private static String unescape(String part) {
    if (part.indexOf('%') < 0) {
      return part;
    }
    if (part.equals("%00")) {
      return "";
    }
    return part.replace("%2C", ",").replace("%25", "%");
  }

  /** Returns the cursor that continues after {@code dateAdded}. */
  static String cursor(long dateAdded) {
    return CURSOR_PREFIX + Long.toString(dateAdded, 36);
  }

  /**
   * Returns the date added a cursor continues after.
   *
   * @throws IllegalArgumentException when the text is not a cursor this store made
   */
  static long fromCursor(String cursor) {
    if (!CURSOR.matcher(cursor).matches()) {
      throw new IllegalArgumentException("not a valid next cursor: " + abbreviate(cursor));
    }
    try {
      return Long.parseLong(cursor.substring(CURSOR_PREFIX.length()), 36);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a valid next cursor: " + abbreviate(cursor), e);
    }
  }

  /** Shortens caller text for an error message. */
  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
