package org.kuroshio.maritime.ais;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Gatehouse {@code $PGHP,1,yyyy,mm,dd,hh,mi,ss,ms,...*hh} lines, as in the DMA and pyais
 * recordings: the reception time of the AIS sentence that follows.
 */
final class GatehouseTimestamp {

  private GatehouseTimestamp() {}

  /** True when {@code line[start..]} begins with {@code $PGHP,}. */
  static boolean matches(String line, int start, int end) {
    return end - start > 6 && line.startsWith("$PGHP,", start);
  }

  /**
   * Parses a checksum-verified {@code $PGHP} type 1 line; returns null (and counts) on failure.
   * Other PGHP types are counted as unsupported.
   */
  static @Nullable Instant tryParse(String line, int start, int end, DecodeStats stats) {
    // fields after "$PGHP,": type, year, month, day, hour, minute, second, millis
    int[] v = new int[8];
    int p = start + 6;
    for (int f = 0; f < 8; f++) {
      int comma = line.indexOf(',', p);
      if (comma < 0 || comma >= end) {
        stats.error(DecodeStats.Kind.MALFORMED);
        return null;
      }
      v[f] = NmeaSentence.smallInt(line, p, comma);
      if (v[f] < 0) {
        stats.error(DecodeStats.Kind.MALFORMED);
        return null;
      }
      p = comma + 1;
    }
    if (v[0] != 1) {
      stats.error(DecodeStats.Kind.UNSUPPORTED_SENTENCE);
      return null;
    }
    int y = v[1];
    int mo = v[2];
    int d = v[3];
    if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)
        || v[4] > 23 || v[5] > 59 || v[6] > 60 || v[7] > 999) {
      stats.error(DecodeStats.Kind.MALFORMED);
      return null;
    }
    long days = daysFromCivil(y, mo, d);
    long secs = days * 86400L + v[4] * 3600L + v[5] * 60L + v[6];
    return Instant.ofEpochSecond(secs, v[7] * 1_000_000L);
  }

  private static int daysInMonth(int y, int m) {
    if (m == 2) {
      return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
    }
    return (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
  static long daysFromCivil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097L + doe - 719468L;
  }
}
