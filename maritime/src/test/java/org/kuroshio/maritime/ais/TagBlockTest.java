package org.kuroshio.maritime.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagBlockTest {

  @Test
  void parse_standardsExampleWithGroup() {
    TagBlock t = TagBlock.parse("g:1-2-73874,n:157036,s:r003669945,c:1241544035*4A");
    assertThat(t.source()).isEqualTo("r003669945");
    assertThat(t.time()).isEqualTo(Instant.ofEpochSecond(1241544035L));
    assertThat(t.hasGroup()).isTrue();
    assertThat(t.groupSentence()).isEqualTo(1);
    assertThat(t.groupTotal()).isEqualTo(2);
    assertThat(t.groupId()).isEqualTo(73874L);
  }

  @Test
  void parse_withoutGroup_kystverket() {
    TagBlock t = TagBlock.parse("s:2573238,c:1733782034*0A");
    assertThat(t.source()).isEqualTo("2573238");
    assertThat(t.time()).isEqualTo(Instant.parse("2024-12-09T22:07:14Z"));
    assertThat(t.hasGroup()).isFalse();
    assertThat(t.groupId()).isEqualTo(-1L);
  }

  @Test
  void parse_iecGroupForm() {
    TagBlock t = TagBlock.parse("1G2:58944,s:2573225,c:1733782037*63");
    assertThat(t.groupSentence()).isEqualTo(1);
    assertThat(t.groupTotal()).isEqualTo(2);
    assertThat(t.groupId()).isEqualTo(58944L);
  }

  @Test
  void parse_millisecondTime() {
    String content = "s:x,c:1698765432123";
    TagBlock t = TagBlock.parse(content + "*" + Nmea.checksum(content));
    assertThat(t.time()).isEqualTo(Instant.ofEpochMilli(1698765432123L));
  }

  @Test
  void parse_badChecksumAndMalformed() {
    assertThatThrownBy(() -> TagBlock.parse("s:blah,c:1747818025*5A"))
        .isInstanceOfSatisfying(NmeaFormatException.class,
            e -> assertThat(e.kind()).isEqualTo(DecodeStats.Kind.BAD_CHECKSUM));
    for (String bad : new String[] {"g:1-2-73874*A", "s:x,c:17a", "g:3-2-5", "c:", "nocolon"}) {
      String content = bad.contains("*") ? bad : bad + "*" + Nmea.checksum(bad);
      assertThatThrownBy(() -> TagBlock.parse(content))
          .isInstanceOfSatisfying(NmeaFormatException.class,
              e -> assertThat(e.kind()).isEqualTo(DecodeStats.Kind.MALFORMED));
    }
  }

  @Test
  void decoder_tagTimeAndSourceReachPayload() {
    List<AisPayload> out = new ArrayList<>();
    AisLineDecoder d = new AisLineDecoder(out::add);
    d.accept("\\s:2573238,c:1733782034*0A\\!BSVDM,1,1,,A,13o4g`00000I2ENRH4g83S0L088C,0*3F");
    assertThat(out).containsExactly(new AisPayload("13o4g`00000I2ENRH4g83S0L088C", 0,
        Instant.ofEpochSecond(1733782034L), 'A', "2573238"));
  }

  @Test
  void decoder_badTagChecksumDropsLine() {
    List<AisPayload> out = new ArrayList<>();
    AisLineDecoder d = new AisLineDecoder(out::add);
    d.accept("\\s:2573238,c:1733782034*0B\\!BSVDM,1,1,,A,13o4g`00000I2ENRH4g83S0L088C,0*3F");
    d.accept("\\s:2573238,c:1733782034*0A");
    d.accept("\\s:2573238,c:1733782034*0A\\");
    assertThat(out).isEmpty();
    assertThat(d.stats().count(DecodeStats.Kind.BAD_CHECKSUM)).isEqualTo(1);
    assertThat(d.stats().count(DecodeStats.Kind.MALFORMED)).isEqualTo(2);
  }
}
