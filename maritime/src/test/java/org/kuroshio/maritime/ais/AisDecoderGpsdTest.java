package org.kuroshio.maritime.ais;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.kuroshio.testing.SharedData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares our decodes field by field ({@link GpsdJson}) with gpsd's golden JSON ({@code .chk})
 * for the same input.
 * Each JSON object is matched to the next decoded payload with the same type and MMSI; gpsd emits
 * type 24 once both parts are in, so a type 24 object is checked against every part of that MMSI.
 */
class AisDecoderGpsdTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  @Test
  void sampleAivdmMatchesGpsd() throws IOException {
    Path dir = SharedData.require("ais/gpsd");
    TreeSet<Integer> types =
        compare(dir.resolve("sample.aivdm"), dir.resolve("sample.aivdm.js.chk"), 97);
    assertThat(types).containsExactlyElementsOf(range(1, 27));
  }

  @Test
  void classBAndLongRangeMatchGpsdUnscaled() throws IOException {
    Path dir = SharedData.require("ais/gpsd");
    TreeSet<Integer> types =
        compare(dir.resolve("ais-18-27.log"), dir.resolve("ais-18-27.log.chk"), 138);
    assertThat(types).containsExactly(18, 27);
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> l = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      l.add(i);
    }
    return l;
  }

  private record Decoded(AisDecoderTestPayloads.Payload payload, AisMessage message) {}

  private static TreeSet<Integer> compare(Path input, Path chk, int expectedObjects)
      throws IOException {
    List<Decoded> decoded = new ArrayList<>();
    for (AisDecoderTestPayloads.Payload p : AisDecoderTestPayloads.read(input)) {
      AisMessage m = AisDecoder.decode(p.armored(), p.fillBits()).messageOrNull();
      if (m != null) {
        decoded.add(new Decoded(p, m));
      }
    }
    List<JsonNode> expected = new ArrayList<>();
    for (String line : Files.readAllLines(chk, StandardCharsets.UTF_8)) {
      if (line.startsWith("{")) {
        JsonNode n = JSON.readTree(line);
        if (n.path("class").asString("").equals("AIS")) {
          expected.add(n);
        }
      }
    }
    assertThat(expected).hasSize(expectedObjects);
    TreeSet<Integer> types = new TreeSet<>();
    SoftAssertions soft = new SoftAssertions();
    int cursor = 0;
    for (JsonNode e : expected) {
      int type = e.get("type").asInt();
      int mmsi = e.get("mmsi").asInt();
      types.add(type);
      if (type == 24) {
        int parts = 0;
        for (Decoded d : decoded) {
          if (d.message().type() == 24 && d.message().mmsi() == mmsi) {
            check(soft, e, d);
            parts++;
          }
        }
        soft.assertThat(parts).as("type 24 parts for %d", mmsi).isPositive();
        continue;
      }
      int found = -1;
      for (int i = cursor; i < decoded.size(); i++) {
        AisMessage m = decoded.get(i).message();
        if (m.type() == type && m.mmsi() == mmsi && sameApplication(m, e)) {
          found = i;
          break;
        }
      }
      soft.assertThat(found).as("decoded message for %s", e).isNotNegative();
      if (found >= 0) {
        check(soft, e, decoded.get(found));
        cursor = found + 1;
      }
    }
    soft.assertAll();
    return types;
  }

  /** For binary types 6 and 8, gpsd's object names the DAC/FID: they must match too. */
  private static boolean sameApplication(AisMessage m, JsonNode e) {
    return switch (m) {
      case BinaryAddressed b -> b.dac() == e.get("dac").asInt() && b.fid() == e.get("fid").asInt();
      case BinaryBroadcast b -> b.dac() == e.get("dac").asInt() && b.fid() == e.get("fid").asInt();
      default -> true;
    };
  }

  /** No field of our message may differ from gpsd's object, in the units the object declares. */
  private static void check(SoftAssertions soft, JsonNode e, Decoded d) {
    soft.assertThat(GpsdJson.differences(e, d.message(), GpsdJson.Units.of(e)))
        .as("line %d type %d", d.payload().line(), d.message().type())
        .isEmpty();
  }
}
