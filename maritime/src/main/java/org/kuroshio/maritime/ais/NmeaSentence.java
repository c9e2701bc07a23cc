package org.kuroshio.maritime.ais;

import org.jspecify.annotations.Nullable;

/**
 * One parsed, checksum-verified {@code !xxVDM} / {@code !xxVDO} sentence; the payload stays in the
 * line as start/end indices.
 *
 * <p>Parsing is one pass of index arithmetic over the line: no regex, no split, no allocation but
 * the result object.
 */
public final class NmeaSentence {

  /** Largest fragment count accepted (NMEA allows 1-9). */
  public static final int MAX_FRAGMENTS = 9;

  private final String line;
  private final char talker0;
  private final char talker1;
  private final boolean own;
  private final int fragmentCount;
  private final int fragmentNumber;
  private final int sequenceId;
  private final char channel;
  private final int payloadStart;
  private final int payloadEnd;
  private final int fillBits;

  private NmeaSentence(String line, char talker0, char talker1, boolean own, int fragmentCount,
      int fragmentNumber, int sequenceId, char channel, int payloadStart, int payloadEnd,
      int fillBits) {
    this.line = line;
    this.talker0 = talker0;
    this.talker1 = talker1;
    this.own = own;
    this.fragmentCount = fragmentCount;
    this.fragmentNumber = fragmentNumber;
    this.sequenceId = sequenceId;
    this.channel = channel;
    this.payloadStart = payloadStart;
    this.payloadEnd = payloadEnd;
    this.fillBits = fillBits;
  }

  /**
   * Parses a whole line holding one sentence (no tag block).
   *
   * @throws NmeaFormatException naming the failure kind
   */
  public static NmeaSentence parse(String line) {
    DecodeStats scratch = new DecodeStats();
    NmeaSentence s = tryParse(line, 0, line.length(), scratch);
    if (s == null) {
      for (DecodeStats.Kind k : DecodeStats.Kind.values()) {
        if (scratch.count(k) > 0) {
          throw new NmeaFormatException(k, line);
        }
      }
      throw new NmeaFormatException(DecodeStats.Kind.MALFORMED, line);
    }
    return s;
  }

