package org.kuroshio.maritime.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NmeaSentenceTest {

  @Test
  void parse_standardsExample() {
    NmeaSentence s = NmeaSentence.parse("!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5C");
    assertThat(s.talker()).isEqualTo("AI");
    assertThat(s.own()).isFalse();
    assertThat(s.fragmentCount()).isEqualTo(1);
    assertThat(s.fragmentNumber()).isEqualTo(1);
    assertThat(s.sequenceId()).isEqualTo(-1);
    assertThat(s.channel()).isEqualTo('B');
    assertThat(s.payload()).isEqualTo("177KQJ5000G?tO`K>RA1wUbN0TKH");
    assertThat(s.line().substring(s.payloadStart(), s.payloadEnd())).isEqualTo(s.payload());
    assertThat(s.fillBits()).isZero();
  }

  @Test
  void parse_multiFragmentFieldsAndTrailingCrLf() {
    NmeaSentence s = NmeaSentence.parse("!AIVDM,2,2,1,A,88888888880,2*25\r\n");
    assertThat(s.fragmentCount()).isEqualTo(2);
    assertThat(s.fragmentNumber()).isEqualTo(2);
    assertThat(s.sequenceId()).isEqualTo(1);
    assertThat(s.channel()).isEqualTo('A');
    assertThat(s.fillBits()).isEqualTo(2);
  }

  @ParameterizedTest
  @CsvSource({"AI,VDM,false", "AB,VDO,true", "BS,VDM,false", "SA,VDM,false", "--,VDM,false",
      "BY,VDO,true"})
  void parse_talkersAndOwnShip(String talker, String type, boolean own) {
    NmeaSentence s = NmeaSentence.parse(Nmea.bang(talker + type + ",1,1,,,15N4cJ005Jrek0H@9nDW5608EP,0"));
    assertThat(s.talker()).isEqualTo(talker);
    assertThat(s.own()).isEqualTo(own);
    assertThat(s.channel()).isEqualTo(AisPayload.NO_CHANNEL);
  }

  @Test
  void parse_lowerCaseChecksumAccepted() {
    assertThat(NmeaSentence.parse("!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5c").fillBits())
        .isZero();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5D|BAD_CHECKSUM",
      "!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*XY|MALFORMED",
      "!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0|MALFORMED",
      "AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5C|MALFORMED",
      "!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH*5C|BAD_CHECKSUM"})
  void parse_rejects(String line, DecodeStats.Kind kind) {
    assertThatThrownBy(() -> NmeaSentence.parse(line))
        .isInstanceOfSatisfying(NmeaFormatException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "AIVDM,0,1,,B,15N4cJ005Jrek0H@9nDW5608EP,0|BAD_FRAGMENT",
      "AIVDM,2,3,1,B,15N4cJ005Jrek0H@9nDW5608EP,0|BAD_FRAGMENT",
      "AIVDM,1,0,,B,15N4cJ005Jrek0H@9nDW5608EP,0|BAD_FRAGMENT",
      "AIVDM,x,1,,B,15N4cJ005Jrek0H@9nDW5608EP,0|MALFORMED",
      "AIVDM,1,1,,B,,0|EMPTY_PAYLOAD",
      "AIVDM,1,1,,B,15N4cJ005Jrek0H@9nDW5608EP,6|MALFORMED",
      "AIVDM,1,1,,B,15N4cJ005Jrek0H@9nDW5608EP,|MALFORMED",
      "AIVDM,1,1,,B,15N4cJ005Jrek0H@9nDW5608EP|MALFORMED",
      "AIVDM,1,1,,AB,15N4cJ005Jrek0H@9nDW5608EP,0|MALFORMED",
      "AIVDM,1,1,,B,15N4cJ005Jrek0H@9nDW56 8EP,0|MALFORMED",
      "AIVDM,1,1,,B,15N4cJ005Jrek0H@9nDW5608EP,0,0|MALFORMED",
      "AIVDM,1,1,B,15N4cJ005Jrek0H@9nDW5608EP,0|MALFORMED",
      "GPVTG,1,1,,B,15N4cJ005Jrek0H@9nDW5608EP,0|UNSUPPORTED_SENTENCE",
      "AIALR,1,1,,B,15N4cJ005Jrek0H@9nDW5608EP,0|UNSUPPORTED_SENTENCE"})
  void parse_rejectsWithGoodChecksum(String body, DecodeStats.Kind kind) {
    assertThatThrownBy(() -> NmeaSentence.parse(Nmea.bang(body)))
        .isInstanceOfSatisfying(NmeaFormatException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }
}
