package org.kuroshio.maritime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Test helper: builds AIVDM sentences for position reports (type 1) and static and voyage data
 * (type 5) by running the decoder's 6-bit armoring backwards, with an optional tag block time.
 */
final class SyntheticNmea {
  private final StringBuilder bits = new StringBuilder();

  private SyntheticNmea() {}

  private SyntheticNmea u(long value, int n) {
    for (int i = n - 1; i >= 0; i--) {
      bits.append(((value >>> i) & 1) == 1 ? '1' : '0');
    }
    return this;
  }

  private SyntheticNmea text(String s, int chars) {
    for (int i = 0; i < chars; i++) {
      char c = i < s.length() ? s.charAt(i) : '@';
      u(c >= 64 ? c - 64 : c, 6);
    }
    return this;
  }

  /** Type 1 position report. */
  static List<String> position(int mmsi, double lat, double lon, double sog, double cog,
      int heading, int status, long epochSeconds) {
    SyntheticNmea b = new SyntheticNmea().u(1, 6).u(0, 2).u(mmsi, 30).u(status, 4).u(-128, 8)
        .u(Math.round(sog * 10), 10).u(0, 1).u(Math.round(lon * 600_000), 28)
        .u(Math.round(lat * 600_000), 27).u(Math.round(cog * 10), 12).u(heading, 9)
        .u(epochSeconds % 60, 6).u(0, 2).u(0, 3).u(0, 1).u(0, 19);
    return b.sentences(epochSeconds);
  }

  /** Type 5 static and voyage data (two sentences). */
  static List<String> staticData(int mmsi, int imo, String callSign, String name, int shipType,
      long epochSeconds) {
    SyntheticNmea b = new SyntheticNmea().u(5, 6).u(0, 2).u(mmsi, 30).u(0, 2).u(imo, 30)
        .text(callSign, 7).text(name, 20).u(shipType, 8).u(100, 9).u(20, 9).u(10, 6).u(10, 6)
        .u(1, 4).u(0, 4).u(0, 5).u(24, 5).u(60, 6).u(50, 8).text("KEELUNG", 20).u(1, 1).u(0, 1);
    return b.sentences(epochSeconds);
  }

  private List<String> sentences(long epochSeconds) {
    int fill = (6 - bits.length() % 6) % 6;
    for (int i = 0; i < fill; i++) {
      bits.append('0');
    }
    StringBuilder payload = new StringBuilder();
    for (int i = 0; i < bits.length(); i += 6) {
      int v = Integer.parseInt(bits.substring(i, i + 6), 2);
      payload.append((char) (v < 40 ? v + 48 : v + 56));
    }
    List<String> out = new ArrayList<>();
    int parts = (payload.length() + 59) / 60;
    for (int p = 0; p < parts; p++) {
      String chunk = payload.substring(p * 60, Math.min(payload.length(), (p + 1) * 60));
      String seq = parts > 1 ? "7" : "";
      String body = "AIVDM," + parts + "," + (p + 1) + "," + seq + ",A," + chunk + ","
          + (p == parts - 1 ? fill : 0);
      String line = "!" + body + "*" + checksum(body);
      if (epochSeconds >= 0) {
        String tag = "c:" + epochSeconds;
        line = "\\" + tag + "*" + checksum(tag) + "\\" + line;
      }
      out.add(line);
    }
    return out;
  }

  static String checksum(String s) {
    int x = 0;
    for (int i = 0; i < s.length(); i++) {
      x ^= s.charAt(i);
    }
    return String.format(Locale.ROOT, "%02X", x);
  }
}
