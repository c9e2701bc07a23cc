package org.kuroshio.maritime.ais;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes AIS messages as NMEA 0183 {@code !AIVDM} sentences: the reverse of {@link AisDecoder}
 * for the messages a vessel sends about itself (types 1-3, 5, 18, 24). Used by the demo scenario,
 * the benchmarks and the tests to produce realistic traffic; values are scaled and clamped to the
 * field widths, {@code null} speed/course/position/heading encode as "not available".
 */
public final class AisEncoder {
  /** Payload characters per sentence, as transponders and gpsd write them. */
  public static final int MAX_PAYLOAD_CHARS = 60;

  private AisEncoder() {}

  /** Encodes a class A position report (type 1, 2 or 3) as one armoured payload. */
  public static Armored positionA(PositionReportClassA m) {
    Bits b = new Bits(168);
    b.put(m.type(), 6).put(m.repeat(), 2).put(m.mmsi(), 30).put(m.navStatus(), 4)
        .put(m.rot(), 8)
        .put(m.speed() == null ? 1023 : clamp(Math.round(m.speed() * 10), 0, 1022), 10)
        .put(m.accuracy() ? 1 : 0, 1)
        .put(m.lon() == null ? 181 * 600_000 : (int) Math.round(m.lon() * 600_000), 28)
        .put(m.lat() == null ? 91 * 600_000 : (int) Math.round(m.lat() * 600_000), 27)
        .put(m.course() == null ? 3600 : clamp(Math.round(m.course() * 10), 0, 3599), 12)
        .put(m.heading() == null ? 511 : m.heading(), 9).put(m.second(), 6)
        .put(m.maneuver(), 2).put(0, 3).put(m.raim() ? 1 : 0, 1).put(m.radio(), 19);
    return b.armor();
  }

  /** Encodes static and voyage related data (type 5): 424 bits, two sentences. */
  public static Armored staticVoyage(StaticVoyageData m) {
    Bits b = new Bits(424);
    b.put(5, 6).put(m.repeat(), 2).put(m.mmsi(), 30).put(m.aisVersion(), 2).put(m.imo(), 30)
        .text(m.callsign(), 7).text(m.shipname(), 20).put(m.shiptype(), 8)
        .put(m.toBow(), 9).put(m.toStern(), 9).put(m.toPort(), 6).put(m.toStarboard(), 6)
        .put(m.epfd(), 4).put(m.etaMonth(), 4).put(m.etaDay(), 5).put(m.etaHour(), 5)
        .put(m.etaMinute(), 6).put(clamp(Math.round(m.draught() * 10), 0, 255), 8)
        .text(m.destination(), 20).put(m.dte() ? 1 : 0, 1).put(0, 1);
    return b.armor();
  }

  /** Encodes a class B position report (type 18). */
  public static Armored positionB(PositionReportClassB m) {
    Bits b = new Bits(168);
    b.put(18, 6).put(m.repeat(), 2).put(m.mmsi(), 30).put(m.reserved(), 8)
        .put(m.speed() == null ? 1023 : clamp(Math.round(m.speed() * 10), 0, 1022), 10)
        .put(m.accuracy() ? 1 : 0, 1)
        .put(m.lon() == null ? 181 * 600_000 : (int) Math.round(m.lon() * 600_000), 28)
        .put(m.lat() == null ? 91 * 600_000 : (int) Math.round(m.lat() * 600_000), 27)
        .put(m.course() == null ? 3600 : clamp(Math.round(m.course() * 10), 0, 3599), 12)
        .put(m.heading() == null ? 511 : m.heading(), 9).put(m.second(), 6)
        .put(m.regional(), 2).put(m.cs() ? 1 : 0, 1).put(m.display() ? 1 : 0, 1)
        .put(m.dsc() ? 1 : 0, 1).put(m.band() ? 1 : 0, 1).put(m.msg22() ? 1 : 0, 1)
        .put(m.assigned() ? 1 : 0, 1).put(m.raim() ? 1 : 0, 1).put(m.radio(), 20);
    return b.armor();
  }

  /** Encodes a class B static data report, part A (type 24, the name). */
  public static Armored staticPartA(StaticDataReportPartA m) {
    Bits b = new Bits(168);
    b.put(24, 6).put(m.repeat(), 2).put(m.mmsi(), 30).put(0, 2).text(m.shipname(), 20)
        .put(0, 8);
    return b.armor();
  }

