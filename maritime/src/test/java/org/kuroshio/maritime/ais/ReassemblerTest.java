package org.kuroshio.maritime.ais;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReassemblerTest {

  // a real two-part type 5 (pyais mixed.txt)
  static final String P1 = "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C";
  static final String P2 = "!AIVDM,2,2,1,A,88888888880,2*25";
  static final String WHOLE =
      "55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp888888888880";
  static final String SINGLE = "!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5C";

  private final List<AisPayload> out = new ArrayList<>();

  private AisLineDecoder decoder(AisLimits limits) {
    return new AisLineDecoder(out::add, limits);
  }

  private void feed(AisLineDecoder d, String... lines) {
    for (String l : lines) {
      d.accept(l);
    }
  }

  @Test
  void twoParts_inOrder() {
    AisLineDecoder d = decoder(AisLimits.DEFAULTS);
    feed(d, P1, P2);
    assertThat(out).containsExactly(new AisPayload(WHOLE, 2, null, 'A', null));
    assertThat(d.stats().snapshot().sentences()).isEqualTo(2);
    assertThat(d.stats().snapshot().payloads()).isEqualTo(1);
  }

  @Test
  void twoParts_outOfOrder_takeLastFragmentsFillBits() {
    AisLineDecoder d = decoder(AisLimits.DEFAULTS);
    feed(d, P2, SINGLE, P1);
    assertThat(out).extracting(AisPayload::armored)
        .containsExactly("177KQJ5000G?tO`K>RA1wUbN0TKH", WHOLE);
    assertThat(out.get(1).fillBits()).isEqualTo(2);
  }

  @Test
  void interleaved_channelsAandB_sameSequenceId() {
    AisLineDecoder d = decoder(AisLimits.DEFAULTS);
    feed(d,
        Nmea.bang("AIVDM,2,1,3,A,AAAA,0"),
        Nmea.bang("AIVDM,2,1,3,B,BBBB,0"),
        Nmea.bang("AIVDM,1,1,,A,CCCC,0"),
        Nmea.bang("AIVDM,2,2,3,B,bb,4"),
        Nmea.bang("AIVDM,2,2,3,A,aa,2"));
    assertThat(out).containsExactly(
        new AisPayload("CCCC", 0, null, 'A', null),
        new AisPayload("BBBBbb", 4, null, 'B', null),
        new AisPayload("AAAAaa", 2, null, 'A', null));
    assertThat(d.stats().snapshot().lineErrors()).isZero();
  }

  @Test
  void threeParts_anyOrder() {
    AisLineDecoder d = decoder(AisLimits.DEFAULTS);
    feed(d, Nmea.bang("AIVDM,3,3,7,A,cc,4"), Nmea.bang("AIVDM,3,1,7,A,aa,0"),
        Nmea.bang("AIVDM,3,2,7,A,bb,0"));
    assertThat(out).containsExactly(new AisPayload("aabbcc", 4, null, 'A', null));
  }

  @Test
  void incompleteGroup_expiresAfterLines() {
    AisLineDecoder d = decoder(new AisLimits(1024, 16, 3, Duration.ofMinutes(1)));
    feed(d, P1, "# c", "# c", "# c", SINGLE);
    assertThat(d.stats().count(DecodeStats.Kind.EXPIRED_FRAGMENT)).isEqualTo(1);
    feed(d, P2);
    assertThat(out).extracting(AisPayload::armored).containsExactly("177KQJ5000G?tO`K>RA1wUbN0TKH");
    d.finish();
    // P2 was held as a new group and flushed at the end
    assertThat(d.stats().count(DecodeStats.Kind.EXPIRED_FRAGMENT)).isEqualTo(2);
  }

  @Test
  void incompleteGroup_notExpiredWithinLineWindow() {
    AisLineDecoder d = decoder(new AisLimits(1024, 16, 3, Duration.ofMinutes(1)));
    feed(d, P1, "# c", "# c", P2);
    assertThat(out).hasSize(1);
    assertThat(d.stats().count(DecodeStats.Kind.EXPIRED_FRAGMENT)).isZero();
  }

  @Test
  void incompleteGroup_expiresByTimeWindow() {
    AisLineDecoder d = decoder(new AisLimits(1024, 16, 1000, Duration.ofSeconds(30)));
    feed(d,
        Nmea.tag("c:1000") + Nmea.bang("AIVDM,2,1,5,A,aa,0"),
        Nmea.tag("c:1031") + Nmea.bang("AIVDM,1,1,,A,ww,0"),
        Nmea.tag("c:1031") + Nmea.bang("AIVDM,2,2,5,A,bb,0"));
    assertThat(out).as(d.stats().snapshot().toString()).extracting(AisPayload::armored)
        .containsExactly("ww");
    assertThat(d.stats().count(DecodeStats.Kind.EXPIRED_FRAGMENT)).isEqualTo(1);
  }

  @Test
  void duplicateFragment_countedAndIgnored() {
    AisLineDecoder d = decoder(AisLimits.DEFAULTS);
    feed(d, P1, P1, P2);
    assertThat(out).containsExactly(new AisPayload(WHOLE, 2, null, 'A', null));
    assertThat(d.stats().count(DecodeStats.Kind.DUPLICATE_FRAGMENT)).isEqualTo(1);
  }

  @Test
  void reusedSequenceId_supersedesIncompleteGroup() {
    AisLineDecoder d = decoder(AisLimits.DEFAULTS);
    feed(d, Nmea.bang("AIVDM,2,1,4,A,old,0"), Nmea.bang("AIVDM,2,1,4,A,new,0"),
        Nmea.bang("AIVDM,2,2,4,A,end,0"));
    assertThat(out).extracting(AisPayload::armored).containsExactly("newend");
    assertThat(d.stats().count(DecodeStats.Kind.EXPIRED_FRAGMENT)).isEqualTo(1);
  }

  @Test
  void openGroupLimit_dropsOldest() {
    AisLineDecoder d = decoder(new AisLimits(1024, 2, 1000, Duration.ofMinutes(1)));
    feed(d, Nmea.bang("AIVDM,2,1,1,A,aa,0"), Nmea.bang("AIVDM,2,1,2,A,bb,0"),
        Nmea.bang("AIVDM,2,1,3,A,cc,0"), Nmea.bang("AIVDM,2,2,1,A,AA,0"),
        Nmea.bang("AIVDM,2,2,3,A,CC,0"));
    assertThat(out).extracting(AisPayload::armored).containsExactly("ccCC");
    DecodeStats.Snapshot s = d.stats().snapshot();
    // 1 dropped for 3, then the lone "AA" opened a group that pushed out 2
    assertThat(s.count(DecodeStats.Kind.DROPPED_GROUP)).isEqualTo(2);
    d.finish();
    assertThat(d.stats().count(DecodeStats.Kind.EXPIRED_FRAGMENT)).isEqualTo(3);
  }

  @Test
  void tagBlockGroup_joinsAndCarriesFirstFragmentsMetadata() {
    AisLineDecoder d = decoder(AisLimits.DEFAULTS);
    // pyais sample.ais, second fragment's tag has no s:/c:
    feed(d,
        "\\g:1-2-27300,n:636994,s:b003669710,c:1428621738*5F\\!SAVDM,2,1,2,B,"
            + "55Mw@A7J1adAL@?;7WPl58F0U<h4pB222222220t1PN5553fN4g?`4iSp5Rc,0*26",
        "\\g:2-2-27300,n:636995*15\\!SAVDM,2,2,2,B,iP`88888880,2*5E");
    assertThat(out).containsExactly(new AisPayload(
        "55Mw@A7J1adAL@?;7WPl58F0U<h4pB222222220t1PN5553fN4g?`4iSp5RciP`88888880", 2,
        Instant.ofEpochSecond(1428621738L), 'B', "b003669710"));
  }

  @Test
  void tagBlockGroup_iecForm_kystverket() {
    AisLineDecoder d = decoder(AisLimits.DEFAULTS);
    feed(d,
        "\\2G2:58944,s:2573225,c:1733782037*60\\!BSVDM,2,2,1,B,00000000000,2*3F",
        "\\1G2:58944,s:2573225,c:1733782037*63\\!BSVDM,2,1,1,B,"
            + "53nRkh000000hq@T000ADpuT00000000000000001p524400000000000000,0*18");
    assertThat(out).hasSize(1);
    assertThat(out.get(0).armored()).endsWith("000000000000000000000");
    assertThat(out.get(0).armored()).hasSize(71);
    assertThat(out.get(0).source()).isEqualTo("2573225");
  }

  @Test
  void gatehouseTimestamp_stampsTheNextSentence_laterUntimedOnesCarryIt() {
    AisLineDecoder d = decoder(AisLimits.DEFAULTS);
    feed(d, "!AIVDM,1,1,,A,16:=?;0P00`SstvFnFbeGH6L088h,0*44",
        "$PGHP,1,2008,5,9,0,0,0,10,338,2,,1,09*17",
        "!AIVDM,1,1,,B,15NBj>PP1gG>1PVKTDTUJOv00<0M,0*09",
        "!AIVDM,1,1,,A,16:=?;0P00`SstvFnFbeGH6L088h,0*44");
    // before any recorded time a sentence has none; after it, untimed ones carry the last
    assertThat(out).extracting(AisPayload::time).containsExactly(null,
        Instant.parse("2008-05-09T00:00:00.010Z"), Instant.parse("2008-05-09T00:00:00.010Z"));
    assertThat(d.stats().snapshot().timestamps()).isEqualTo(1);
  }

  @Test
  void trailingUnixTime_uscgForm() {
    AisLineDecoder d = decoder(AisLimits.DEFAULTS);
    feed(d, "!AIVDM,1,1,,B,;4R33:1uUK2F`q?mOt@@GoQ00000,0*5D,s28089,d-103,T39.44353985,"
        + "x147521,r08TPHI1,1242958962");
    assertThat(out).extracting(AisPayload::time)
        .containsExactly(Instant.ofEpochSecond(1242958962L));
  }

  @Test
  void escapedTerminatorInsideLine_dmaForm_twoRecords() {
    AisLineDecoder d = decoder(AisLimits.DEFAULTS);
    feed(d, P1 + "\\r\\n" + P2, SINGLE + "\\x0d\\x0a");
    assertThat(out).extracting(AisPayload::armored)
        .containsExactly(WHOLE, "177KQJ5000G?tO`K>RA1wUbN0TKH");
    DecodeStats.Snapshot s = d.stats().snapshot();
    assertThat(s.lines()).isEqualTo(3);
    assertThat(s.lineErrors()).isZero();
  }
}
