package org.kuroshio.maritime.ais;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kuroshio.testing.SharedData;

/** Both layers together: lines in, typed messages with their times out. */
class AisStreamTest {

  @ParameterizedTest
  @ValueSource(strings = {"gpsd/sample.aivdm", "gpsd/ais-18-27.log", "dma-aislib/ais250.txt",
      "dma-aislib/stream_example.txt", "pyais/nmea_data_sample.txt", "pyais/mixed.txt"})
  void everyPayloadBecomesAMessageOrACountedError(String file) {
    List<TimedAisMessage> out = new ArrayList<>();
    AisStream.Summary s = AisStream.read(SharedData.require("ais/" + file), out::add);

    assertThat(s.sentences().payloads()).isPositive();
    assertThat(s.messages() + s.payloadErrorCount()).isEqualTo(s.sentences().payloads());
    assertThat(out).hasSize((int) s.messages());
  }

  @Test
  void gpsdSample_coversEveryMessageType() {
    Set<Integer> types = new TreeSet<>();
    AisStream.Summary s = AisStream.read(SharedData.require("ais/gpsd/sample.aivdm"),
        m -> types.add(m.message().type()));

    assertThat(types).containsAll(java.util.stream.IntStream.rangeClosed(1, 27).boxed().toList());
    assertThat(s.payloadErrorCount()).isZero();
  }

  @Test
  void recordedTimes_travelWithTheMessages() {
    List<TimedAisMessage> out = new ArrayList<>();
    AisStream.read(SharedData.require("ais/dma-aislib/stream_example.txt"), out::add);

    assertThat(out).isNotEmpty().allSatisfy(m -> assertThat(m.time()).isNotNull());
  }

  @Test
  void aTwoSentenceStaticReport_arrivesWhole() {
    List<TimedAisMessage> out = new ArrayList<>();
    AisStream stream = new AisStream(out::add);
    // Two fragments of one type 5 message, the second first, on channel A.
    String first = "AIVDM,2,1,3,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0";
    String second = "AIVDM,2,2,3,A,88888888880,2";
    stream.accept(Nmea.bang(second));
    stream.accept(Nmea.bang(first));
    stream.finish();

    assertThat(out).singleElement().satisfies(m -> {
      assertThat(m.message()).isInstanceOf(StaticVoyageData.class);
      assertThat(m.channel()).isEqualTo('A');
      assertThat(m.time()).isNull();
    });
    assertThat(stream.summary().messages()).isEqualTo(1);
  }

  @Test
  void aPayloadTheDecoderRefuses_isCountedByKind() {
    List<TimedAisMessage> out = new ArrayList<>();
    AisStream stream = new AisStream(out::add);
    // Message type 1 cut to 12 characters: too short for a position report.
    stream.accept(Nmea.bang("AIVDM,1,1,,B,15M67FC000G?,0"));
    stream.finish();

    assertThat(out).isEmpty();
    assertThat(stream.summary().payloadErrors()).containsEntry(DecodeError.TOO_SHORT, 1L);
  }
}
