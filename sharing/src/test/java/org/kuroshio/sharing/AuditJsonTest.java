package org.kuroshio.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The canonical encoding of audit entries: exact text, and a lossless round trip. */
class AuditJsonTest {
  private static final String A1 = "kuroshio-agreement--00000000-0000-4000-8000-000000000001";

  @Test
  void encode_namesEachAgreementOnceInOrderOfFirstUse() {
    AuditJson.Encoded e = AuditJson.encode(List.of(
        new AuditEntry.Item("x--1", "v1", "AGREEMENT", "b"),
        new AuditEntry.Item("x--2", "v2", "OWNER", null),
        new AuditEntry.Item("x--3", "v3", "AGREEMENT", "a"),
        new AuditEntry.Item("x--1", "v1", "AGREEMENT", "b")));

    assertThat(e.agreements()).isEqualTo("[\"b\",\"a\"]");
    assertThat(e.agreementIds()).containsExactly("b", "a");
    assertThat(e.items()).isEqualTo("[[\"x--1\",\"v1\",\"AGREEMENT\",0],[\"x--2\",\"v2\",\"OWNER\","
        + "null],[\"x--3\",\"v3\",\"AGREEMENT\",1],[\"x--1\",\"v1\",\"AGREEMENT\",0]]");
  }

  @Test
  void encode_escapesOnlyQuotesBackslashesControlsAndLoneSurrogates() {
    AuditJson.Encoded e = AuditJson.encode(List.of(
        new AuditEntry.Item("a\"b\\c\n\u001f\u007f\u00e9\u2028", "\uD83D\uDE00\uDE00\uD83D", "r",
            null)));

    assertThat(e.items()).isEqualTo(
        "[[\"a\\\"b\\\\c\\u000a\\u001f\u007f\u00e9\u2028\",\"\uD83D\uDE00\\ude00\\ud83d\",\"r\","
            + "null]]");
  }

  @Test
  void decode_ofEncode_isTheSameItems_forRandomStrings() {
    Random random = new Random(42);
    for (int round = 0; round < 500; round++) {
      List<AuditEntry.Item> items = new ArrayList<>();
      int n = random.nextInt(6);
      for (int i = 0; i < n; i++) {
        items.add(new AuditEntry.Item(text(random), text(random), text(random),
            random.nextBoolean() ? null : (random.nextBoolean() ? A1 : text(random))));
      }
      AuditJson.Encoded e = AuditJson.encode(items);

      assertThat(AuditJson.decode(e.agreements(), e.items())).isEqualTo(items);
    }
  }

  private static String text(Random random) {
    char[] pool = {'a', 'Z', '0', '-', '"', '\\', '\n', '\u0000', '\u00e9', '\uD83D', '\uDE00',
        '\u2028', 'u', ',', '[', ']'};
    StringBuilder b = new StringBuilder();
    int n = 1 + random.nextInt(12);
    for (int i = 0; i < n; i++) {
      b.append(pool[random.nextInt(pool.length)]);
    }
    return b.toString();
  }

  @Test
  void decode_rejectsWhatEncodeNeverWrites() {
    for (String[] bad : new String[][] {
        {"[]", "[[\"a\",\"b\",\"c\",0]]"},
        {"[\"a\"]", "[[\"a\",\"b\",\"c\",01]]"},
        {"[]", "[[\"a\",\"b\",\"c\"]]"},
        {"[]", "[[\"a\",\"b\",\"c\",null]"},
        {"[]", "[[\"a\",\"b\",\"c\",null]] "},
        {"[]", "[[\"a\\x\",\"b\",\"c\",null]]"},
        {"[]", "[[\"a\\u12\",\"b\",\"c\",null]]"},
        {"[", "[]"},
        {"[]", ""}}) {
      assertThatThrownBy(() -> AuditJson.decode(bad[0], bad[1]))
          .as(bad[0] + " " + bad[1])
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("unreadable audit items at offset");
    }
  }

  @Test
  void entry_isTheDocumentedObject() {
    AuditJson.Encoded e = AuditJson.encode(List.of(new AuditEntry.Item("x--1", "v", "OWNER",
        null)));

    assertThat(AuditJson.entry(12, AuditJson.micros(Instant.parse("0001-01-01T00:00:00.000001Z")),
        "u", "o", "a", null, e.agreements(), e.items())).isEqualTo(
        "{\"seq\":12,\"at\":\"0001-01-01T00:00:00.000001Z\",\"user\":\"u\",\"organisation\":\"o\","
            + "\"action\":\"a\",\"collection\":null,\"agreements\":[],"
            + "\"items\":[[\"x--1\",\"v\",\"OWNER\",null]]}");
  }

  @Test
  void micros_roundTripsAndTruncatesNanoseconds() {
    Instant at = Instant.parse("1969-12-31T23:59:59.999999999Z");

    assertThat(AuditJson.instant(AuditJson.micros(at)))
        .isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
    assertThat(AuditJson.instant(AuditJson.micros(AuditJson.MAX_AT))).isEqualTo(AuditJson.MAX_AT);
  }
}
