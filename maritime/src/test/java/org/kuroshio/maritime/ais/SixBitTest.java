package org.kuroshio.maritime.ais;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SixBitTest {

  @Test
  void armouredCharactersMapToTheirSixBitValues() {
    assertThat(SixBit.value('0')).isZero();
    assertThat(SixBit.value('W')).isEqualTo(39);
    assertThat(SixBit.value('`')).isEqualTo(40);
    assertThat(SixBit.value('w')).isEqualTo(63);
    assertThat(SixBit.value('1')).isEqualTo(1);
    assertThat(SixBit.value('@')).isEqualTo(16);
  }

  @Test
  void everyValueHasExactlyOneArmouredCharacter() {
    int[] seen = new int[64];
    for (char c = 0; c < 256; c++) {
      int v = SixBit.value(c);
      if (v != SixBit.INVALID) {
        seen[v]++;
      }
    }
    assertThat(seen).containsOnly(1);
  }

  @Test
  void charactersOutsideTheAlphabetAreInvalid() {
    for (char c : new char[] {'X', 'Y', 'Z', '[', '\\', ']', '^', '_', 'x', 'z', '/', ' ', ',',
        '*', '!', '\u00e9', '\u3042'}) {
      assertThat(SixBit.isValid(c)).as("%s", c).isFalse();
      assertThat(SixBit.value(c)).isEqualTo(SixBit.INVALID);
    }
    assertThat(SixBit.firstInvalid("15RTgt0PAso;90TKcjM8h6g208CQ")).isEqualTo(-1);
    assertThat(SixBit.firstInvalid("15RTgt0PA so")).isEqualTo(9);
  }

  @Test
  void textAlphabetIsAtSignToUnderscoreThenSpaceToQuestionMark() {
    assertThat(SixBit.textChar(0)).isEqualTo('@');
    assertThat(SixBit.textChar(1)).isEqualTo('A');
    assertThat(SixBit.textChar(31)).isEqualTo('_');
    assertThat(SixBit.textChar(32)).isEqualTo(' ');
    assertThat(SixBit.textChar(48)).isEqualTo('0');
    assertThat(SixBit.textChar(63)).isEqualTo('?');
  }
}
