package org.kuroshio.maritime.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kuroshio.maritime.ais.DecodeStats.Kind.BAD_CHECKSUM;
import static org.kuroshio.maritime.ais.DecodeStats.Kind.EMPTY_PAYLOAD;
import static org.kuroshio.maritime.ais.DecodeStats.Kind.EXPIRED_FRAGMENT;
import static org.kuroshio.maritime.ais.DecodeStats.Kind.LINE_TOO_LONG;
import static org.kuroshio.maritime.ais.DecodeStats.Kind.MALFORMED;
import static org.kuroshio.maritime.ais.DecodeStats.Kind.TRUNCATED_INPUT;
import static org.kuroshio.maritime.ais.DecodeStats.Kind.UNSUPPORTED_SENTENCE;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kuroshio.testing.SharedData;

class AisReaderTest {

  /** Expected (lines, payloads, timestamps lines, errors) per shared file; see SOURCES.md. */
  private record Expect(long lines, long payloads, long timestamps, Map<DecodeStats.Kind, Long> errors) {}

  private static Expect ex(long lines, long payloads, long timestamps, Object... kindCounts) {
    Map<DecodeStats.Kind, Long> m = new EnumMap<>(DecodeStats.Kind.class);
    for (int i = 0; i < kindCounts.length; i += 2) {
      m.put((DecodeStats.Kind) kindCounts[i], ((Number) kindCounts[i + 1]).longValue());
    }
    return new Expect(lines, payloads, timestamps, m);
  }

  // Payload counts were computed independently (a separate Python script over the files, and for
  // gpsd against the .chk files below). Error counts, with their cause:
  private static final Map<String, Expect> EXPECTED = Map.ofEntries(
      Map.entry("dma-aislib/LICENSE-AisLib.txt", ex(13, 0, 0, MALFORMED, 10)),
      // 8 lines hold both fragments of a message joined by a literal "\\r\\n": 251 records
      Map.entry("dma-aislib/ais250.txt", ex(251, 243, 0)),
      Map.entry("dma-aislib/decode_encode_messages.txt", ex(646, 601, 0)),
      Map.entry("dma-aislib/replay_dump.txt", ex(108, 50, 57)),
      // 2 sentences carry a trailing ",<unix time>" (supported)
      Map.entry("dma-aislib/stream_example.txt", ex(8551, 4051, 4051)),
      Map.entry("gpsd/COPYING-gpsd.txt", ex(35, 0, 0, MALFORMED, 28)),
      Map.entry("gpsd/ais-18-27.log", ex(280, 276, 0)),
      // the .chk echoes the 276 sentences; its 138 JSON lines are not NMEA
      Map.entry("gpsd/ais-18-27.log.chk", ex(414, 276, 0, MALFORMED, 138)),
      // 1313 GPS sentences ($GPGSV/GSA/VTG/RMC/GLL/GGA), valid but not AIS
      Map.entry("gpsd/ais-nmea.log", ex(1500, 171, 0, UNSUPPORTED_SENTENCE, 1313)),
      Map.entry("gpsd/ais-raw-messages.log", ex(121, 109, 0)),
      Map.entry("gpsd/ais_unpack_sixbit.log", ex(28, 13, 0)),
      // "AIVDM,2,2,1,B,..." without '!' (an invalid-packet test); two lines end in the literal
      // text "\\x0d\\x0a" (accepted as an escaped terminator)
      Map.entry("gpsd/sample.aivdm", ex(1121, 102, 0, MALFORMED, 1)),
      Map.entry("gpsd/sample.aivdm.js.chk", ex(97, 0, 0, MALFORMED, 97)),
      Map.entry("kystverket-via-docker-gpsd-timestamp/LICENSE-docker-gpsd-timestamp.txt",
          ex(21, 0, 0, MALFORMED, 17)),
      Map.entry("kystverket-via-docker-gpsd-timestamp/norwegian.raw.nmea", ex(223, 196, 0)),
      Map.entry("mid/mid.csv", ex(282, 0, 0, MALFORMED, 282)),
      Map.entry("pyais/LICENSE-pyais.txt", ex(21, 0, 0, MALFORMED, 17)),
      // the last $PGHP line (2009) keeps the 2008 line's checksum
      Map.entry("pyais/gatehouse.nmea", ex(11, 4, 3, BAD_CHECKSUM, 1)),
      Map.entry("pyais/timestamped.ais", ex(11, 4, 3, BAD_CHECKSUM, 1)),
      // foobar, IamNotAnAisMessage, 3 tag blocks with one-digit checksum "*A"; $GPGGA, $GPRTE,
      // $GPR00, $IIMWV; the 2009 $PGHP
      Map.entry("pyais/mixed.txt",
          ex(35, 10, 1, BAD_CHECKSUM, 1, MALFORMED, 5, UNSUPPORTED_SENTENCE, 4)),
      // 100 "!AIVDM,1,1,,B,,0*25"; 20 first fragments whose second fragment is not in the file
      Map.entry("pyais/nmea_data_sample.txt", ex(898, 778, 0, EMPTY_PAYLOAD, 100,
          EXPIRED_FRAGMENT, 20)),
      // IamNotAnAisMessage + 3 "*A" tag blocks; "s:blah" tag block and 2009 $PGHP checksums
      Map.entry("pyais/sample.ais", ex(22, 9, 0, BAD_CHECKSUM, 2, MALFORMED, 4)));

