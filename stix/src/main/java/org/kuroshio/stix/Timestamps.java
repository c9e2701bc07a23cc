package org.kuroshio.stix;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Optional;
import java.util.regex.Pattern;

/** STIX timestamps: RFC 3339 in UTC with a literal {@code Z}, fractional seconds optional. */
public final class Timestamps {
  private static final Pattern FORMAT =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:(\\d{2})(\\.\\d{1,9})?Z");

  private static final DateTimeFormatter MILLIS =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
          .appendFraction(ChronoField.NANO_OF_SECOND, 3, 3, true)
          .appendLiteral('Z')
          .toFormatter()
          .withZone(java.time.ZoneOffset.UTC);

  private static final DateTimeFormatter MICROS =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
          .appendFraction(ChronoField.NANO_OF_SECOND, 6, 6, true)
          .appendLiteral('Z')
          .toFormatter()
          .withZone(java.time.ZoneOffset.UTC);

  private Timestamps() {}

  /** Parses a STIX timestamp, or returns empty when it is not one. */
  public static Optional<Instant> tryParse(String text) {
    if (!FORMAT.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

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
    return MILLIS.format(instant);
  }

  /** Formats with microsecond precision, as TAXII {@code date_added} values are written. */
  public static String formatMicros(Instant instant) {
    return MICROS.format(instant);
  }
}
