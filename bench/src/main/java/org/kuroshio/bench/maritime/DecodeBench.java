package org.kuroshio.bench.maritime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.kuroshio.maritime.ais.AisEncoder;
import org.kuroshio.maritime.ais.AisStream;
import org.kuroshio.maritime.ais.TimedAisMessage;

/**
 * AIS decoding speed on one thread against {@code gpsdecode} (Debian gpsd-clients) on the same
 * file in the same invocation: the target is at least 3,000,000 sentences/s and at least
 * ten times {@code gpsdecode}.
 *
 * <p>Two corpora, each at least {@code MIN_SENTENCES} lines, written to WORKDIR:
 * <ol>
 *   <li><b>real</b>: every AIS sentence of the recordings under {@code shared/data/ais/}
 *       (Kystverket via docker-gpsd-timestamp, DMA AisLib, gpsd, pyais), concatenated in a fixed
 *       order and repeated. Prepared as the gpsdecode comparison test prepares them, so that
 *       gpsdecode reads them too: sentences joined by the text backslash-r-backslash-n are split,
 *       talkers other than {@code AI} (BS, B2, ...) are rewritten to {@code AI} with the checksum
 *       recomputed when it was right, lines that are not AIS sentences (comments, other NMEA,
 *       proprietary timestamp lines) are left out. Tag blocks are kept.</li>
 *   <li><b>synthetic</b>: position traffic of 10,000 vessels from {@link Traffic} (type 1 every
 *       10 s, type 5 every 6 minutes, each sentence with a tag block time).</li>
 * </ol>
 *
 * <p>What is timed, per corpus and round, alternating: (a) ours from the file,
 * {@link AisStream#read(Path, java.util.function.Consumer)}: reading the bytes, splitting lines,
 * sentence layer, tag blocks, reassembly, payload decode into records, counting; (b) ours over the
 * lines already in memory ({@link AisStream#accept} per line); (c) {@code gpsdecode < file >
 * /dev/null}, wall clock of the process (it decodes to JSON, which is its output). Warm-up rounds
 * of (a) and (b) first. Run the JVM under {@code taskset -c 0} to hold everything, gpsdecode
 * included (it inherits the mask), to one core.
 *
 * <pre>java -cp kuroshio-bench.jar org.kuroshio.bench.maritime.DecodeBench DATA_AIS_DIR WORKDIR
 *     [MIN_SENTENCES] [ROUNDS]</pre>
 */
public final class DecodeBench {
  private static final String LITERAL_CRLF = "\\r\\n";
  private static final int WARMUP = 3;

  private DecodeBench() {}

