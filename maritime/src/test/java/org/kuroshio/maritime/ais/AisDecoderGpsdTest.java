package org.kuroshio.maritime.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.kuroshio.testing.SharedData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares our decodes field by field with gpsd's golden JSON ({@code .chk}) for the same input.
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
            new Fields(soft, e, d).check();
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
        new Fields(soft, e, decoded.get(found)).check();
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

  /** Field-by-field comparison of one message with one gpsd JSON object. */
  private static final class Fields {
    private final SoftAssertions soft;
    private final JsonNode e;
    private final AisMessage m;
    private final boolean scaled;
    private final String where;

    Fields(SoftAssertions soft, JsonNode e, Decoded d) {
      this.soft = soft;
      this.e = e;
      this.m = d.message();
      this.scaled = e.path("scaled").asBoolean(true);
      this.where = "line " + d.payload().line() + " type " + m.type() + " ";
    }

    void integer(String key, long actual) {
      soft.assertThat(actual).as(where + key).isEqualTo(e.get(key).asLong());
    }

    void bool(String key, boolean actual) {
      soft.assertThat(actual).as(where + key).isEqualTo(e.get(key).asBoolean());
    }

    void text(String key, String actual) {
      soft.assertThat(actual).as(where + key).isEqualTo(e.get(key).asString());
    }

    /** A scaled value: gpsd prints {@code notAvailable} when absent; unscaled JSON holds raw. */
    void scaled(String key, @Nullable Double actual, double factor, double notAvailable,
        double tolerance) {
      double v = actual == null ? notAvailable : actual;
      if (scaled) {
        soft.assertThat(e.get(key).asDouble()).as(where + key).isCloseTo(v, within(tolerance));
      } else {
        soft.assertThat(Math.round(v * factor)).as(where + key).isEqualTo(e.get(key).asLong());
      }
    }

    void lonLat(@Nullable Double lon, @Nullable Double lat) {
      scaled("lon", lon, 600_000, 181, 0.6e-7);
      scaled("lat", lat, 600_000, 91, 0.6e-7);
    }

    void data(int bits, String hex) {
      text("data", bits + ":" + hex);
    }

    void corner(String key, double actual) {
      soft.assertThat(e.get(key).asDouble()).as(where + key).isCloseTo(actual, within(0.6e-6));
    }

    void check() {
      integer("type", m.type());
      integer("repeat", m.repeat());
      integer("mmsi", m.mmsi());
      switch (m) {
        case PositionReportClassA p -> {
          integer("status", p.navStatus());
          turn(p);
          scaled("speed", p.speed(), 10, 102.3, 0.05);
          bool("accuracy", p.accuracy());
          lonLat(p.lon(), p.lat());
          scaled("course", p.course(), 10, 360, 0.05);
          integer("heading", p.heading() == null ? 511 : p.heading());
          integer("second", p.second());
          integer("maneuver", p.maneuver());
          bool("raim", p.raim());
          integer("radio", p.radio());
        }
        case BaseStationReport b -> {
          text("timestamp", String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02dZ",
              b.year(), b.month(), b.day(), b.hour(), b.minute(), b.second()));
          bool("accuracy", b.accuracy());
          lonLat(b.lon(), b.lat());
          integer("epfd", b.epfd());
          bool("raim", b.raim());
          integer("radio", b.radio());
        }
        case StaticVoyageData s -> {
          integer("imo", s.imo());
          integer("ais_version", s.aisVersion());
          text("callsign", s.callsign());
          text("shipname", s.shipname());
          integer("shiptype", s.shiptype());
          integer("to_bow", s.toBow());
          integer("to_stern", s.toStern());
          integer("to_port", s.toPort());
          integer("to_starboard", s.toStarboard());
          integer("epfd", s.epfd());
          text("eta", String.format(Locale.ROOT, "%02d-%02dT%02d:%02dZ",
              s.etaMonth(), s.etaDay(), s.etaHour(), s.etaMinute()));
          scaled("draught", s.draught(), 10, 0, 0.05);
          text("destination", s.destination());
          integer("dte", s.dte() ? 1 : 0);
        }
        case BinaryAddressed b -> {
          integer("seqno", b.seqno());
          integer("dest_mmsi", b.destMmsi());
          bool("retransmit", b.retransmit());
          integer("dac", b.dac());
          integer("fid", b.fid());
          if (e.has("data")) {
            data(b.dataBits(), b.data());
          }
        }
        case BinaryBroadcast b -> {
          integer("dac", b.dac());
          integer("fid", b.fid());
          if (e.has("data")) {
            data(b.dataBits(), b.data());
          }
        }
        case BinaryAcknowledge a -> {
          for (int i = 0; i < 4; i++) {
            integer("mmsi" + (i + 1), i < a.mmsis().size() ? a.mmsis().get(i) : 0);
          }
        }
        case SarAircraftReport s -> {
          integer("alt", s.altitude() == null ? 4095 : s.altitude());
          integer("speed", s.speed() == null ? 1023 : s.speed());
          bool("accuracy", s.accuracy());
          lonLat(s.lon(), s.lat());
          scaled("course", s.course(), 10, 360, 0.05);
          integer("second", s.second());
          integer("regional", s.regional());
          integer("dte", s.dte() ? 1 : 0);
          bool("raim", s.raim());
          integer("radio", s.radio());
        }
        case UtcInquiry u -> integer("dest_mmsi", u.destMmsi());
        case SafetyAddressed s -> {
          integer("seqno", s.seqno());
          integer("dest_mmsi", s.destMmsi());
          bool("retransmit", s.retransmit());
          text("text", s.text());
        }
        case SafetyBroadcast s -> text("text", s.text());
        case Interrogation i -> {
          integer("mmsi1", i.mmsi1());
          integer("type1_1", i.type11());
          integer("offset1_1", i.offset11());
          integer("type1_2", i.type12());
          integer("offset1_2", i.offset12());
          integer("mmsi2", i.mmsi2());
          integer("type2_1", i.type21());
          integer("offset2_1", i.offset21());
        }
        case AssignmentModeCommand a -> {
          integer("mmsi1", a.mmsi1());
          integer("offset1", a.offset1());
          integer("increment1", a.increment1());
          integer("mmsi2", a.mmsi2());
          integer("offset2", a.offset2());
          integer("increment2", a.increment2());
        }
        case DgnssBroadcast d -> {
          soft.assertThat(e.get("lon").asDouble()).as(where + "lon").isCloseTo(d.lon(), within(0.05));
          soft.assertThat(e.get("lat").asDouble()).as(where + "lat").isCloseTo(d.lat(), within(0.05));
          data(d.dataBits(), d.data());
        }
        case PositionReportClassB p -> {
          integer("reserved", p.reserved());
          scaled("speed", p.speed(), 10, 102.3, 0.05);
          bool("accuracy", p.accuracy());
          lonLat(p.lon(), p.lat());
          scaled("course", p.course(), 10, 360, 0.05);
          integer("heading", p.heading() == null ? 511 : p.heading());
          integer("second", p.second());
          integer("regional", p.regional());
          bool("cs", p.cs());
          bool("display", p.display());
          bool("dsc", p.dsc());
          bool("band", p.band());
          bool("msg22", p.msg22());
          bool("raim", p.raim());
          integer("radio", p.radio());
        }
        case ExtendedPositionReportClassB p -> {
          integer("reserved", p.reserved());
          scaled("speed", p.speed(), 10, 102.3, 0.05);
          bool("accuracy", p.accuracy());
          lonLat(p.lon(), p.lat());
          scaled("course", p.course(), 10, 360, 0.05);
          integer("heading", p.heading() == null ? 511 : p.heading());
          integer("second", p.second());
          integer("regional", p.regional());
          text("shipname", p.shipname());
          integer("shiptype", p.shiptype());
          integer("to_bow", p.toBow());
          integer("to_stern", p.toStern());
          integer("to_port", p.toPort());
          integer("to_starboard", p.toStarboard());
          integer("epfd", p.epfd());
          bool("raim", p.raim());
          integer("dte", p.dte() ? 1 : 0);
          bool("assigned", p.assigned());
        }
        case DataLinkManagement d -> {
          for (int i = 0; i < 4; i++) {
            DataLinkManagement.Reservation r = i < d.reservations().size()
                ? d.reservations().get(i) : new DataLinkManagement.Reservation(0, 0, 0, 0);
            integer("offset" + (i + 1), r.offset());
            integer("number" + (i + 1), r.number());
            integer("timeout" + (i + 1), r.timeout());
            integer("increment" + (i + 1), r.increment());
          }
        }
        case AidToNavigationReport a -> {
          integer("aid_type", a.aidType());
          text("name", a.name());
          lonLat(a.lon(), a.lat());
          bool("accuracy", a.accuracy());
          integer("to_bow", a.toBow());
          integer("to_stern", a.toStern());
          integer("to_port", a.toPort());
          integer("to_starboard", a.toStarboard());
          integer("epfd", a.epfd());
          integer("second", a.second());
          integer("regional", a.regional());
          bool("off_position", a.offPosition());
          bool("raim", a.raim());
          bool("virtual_aid", a.virtualAid());
        }
        case ChannelManagement c -> {
          integer("channel_a", c.channelA());
          integer("channel_b", c.channelB());
          integer("txrx", c.txrx());
          bool("power", c.power());
          bool("addressed", c.addressed());
          if (c.addressed()) {
            integer("dest1", c.dest1());
            integer("dest2", c.dest2());
          } else {
            corner("ne_lon", c.neLon());
            corner("ne_lat", c.neLat());
            corner("sw_lon", c.swLon());
            corner("sw_lat", c.swLat());
          }
          bool("band_a", c.bandA());
          bool("band_b", c.bandB());
          integer("zonesize", c.zonesize());
        }
        case GroupAssignment g -> {
          corner("ne_lon", g.neLon());
          corner("ne_lat", g.neLat());
          corner("sw_lon", g.swLon());
          corner("sw_lat", g.swLat());
          integer("stationtype", g.stationType());
          integer("shiptype", g.shiptype());
          integer("interval", g.interval());
          integer("quiet", g.quiet());
        }
        case StaticDataReportPartA a -> text("shipname", a.shipname());
        case StaticDataReportPartB b -> {
          integer("shiptype", b.shiptype());
          text("vendorid", b.vendorId());
          integer("model", b.model());
          integer("serial", b.serial());
          text("callsign", b.callsign());
          if (e.has("mothership_mmsi")) {
            integer("mothership_mmsi", b.mothershipMmsi());
          } else {
            integer("to_bow", b.toBow());
            integer("to_stern", b.toStern());
            integer("to_port", b.toPort());
            integer("to_starboard", b.toStarboard());
          }
        }
        case BinarySlot b -> {
          bool("addressed", b.addressed());
          bool("structured", b.structured());
          integer("dest_mmsi", b.destMmsi());
          integer("app_id", Math.max(0, b.appId()));
          if (b.type() == 25) {
            data(b.dataBits(), b.data());
          } else {
            // gpsd 3.x quirk on type 26: it prints radio 0 and leaves the radio bits that follow
            // the data in the last partial byte; compare the bit count and the whole bytes.
            String bytes = b.data().substring(0, b.dataBits() / 8 * 2);
            soft.assertThat(e.get("data").asString()).as(where + "data")
                .startsWith(b.dataBits() + ":" + bytes);
          }
        }
        case LongRangeReport l -> {
          integer("status", l.navStatus());
          bool("accuracy", l.accuracy());
          scaled("lon", l.lon(), 600, 181, 0.6e-4);
          scaled("lat", l.lat(), 600, 91, 0.6e-4);
          integer("speed", l.speed() == null ? 63 : l.speed());
          integer("course", l.course() == null ? 511 : l.course());
          bool("raim", l.raim());
          bool("gnss", l.gnss());
        }
      }
    }

    private void turn(PositionReportClassA p) {
      JsonNode t = e.get("turn");
      if (!scaled) {
        soft.assertThat(p.rot()).as(where + "turn").isEqualTo(t.asInt());
        return;
      }
      String expected = switch (p.rot()) {
        case -128 -> "n/a";
        case -127 -> "fastleft";
        case 127 -> "fastright";
        default -> String.format(Locale.ROOT, "%.2f", p.rateOfTurn());
      };
      soft.assertThat(expected).as(where + "turn").isEqualTo(t.asString());
    }
  }
}
