package org.kuroshio.maritime.ais;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Test support: compares one of our decoded messages field by field with gpsd's JSON object for
 * the same payload and lists every field that differs. Used by the golden-file test
 * ({@link AisDecoderGpsdTest}) and by the comparison with a live {@code gpsdecode}
 * ({@link GpsdecodeComparisonTest}), so both check the same fields the same way.
 *
 * <p>gpsd writes numbers either scaled to units (degrees, knots, metres; the default) or, with
 * {@code gpsdecode -u}, as the raw integers on the wire. Scaled values must lie within a
 * per-field tolerance of ours; raw values must equal ours scaled back and rounded exactly.
 * Integers, booleans and text must have gpsd's JSON type and equal ours exactly; a missing key is
 * a difference.
 */
final class GpsdJson {
  private GpsdJson() {}

  /** How gpsd wrote numeric fields. */
  enum Units {
    /** In units: degrees, knots, metres (gpsd's default). */
    SCALED,
    /** The raw integers from the wire ({@code gpsdecode -u}). */
    UNSCALED;

    /** The units an object declares in its {@code scaled} member; scaled when absent. */
    static Units of(JsonNode gpsd) {
      return gpsd.path("scaled").asBoolean(true) ? SCALED : UNSCALED;
    }
  }

  /**
   * One field that differs.
   *
   * @param key gpsd's JSON key
   * @param ours our value, as gpsd would write it
   * @param theirs gpsd's value, {@code null} when the key is missing
   */
  record Difference(String key, String ours, @Nullable JsonNode theirs) {
    @Override
    public String toString() {
      return key + ": ours " + ours + ", gpsd " + theirs;
    }
  }

  /** The fields in which {@code ours} differs from {@code gpsd}; empty when they agree. */
  static List<Difference> differences(JsonNode gpsd, AisMessage ours, Units units) {
    Comparer c = new Comparer(gpsd, units == Units.SCALED);
    c.check(ours);
    return c.out;
  }

  /** Compares one message with one object, collecting the differences. */
  private static final class Comparer {
    private final JsonNode e;
    private final boolean scaled;
    private final List<Difference> out = new ArrayList<>();

    Comparer(JsonNode e, boolean scaled) {
      this.e = e;
      this.scaled = scaled;
    }

    private void differ(String key, Object ours, @Nullable JsonNode theirs) {
      out.add(new Difference(key, String.valueOf(ours), theirs));
    }

    private void integer(String key, long actual) {
      JsonNode v = e.get(key);
      if (v == null || !v.isIntegralNumber() || v.asLong() != actual) {
        differ(key, actual, v);
      }
    }

    private void bool(String key, boolean actual) {
      JsonNode v = e.get(key);
      if (v == null || !v.isBoolean() || v.asBoolean() != actual) {
        differ(key, actual, v);
      }
    }

    private void text(String key, String actual) {
      JsonNode v = e.get(key);
      if (v == null || !v.isString() || !v.asString().equals(actual)) {
        differ(key, "\"" + actual + "\"", v);
      }
    }

    /** A number gpsd writes in units, or as {@code degrees * factor} rounded when unscaled. */
    private void number(String key, double actual, double factor, double tolerance) {
      number(key, actual, factor, tolerance, false);
    }

    /**
     * As {@link #number(String, double, double, double)}; when {@code quoted}, gpsd writes the
     * scaled value as a JSON string holding the number (its quirk for area corners).
     */
    private void number(String key, double actual, double factor, double tolerance,
        boolean quoted) {
      JsonNode v = e.get(key);
      if (scaled) {
        if (v == null || !(quoted ? v.isString() : v.isNumber())
            || !(Math.abs(v.asDouble() - actual) <= tolerance)) {
          differ(key, actual, v);
        }
      } else {
        long raw = Math.round(actual * factor);
        if (v == null || !v.isIntegralNumber() || v.asLong() != raw) {
          differ(key, raw + " (" + actual + ")", v);
        }
      }
    }

    /** A value that may be absent: gpsd writes {@code notAvailable} (in units) for it then. */
    private void number(String key, @Nullable Double actual, double factor, double notAvailable,
        double tolerance) {
      number(key, actual == null ? notAvailable : actual, factor, tolerance);
    }

    /** A position at 1/10000 minute (types 1-4, 9, 18, 19, 21). */
    private void lonLat(@Nullable Double lon, @Nullable Double lat) {
      number("lon", lon, 600_000, 181, 0.6e-7);
      number("lat", lat, 600_000, 91, 0.6e-7);
    }

