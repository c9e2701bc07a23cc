package org.kuroshio.maritime.ais;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kuroshio.testing.SharedData;

/**
 * Decodes every payload of the shared real-world recordings (which have no golden decodes): no
 * exception, no bad character, and almost everything decodes; the types seen are the ones the
 * source says the file holds. (pyais nmea_data_sample.txt has 100 empty-payload sentences: EMPTY.)
 */
class AisDecoderSharedDataTest {

  @ParameterizedTest
  @CsvSource({
    "ais/dma-aislib/ais250.txt, 240, 0, '1,3,4,5,8,18,21,24'",
    "ais/dma-aislib/decode_encode_messages.txt, 600, 0, ''",
    "ais/dma-aislib/stream_example.txt, 4000, 5, '1,2,3,4,5,6,7,8,9,15,16,17,18,21,23,24'",
    "ais/pyais/nmea_data_sample.txt, 700, 100, ''",
    "ais/kystverket-via-docker-gpsd-timestamp/norwegian.raw.nmea, 190, 0, ''",
    "ais/gpsd/ais-raw-messages.log, 40, 0, '1,3,4,5,18,21,24'",
    "ais/gpsd/ais_unpack_sixbit.log, 10, 0, '5,19,21,24'",
  })
  void realRecordingsDecode(String file, int minPayloads, int maxFailures, String types)
      throws IOException {
    Path path = SharedData.require(file);
    List<AisDecoderTestPayloads.Payload> payloads = AisDecoderTestPayloads.read(path);
    assertThat(payloads.size()).as("payloads in %s", file).isGreaterThanOrEqualTo(minPayloads);
    Map<DecodeError, Integer> errors = new EnumMap<>(DecodeError.class);
    Map<Integer, Integer> seen = new TreeMap<>();
    for (AisDecoderTestPayloads.Payload p : payloads) {
      DecodeResult r = AisDecoder.decode(p.armored(), p.fillBits());
      switch (r) {
        case DecodeResult.Decoded d -> {
          seen.merge(d.message().type(), 1, Integer::sum);
          assertTextTrimmed(d.message());
        }
        case DecodeResult.Failed f -> errors.merge(f.error(), 1, Integer::sum);
      }
    }
    int failures = errors.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(errors).as("errors in %s", file).doesNotContainKey(DecodeError.BAD_CHARACTER);
    assertThat(failures).as("failures %s in %s", errors, file).isLessThanOrEqualTo(maxFailures);
    if (!types.isEmpty()) {
      for (String t : types.split(",")) {
        assertThat(seen).as("types in %s", file).containsKey(Integer.parseInt(t));
      }
    }
  }

  private static void assertTextTrimmed(AisMessage m) {
    String text = switch (m) {
      case StaticVoyageData s -> s.shipname() + "|" + s.callsign() + "|" + s.destination();
      case StaticDataReportPartA a -> a.shipname();
      case StaticDataReportPartB b -> b.callsign();
      case ExtendedPositionReportClassB e -> e.shipname();
      case AidToNavigationReport a -> a.name();
      default -> "";
    };
    assertThat(text).doesNotContain("@").doesNotEndWith(" ");
  }
}
