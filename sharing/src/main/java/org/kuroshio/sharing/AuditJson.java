package org.kuroshio.sharing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The canonical JSON of an audit entry and the chain hash over it: the one place that fixes both
 * (docs/SHARING.md, "Audit").
 *
 * <p>An entry is written as one JSON object with no whitespace and its members in this order:
 * {@code seq} (number), {@code at} (UTC, {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ}), {@code user},
 * {@code organisation}, {@code action}, {@code collection} (string or {@code null}),
 * {@code agreements} (the distinct agreements of the items, in order of first use) and
 * {@code items}: one array per released version, in the entry's order, holding
 * {@code [id, version, reason, agreement]} where agreement is the position of the item's
 * agreement in {@code agreements} (from 0) or {@code null}. Strings escape {@code "} and
 * {@code \} with a backslash, and control characters (below U+0020) and unpaired surrogates as
 * {@code \}{@code u} with four lower-case hex digits; everything else is literal. The hash of
 * entry {@code n} is SHA-256 over the UTF-8 bytes of the lower-case hex hash of entry {@code n-1}
 * (64 zeros for the first), a line feed, and the entry's canonical JSON.
 *
 * <p>The {@code agreements} and {@code items} arrays are also what the log stores, so an append
 * encodes the items once, and naming each agreement once keeps a 1,000-item entry near 100 kB.
 */
final class AuditJson {
  /** The hash before the first entry. */
  static final String ZERO_HASH = "0".repeat(64);

  /** Earliest instant an entry may carry (four-digit years keep the text fixed-width). */
  static final Instant MIN_AT = Instant.parse("0001-01-01T00:00:00Z");

  /** Latest instant an entry may carry. */
  static final Instant MAX_AT = Instant.parse("9999-12-31T23:59:59.999999Z");

  private static final DateTimeFormatter AT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] END = "}".getBytes(StandardCharsets.UTF_8);

  /**
   * An entry's items in canonical form.
   *
   * @param agreements the JSON array of distinct agreements
   * @param items the JSON array of items
   * @param agreementIds the distinct agreements
   */
  record Encoded(String agreements, String items, List<String> agreementIds) {}

  private AuditJson() {}

  /** Returns microseconds since the epoch, truncating finer digits. */
  static long micros(Instant at) {
    return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
  }

  /** Returns the instant of a count of microseconds since the epoch. */
  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  /** Returns the canonical agreements and items arrays of an entry's items. */
  static Encoded encode(List<AuditEntry.Item> items) {
    Map<String, Integer> agreements = new LinkedHashMap<>();
    @Nullable String lastAgreement = null;
    int lastIndex = 0;
    StringBuilder b = new StringBuilder(items.size() * 96 + 2);
    b.append('[');
    for (int i = 0; i < items.size(); i++) {
      AuditEntry.Item item = items.get(i);
      b.append(i == 0 ? "[" : ",[");
      string(b, item.id());
      b.append(',');
      string(b, item.version());
      b.append(',');
      string(b, item.reason());
      b.append(',');
      String agreement = item.agreement();
      if (agreement == null) {
        b.append("null");
      } else {
        if (!agreement.equals(lastAgreement)) {
          Integer index = agreements.get(agreement);
          if (index == null) {
            index = agreements.size();
            agreements.put(agreement, index);
          }
          lastAgreement = agreement;
          lastIndex = index;
        }
        b.append(lastIndex);
      }
      b.append(']');
    }
    b.append(']');
    StringBuilder a = new StringBuilder(agreements.size() * 64 + 2).append('[');
    for (String agreement : agreements.keySet()) {
      if (a.length() > 1) {
        a.append(',');
      }
      string(a, agreement);
    }
    return new Encoded(a.append(']').toString(), b.toString(),
        List.copyOf(agreements.keySet()));
  }

  /** Returns the canonical JSON of an entry, given its arrays from {@link #encode}. */
  static String entry(long seq, long atMicros, String user, String organisation, String action,
      @Nullable String collection, String agreements, String items) {
    return head(seq, atMicros, user, organisation, action, collection) + agreements
        + ",\"items\":" + items + "}";
  }

  /**
   * Returns the chain hash of an entry (lower-case hex).
   *
   * @param prevHash the previous entry's hash
   * @param agreements the entry's agreements array, as {@link #encode} wrote it
   * @param items the entry's items array, as {@link #encode} wrote it
   */
  static String hash(String prevHash, long seq, long atMicros, String user, String organisation,
      String action, @Nullable String collection, String agreements, String items) {
    MessageDigest sha = sha256();
    sha.update((prevHash + "\n" + head(seq, atMicros, user, organisation, action, collection)
        + agreements + ",\"items\":").getBytes(StandardCharsets.UTF_8));
    sha.update(items.getBytes(StandardCharsets.UTF_8));
    sha.update(END);
    return HEX.formatHex(sha.digest());
  }

  /**
   * Reads the items of an entry from its arrays as {@link #encode} wrote them.
   *
   * @throws IllegalArgumentException when the texts are not such arrays
   */
  static List<AuditEntry.Item> decode(String agreements, String items) {
    return new Reader(items).items(new Reader(agreements).strings());
  }

  private static String head(long seq, long atMicros, String user, String organisation,
      String action, @Nullable String collection) {
    StringBuilder b = new StringBuilder(200);
    b.append("{\"seq\":").append(seq).append(",\"at\":\"")
        .append(AT.format(instant(atMicros))).append("\",\"user\":");
    string(b, user);
    b.append(",\"organisation\":");
    string(b, organisation);
    b.append(",\"action\":");
    string(b, action);
    b.append(",\"collection\":");
    nullable(b, collection);
    return b.append(",\"agreements\":").toString();
  }

  private static void nullable(StringBuilder b, @Nullable String s) {
    if (s == null) {
      b.append("null");
    } else {
      string(b, s);
    }
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    int n = s.length();
    int plain = 0;
    while (plain < n && plain(s.charAt(plain))) {
      plain++;
    }
    if (plain == n) {
      b.append(s).append('"');
      return;
    }
    b.append(s, 0, plain);
    for (int i = plain; i < n; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        unicodeEscape(b, c);
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          b.append(c).append(s.charAt(++i));
        } else {
          unicodeEscape(b, c);
        }
      } else {
        b.append(c);
      }
    }
    b.append('"');
  }

  private static boolean plain(char c) {
    return c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c);
  }

  private static void unicodeEscape(StringBuilder b, char c) {
    b.append("\\u").append(HEX.toHexDigits(c));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /** A strict reader of exactly what {@link #items} writes. */
  private static final class Reader {
    private final String text;
    private int pos;

    Reader(String text) {
      this.text = text;
    }

    List<String> strings() {
      List<String> out = new ArrayList<>();
      expect('[');
      if (peek() != ']') {
        do {
          out.add(string());
        } while (next(','));
      }
      expect(']');
      end();
      return out;
    }

    List<AuditEntry.Item> items(List<String> agreements) {
      List<AuditEntry.Item> out = new ArrayList<>();
      expect('[');
      if (peek() != ']') {
        do {
          expect('[');
          String id = string();
          expect(',');
          String version = string();
          expect(',');
          String reason = string();
          expect(',');
          String agreement = null;
          if (text.startsWith("null", pos)) {
            pos += 4;
          } else {
            int index = index();
            if (index >= agreements.size()) {
              throw fail("agreement " + index + " of " + agreements.size());
            }
            agreement = agreements.get(index);
          }
          expect(']');
          out.add(new AuditEntry.Item(id, version, reason, agreement));
        } while (next(','));
      }
      expect(']');
      end();
      return out;
    }

    private void end() {
      if (pos != text.length()) {
        throw fail("text after the array");
      }
    }

    private int index() {
      int start = pos;
      while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
        pos++;
      }
      if (pos == start || pos - start > 9 || (pos - start > 1 && text.charAt(start) == '0')) {
        throw fail("bad agreement index");
      }
      return Integer.parseInt(text, start, pos, 10);
    }

    private String string() {
      expect('"');
      StringBuilder b = null;
      int start = pos;
      while (true) {
        if (pos >= text.length()) {
          throw fail("unterminated string");
        }
        char c = text.charAt(pos);
        if (c == '"') {
          String s = b == null ? text.substring(start, pos) : b.append(text, start, pos).toString();
          pos++;
          return s;
        }
        if (c == '\\') {
          if (b == null) {
            b = new StringBuilder();
          }
          b.append(text, start, pos);
          if (pos + 1 >= text.length()) {
            throw fail("unterminated escape");
          }
          char e = text.charAt(pos + 1);
          if (e == '"' || e == '\\') {
            b.append(e);
            pos += 2;
          } else if (e == 'u' && pos + 6 <= text.length()) {
            try {
              b.append((char) HexFormat.fromHexDigits(text, pos + 2, pos + 6));
            } catch (IllegalArgumentException ex) {
              throw fail("bad \\u escape");
            }
            pos += 6;
          } else {
            throw fail("bad escape");
          }
          start = pos;
        } else {
          pos++;
        }
      }
    }

    private char peek() {
      if (pos >= text.length()) {
        throw fail("unexpected end");
      }
      return text.charAt(pos);
    }

    private boolean next(char c) {
      if (pos < text.length() && text.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    private void expect(char c) {
      if (!next(c)) {
        throw fail("expected '" + c + "'");
      }
    }

    private IllegalArgumentException fail(String what) {
      return new IllegalArgumentException("unreadable audit items at offset " + pos + ": " + what);
    }
  }
}
