package org.kuroshio.maritime.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kuroshio.maritime.feed.FeedTestSupport.pghp;
import static org.kuroshio.maritime.feed.FeedTestSupport.tagged;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.kuroshio.maritime.ais.AisLineTime;

/** The one method feed added to the ais package. */
class FeedLineTimeTest {
  private static final String S = "!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*24";

  @Test
  void readsTagBlockGatehouseAndTrailingTimes() {
    assertThat(AisLineTime.of(tagged(1733782034, S)))
        .isEqualTo(Instant.ofEpochSecond(1733782034));
    assertThat(AisLineTime.of(tagged(1733782034123L, S)))
        .isEqualTo(Instant.ofEpochMilli(1733782034123L));
    assertThat(AisLineTime.of(pghp(2013, 3, 18, 9, 19, 9, 499)))
        .isEqualTo(Instant.parse("2013-03-18T09:19:09.499Z"));
    assertThat(AisLineTime.of(S + ",s28089,d-103,T45.2,x1,1242958962"))
        .isEqualTo(Instant.ofEpochSecond(1242958962));
    assertThat(AisLineTime.of("  " + tagged(5_000_000_00L, S) + "\r"))
        .isEqualTo(Instant.ofEpochSecond(500_000_000));
  }

  @Test
  void nearMissesHaveNoTime() {
    assertThat(AisLineTime.of(S)).isNull();
    assertThat(AisLineTime.of("")).isNull();
    assertThat(AisLineTime.of("garbage \\ * $PGHP")).isNull();
    // bad tag block checksum
    assertThat(AisLineTime.of(tagged(1733782034, S).replace("c:1733", "c:1734"))).isNull();
    // tag block without c:
    assertThat(AisLineTime.of("\\s:2573238*" + FeedTestSupport.checksum("s:2573238") + "\\" + S))
        .isNull();
    // bad $PGHP checksum
    String p = pghp(2013, 3, 18, 9, 19, 9, 499);
    assertThat(AisLineTime.of(p.substring(0, p.length() - 2) + "00")).isNull();
    // trailing field too short to be a UNIX time
    assertThat(AisLineTime.of(S + ",s28089,12345")).isNull();
    assertThat(AisLineTime.of("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,,*6A"))
        .isNull();
  }
}
