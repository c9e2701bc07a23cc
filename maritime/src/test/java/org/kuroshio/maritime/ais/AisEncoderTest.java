package org.kuroshio.maritime.ais;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kuroshio.testing.SharedData;

/** The encoder writes what the decoder reads: real messages survive a round trip. */
class AisEncoderTest {

  @Test
  void realMessages_reencodeToTheSameMessages() {
    List<AisMessage[]> checked = new ArrayList<>();
    AisLineDecoder lines = new AisLineDecoder(p -> {
      if (!(AisDecoder.decode(p.armored(), p.fillBits())
          instanceof DecodeResult.Decoded d)) {
        return;
      }
      AisEncoder.Armored again = switch (d.message()) {
        case PositionReportClassA a -> AisEncoder.positionA(a);
        case StaticVoyageData v -> AisEncoder.staticVoyage(v);
        case PositionReportClassB b -> AisEncoder.positionB(b);
        default -> null;
      };
      if (again != null) {
        AisMessage back = ((DecodeResult.Decoded) AisDecoder.decode(again.chars(),
            again.fillBits())).message();
        checked.add(new AisMessage[] {d.message(), back});
      }
    });
    AisReader.read(SharedData.require("ais/dma-aislib/ais250.txt"), lines);
    AisReader.read(SharedData.require("ais/gpsd/sample.aivdm"), lines);

    assertThat(checked).hasSizeGreaterThan(100);
    assertThat(checked).allSatisfy(pair -> assertThat(pair[1]).isEqualTo(pair[0]));
  }

  @Test
  void sentencesWithTagBlockTimes_decodeBackWithTheirTime() {
    var report = new PositionReportClassA(1, 0, 416123456, 0, -128, 3.4, true, 119.95, 26.05,
        271.5, 270, 12, 0, false, 0);
    var voyage = new StaticVoyageData(5, 0, 416123456, 0, 9123456, "BXYZ7", "KUROSHIO DEMO", 70,
        120, 30, 10, 12, 1, 2, 21, 18, 30, 7.5, "KEELUNG", false);
    List<String> lines = new ArrayList<>();
    lines.addAll(AisEncoder.sentences(AisEncoder.positionA(report), 'A', 0, 1_700_000_000L));
    lines.addAll(AisEncoder.sentences(AisEncoder.staticVoyage(voyage), 'B', 7, 1_700_000_060L));
    List<TimedAisMessage> out = new ArrayList<>();
    AisStream stream = new AisStream(out::add);
    lines.forEach(stream);
    stream.finish();

    assertThat(lines).hasSize(3);
    assertThat(out).hasSize(2);
    assertThat(out.get(0).message()).isEqualTo(report);
    assertThat(out.get(0).time()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    assertThat(out.get(1).message()).isEqualTo(voyage);
    assertThat(out.get(1).time()).isEqualTo(Instant.ofEpochSecond(1_700_000_060L));
    assertThat(stream.summary().sentences().errors().values()).containsOnly(0L);
  }

  @Test
  void classBReports_roundTrip() {
    var b = new PositionReportClassB(18, 0, 538000001, 0, 0.2, false, -70.25, -33.5, 12.3, null,
        60, 0, true, false, true, true, true, false, false, 393222);
    var partA = new StaticDataReportPartA(24, 0, 538000001, "NIGHT HERON");
    var partB = new StaticDataReportPartB(24, 0, 538000001, 37, "ABC", 3, 12345, "V7AB2", 12, 4,
        2, 2, 0);
    List<AisMessage> out = new ArrayList<>();
    AisStream stream = new AisStream(m -> out.add(m.message()));
    for (AisEncoder.Armored a : List.of(AisEncoder.positionB(b), AisEncoder.staticPartA(partA),
        AisEncoder.staticPartB(partB))) {
      AisEncoder.sentences(a, 'B', 0, -1).forEach(stream);
    }

    assertThat(out).hasSize(3).startsWith(b, partA);
    // The decoder shows the 42-bit vendor field as text, as gpsd does: vendor, model and serial.
    assertThat(out.get(2)).usingRecursiveComparison().ignoringFields("vendorId").isEqualTo(partB);
    assertThat(((StaticDataReportPartB) out.get(2)).vendorId()).startsWith("ABC");
  }

  @Test
  void valuesOutOfRange_clampOrBecomeNotAvailable() {
    var report = new PositionReportClassA(1, 0, 1, 15, -128, 250.0, false, null, null, null,
        null, 60, 0, false, 0);
    List<AisMessage> out = new ArrayList<>();
    AisEncoder.sentences(AisEncoder.positionA(report), 'A', 0, -1)
        .forEach(new AisStream(m -> out.add(m.message())));

    PositionReportClassA back = (PositionReportClassA) out.getFirst();
    assertThat(back.speed()).isEqualTo(102.2);
    assertThat(back.lat()).isNull();
    assertThat(back.lon()).isNull();
    assertThat(back.course()).isNull();
    assertThat(back.heading()).isNull();
  }
}