    /** A corner of an area at 1/10 minute (types 22, 23); scaled, gpsd quotes it. */
    private void corner(String key, double actual) {
      number(key, actual, 600, 0.6e-6, true);
    }

    private void speed(@Nullable Double knots) {
      number("speed", knots, 10, 102.3, 0.05);
    }

    private void course(@Nullable Double degrees) {
      number("course", degrees, 10, 360, 0.05);
    }

    private void heading(@Nullable Integer heading) {
      integer("heading", heading == null ? 511 : heading);
    }

    private void data(int bits, String hex) {
      text("data", bits + ":" + hex);
    }

    private void dimensions(int toBow, int toStern, int toPort, int toStarboard) {
      integer("to_bow", toBow);
      integer("to_stern", toStern);
      integer("to_port", toPort);
      integer("to_starboard", toStarboard);
    }

    /** Scaled: gpsd's text for the rate of turn; unscaled: the raw ROT. */
    private void turn(PositionReportClassA p) {
      if (!scaled) {
        integer("turn", p.rot());
        return;
      }
      String expected = switch (p.rot()) {
        case -128 -> "n/a";
        case -127 -> "fastleft";
        case 127 -> "fastright";
        default -> String.format(Locale.ROOT, "%.2f", p.rateOfTurn());
      };
      text("turn", expected);
    }

    void check(AisMessage m) {
      integer("type", m.type());
      integer("repeat", m.repeat());
      integer("mmsi", m.mmsi());
      switch (m) {
        case PositionReportClassA p -> {
          integer("status", p.navStatus());
          turn(p);
          speed(p.speed());
          bool("accuracy", p.accuracy());
          lonLat(p.lon(), p.lat());
          course(p.course());
          heading(p.heading());
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
          dimensions(s.toBow(), s.toStern(), s.toPort(), s.toStarboard());
          integer("epfd", s.epfd());
          text("eta", String.format(Locale.ROOT, "%02d-%02dT%02d:%02dZ",
              s.etaMonth(), s.etaDay(), s.etaHour(), s.etaMinute()));
          number("draught", s.draught(), 10, 0.05);
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
          course(s.course());
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
          number("lon", d.lon(), 600, 0.05);
          number("lat", d.lat(), 600, 0.05);
          data(d.dataBits(), d.data());
        }
        case PositionReportClassB p -> {
          integer("reserved", p.reserved());
          speed(p.speed());
          bool("accuracy", p.accuracy());
          lonLat(p.lon(), p.lat());
          course(p.course());
          heading(p.heading());
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
          speed(p.speed());
          bool("accuracy", p.accuracy());
          lonLat(p.lon(), p.lat());
          course(p.course());
          heading(p.heading());
          integer("second", p.second());
          integer("regional", p.regional());
          text("shipname", p.shipname());
          integer("shiptype", p.shiptype());
          dimensions(p.toBow(), p.toStern(), p.toPort(), p.toStarboard());
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
          dimensions(a.toBow(), a.toStern(), a.toPort(), a.toStarboard());
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
            corners(c.neLon(), c.neLat(), c.swLon(), c.swLat());
          }
          bool("band_a", c.bandA());
          bool("band_b", c.bandB());
          integer("zonesize", c.zonesize());
        }
        case GroupAssignment g -> {
          corners(g.neLon(), g.neLat(), g.swLon(), g.swLat());
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
            dimensions(b.toBow(), b.toStern(), b.toPort(), b.toStarboard());
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
            String prefix = b.dataBits() + ":" + b.data().substring(0, b.dataBits() / 8 * 2);
            JsonNode v = e.get("data");
            if (v == null || !v.isString() || !v.asString().startsWith(prefix)) {
              differ("data", "\"" + prefix + "...\"", v);
            }
          }
        }
        case LongRangeReport l -> {
          integer("status", l.navStatus());
          bool("accuracy", l.accuracy());
          number("lon", l.lon(), 600, 181, 0.6e-4);
          number("lat", l.lat(), 600, 91, 0.6e-4);
          integer("speed", l.speed() == null ? 63 : l.speed());
          integer("course", l.course() == null ? 511 : l.course());
          bool("raim", l.raim());
          bool("gnss", l.gnss());
        }
      }
    }

    private void corners(double neLon, double neLat, double swLon, double swLat) {
      corner("ne_lon", neLon);
      corner("ne_lat", neLat);
      corner("sw_lon", swLon);
      corner("sw_lat", swLat);
    }
  }
}