  /** Encodes a class B static data report, part B (type 24: type, vendor, call sign, size). */
  public static Armored staticPartB(StaticDataReportPartB m) {
    Bits b = new Bits(168);
    b.put(24, 6).put(m.repeat(), 2).put(m.mmsi(), 30).put(1, 2).put(m.shiptype(), 8)
        .text(m.vendorId(), 3).put(m.model(), 4).put(m.serial(), 20).text(m.callsign(), 7);
    if (m.mothershipMmsi() != 0) {
      b.put(m.mothershipMmsi(), 30);
    } else {
      b.put(m.toBow(), 9).put(m.toStern(), 9).put(m.toPort(), 6).put(m.toStarboard(), 6);
    }
    b.put(0, 6);
    return b.armor();
  }

  /**
   * Wraps a payload in {@code !AIVDM} sentences (split every {@link #MAX_PAYLOAD_CHARS}
   * characters), each prefixed by an NMEA 4.0 tag block carrying the receive time in UNIX seconds
   * when {@code epochSeconds >= 0}.
   *
   * @param sequenceId the sequential message id (0-9) of multi-sentence messages
   */
  public static List<String> sentences(
      Armored payload, char channel, int sequenceId, long epochSeconds) {
    String p = payload.chars();
    int parts = Math.max(1, (p.length() + MAX_PAYLOAD_CHARS - 1) / MAX_PAYLOAD_CHARS);
    List<String> out = new ArrayList<>(parts);
    String seq = parts > 1 ? Integer.toString(Math.floorMod(sequenceId, 10)) : "";
    for (int i = 0; i < parts; i++) {
      String chunk = p.substring(i * MAX_PAYLOAD_CHARS,
          Math.min(p.length(), (i + 1) * MAX_PAYLOAD_CHARS));
      int fill = i == parts - 1 ? payload.fillBits() : 0;
      String body = "AIVDM," + parts + "," + (i + 1) + "," + seq + "," + channel + "," + chunk
          + "," + fill;
      String sentence = "!" + body + "*" + hex(checksum(body));
      if (epochSeconds >= 0) {
        String tag = (parts > 1 ? "g:" + (i + 1) + "-" + parts + "-" + sequenceId + "," : "")
            + "c:" + epochSeconds;
        sentence = "\\" + tag + "*" + hex(checksum(tag)) + "\\" + sentence;
      }
      out.add(sentence);
    }
    return out;
  }

  /** The NMEA checksum (XOR of the characters) of a sentence body. */
  public static int checksum(CharSequence body) {
    int x = 0;
    for (int i = 0; i < body.length(); i++) {
      x ^= body.charAt(i);
    }
    return x;
  }

  private static String hex(int v) {
    return String.format(Locale.ROOT, "%02X", v & 0xff);
  }

  private static int clamp(long v, int lo, int hi) {
    return (int) Math.max(lo, Math.min(hi, v));
  }

  /**
   * An armoured payload.
   *
   * @param chars the 6-bit characters
   * @param fillBits bits added at the end to fill the last character (0-5)
   */
  public record Armored(String chars, int fillBits) {}

  /** A bit buffer written most significant bit first. */
  private static final class Bits {
    private final boolean[] bits;
    private int n;

    Bits(int capacity) {
      bits = new boolean[capacity];
    }

    Bits put(long value, int width) {
      for (int i = width - 1; i >= 0; i--) {
        bits[n++] = ((value >>> i) & 1L) != 0;
      }
      return this;
    }

    Bits text(String s, int chars) {
      for (int i = 0; i < chars; i++) {
        char c = i < s.length() ? Character.toUpperCase(s.charAt(i)) : '@';
        int v;
        if (c >= '@' && c <= '_') {
          v = c - 64;
        } else if (c >= ' ' && c <= '?') {
          v = c;
        } else {
          v = ' ';
        }
        put(v, 6);
      }
      return this;
    }

    Armored armor() {
      int chars = (n + 5) / 6;
      int fill = chars * 6 - n;
      StringBuilder sb = new StringBuilder(chars);
      for (int c = 0; c < chars; c++) {
        int v = 0;
        for (int i = 0; i < 6; i++) {
          int k = c * 6 + i;
          v = (v << 1) | (k < n && bits[k] ? 1 : 0);
        }
        sb.append((char) (v < 40 ? v + 48 : v + 56));
      }
      return new Armored(sb.toString(), fill);
    }
  }
}
