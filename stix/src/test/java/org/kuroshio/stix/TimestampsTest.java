package org.kuroshio.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written timestamp parser and formatters agree with java.time on every input. */
class TimestampsTest {
  private static final Pattern FORMAT =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:(\\d{2})(\\.\\d{1,9})?Z");

  /** The reference: the strict format, then java.time's ISO instant parser. */
  private static Optional<Instant> reference(String text) {
    if (!FORMAT.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  @Test
  void acceptsRealTimestampsAtEveryPrecision() {
    assertThat(Timestamps.tryParse("2024-02-29T12:34:56Z"))
        .contains(Instant.parse("2024-02-29T12:34:56Z"));
    assertThat(Timestamps.tryParse("2024-02-29T12:34:56.1Z"))
        .contains(Instant.parse("2024-02-29T12:34:56.100Z"));
    assertThat(Timestamps.tryParse("2016-01-20T12:31:12.123456789Z"))
        .contains(Instant.ofEpochSecond(1_453_293_072L, 123_456_789));
    assertThat(Timestamps.tryParse("0000-01-01T00:00:00Z"))
        .contains(Instant.parse("0000-01-01T00:00:00Z"));
    assertThat(Timestamps.tryParse("9999-12-31T23:59:59.999999999Z"))
        .contains(Instant.parse("9999-12-31T23:59:59.999999999Z"));
  }

  @Test
  void rejectsImpossibleDatesAndBadShapes() {
    for (String bad : new String[] {
        "2023-02-29T00:00:00Z", "2024-02-30T00:00:00Z", "2024-04-31T00:00:00Z",
        "2024-13-01T00:00:00Z", "2024-00-01T00:00:00Z", "2024-01-00T00:00:00Z",
        "2024-01-01T25:00:00Z", "2024-01-01T24:00:01Z", "2024-01-01T24:00:00.1Z",
        "2024-01-01T23:60:00Z", "2024-01-01T12:59:60Z", "2024-01-01T00:00:00.Z",
        "2024-01-01T00:00:00.1234567890Z", "2024-01-01T00:00:00", "2024-01-01 00:00:00Z",
        "2024-01-01T00:00:00+00:00", "2024-1-01T00:00:00Z", "+2024-01-01T00:00:00Z",
        "2024-01-01T00:00:0aZ", "2024-01-01T00:00:00,5Z", "", "2024-01-01t00:00:00z",
        "2024-01-01T00:00:00.-1Z", "１９７０-01-01T00:00:00Z"}) {
      assertThat(Timestamps.tryParse(bad)).as(bad).isEmpty();
      assertThat(reference(bad)).as(bad).isEmpty();
    }
  }

  @Test
  void keepsTheTwoSpecialFormsJavaTimeAccepts() {
    assertThat(Timestamps.tryParse("2024-12-31T24:00:00Z"))
        .contains(Instant.parse("2025-01-01T00:00:00Z"));
    assertThat(Timestamps.tryParse("2024-06-30T23:59:60.5Z"))
        .contains(Instant.parse("2024-06-30T23:59:59.500Z"));
  }

  @Test
  void agreesWithJavaTimeOnRandomTexts() {
    Random random = new Random(20_240_229L);
    String digits = "0123456789";
    for (int i = 0; i < 200_000; i++) {
      StringBuilder b = new StringBuilder();
      b.append(pad(random.nextInt(i % 7 == 0 ? 10_000 : 2_200), 4)).append('-');
      b.append(pad(random.nextInt(14), 2)).append('-');
      b.append(pad(random.nextInt(33), 2)).append('T');
      b.append(pad(random.nextInt(26), 2)).append(':');
      b.append(pad(random.nextInt(62), 2)).append(':');
      b.append(pad(random.nextInt(62), 2));
      int fraction = random.nextInt(11);
      if (fraction > 0) {
        b.append('.');
        for (int k = 1; k < fraction; k++) {
          b.append(digits.charAt(random.nextInt(10)));
        }
      }
      b.append('Z');
      if (random.nextInt(20) == 0) {
        b.setCharAt(random.nextInt(b.length()), "0Z.:-T x9".charAt(random.nextInt(9)));
      }
      String text = b.toString();
      assertThat(Timestamps.tryParse(text)).as(text).isEqualTo(reference(text));
    }
  }

  @Test
  void formatsLikeTheJavaTimeFormatters() {
    DateTimeFormatter millis = formatter(3);
    DateTimeFormatter micros = formatter(6);
    Random random = new Random(7L);
    for (int i = 0; i < 100_000; i++) {
      Instant t = Instant.ofEpochSecond(
          -62_167_219_200L + (long) (random.nextDouble() * 315_537_897_599L),
          random.nextInt(1_000_000_000));
      assertThat(Timestamps.formatMillis(t)).isEqualTo(millis.format(t));
      assertThat(Timestamps.formatMicros(t)).isEqualTo(micros.format(t));
      assertThat(Timestamps.parse(Timestamps.formatMicros(t)))
          .isEqualTo(Instant.ofEpochSecond(t.getEpochSecond(), t.getNano() / 1000 * 1000));
    }
    assertThat(Timestamps.formatMillis(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
    Instant far = Instant.parse("+10000-01-01T00:00:00Z");
    assertThat(Timestamps.formatMicros(far)).isEqualTo(micros.format(far));
  }

  private static DateTimeFormatter formatter(int digits) {
    return new DateTimeFormatterBuilder()
        .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
        .appendFraction(ChronoField.NANO_OF_SECOND, digits, digits, true)
        .appendLiteral('Z')
        .toFormatter()
        .withZone(ZoneOffset.UTC);
  }

  private static String pad(int value, int width) {
    String s = Integer.toString(value);
    return "0".repeat(Math.max(0, width - s.length())) + s;
  }
}