  @Test
  void everySharedFile_readEndToEnd_countsAsExpected() throws IOException {
    Path root = SharedData.require("ais");
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(files).hasSize(EXPECTED.size());
    for (Path p : files) {
      String name = root.relativize(p).toString().replace('\\', '/');
      Expect e = EXPECTED.get(name);
      assertThat(e).as("expectation for " + name).isNotNull();
      List<AisPayload> out = new ArrayList<>();
      DecodeStats.Snapshot s = AisReader.read(p, out::add);
      assertThat(s.lines()).as(name).isEqualTo(e.lines());
      assertThat(s.payloads()).as(name).isEqualTo(e.payloads()).isEqualTo(out.size());
      assertThat(s.timestamps()).as(name).isEqualTo(e.timestamps());
      for (DecodeStats.Kind k : DecodeStats.Kind.values()) {
        assertThat(s.count(k)).as(name + " " + k).isEqualTo(e.errors().getOrDefault(k, 0L));
      }
      assertThat(s.ignored() + s.sentences() + s.timestamps() + s.lineErrors())
          .as(name + " every line accounted once").isEqualTo(s.lines());
    }
  }

  @Test
  void gpsdSample_matchesChkPerMessageType() throws IOException {
    compareWithChk("gpsd/sample.aivdm", "gpsd/sample.aivdm.js.chk",
        // gpsd's .chk omits 5 of the 7 type 24 parts
        Map.of(24, 5));
  }

  @Test
  void gpsdTypes18And27_matchChk() throws IOException {
    // the .chk lists the 69 type 18 and 69 type 27 reports, none of the 138 type 24 parts
    compareWithChk("gpsd/ais-18-27.log", "gpsd/ais-18-27.log.chk", Map.of(24, 138));
  }

  private static void compareWithChk(String log, String chk, Map<Integer, Integer> extra)
      throws IOException {
    TreeMap<Integer, Integer> ours = new TreeMap<>();
    AisReader.read(SharedData.require("ais/" + log),
        p -> ours.merge(sixBit(p.armored().charAt(0)), 1, Integer::sum));
    TreeMap<Integer, Integer> theirs = new TreeMap<>();
    for (String l : Files.readAllLines(SharedData.require("ais/" + chk))) {
      int i = l.indexOf("\"type\":");
      if (l.startsWith("{\"class\":\"AIS\"") && i > 0) {
        int j = i + 7;
        int v = 0;
        while (Character.isDigit(l.charAt(j))) {
          v = v * 10 + l.charAt(j++) - '0';
        }
        theirs.merge(v, 1, Integer::sum);
      }
    }
    extra.forEach((type, n) -> theirs.merge(type, n, Integer::sum));
    theirs.values().removeIf(v -> v == 0);
    assertThat(ours).isEqualTo(theirs);
  }

  private static int sixBit(char c) {
    int v = c - 48;
    return v > 40 ? v - 8 : v;
  }

  @Test
  void streamExample_timesFromPghp() {
    List<AisPayload> out = new ArrayList<>();
    AisReader.read(SharedData.require("ais/dma-aislib/stream_example.txt"), out::add);
    assertThat(out).allSatisfy(p -> assertThat(p.time()).isNotNull());
    assertThat(out.get(0).time()).isEqualTo(Instant.parse("2010-06-11T11:46:11.390Z"));
  }

  @Test
  void kystverket_timesAndSourcesFromTagBlocks() throws IOException {
    Path f = SharedData.require("ais/kystverket-via-docker-gpsd-timestamp/norwegian.raw.nmea");
    List<AisPayload> out = new ArrayList<>();
    AisReader.read(f, out::add);
    // untagged messages: untagged lines that are the first fragment ("!BSVDM,n,1,...")
    long untagged = Files.readAllLines(f).stream()
        .filter(l -> l.startsWith("!") && l.charAt(8) == ',' && l.charAt(9) == '1').count();
    assertThat(untagged).isEqualTo(20);
    // they take the time last recorded before them: no message of the recording is untimed
    assertThat(out.stream().filter(p -> p.time() == null).count()).isZero();
    assertThat(out.get(0)).isEqualTo(new AisPayload("13o4g`00000I2ENRH4g83S0L088C", 0,
        Instant.ofEpochSecond(1733782034L), 'A', "2573238"));
  }

