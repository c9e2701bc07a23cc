package org.kuroshio.maritime.ais;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The recorded time a raw NMEA line carries, read as {@link AisLineDecoder} reads it. */
public final class AisLineTime {

  private AisLineTime() {}

  /**
   * Returns the time recorded in {@code line}, or null when it has none: the {@code c:} field of
   * a valid tag block, a valid Gatehouse {@code $PGHP,1,...} line (the time of the sentence that
   * follows it), or a 9-10 digit UNIX time as the last field after a sentence's checksum (the
   * USCG/AISHub form). Checksums are verified; bad lines give null and never throw.
   */
  public static @Nullable Instant of(String line) {
    int start = 0;
    int end = line.length();
    while (end > start && line.charAt(end - 1) <= ' ') {
      end--;
    }
    while (start < end && line.charAt(start) <= ' ') {
      start++;
    }
    if (end - start < 8) {
      return null;
    }
    DecodeStats scratch = null;
    char c = line.charAt(start);
    if (c == '\\') {
      int close = line.indexOf('\\', start + 1);
      if (close < 0 || close >= end) {
        return null;
      }
      scratch = new DecodeStats();
      TagBlock tag = TagBlock.tryParse(line, start + 1, close, scratch);
      if (tag != null && tag.time() != null) {
        return tag.time();
      }
      start = close + 1;
      if (start >= end) {
        return null;
      }
      c = line.charAt(start);
    }
    if (c == '$' && GatehouseTimestamp.matches(line, start, end)) {
      int star = end - 3;
      if (line.charAt(star) != '*') {
        return null;
      }
      int want = NmeaSentence.hex2(line, star + 1);
      int sum = 0;
      for (int i = start + 1; i < star; i++) {
        sum ^= line.charAt(i);
      }
      if (want < 0 || sum != want) {
        return null;
      }
      return GatehouseTimestamp.tryParse(line, start, star,
          scratch != null ? scratch : new DecodeStats());
    }
    if (c == '!') {
      int star = line.indexOf('*', start);
      if (star > 0 && star + 3 < end && line.charAt(star + 3) == ',') {
        return trailingTime(line, star + 4, end);
      }
    }
    return null;
  }

  /** The last comma-separated field of {@code line[from, end)} as UNIX seconds (9-10 digits). */
  static @Nullable Instant trailingTime(String line, int from, int end) {
    int p = end;
    while (p > from && line.charAt(p - 1) >= '0' && line.charAt(p - 1) <= '9') {
      p--;
    }
    int digits = end - p;
    if (digits < 9 || digits > 10 || (p > from && line.charAt(p - 1) != ',')) {
      return null;
    }
    long v = 0;
    for (int i = p; i < end; i++) {
      v = v * 10 + (line.charAt(i) - '0');
    }
    return Instant.ofEpochSecond(v);
  }
}
