package org.kuroshio.maritime.ais;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An NMEA 4.0 / IEC 62320-1 tag block ({@code \s:src,c:1698765432,g:1-2-1234*hh\}) with a
 * verified checksum. Groups are read in both forms: {@code g:1-2-1234} and IEC {@code 1G2:1234}.
 *
 * @param source station ({@code s:}), or null
 * @param time {@code c:} UNIX time (seconds; values of 13+ digits are milliseconds), or null
 * @param groupSentence this line's number in its group (1-based), 0 when there is no group
 * @param groupTotal sentences in the group, 0 when there is no group
 * @param groupId the group id, -1 when there is no group
 */
public record TagBlock(
    @Nullable String source, @Nullable Instant time, int groupSentence, int groupTotal,
    long groupId) {

  /** Whether the block carries a group. */
  public boolean hasGroup() {
    return groupTotal > 0;
  }

  /**
   * Parses the tag block text between the two backslashes.
   *
   * @throws NmeaFormatException naming the failure kind
   */
  public static TagBlock parse(String content) {
    DecodeStats scratch = new DecodeStats();
    TagBlock t = tryParse(content, 0, content.length(), scratch);
    if (t == null) {
      throw new NmeaFormatException(
          scratch.count(DecodeStats.Kind.BAD_CHECKSUM) > 0
              ? DecodeStats.Kind.BAD_CHECKSUM : DecodeStats.Kind.MALFORMED, content);
    }
    return t;
  }

  /**
   * Parses {@code line[start, end)}, the text between the backslashes; on failure counts the kind
   * in {@code stats} and returns null.
   */
  static @Nullable TagBlock tryParse(String line, int start, int end, DecodeStats stats) {
    int star = end - 3;
    if (star < start || line.charAt(star) != '*') {
      stats.error(DecodeStats.Kind.MALFORMED);
      return null;
    }
    int want = NmeaSentence.hex2(line, star + 1);
    if (want < 0) {
      stats.error(DecodeStats.Kind.MALFORMED);
      return null;
    }
    int sum = 0;
    for (int i = start; i < star; i++) {
      sum ^= line.charAt(i);
    }
    if (sum != want) {
      stats.error(DecodeStats.Kind.BAD_CHECKSUM);
      return null;
    }
    String source = null;
    Instant time = null;
    int gs = 0;
    int gt = 0;
    long gid = -1;
    int p = start;
    while (p < star) {
      // one scan of the field: its end (the next comma or the '*') and its first colon
      int comma = p;
      int colon = -1;
      for (; comma < star; comma++) {
        char ch = line.charAt(comma);
        if (ch == ',') {
          break;
        }
        if (ch == ':' && colon < 0) {
          colon = comma;
        }
      }
      if (colon <= p) {
        stats.error(DecodeStats.Kind.MALFORMED);
        return null;
      }
      int vs = colon + 1;
      if (colon == p + 1) {
        char key = line.charAt(p);
        if (key == 's') {
          source = line.substring(vs, comma);
        } else if (key == 'c') {
          long v = longValue(line, vs, comma);
          if (v < 0) {
            stats.error(DecodeStats.Kind.MALFORMED);
            return null;
          }
          time = comma - vs >= 13 ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v);
        } else if (key == 'g') {
          // n-m-id
          int d1 = indexOf(line, '-', vs, comma);
          int d2 = d1 < 0 ? -1 : indexOf(line, '-', d1 + 1, comma);
          if (d2 < 0) {
            stats.error(DecodeStats.Kind.MALFORMED);
            return null;
          }
          gs = NmeaSentence.smallInt(line, vs, d1);
          gt = NmeaSentence.smallInt(line, d1 + 1, d2);
          gid = longValue(line, d2 + 1, comma);
          if (gs < 1 || gt < 1 || gs > gt || gid < 0) {
            stats.error(DecodeStats.Kind.MALFORMED);
            return null;
          }
        }
      } else {
        // IEC 62320-1 form "1G2:id"
        int g = indexOf(line, 'G', p, colon);
        if (g > p) {
          gs = NmeaSentence.smallInt(line, p, g);
          gt = NmeaSentence.smallInt(line, g + 1, colon);
          gid = longValue(line, vs, comma);
          if (gs < 1 || gt < 1 || gs > gt || gid < 0) {
            stats.error(DecodeStats.Kind.MALFORMED);
            return null;
          }
        }
      }
      p = comma + 1;
    }
    return new TagBlock(source, time, gs, gt, gid);
  }

  /** Index of {@code c} in {@code s[from, to)}, or -1. */
  private static int indexOf(String s, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  /** Non-negative decimal of 1-18 digits, or -1. */
  private static long longValue(String s, int from, int to) {
    if (to <= from || to - from > 18) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }
}