  @Test
  void gpsdReceiverLog_rmcClockStampsAisSentences() {
    List<AisPayload> out = new ArrayList<>();
    DecodeStats.Snapshot s = AisReader.read(SharedData.require("ais/gpsd/ais-nmea.log"),
        new AisLineDecoder(out::add, AisLimits.DEFAULTS, true));
    // 164 $GPRMC lines (all status A) become clock ticks; 1313 - 164 GPS sentences remain
    assertThat(s.timestamps()).isEqualTo(164);
    assertThat(s.count(UNSUPPORTED_SENTENCE)).isEqualTo(1313 - 164);
    assertThat(s.payloads()).isEqualTo(171);
    // the first message (lines 6-7) precedes the first fix; the next follows $GPRMC,213950.00
    assertThat(out.get(0).time()).isNull();
    assertThat(out.get(1).time()).isEqualTo(Instant.parse("2020-04-07T21:39:50Z"));
    assertThat(out.subList(1, out.size())).allSatisfy(p -> assertThat(p.time()).isNotNull());
  }

  @Test
  void gzip_detectedByMagic_andTruncatedGzipCounted(@TempDir Path tmp) throws IOException {
    Path plain = SharedData.require("ais/dma-aislib/stream_example.txt");
    byte[] raw = Files.readAllBytes(plain);
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(raw);
    }
    Path gzFile = tmp.resolve("stream.log"); // no .gz name: detection is by magic bytes
    Files.write(gzFile, bos.toByteArray());
    List<AisPayload> a = new ArrayList<>();
    List<AisPayload> b = new ArrayList<>();
    DecodeStats.Snapshot sa = AisReader.read(plain, a::add);
    DecodeStats.Snapshot sb = AisReader.read(gzFile, b::add);
    assertThat(sb).isEqualTo(sa);
    assertThat(b).isEqualTo(a);

