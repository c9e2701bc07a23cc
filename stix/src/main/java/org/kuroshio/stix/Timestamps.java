package org.kuroshio.stix;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Optional;

/** STIX timestamps: RFC 3339 in UTC with a literal {@code Z}, fractional seconds optional. */
public final class Timestamps {
  private static final DateTimeFormatter MILLIS =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
          .appendFraction(ChronoField.NANO_OF_SECOND, 3, 3, true)
          .appendLiteral('Z')
          .toFormatter()
          .withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter MICROS =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
          .appendFraction(ChronoField.NANO_OF_SECOND, 6, 6, true)
          .appendLiteral('Z')
          .toFormatter()
          .withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /**
   * Parses a STIX timestamp, or returns empty when it is not one.
   *
   * <p>Hand-written for the one fixed format (this runs several times per ingested object): the
   * text must match {@code YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z} and name a real date, with the two
   * forms {@link Instant#parse} also accepts: {@code 24:00:00} (midnight ending the day) and a
   * leap second {@code 23:59:60} (read as {@code 23:59:59}).
   */
  public static Optional<Instant> tryParse(String text) {
    int n = text.length();
    if (n < 20 || n > 30 || n == 21 || text.charAt(n - 1) != 'Z' || text.charAt(4) != '-'
        || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
        || text.charAt(16) != ':' || (n > 20 && text.charAt(19) != '.')) {
      return Optional.empty();
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    int nano = 0;
    if (n > 20) {
      int fraction = digits(text, 20, n - 21);
      if (fraction < 0) {
        return Optional.empty();
      }
      nano = fraction * POWERS[9 - (n - 21)];
    }
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)
        || hour < 0 || minute < 0 || minute > 59 || second < 0) {
      return Optional.empty();
    }
    long extraDays = 0;
    if (hour == 24) {
      if (minute != 0 || second != 0 || nano != 0) {
        return Optional.empty();
      }
      hour = 0;
      extraDays = 1;
    } else if (hour > 23) {
      return Optional.empty();
    }
    if (second == 60 && hour == 23 && minute == 59) {
      second = 59;
    } else if (second > 59) {
      return Optional.empty();
    }
    long epochDay = epochDay(year, month, day) + extraDays;
    return Optional.of(Instant.ofEpochSecond(
        epochDay * 86_400L + hour * 3_600L + minute * 60L + second, nano));
  }

  private static final int[] POWERS = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
  };

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

  private static int lengthOfMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days from 1970-01-01 to a proleptic Gregorian date (the algorithm of LocalDate). */
  private static long epochDay(int year, int month, int day) {
    long y = year;
    long total = 365 * y;
    if (y >= 0) {
      total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
    } else {
      total -= y / -4 - y / -100 + y / -400;
    }
    total += (367 * month - 362) / 12;
    total += day - 1;
    if (month > 2) {
      total--;
      if (!(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) {
        total--;
      }
    }
    return total - DAYS_0000_TO_1970;
  }

  private static final long DAYS_0000_TO_1970 = (146_097L * 5L) - (30L * 365L + 7L);

  /** Parses a STIX timestamp or throws {@link IllegalArgumentException} naming the text. */
  public static Instant parse(String text) {
    return tryParse(text)
        .orElseThrow(
            () -> new IllegalArgumentException("not a STIX timestamp (RFC 3339, UTC, Z): " + text));
  }

  /** Returns the number of fractional-second digits in a well-formed timestamp. */
  public static int precision(String text) {
    int dot = text.indexOf('.');
    return dot < 0 ? 0 : text.length() - dot - 2;
  }

  /** Formats with exactly millisecond precision, as STIX producers should emit. */
  public static String formatMillis(Instant instant) {
    return format(instant, 3);
  }

  /** Formats with microsecond precision, as TAXII {@code date_added} values are written. */
  public static String formatMicros(Instant instant) {
    return format(instant, 6);
  }

  /**
   * Formats with nanosecond precision: fixed width, so that the texts of instants in years
   * 0000-9999 sort as the instants do (the store's version keys).
   *
   * @throws IllegalArgumentException for an instant outside years 0000-9999
   */
  public static String formatNanos(Instant instant) {
    long s = instant.getEpochSecond();
    if (s < MIN_SECOND || s > MAX_SECOND) {
      throw new IllegalArgumentException("instant outside years 0000-9999: " + instant);
    }
    return format(instant, 9);
  }

  /**
   * Returns a STIX timestamp text in the form of {@link #formatNanos}, or empty when
   * {@link #tryParse} refuses it (or it names an instant past year 9999). The common form needs
   * no formatting, only its fraction padded to nine digits: this runs once per stored version.
   */
  public static Optional<String> toNanosText(String text) {
    Optional<Instant> parsed = tryParse(text);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    boolean special = text.startsWith("24", 11) || text.startsWith("60", 17);
    if (special) {
      long s = parsed.get().getEpochSecond();
      return s > MAX_SECOND ? Optional.empty() : Optional.of(format(parsed.get(), 9));
    }
    int n = text.length();
    StringBuilder b = new StringBuilder(30).append(text, 0, 19).append('.');
    if (n > 20) {
      b.append(text, 20, n - 1);
    }
    for (int i = Math.max(0, n - 21); i < 9; i++) {
      b.append('0');
    }
    return Optional.of(b.append('Z').toString());
  }

  private static String format(Instant instant, int fractionDigits) {
    long s = instant.getEpochSecond();
    if (s < MIN_SECOND || s > MAX_SECOND) {
      // Outside years 0000-9999 the formatter's sign and width rules apply.
      return (fractionDigits == 3 ? MILLIS : MICROS).format(instant);
    }
    LocalDateTime d = LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC);
    char[] b = new char[21 + fractionDigits];
    put(b, 0, d.getYear(), 4);
    b[4] = '-';
    put(b, 5, d.getMonthValue(), 2);
    b[7] = '-';
    put(b, 8, d.getDayOfMonth(), 2);
    b[10] = 'T';
    put(b, 11, d.getHour(), 2);
    b[13] = ':';
    put(b, 14, d.getMinute(), 2);
    b[16] = ':';
    put(b, 17, d.getSecond(), 2);
    b[19] = '.';
    put(b, 20, instant.getNano() / POWERS[9 - fractionDigits], fractionDigits);
    b[20 + fractionDigits] = 'Z';
    return new String(b);
  }

  private static void put(char[] b, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      b[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  private static final long MIN_SECOND = -62_167_219_200L; // 0000-01-01T00:00:00Z
  private static final long MAX_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z
}