  /** Runs the benchmark; see the class comment for arguments. */
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: DecodeBench DATA_AIS_DIR WORKDIR [MIN_SENTENCES] [ROUNDS]");
      System.exit(2);
    }
    Path data = Path.of(args[0]);
    Path work = Path.of(args[1]);
    long minSentences = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    Files.createDirectories(work);
    System.out.println("# decode: " + Stats.jvm());

    List<String> real = realSentences(data);
    Path realFile = work.resolve("ais-real.nmea");
    long realLines = writeRepeated(real, minSentences, realFile);
    System.out.printf(Locale.ROOT, "corpus real: %,d distinct AIS sentence lines from %s, repeated"
        + " to %,d lines, %,d bytes, %s%n", real.size(), data, realLines, Files.size(realFile),
        realFile);
    run("real", realFile, rounds);

    Traffic.Result traffic = Traffic.generate(10_000, minSentences, 4, 1_795_000_000L);
    Path synthFile = work.resolve("ais-synthetic.nmea");
    Traffic.write(traffic.lines(), synthFile);
    System.out.printf(Locale.ROOT, "corpus synthetic: %s; %,d bytes, %s%n", traffic.describe(),
        Files.size(synthFile), synthFile);
    run("synthetic", synthFile, rounds);
  }

  private static void run(String corpus, Path file, int rounds) throws Exception {
    String[] lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1).toArray(new String[0]);
    long bytes = Files.size(file);
    AisStream.Summary s = decodeFile(file);
    System.out.printf(Locale.ROOT, "%s ours: %s; messages=%,d payload-errors=%,d %s%n", corpus,
        s.sentences(), s.messages(), s.payloadErrorCount(), s.payloadErrors());
    long gpsdMessages = gpsdecodeCount(file);
    System.out.printf(Locale.ROOT, "%s gpsdecode: %,d JSON lines out (messages decoded)%n", corpus,
        gpsdMessages);
    for (int i = 0; i < WARMUP; i++) {
      decodeFile(file);
      decodeLines(lines);
    }
    double[] file1 = new double[rounds];
    double[] mem = new double[rounds];
    double[] gpsd = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      decodeFile(file);
      long t1 = System.nanoTime();
      decodeLines(lines);
      long t2 = System.nanoTime();
      gpsdecode(file);
      long t3 = System.nanoTime();
      file1[r] = lines.length / ((t1 - t0) / 1e9);
      mem[r] = lines.length / ((t2 - t1) / 1e9);
      gpsd[r] = lines.length / ((t3 - t2) / 1e9);
    }
    double mf = Stats.median(file1);
    double mm = Stats.median(mem);
    double mg = Stats.median(gpsd);
    double perLine = (double) bytes / lines.length;
    System.out.printf(Locale.ROOT, "%s ours-from-file: median %,.0f sentences/s = %,.1f MB/s"
        + " (rounds %s)%n", corpus, mf, mf * perLine / 1e6, Stats.rounds(file1));
    System.out.printf(Locale.ROOT, "%s ours-in-memory: median %,.0f sentences/s = %,.1f MB/s"
        + " (rounds %s)%n", corpus, mm, mm * perLine / 1e6, Stats.rounds(mem));
    System.out.printf(Locale.ROOT, "%s gpsdecode: median %,.0f sentences/s = %,.1f MB/s"
        + " (rounds %s)%n", corpus, mg, mg * perLine / 1e6, Stats.rounds(gpsd));
    System.out.printf(Locale.ROOT, "%s ratio ours-from-file / gpsdecode: %.1f; in-memory /"
        + " gpsdecode: %.1f (medians)%n", corpus, mf / mg, mm / mg);
  }

  private static AisStream.Summary decodeFile(Path file) {
    Counter c = new Counter();
    AisStream.Summary s = AisStream.read(file, c);
    if (s.messages() != c.n) {
      throw new IllegalStateException("sink saw " + c.n + " of " + s.messages());
    }
    return s;
  }

  private static long decodeLines(String[] lines) {
    Counter c = new Counter();
    AisStream stream = new AisStream(c);
    for (String l : lines) {
      stream.accept(l);
    }
    stream.finish();
    return c.n;
  }

  /** Counts messages and folds their types, so the decoded records are used. */
  private static final class Counter implements Consumer<TimedAisMessage> {
    long n;
    long types;

    @Override
    public void accept(TimedAisMessage m) {
      n++;
      types += m.message().type();
    }
  }

  private static void gpsdecode(Path file) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("gpsdecode").redirectInput(file.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(600, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("gpsdecode did not finish in 10 minutes");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("gpsdecode exited with " + p.exitValue());
    }
  }

  private static long gpsdecodeCount(Path file) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("gpsdecode").redirectInput(file.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    long n = 0;
    try (InputStream in = p.getInputStream()) {
      byte[] buf = new byte[1 << 16];
      for (int k; (k = in.read(buf)) > 0; ) {
        for (int i = 0; i < k; i++) {
          if (buf[i] == '\n') {
            n++;
          }
        }
      }
    }
    p.waitFor();
    return n;
  }

  /** The AIS sentences of every recording under {@code dir}, prepared as the class describes. */
  static List<String> realSentences(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).filter(p -> {
        String n = p.getFileName().toString();
        return !n.startsWith("LICENSE") && !n.startsWith("COPYING") && !n.startsWith("README")
            && !n.endsWith(".chk") && !n.endsWith(".csv") && !n.endsWith(".md");
      }).sorted().toList();
    }
    List<String> out = new ArrayList<>();
    for (Path f : files) {
      for (String raw : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
        for (String line : raw.split(Pattern.quote(LITERAL_CRLF), -1)) {
          String l = line.strip();
          String prepared = prepare(l);
          if (prepared != null) {
            out.add(prepared);
          }
        }
      }
    }
    return out;
  }

  /** The line with its talker set to AI, or null when it is not an AIS sentence. */
  private static @Nullable String prepare(String line) {
    int start = 0;
    if (line.startsWith("\\")) {
      int end = line.indexOf('\\', 1);
      if (end < 0) {
        return null;
      }
      start = end + 1;
    }
    String s = line.substring(start);
    if (s.length() < 8 || s.charAt(0) != '!'
        || !(s.startsWith("VDM,", 3) || s.startsWith("VDO,", 3))) {
      return null;
    }
    if (s.startsWith("AI", 1)) {
      return line;
    }
    int star = s.lastIndexOf('*');
    String body = star > 0 ? s.substring(1, star) : s.substring(1);
    String newBody = "AI" + body.substring(2);
    String tail;
    if (star > 0 && star + 3 <= s.length()) {
      String given = s.substring(star + 1, star + 3);
      boolean ok = given.equalsIgnoreCase(
          String.format(Locale.ROOT, "%02X", AisEncoder.checksum(body)));
      tail = "*" + (ok ? String.format(Locale.ROOT, "%02X", AisEncoder.checksum(newBody))
          : given) + s.substring(star + 3);
    } else {
      tail = star > 0 ? s.substring(star) : "";
    }
    return line.substring(0, start) + "!" + newBody + tail;
  }

  private static long writeRepeated(List<String> lines, long min, Path file) throws IOException {
    long n = 0;
    try (var w = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
      while (n < min) {
        for (String l : lines) {
          w.write(l);
          w.write('\n');
          n++;
        }
      }
    }
    return n;
  }
}
