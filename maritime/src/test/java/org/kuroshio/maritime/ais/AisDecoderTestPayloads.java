package org.kuroshio.maritime.ais;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only extraction of armoured payloads from NMEA files: finds {@code !xxVDM}/{@code VDO}
 * sentences (ignoring any prefix such as a tag block), concatenates the fragments of each (sequence id, channel) and
 * keeps the last fragment's fill bits. Not the sentence layer: no checksum or interleaving.
 */
final class AisDecoderTestPayloads {
  private AisDecoderTestPayloads() {}

  /** One reassembled payload and the 1-based line of its last fragment. */
  record Payload(String armored, int fillBits, int line) {}

  static List<Payload> read(Path file) throws IOException {
    List<Payload> out = new ArrayList<>();
    // fragments keyed by sequence id + channel, so interleaved groups reassemble
    java.util.Map<String, StringBuilder> groups = new java.util.HashMap<>();
    int lineNo = 0;
    List<String> sentences = new ArrayList<>();
    List<Integer> lineNos = new ArrayList<>();
    for (String raw : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
      lineNo++;
      // AisLib's ais250.txt writes both fragments on one line joined by a literal "\r\n"
      for (String part : raw.split("\\\\r\\\\n")) {
        sentences.add(part);
        lineNos.add(lineNo);
      }
    }
    for (int k = 0; k < sentences.size(); k++) {
      String line = sentences.get(k);
      lineNo = lineNos.get(k);
      int bang = line.indexOf('!');
      if (bang < 0 || line.length() < bang + 6) {
        continue;
      }
      String kind = line.substring(bang + 3, bang + 6);
      if (!kind.equals("VDM") && !kind.equals("VDO")) {
        continue;
      }
      String[] f = line.substring(bang).split(",", -1);
      if (f.length < 7 || f[6].isEmpty()) {
        continue;
      }
      String key = f[3] + "," + f[4];
      if (f[2].equals("1")) {
        groups.remove(key);
      }
      StringBuilder buf = groups.computeIfAbsent(key, unused -> new StringBuilder());
      buf.append(f[5]);
      if (f[1].equals(f[2])) {
        out.add(new Payload(buf.toString(), f[6].charAt(0) - '0', lineNo));
        groups.remove(key);
      }
    }
    return out;
  }
}
