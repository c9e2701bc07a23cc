package org.kuroshio.maritime.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kuroshio.testing.SharedData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code gpsdecode} (Debian gpsd-clients) as a real process on the shared recordings and
 * compares its JSON, message by message, with what {@link AisStream} decodes from the same file.
 * Skipped when {@code gpsdecode} is not on the PATH.
 *
 * <p>gpsdecode runs with {@code -u} (unscaled), so positions, speeds and courses are compared as
 * the integers on the wire: ours scaled back and rounded must equal gpsd's exactly. Messages are
 * paired in order by type and MMSI and compared field by field with {@link GpsdJson}, the same
 * comparison as {@link AisDecoderGpsdTest} makes on gpsd's golden files.
 *
 * <p>Both decoders read the same prepared copy of each file, which differs from the file in four
 * ways that are about gpsd's input layer, not decoding: every line ends in a newline (gpsdecode
 * drops a last line without one); a line holding two sentences joined by the text
 * backslash-r-backslash-n (the AisLib files) is split in two (we accept it, gpsd does not);
 * sentences with a talker other than {@code AI} (B2, BY, SS ... in real feeds; gpsd 3.22 accepts
 * only a fixed list) are rewritten to {@code !AIVDM} or
 * {@code !AIVDO} with the checksum recomputed, when their checksum was right; and lines whose tag
 * block is malformed or fails its checksum are left out (we reject such lines, gpsd does not check
 * tag blocks). The test reports how many lines each rule touched.
 *
 * <p>Documented deviation, which is not counted as a difference:
 * <ul>
 *   <li>gpsd emits one type 24 object once it holds both parts of an MMSI, we emit each part: a
 *       gpsd type 24 object is paired with our last part A and the part B of that MMSI, and a part
 *       of ours for which gpsd emitted nothing is counted as "type 24 part not merged by gpsd".
 * </ul>
 * Every other message present on one side only, and every field that differs, fails the test with
 * the list of differences.
 */
class GpsdecodeComparisonTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final long TIMEOUT_SECONDS = 60;
  private static final int MAX_LISTED = 40;
  /** The four characters backslash, r, backslash, n, which join two sentences in some files. */
  private static final String LITERAL_CRLF = "\\r\\n";

  private static @Nullable Path gpsdecode;

  @BeforeAll
  static void findGpsdecode() {
    gpsdecode = onPath("gpsdecode");
  }

  private static @Nullable Path onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "gpsd/sample.aivdm",
    "gpsd/ais-18-27.log",
    "gpsd/ais-nmea.log",
    "dma-aislib/ais250.txt",
    "dma-aislib/decode_encode_messages.txt",
    "dma-aislib/replay_dump.txt",
    "dma-aislib/stream_example.txt",
    "kystverket-via-docker-gpsd-timestamp/norwegian.raw.nmea",
    "pyais/mixed.txt",
    "pyais/nmea_data_sample.txt",
    "pyais/gatehouse.nmea",
    "pyais/sample.ais",
    "pyais/timestamped.ais"
  })
  void oursMatchesGpsdecode(String file) throws Exception {
    assumeTrue(gpsdecode != null, "skipped: gpsdecode is not on the PATH (install Debian"
        + " gpsd-clients: apt-get install gpsd-clients); the comparison needs the real program");
    Path input = SharedData.require("ais/" + file);

    Path copy = Files.createTempFile("gpsdecode-input", ".nmea");
    List<JsonNode> theirs;
    List<AisMessage> ours = new ArrayList<>();
    Prepared prepared;
    try {
      prepared = prepare(input, copy);
      theirs = runGpsdecode(copy);
      AisStream.read(copy, t -> ours.add(t.message()));
    } finally {
      Files.deleteIfExists(copy);
    }

    Comparison c = new Comparison(ours, theirs);
    c.run();

    assertThat(theirs).as("gpsdecode decoded nothing from %s", file).isNotEmpty();
    assertThat(c.differences)
        .as("%s (%s): %d gpsd objects, %d of ours, %d paired, %d type 24 parts not merged by"
            + " gpsd; differences (first %d):%n%s", file, prepared, theirs.size(), ours.size(),
            c.paired, c.unmergedParts, MAX_LISTED, String.join("\n",
                c.differences.subList(0, Math.min(MAX_LISTED, c.differences.size()))))
        .isEmpty();
    assertThat(c.paired + c.pairedSecondParts + c.unmergedParts)
        .as("every message of ours is paired or a documented deviation").isEqualTo(ours.size());
    assertThat(c.paired).as("every gpsd object is paired").isEqualTo(theirs.size());
  }

  /**
   * What preparing a file's copy changed.
   *
   * @param lines lines copied
   * @param split lines split where they held the text backslash-r-backslash-n
   * @param talkersRewritten sentences whose talker was rewritten to AI
   * @param badTagBlocks lines left out for a malformed tag block
   */
  private record Prepared(int lines, int split, int talkersRewritten, int badTagBlocks) {
    @Override
    public String toString() {
      return lines + " lines, " + split + " lines split at a literal \\r\\n, "
          + talkersRewritten + " talkers rewritten to AI, " + badTagBlocks
          + " lines with a bad tag block left out";
    }
  }

  /** Writes the copy both decoders read; see the class comment. */
  private static Prepared prepare(Path input, Path copy) throws IOException {
    List<String> out = new ArrayList<>();
    int rewritten = 0;
    int badTags = 0;
    int split = 0;
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(input, StandardCharsets.ISO_8859_1)) {
      int at = line.indexOf(LITERAL_CRLF);
      if (at < 0) {
        lines.add(line);
        continue;
      }
      split++;
      int from = 0;
      while (at >= 0) {
        lines.add(line.substring(from, at));
        from = at + LITERAL_CRLF.length();
        at = line.indexOf(LITERAL_CRLF, from);
      }
      lines.add(line.substring(from));
    }
    for (String line : lines) {
      int start = 0;
      if (line.startsWith("\\")) {
        int close = line.indexOf('\\', 1);
        if (close < 0 || close - line.lastIndexOf('*', close) != 3 || !checksumOk(line, 1, close)) {
          badTags++;
          continue;
        }
        start = close + 1;
      }
      String sentence = line.substring(start);
      if (sentence.length() > 7 && sentence.charAt(0) == '!'
          && (sentence.startsWith("VDM", 3) || sentence.startsWith("VDO", 3))
          && !sentence.startsWith("AI", 1)) {
        int star = sentence.lastIndexOf('*');
        if (star > 0 && checksumOk(sentence, 1, sentence.length())) {
          String body = "AI" + sentence.substring(3, star);
          line = line.substring(0, start) + "!" + body + "*" + hex2(xor(body, 0, body.length()))
              + sentence.substring(Math.min(sentence.length(), star + 3));
          rewritten++;
        }
      }
      out.add(line);
    }
    Files.write(copy, out, StandardCharsets.ISO_8859_1);
    return new Prepared(out.size(), split, rewritten, badTags);
  }

  /** Whether text[from, to) is {@code body*hh} with hh the XOR of body's characters. */
  private static boolean checksumOk(String text, int from, int to) {
    int star = text.lastIndexOf('*', to - 1);
    if (star < from || to - star - 1 < 2) {
      return false;
    }
    String hh = text.substring(star + 1, star + 3);
    return hh.equalsIgnoreCase(hex2(xor(text, from, star)));
  }

  private static int xor(String s, int from, int to) {
    int x = 0;
    for (int i = from; i < to; i++) {
      x ^= s.charAt(i);
    }
    return x;
  }

  private static String hex2(int v) {
    return String.format(Locale.ROOT, "%02X", v & 0xff);
  }

  /** Runs gpsdecode -u on a file, bounded in time, and returns its AIS objects in order. */
  private static List<JsonNode> runGpsdecode(Path input) throws IOException, InterruptedException {
    Path out = Files.createTempFile("gpsdecode", ".json");
    Path err = Files.createTempFile("gpsdecode", ".err");
    try {
      Process p = new ProcessBuilder(String.valueOf(gpsdecode), "-u")
          .redirectInput(input.toFile())
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        throw new AssertionError("gpsdecode did not finish within " + TIMEOUT_SECONDS
            + " s on " + input + "; killed");
      }
      assertThat(p.exitValue()).as("gpsdecode exit status on %s: %s", input,
          Files.readString(err, StandardCharsets.UTF_8)).isZero();
      List<JsonNode> objects = new ArrayList<>();
      for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
        if (line.startsWith("{")) {
          JsonNode n = JSON.readTree(line);
          if (n.path("class").asString("").equals("AIS")) {
            objects.add(n);
          }
        }
      }
      return objects;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Pairs gpsd's objects with our messages in order and lists every field that differs. */
  private static final class Comparison {
    private static final int LOOKAHEAD = 64;

    final List<AisMessage> ours;
    final List<JsonNode> theirs;
    final List<String> differences = new ArrayList<>();
    final boolean[] used;
    int paired;
    int pairedSecondParts;
    int unmergedParts;

    Comparison(List<AisMessage> ours, List<JsonNode> theirs) {
      this.ours = ours;
      this.theirs = theirs;
      this.used = new boolean[ours.size()];
    }

    void run() {
      int cursor = 0;
      for (int j = 0; j < theirs.size(); j++) {
        JsonNode e = theirs.get(j);
        int type = e.path("type").asInt();
        int mmsi = e.path("mmsi").asInt();
        int found = -1;
        for (int i = cursor; i < ours.size() && i < cursor + LOOKAHEAD; i++) {
          if (!used[i] && ours.get(i).type() == type && ours.get(i).mmsi() == mmsi
              && (type != 24 || ours.get(i) instanceof StaticDataReportPartB)) {
            found = i;
            break;
          }
        }
        if (found < 0) {
          differences.add("gpsd object " + j + " (type " + type + ", MMSI " + mmsi
              + ") has no message of ours: " + e);
          continue;
        }
        for (int i = cursor; i < found; i++) {
          if (!used[i]) {
            skipped(i);
          }
        }
        used[found] = true;
        paired++;
        String where = "gpsd object " + j + " / our message " + found + " (type " + type
            + ", MMSI " + mmsi + "): ";
        compare(where, e, ours.get(found));
        if (type == 24) {
          int a = partA(found, mmsi);
          if (a >= 0) {
            used[a] = true;
            pairedSecondParts++;
            compare(where, e, ours.get(a));
          }
        }
        cursor = found + 1;
      }
      for (int i = cursor; i < ours.size(); i++) {
        if (!used[i]) {
          skipped(i);
        }
      }
    }

    /** Our message i has no gpsd object: a documented deviation or a difference. */
    private void skipped(int i) {
      used[i] = true;
      AisMessage m = ours.get(i);
      if (m.type() == 24) {
        unmergedParts++;
      } else {
        differences.add("our message " + i + " has no gpsd object: " + m);
      }
    }

    /** The latest part A of this MMSI before our part B at {@code b}, within the lookahead. */
    private int partA(int b, int mmsi) {
      for (int i = b - 1; i >= 0 && i >= b - LOOKAHEAD; i--) {
        if (ours.get(i) instanceof StaticDataReportPartA a && a.mmsi() == mmsi) {
          return used[i] && i < b ? -1 : i;
        }
      }
      return -1;
    }

    /** Lists every field of ours that differs from gpsd's unscaled object. */
    private void compare(String where, JsonNode e, AisMessage m) {
      for (GpsdJson.Difference d : GpsdJson.differences(e, m, GpsdJson.Units.UNSCALED)) {
        differences.add(where + d);
      }
    }
  }
}
