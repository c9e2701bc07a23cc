package org.kuroshio.maritime.ais;

/** Test helper: builds NMEA lines with correct checksums. */
final class Nmea {
  private Nmea() {}

  /** XOR of the chars, as two upper-case hex digits. */
  static String checksum(String body) {
    int x = 0;
    for (int i = 0; i < body.length(); i++) {
      x ^= body.charAt(i);
    }
    return String.format("%02X", x);
  }

  /** {@code !body*hh}. */
  static String bang(String body) {
    return "!" + body + "*" + checksum(body);
  }

  /** {@code \tag*hh\}. */
  static String tag(String content) {
    return "\\" + content + "*" + checksum(content) + "\\";
  }
}
