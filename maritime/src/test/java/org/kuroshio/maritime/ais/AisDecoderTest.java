package org.kuroshio.maritime.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AisDecoderTest {

  private static AisMessage ok(String armored, int fill) {
    DecodeResult r = AisDecoder.decode(armored, fill);
    assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
    return ((DecodeResult.Decoded) r).message();
  }

  private static DecodeError error(String armored, int fill) {
    DecodeResult r = AisDecoder.decode(armored, fill);
    assertThat(r).isInstanceOf(DecodeResult.Failed.class);
    return ((DecodeResult.Failed) r).error();
  }

  @Test
  void decodesTheStandardsExamplePositionReport() {
    // STANDARDS.md 4.1: !AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5C
    var p = (PositionReportClassA) ok("177KQJ5000G?tO`K>RA1wUbN0TKH", 0);
    assertThat(p.type()).isEqualTo(1);
    assertThat(p.mmsi()).isEqualTo(477553000);
    assertThat(p.navStatus()).isEqualTo(5);
    assertThat(p.rot()).isZero();
    assertThat(p.rateOfTurn()).isEqualTo(0.0);
    assertThat(p.speed()).isEqualTo(0.0);
    assertThat(p.lon()).isCloseTo(-122.345833, within(1e-6));
    assertThat(p.lat()).isCloseTo(47.582833, within(1e-6));
    assertThat(p.course()).isEqualTo(51.0);
    assertThat(p.heading()).isEqualTo(181);
    assertThat(p.second()).isEqualTo(15);
  }

  @Test
  void notAvailableValuesAreNull() {
    // gpsd sample.aivdm: type 1 with turn n/a and heading 511
    var p = (PositionReportClassA) ok("16SteH0P00Jt63hHaa6SagvJ087r", 0);
    assertThat(p.rot()).isEqualTo(-128);
    assertThat(p.rateOfTurn()).isNull();
    assertThat(p.heading()).isNull();
    // the same report with lon 181, lat 91, SOG 1023, COG 3600 set by hand
    BitWriter w = new BitWriter()
        .put(1, 6).put(0, 2).put(123456789, 30).put(15, 4).put(-128, 8).put(1023, 10).put(0, 1)
        .put(181 * 600_000, 28).put(91 * 600_000, 27).put(3600, 12).put(511, 9).put(60, 6)
        .put(0, 2).put(0, 3).put(0, 1).put(0, 19);
    var n = (PositionReportClassA) ok(w.armoured(), w.fill());
    assertThat(n.speed()).isNull();
    assertThat(n.lon()).isNull();
    assertThat(n.lat()).isNull();
    assertThat(n.course()).isNull();
    assertThat(n.heading()).isNull();
    assertThat(n.second()).isEqualTo(60);
  }

  @Test
  void rateOfTurnFollowsTheGpsdFormula() {
    BitWriter w = new BitWriter().put(1, 6).put(0, 2).put(1, 30).put(0, 4).put(-20, 8)
        .put(0, 114);
    var p = (PositionReportClassA) ok(w.armoured(), w.fill());
    assertThat(p.rot()).isEqualTo(-20);
    assertThat(p.rateOfTurn()).isCloseTo(-(20 / 4.733) * (20 / 4.733), within(1e-9));
    BitWriter fast = new BitWriter().put(1, 6).put(0, 2).put(1, 30).put(0, 4).put(127, 8)
        .put(0, 114);
    assertThat(((PositionReportClassA) ok(fast.armoured(), fast.fill())).rateOfTurn()).isNull();
  }

  @Test
  void fillBitsAreRemovedFromTheEnd() {
    // a 168-bit type 1 is 28 characters, fill 0; the same payload plus one character and fill
    // bits covering part of it is longer than 168 and still decodes the same fields.
    var a = (PositionReportClassA) ok("177KQJ5000G?tO`K>RA1wUbN0TKH", 0);
    var b = (PositionReportClassA) ok("177KQJ5000G?tO`K>RA1wUbN0TKH0", 4);
    assertThat(b).isEqualTo(a);
    // 163 bits (5 short, as gpsd's "type=1 length=163" case): radio read from the 14 bits left
    var c = (PositionReportClassA) ok("13aIkM@P00PJ@qPNL=e@0?wJ28JO", 5);
    assertThat(c.radio()).isEqualTo(1076);
    assertThat(error("13aIkM@P00PJ@qPNL=e@0?wJ28J", 0)).isEqualTo(DecodeError.TOO_SHORT);
  }

  @Test
  void badCharactersFillBitsAndEmptyPayloadsAreErrors() {
    assertThat(error("", 0)).isEqualTo(DecodeError.EMPTY);
    assertThat(error("177KQJ5000G?tO`K>RA1wUbN0TKx", 0)).isEqualTo(DecodeError.BAD_CHARACTER);
    assertThat(error("177KQJ5000G?tO`K>RA1 UbN0TKH", 0)).isEqualTo(DecodeError.BAD_CHARACTER);
    assertThat(error("177KQJ5000G?tO`K>RA1wUbN0TKH", 6)).isEqualTo(DecodeError.BAD_FILL_BITS);
    assertThat(error("177KQJ5000G?tO`K>RA1wUbN0TKH", -1)).isEqualTo(DecodeError.BAD_FILL_BITS);
  }

  @Test
  void truncatedPayloadsOfEveryTypeAreTooShortNotExceptions() {
    String[] samples = {
      "177KQJ5000G?tO`K>RA1wUbN0TKH", // 1
      "403OviQuMGCqWrRO9>E6fE700@GO", // 4
      "B3KLehP0B@LTN6`Vl;rrBE063P06", // 18
    };
    for (String s : samples) {
      for (int len = 1; len < 27; len++) {
        assertThat(error(s.substring(0, len), 0)).as("%s[0,%d)", s, len)
            .isEqualTo(DecodeError.TOO_SHORT);
      }
    }
  }

  @Test
  void unknownTypesAreReported() {
    BitWriter zero = new BitWriter().put(0, 6).put(0, 162);
    assertThat(error(zero.armoured(), zero.fill())).isEqualTo(DecodeError.UNKNOWN_TYPE);
    BitWriter big = new BitWriter().put(37, 6).put(0, 162);
    assertThat(error(big.armoured(), big.fill())).isEqualTo(DecodeError.UNKNOWN_TYPE);
  }

  @Test
  void type24PartsTwoAndThreeAreInvalid() {
    BitWriter w = new BitWriter().put(24, 6).put(0, 2).put(1, 30).put(2, 2).put(0, 128);
    assertThat(error(w.armoured(), w.fill())).isEqualTo(DecodeError.INVALID_FIELD);
  }

  @Test
  void auxiliaryCraftType24PartBCarriesTheMothershipMmsi() {
    BitWriter w = new BitWriter().put(24, 6).put(0, 2).put(982_123_456, 30).put(1, 2)
        .put(52, 8).put(0, 42).put(0, 42).put(244_123_000, 30).put(0, 6);
    var b = (StaticDataReportPartB) ok(w.armoured(), w.fill());
    assertThat(b.mothershipMmsi()).isEqualTo(244_123_000);
    assertThat(b.toBow()).isZero();
    assertThat(b.shiptype()).isEqualTo(52);
  }

  @Test
  void longRangeNotAvailableValuesAreNull() {
    BitWriter w = new BitWriter().put(27, 6).put(0, 2).put(1, 30).put(0, 1).put(0, 1).put(15, 4)
        .put(108_600, 18).put(54_600, 17).put(63, 6).put(511, 9).put(1, 1).put(0, 1);
    var l = (LongRangeReport) ok(w.armoured(), w.fill());
    assertThat(l.lon()).isNull();
    assertThat(l.lat()).isNull();
    assertThat(l.speed()).isNull();
    assertThat(l.course()).isNull();
    assertThat(l.gnss()).isTrue();
  }

  @Test
  void randomPayloadsNeverThrow() {
    Random rnd = new Random(20261123L);
    String alphabet = "0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw";
    int decoded = 0;
    for (int i = 0; i < 200_000; i++) {
      int len = rnd.nextInt(180);
      StringBuilder sb = new StringBuilder(len);
      for (int j = 0; j < len; j++) {
        // mostly valid characters, sometimes any char
        sb.append(rnd.nextInt(50) == 0 ? (char) rnd.nextInt(256)
            : alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      if (len > 0 && rnd.nextBoolean()) {
        // force a known type in the first character so every decoder body is exercised
        sb.setCharAt(0, alphabet.charAt(1 + rnd.nextInt(27)));
      }
      DecodeResult r = AisDecoder.decode(sb.toString(), rnd.nextInt(8) - 1);
      assertThat(r).isNotNull();
      if (r instanceof DecodeResult.Decoded) {
        decoded++;
      }
    }
    assertThat(decoded).isGreaterThan(10_000);
  }

  /** Test helper: writes fields MSB first and armours them. */
  static final class BitWriter {
    private final StringBuilder bits = new StringBuilder();

    BitWriter put(long value, int n) {
      for (int i = n - 1; i >= 0; i--) {
        bits.append(((value >>> i) & 1) == 1 ? '1' : '0');
      }
      return this;
    }

    int fill() {
      return (6 - bits.length() % 6) % 6;
    }

    String armoured() {
      StringBuilder padded = new StringBuilder(bits);
      padded.append("0".repeat(fill()));
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < padded.length(); i += 6) {
        int v = Integer.parseInt(padded.substring(i, i + 6), 2);
        out.append((char) (v < 40 ? v + 48 : v + 56));
      }
      return out.toString();
    }
  }
}
