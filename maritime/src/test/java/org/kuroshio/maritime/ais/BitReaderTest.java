package org.kuroshio.maritime.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BitReaderTest {

  /** Armours a bit string ("0101...") padded to whole characters; returns the fill bits used. */
  private static String armour(String bits) {
    StringBuilder out = new StringBuilder();
    StringBuilder padded = new StringBuilder(bits);
    while (padded.length() % 6 != 0) {
      padded.append('0');
    }
    for (int i = 0; i < padded.length(); i += 6) {
      int v = Integer.parseInt(padded.substring(i, i + 6), 2);
      out.append((char) (v < 40 ? v + 48 : v + 56));
    }
    return out.toString();
  }

  @Test
  void lengthIsSixBitsPerCharacterLessFill() {
    assertThat(BitReader.of("15RTgt", 0).length()).isEqualTo(36);
    assertThat(BitReader.of("15RTgt", 4).length()).isEqualTo(32);
  }

  @Test
  void readsUnsignedFieldsMostSignificantBitFirst() {
    BitReader r = BitReader.of("w0", 0); // 111111 000000
    assertThat(r.unsigned(3)).isEqualTo(7);
    assertThat(r.unsigned(4)).isEqualTo(0b1110);
    assertThat(r.unsigned(5)).isZero();
    assertThat(r.remaining()).isZero();
  }

  @Test
  void readsSignedFieldsAsTwosComplement() {
    BitReader r = BitReader.of(armour("1000000001111111" + "11111111"), 0);
    assertThat(r.signed(8)).isEqualTo(-128);
    assertThat(r.signed(8)).isEqualTo(127);
    assertThat(r.signed(8)).isEqualTo(-1);
  }

  @Test
  void fieldsSpanningWordBoundariesMatchAReferenceBitString() {
    Random rnd = new Random(42);
    StringBuilder bits = new StringBuilder();
    for (int i = 0; i < 1008; i++) {
      bits.append(rnd.nextBoolean() ? '1' : '0');
    }
    BitReader r = BitReader.of(armour(bits.toString()), 0);
    int pos = 0;
    while (true) {
      int n = 1 + rnd.nextInt(32);
      if (pos + n > 1008) {
        break;
      }
      long expected = Long.parseLong(bits.substring(pos, pos + n), 2);
      assertThat(r.unsignedLong(n)).as("bits %d+%d", pos, n).isEqualTo(expected);
      pos += n;
    }
  }

  @Test
  void textStopsAtTheFirstAtSignAndDropsTrailingSpaces() {
    // "AB C  " then "@" then "X": 0-31 -> '@'..'_', 32-63 -> ' '..'?'
    String bits = "000001" + "000010" + "100000" + "000011" + "100000" + "100000" + "000000"
        + "011000";
    BitReader r = BitReader.of(armour(bits), 0);
    assertThat(r.text(8)).isEqualTo("AB C");
    assertThat(r.position()).isEqualTo(48);
    assertThat(BitReader.of(armour("100000100000"), 0).text(2)).isEmpty();
  }

  @Test
  void hexIsZeroPaddedToWholeBytes() {
    BitReader r = BitReader.of(armour("1111" + "0001" + "101"), 0);
    assertThat(r.hex(11)).isEqualTo("f1a0");
  }

  @Test
  void readingPastTheEndThrowsIndexOutOfBounds() {
    BitReader r = BitReader.of("15", 2);
    r.unsigned(8);
    assertThatThrownBy(() -> r.unsigned(3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> r.text(1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> r.seek(11)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(r.unsignedUpTo(19)).isEqualTo(0b01); // "15" = 000001 0001|01, 2 fill bits
  }

  @Test
  void badInputToTheFactoryIsAnIllegalArgument() {
    assertThatThrownBy(() -> BitReader.of("1x", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BitReader.of("15", 6)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BitReader.of("15", -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
