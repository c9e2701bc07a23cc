package org.kuroshio.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodecsTest {
  @Test
  void lists_roundTripWhateverTheyHold() {
    for (List<String> list : List.of(List.<String>of(), List.of(""), List.of("", ""),
        List.of("a"), List.of("a,b", "%", "%2C", "%25", "%00", ",,", "x%2Cy"),
        List.of("identity--1", "identity--2"))) {
      assertThat(Codecs.decodeList(Codecs.encodeList(list))).isEqualTo(list);
    }
  }

  @Test
  void sets_encodeInSortedOrder() {
    assertThat(Codecs.encodeSet(Set.of("maritime", "cyber", "fimi")))
        .isEqualTo("cyber,fimi,maritime");
  }

  @Test
  void versionKeys_areEqualForEqualInstantsAndSortLikeThem() {
    assertThat(Codecs.versionKey(Instant.parse("2024-01-01T00:00:00Z")))
        .isEqualTo(Codecs.versionKey(Instant.parse("2024-01-01T00:00:00.000000Z")))
        .isEqualTo("2024-01-01T00:00:00.000000000Z");
    String a = Codecs.versionKey(Instant.parse("2024-01-01T00:00:00.9Z"));
    String b = Codecs.versionKey(Instant.parse("2024-01-01T00:00:01Z"));
    assertThat(a).isLessThan(b);
    assertThat(Codecs.fromVersionKey(a)).isEqualTo(Instant.parse("2024-01-01T00:00:00.9Z"));
    assertThat(Codecs.versionKey(Instant.parse("0001-01-01T00:00:00Z")))
        .isLessThan(Codecs.versionKey(Instant.parse("9999-12-31T23:59:59.999999999Z")));
  }

  @Test
  void versionKeysFromText_agreeWithParsing() {
    for (String t : List.of("2024-01-01T00:00:00Z", "2024-01-01T00:00:00.1Z",
        "2024-02-29T23:59:59.123Z", "0000-01-01T00:00:00.000000001Z",
        "9999-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59.999999Z")) {
      assertThat(Codecs.versionKey(t)).as(t).isEqualTo(Codecs.versionKey(Instant.parse(t)));
      assertThat(Codecs.fromVersionKey(Codecs.versionKey(t))).isEqualTo(Instant.parse(t));
    }
  }

  @Test
  void versionKeysFromText_refuseWhatIsNotATimestamp() {
    for (String t : List.of("", "2024-01-01", "2024-01-01T00:00:00", "2024-01-01T00:00:00.Z",
        "2024-01-01T00:00:00+01:00", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
        "2024-01-01T25:00:00Z", "2024-01-01T00:60:00Z", "2024-01-01T00:00:60Z",
        "2024-01-01 00:00:00Z", "2024-01-01T00:00:00.1234567890Z", "2024-01-01T00:00:00.12a4Z",
        "+2024-01-01T00:00:00Z", "2024-00-01T00:00:00Z", "2024-01-00T00:00:00Z")) {
      assertThat(Codecs.versionKey(t)).as(t).isNull();
    }
  }

  @Test
  void versionKeysFromText_readTimestampsAsValidationDoes() {
    // What the validator accepts must have a key: the leap second and the midnight ending a day
    // (both as Instant.parse reads them), and nothing that validation refuses.
    for (String t : List.of("2016-12-31T23:59:60Z", "2016-12-31T23:59:60.5Z",
        "2024-01-01T24:00:00Z", "2024-01-01T00:00:60Z", "9999-12-31T24:00:00Z")) {
      String key = Codecs.versionKey(t);
      java.util.Optional<Instant> parsed = org.kuroshio.stix.Timestamps.tryParse(t);
      if (parsed.isPresent() && parsed.get().isBefore(Instant.parse("+10000-01-01T00:00:00Z"))) {
        assertThat(key).as(t).isEqualTo(Codecs.versionKey(parsed.get()));
      } else {
        assertThat(key).as(t).isNull();
      }
    }
    assertThat(Codecs.versionKey("2016-12-31T23:59:60Z"))
        .isEqualTo("2016-12-31T23:59:59.000000000Z");
    assertThat(Codecs.versionKey("2024-01-01T24:00:00Z"))
        .isEqualTo("2024-01-02T00:00:00.000000000Z");
    assertThat(Codecs.versionKey("2024-01-01T00:00:60Z")).isNull();
  }

  @Test
  void versionKeys_outsideStixYears_areRefused() {
    assertThatThrownBy(() -> Codecs.versionKey(Instant.parse("+10000-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void micros_roundTripAndTruncate() {
    Instant t = Instant.parse("2025-03-01T12:00:00.123456789Z");
    assertThat(Codecs.instant(Codecs.micros(t)))
        .isEqualTo(Instant.parse("2025-03-01T12:00:00.123456Z"));
    Instant before = Instant.parse("1969-12-31T23:59:59.999999Z");
    assertThat(Codecs.instant(Codecs.micros(before))).isEqualTo(before);
  }

  @Test
  void cursors_roundTripAndRejectForgeries() {
    assertThat(Codecs.fromCursor(Codecs.cursor(1_740_830_400_123_456L)))
        .isEqualTo(1_740_830_400_123_456L);
    for (String bad : List.of("", "da1.", "da1.-5", "da1.ZZ", "x".repeat(10_000),
        "da1.zzzzzzzzzzzzzz", "da1.zzzzzzzzzzzzz")) {
      assertThatThrownBy(() -> Codecs.fromCursor(bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("next cursor");
    }
  }
}