  /**
   * Parses {@code line[start, end)} (from the {@code !}); on failure counts the kind in
   * {@code stats} and returns null. Trailing whitespace is allowed.
   */
  static @Nullable NmeaSentence tryParse(String line, int start, int end, DecodeStats stats) {
    while (end > start && line.charAt(end - 1) <= ' ') {
      end--;
    }
    // "!AIVDM,1,1,,A,,0*hh" is the shortest form: 19 chars
    if (end - start < 17 || line.charAt(start) != '!') {
      stats.error(DecodeStats.Kind.MALFORMED);
      return null;
    }
    int star = end - 3;
    if (line.charAt(star) != '*') {
      stats.error(DecodeStats.Kind.MALFORMED);
      return null;
    }
    int want = hex2(line, star + 1);
    if (want < 0) {
      stats.error(DecodeStats.Kind.MALFORMED);
      return null;
    }
    // one pass: the checksum, the first five commas after the address field, and whether the
    // payload field (after the fourth) holds a character outside the armouring
    int sum = 0;
    int head = Math.min(start + 7, star);
    for (int i = start + 1; i < head; i++) {
      sum ^= line.charAt(i);
    }
    // the four commas of the short fields, the payload (checked against the armouring by OR-ing
    // the table values: negative when one is invalid), then the fifth comma
    int c1 = -1;
    int c2 = -1;
    int c3 = -1;
    int c4 = -1;
    int c5 = -1;
    int i = head;
    int found = 0;
    while (i < star && found < 4) {
      char ch = line.charAt(i);
      sum ^= ch;
      if (ch == ',') {
        found++;
        if (found == 1) {
          c1 = i;
        } else if (found == 2) {
          c2 = i;
        } else if (found == 3) {
          c3 = i;
        } else {
          c4 = i;
        }
      }
      i++;
    }
    int check = 0;
    while (i < star) {
      char ch = line.charAt(i);
      sum ^= ch;
      if (ch == ',') {
        c5 = i++;
        break;
      }
      check |= SixBit.value(ch);
      i++;
    }
    while (i < star) {
      sum ^= line.charAt(i++);
    }
    boolean badPayload = check < 0;
    if (sum != want) {
      stats.error(DecodeStats.Kind.BAD_CHECKSUM);
      return null;
    }
    char t0 = line.charAt(start + 1);
    char t1 = line.charAt(start + 2);
    if (line.charAt(start + 3) != 'V' || line.charAt(start + 4) != 'D'
        || line.charAt(start + 6) != ',' || t0 == ',' || t1 == ',') {
      stats.error(DecodeStats.Kind.UNSUPPORTED_SENTENCE);
      return null;
    }
    char mo = line.charAt(start + 5);
    if (mo != 'M' && mo != 'O') {
      stats.error(DecodeStats.Kind.UNSUPPORTED_SENTENCE);
      return null;
    }
    // field 1: fragment count
    int p = start + 7;
    if (c1 < 0) {
      stats.error(DecodeStats.Kind.MALFORMED);
      return null;
    }
    int count = smallInt(line, p, c1);
    if (c2 < 0) {
      stats.error(DecodeStats.Kind.MALFORMED);
      return null;
    }
    int number = smallInt(line, c1 + 1, c2);
    if (c3 < 0) {
      stats.error(DecodeStats.Kind.MALFORMED);
      return null;
    }
    int seq = -1;
    if (c3 > c2 + 1) {
      seq = smallInt(line, c2 + 1, c3);
      if (seq < 0) {
        stats.error(DecodeStats.Kind.MALFORMED);
        return null;
      }
    }
    if (c4 < 0 || c4 > c3 + 2) {
      stats.error(DecodeStats.Kind.MALFORMED);
      return null;
    }
    char channel = c4 == c3 + 2 ? line.charAt(c3 + 1) : AisPayload.NO_CHANNEL;
    // fill bits: exactly one digit between c5 and '*'
    if (c5 < 0 || c5 != star - 2) {
      stats.error(DecodeStats.Kind.MALFORMED);
      return null;
    }
    int fill = line.charAt(star - 1) - '0';
    if (fill < 0 || fill > 5) {
      stats.error(DecodeStats.Kind.MALFORMED);
      return null;
    }
    if (count < 1 || count > MAX_FRAGMENTS || number < 1 || number > count) {
      stats.error(count == -2 || number == -2
          ? DecodeStats.Kind.MALFORMED : DecodeStats.Kind.BAD_FRAGMENT);
      return null;
    }
    if (c5 == c4 + 1) {
      stats.error(DecodeStats.Kind.EMPTY_PAYLOAD);
      return null;
    }
    if (badPayload) {
      stats.error(DecodeStats.Kind.MALFORMED);
      return null;
    }
    return new NmeaSentence(line, t0, t1, mo == 'O', count, number, seq, channel, c4 + 1, c5, fill);
  }

  /** Two hex digits (either case) at {@code i}, or -1. */
  static int hex2(String s, int i) {
    int h = hex(s.charAt(i));
    int l = hex(s.charAt(i + 1));
    return h < 0 || l < 0 ? -1 : (h << 4) | l;
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  /** Non-negative decimal of at most 6 digits in {@code s[from, to)}; -2 if not digits/empty. */
  static int smallInt(String s, int from, int to) {
    if (to <= from || to - from > 6) {
      return -2;
    }
    int v = 0;
    for (int i = from; i < to; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -2;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** The line this sentence was parsed from. */
  public String line() {
    return line;
  }

  /** Talker id, two characters (AI, AB, BS, SA, {@code --}, ...). */
  public String talker() {
    return new String(new char[] {talker0, talker1});
  }

  char talker0() {
    return talker0;
  }

  char talker1() {
    return talker1;
  }

  /** True for VDO (own ship), false for VDM. */
  public boolean own() {
    return own;
  }

  /** Number of fragments of the message (1-9). */
  public int fragmentCount() {
    return fragmentCount;
  }

  /** This fragment's number, 1-based. */
  public int fragmentNumber() {
    return fragmentNumber;
  }

  /** Sequential message id, or -1 when the field is empty. */
  public int sequenceId() {
    return sequenceId;
  }

  /** Radio channel character, or {@link AisPayload#NO_CHANNEL} when empty. */
  public char channel() {
    return channel;
  }

  /** Index of the first payload character in {@link #line()}. */
  public int payloadStart() {
    return payloadStart;
  }

  /** Index after the last payload character in {@link #line()}. */
  public int payloadEnd() {
    return payloadEnd;
  }

  /** The armoured payload text (a copy). */
  public String payload() {
    return line.substring(payloadStart, payloadEnd);
  }

  /** Fill bits (0-5). */
  public int fillBits() {
    return fillBits;
  }

  @Override
  public String toString() {
    return line.substring(0, Math.min(line.length(), payloadEnd + 5));
  }
}