    byte[] cut = Arrays.copyOf(bos.toByteArray(), bos.size() / 2);
    DecodeStats.Snapshot sc = AisReader.read(new ByteArrayInputStream(cut),
        new AisLineDecoder(p -> { }));
    assertThat(sc.count(TRUNCATED_INPUT)).isEqualTo(1);
    assertThat(sc.payloads()).isPositive().isLessThan(sa.payloads());
  }

  @Test
  void chunkedInput_oneByteAtATimeAndRandomSplits_sameResult() throws IOException {
    byte[] raw = Files.readAllBytes(SharedData.require("ais/pyais/mixed.txt"));
    byte[] nor = Files.readAllBytes(
        SharedData.require("ais/kystverket-via-docker-gpsd-timestamp/norwegian.raw.nmea"));
    byte[] all = new byte[raw.length + nor.length];
    System.arraycopy(raw, 0, all, 0, raw.length);
    System.arraycopy(nor, 0, all, raw.length, nor.length);
    List<AisPayload> whole = new ArrayList<>();
    DecodeStats.Snapshot sw = AisReader.read(new ByteArrayInputStream(all),
        new AisLineDecoder(whole::add));
    for (long seed = 0; seed < 4; seed++) {
      List<AisPayload> split = new ArrayList<>();
      DecodeStats.Snapshot ss = AisReader.read(
          new Throttled(new ByteArrayInputStream(all), seed), new AisLineDecoder(split::add));
      assertThat(ss).isEqualTo(sw);
      assertThat(split).isEqualTo(whole);
    }
  }

  @Test
  void longLines_skippedAndCounted_neighboursDecoded() {
    String good = "!AIVDM,1,1,,B,177KQJ5000G?tO`K>RA1wUbN0TKH,0*5C\n";
    String text = good + "x".repeat(5000) + "\n" + good + "!".repeat(2_000_000) + good;
    List<AisPayload> out = new ArrayList<>();
    DecodeStats.Snapshot s = AisReader.read(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)),
        new AisLineDecoder(out::add, new AisLimits(200, 8, 100, java.time.Duration.ofMinutes(1))));
    // the last good sentence is glued to the long line, so it goes with it
    assertThat(out).hasSize(2);
    assertThat(s.count(LINE_TOO_LONG)).isEqualTo(2);
    assertThat(s.lines()).isEqualTo(4);
  }

  @Test
  void fuzz_noExceptionEscapes_everyLineAccountedOnce() throws IOException {
    List<String> corpus = new ArrayList<>();
    for (String f : List.of("ais/dma-aislib/stream_example.txt", "ais/pyais/mixed.txt",
        "ais/pyais/sample.ais", "ais/gpsd/sample.aivdm",
        "ais/kystverket-via-docker-gpsd-timestamp/norwegian.raw.nmea")) {
      corpus.addAll(Files.readAllLines(SharedData.require(f), StandardCharsets.ISO_8859_1));
    }
    Random r = new Random(20261123L);
    AisLineDecoder d = new AisLineDecoder(p -> { }, new AisLimits(4096, 64, 50,
        java.time.Duration.ofSeconds(60)));
    DecodeStats st = d.stats();
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      String base = corpus.get(r.nextInt(corpus.size()));
      int op = r.nextInt(7);
      String line = switch (op) {
        case 0 -> base;
        case 1 -> base.substring(0, r.nextInt(base.length() + 1));
        case 2 -> mutate(base, r);
        case 3 -> flipChecksum(base, r);
        case 4 -> randomChars(r, 4097 + r.nextInt(100_000));
        case 5 -> insertSpecials(base, r);
        default -> randomChars(r, r.nextInt(120));
      };
      long badBefore = st.count(BAD_CHECKSUM);
      long longBefore = st.count(LINE_TOO_LONG);
      DecodeStats.Snapshot before = st.snapshot();
      d.accept(line);
      DecodeStats.Snapshot after = st.snapshot();
      assertThat(after.lines() - before.lines()).as(line).isPositive();
      assertThat(accounted(after) - accounted(before)).as(line)
          .isEqualTo(after.lines() - before.lines());
      if (op == 3 && !line.equals(base)) {
        assertThat(st.count(BAD_CHECKSUM)).as(line).isEqualTo(badBefore + 1);
      }
      if (op == 4) {
        assertThat(st.count(LINE_TOO_LONG)).isEqualTo(longBefore + 1);
      }
      if (line.indexOf('\n') < 0 && line.indexOf('\r') < 0) {
        all.append(line).append('\n');
      }
    }
    d.finish();
    DecodeStats.Snapshot end = st.snapshot();
    assertThat(end.lines()).isGreaterThanOrEqualTo(50_000);
    assertThat(accounted(end)).isEqualTo(end.lines());
    assertThat(end.payloads()).isPositive();
    assertThat(end.lineErrors()).isPositive();

    // the same lines as bytes through the reader
    DecodeStats.Snapshot viaReader = AisReader.read(
        new ByteArrayInputStream(all.toString().getBytes(StandardCharsets.ISO_8859_1)),
        new AisLineDecoder(p -> { }));
    assertThat(accounted(viaReader)).isEqualTo(viaReader.lines());
  }

  private static long accounted(DecodeStats.Snapshot s) {
    return s.ignored() + s.sentences() + s.timestamps() + s.lineErrors();
  }

  private static String mutate(String s, Random r) {
    if (s.isEmpty()) {
      return s;
    }
    char[] c = s.toCharArray();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      c[r.nextInt(c.length)] = (char) r.nextInt(256);
    }
    return new String(c);
  }

  private static String flipChecksum(String s, Random r) {
    int star = s.lastIndexOf('*');
    if (!s.startsWith("!") || star < 0 || star != s.length() - 3) {
      return s;
    }
    char c = s.charAt(s.length() - 1);
    String hex = "0123456789ABCDEF";
    char d;
    do {
      d = hex.charAt(r.nextInt(16));
    } while (d == Character.toUpperCase(c));
    return s.substring(0, s.length() - 1) + d;
  }

  private static String insertSpecials(String s, Random r) {
    StringBuilder sb = new StringBuilder(s);
    String specials = "\\*,!$#:-G";
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      sb.insert(r.nextInt(sb.length() + 1), specials.charAt(r.nextInt(specials.length())));
    }
    return sb.toString();
  }

  private static String randomChars(Random r, int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = (char) (32 + r.nextInt(95));
    }
    return new String(c);
  }

  /** Returns random small chunks, as jackson's ThrottledInputStream. */
  private static final class Throttled extends FilterInputStream {
    private final Random r;
    private final boolean single;

    Throttled(InputStream in, long seed) {
      super(in);
      this.r = new Random(seed);
      this.single = seed == 0;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = single ? 1 : 1 + r.nextInt(Math.min(len, 97));
      return super.read(b, off, Math.min(len, n));
    }
  }
}
