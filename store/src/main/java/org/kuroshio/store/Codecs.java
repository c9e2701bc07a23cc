package org.kuroshio.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
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

  private static final long MIN_KEY_SECOND = -62_167_219_200L; // 0000-01-01T00:00:00Z
  private static final long MAX_KEY_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

  /** Returns the fixed-width version key of an instant: equal instants, equal keys. */
  static String versionKey(Instant t) {
    long s = t.getEpochSecond();
    if (s < MIN_KEY_SECOND || s > MAX_KEY_SECOND) {
      throw new IllegalArgumentException("version timestamp outside years 0000-9999: " + t);
    }
    LocalDateTime d = LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC);
    StringBuilder b = new StringBuilder(30);
    pad(b, d.getYear(), 4).append('-');
    pad(b, d.getMonthValue(), 2).append('-');
    pad(b, d.getDayOfMonth(), 2).append('T');
    pad(b, d.getHour(), 2).append(':');
    pad(b, d.getMinute(), 2).append(':');
    pad(b, d.getSecond(), 2).append('.');
    return pad(b, t.getNano(), 9).append('Z').toString();
  }

  private static StringBuilder pad(StringBuilder b, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(digits);
  }

  /**
   * Returns the version key of a STIX timestamp text, or null when the text is not one. Every text
   * the validator accepts ({@link Timestamps#tryParse}) has a key: the common form
   * ({@code YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z}) is keyed without parsing, as the text with its
   * fraction padded to nine digits, and the rare forms validation also accepts (a leap second
   * {@code 23:59:60}, the midnight {@code 24:00:00} ending a day) through the parsed instant.
   */
  static @Nullable String versionKey(String text) {
    String key = plainVersionKey(text);
    if (key != null) {
      return key;
    }
    Optional<Instant> t = Timestamps.tryParse(text);
    if (t.isEmpty()) {
      return null;
    }
    try {
      return versionKey(t.get());
    } catch (IllegalArgumentException e) {
      return null; // 9999-12-31T24:00:00Z: a valid text whose instant falls in year 10000
    }
  }

  /** The key of the common form, on the hot path of every write; null for anything else. */
  private static @Nullable String plainVersionKey(String text) {
    int n = text.length();
    if (n < 20 || n > 30 || n == 21 || text.charAt(n - 1) != 'Z'
        || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0
        || minute > 59 || second < 0 || second > 59
        || day > YearMonth.of(year, month).lengthOfMonth()) {
      return null;
    }
    StringBuilder b = new StringBuilder(30).append(text, 0, 19).append('.');
    if (n > 20) {
      if (text.charAt(19) != '.' || digits(text, 20, n - 21) < 0) {
        return null;
      }
      b.append(text, 20, n - 1);
      for (int i = n - 21; i < 9; i++) {
        b.append('0');
      }
    } else {
      b.append("000000000");
    }
    return b.append('Z').toString();
  }

  /** Returns the value of {@code len} decimal digits at {@code from}, or -1 if any is not one. */
  private static int digits(String s, int from, int len) {
    int v = 0;
    for (int i = from; i < from + len; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** Parses a version key back into its instant. */
  static Instant fromVersionKey(String key) {
    long days = LocalDate.of(digits(key, 0, 4), digits(key, 5, 2), digits(key, 8, 2))
        .toEpochDay();
    long seconds = days * 86_400L + digits(key, 11, 2) * 3600L + digits(key, 14, 2) * 60L
        + digits(key, 17, 2);
    return Instant.ofEpochSecond(seconds, digits(key, 20, 9));
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
