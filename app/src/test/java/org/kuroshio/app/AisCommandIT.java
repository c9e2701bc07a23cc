package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.kuroshio.maritime.scenario.MatsuScenario;
import org.kuroshio.stix.StixJson;
import tools.jackson.databind.JsonNode;

/**
 * {@code kuroshio ais ingest} and {@code kuroshio ais replay} run in-process against real files,
 * a real node on port 0 and real TCP sockets.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AisCommandIT {
  /** A valid AIVDM sentence (a class A position report) used to build small recordings. */
  static final String SENTENCE = "!AIVDM,1,1,,A,13HOI:0P0000VOHLCnHQKwvL05Ip,0*23";

  @TempDir Path dir;

  static Path shared(String relative) {
    Path p = Path.of(System.getProperty("kuroshio.shared", "../shared"), "data")
        .resolve(relative);
    assumeThat(Files.isRegularFile(p)).as("shared data %s (absent in a user's clone)", p)
        .isTrue();
    return p;
  }

  /** A line with an NMEA 4.0 tag block carrying {@code c:} (UNIX seconds). */
  static String timed(long epochSeconds, String sentence) {
    String tag = "c:" + epochSeconds;
    int sum = 0;
    for (char c : tag.toCharArray()) {
      sum ^= c;
    }
    return "\\" + tag + "*" + String.format("%02X", sum) + "\\" + sentence;
  }

  @Test
  void ingest_realRecording_offline_printsCountsAndWritesAValidBundle() throws Exception {
    Path rec = shared("ais/dma-aislib/stream_example.txt");
    Path bundle = dir.resolve("events.json");
    CliRun run = CliRun.run(Map.of(), "ais", "ingest", rec.toString(), "--events-out",
        bundle.toString());

    assertThat(run.code()).as(run.err()).isEqualTo(Main.OK);
    assertThat(run.out())
        .contains("lines 8551 (ignored 0), sentences 4500, timestamp lines 4051,"
            + " messages 4051")
        .contains("  errors 0\n")
        .contains("vessels 1726, position reports 2965")
        .containsPattern("events \\d+")
        .contains("STIX objects to " + bundle);
    JsonNode b = StixJson.readTree(Files.readString(bundle), StixJson.mapper());
    assertThat(b.path("type").asString()).isEqualTo("bundle");
    long observed = 0;
    for (JsonNode o : b.path("objects")) {
      if (o.path("type").asString().equals("observed-data")) {
        observed++;
        assertThat(o.path("object_marking_refs").get(0).asString())
            .isEqualTo(org.kuroshio.stix.Tlp.AMBER.markingId());
      }
    }
    Matcher events = Pattern.compile("events (\\d+)").matcher(run.out());
    assertThat(events.find()).isTrue();
    assertThat(observed).isEqualTo(Long.parseLong(events.group(1))).isPositive();
    CliRun valid = CliRun.run(Map.of(), "validate", "-q", bundle.toString());
    assertThat(valid.code()).as(valid.out() + valid.err()).isEqualTo(Main.OK);
  }

  @Test
  void ingest_gzippedStoryOverTheDemoCable_findsTheCableThreat() throws Exception {
    Path work = dir.resolve("work");
    MaritimeDemo.Sources demo = MaritimeDemo.sources(dir.resolve("no-shared-data"), work);
    MatsuScenario.Result story = MatsuScenario.write(
        List.of(new double[] {119.955, 26.140}, new double[] {119.985, 26.110},
            new double[] {120.030, 26.065}, new double[] {120.100, 26.010},
            new double[] {120.400, 25.850}),
        MaritimeDemo.START.getEpochSecond(), MaritimeDemo.SEED);
    Path gz = dir.resolve("story.nmea.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
      o.write(String.join("\r\n", story.lines()).getBytes(StandardCharsets.US_ASCII));
    }

    CliRun run = CliRun.run(Map.of(), "ais", "ingest", gz.toString(), "--cables",
        demo.cables().toString(), "--landing-points", demo.landingPoints().toString(),
        "--areas", demo.areas().toString());

    assertThat(run.code()).as(run.err()).isEqualTo(Main.OK);
    assertThat(run.out()).contains("lines " + story.lines().size() + " (ignored 0)")
        .contains("  errors 0\n")
        .containsPattern("vessels 17, ")
        .containsPattern("events \\d+: .*cable-threat [1-9]")
        .containsPattern("incursion [1-9]");
  }

  @Test
  void ingest_missingFile_isAUsageErrorNamingIt() {
    Path missing = dir.resolve("nowhere.nmea");
    CliRun run = CliRun.run(Map.of(), "ais", "ingest", missing.toString());
    assertThat(run.code()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains("no readable file at " + missing);
  }

  @Test
  void ingest_fileWithoutAis_saysSoAndExits1() throws Exception {
    Path junk = dir.resolve("notes.txt");
    Files.writeString(junk, "this is not AIS\n$GPGGA,nothing*00\nanother line\n");
    CliRun run = CliRun.run(Map.of(), "ais", "ingest", junk.toString());
    assertThat(run.code()).isEqualTo(Main.PROBLEMS);
    assertThat(run.out()).contains("lines 3 (ignored 0), sentences 0").contains("errors 3: ");
    assertThat(run.err()).contains("no AIS message in " + junk + ": 3 lines, none decoded");
  }

  @Test
  void ingest_badOptions_areUsageErrors() throws Exception {
    Path f = dir.resolve("one.nmea");
    Files.writeString(f, SENTENCE + "\n");
    assertThat(CliRun.run(Map.of(), "ais", "ingest", f.toString(), "--cables",
        dir.resolve("no-cables.geojson").toString()).err())
        .contains("--cables: no readable file at");
    CliRun both = CliRun.run(Map.of(), "ais", "ingest", f.toString(), "--url",
        "http://127.0.0.1:9/", "--events-out", dir.resolve("x.json").toString());
    assertThat(both.code()).isEqualTo(Main.USAGE);
    assertThat(both.err()).contains("apply only without --url");
    CliRun spec = CliRun.run(Map.of(), "ais", "ingest", "tcp://nowhere");
    assertThat(spec.code()).isEqualTo(Main.USAGE);
    CliRun dur = CliRun.run(Map.of(), "ais", "ingest", f.toString(), "--duration", "soon");
    assertThat(dur.code()).isEqualTo(Main.USAGE);
    assertThat(dur.err()).contains("--duration: not a duration");
  }

  @Test
  void ingest_withUrl_sendsTheLinesToARunningNode() throws Exception {
    Path rec = dir.resolve("rec.nmea");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      lines.add(timed(1_767_268_800L + i, SENTENCE));
    }
    Files.write(rec, lines);
    try (ApiNode node = ApiNode.start()) {
      String url = node.node().uri().toString();
      CliRun run = CliRun.run(Map.of("KUROSHIO_PASSWORD", "admin-demo-password"), "ais",
          "ingest", rec.toString(), "--url", url, "--user", "admin", "--batch-lines", "1000");

      assertThat(run.code()).as(run.err()).isEqualTo(Main.OK);
      assertThat(run.out().lines().filter(l -> l.startsWith("posted ")).count()).isEqualTo(3);
      assertThat(run.out()).contains("posted 1000 lines (1000 in all): ")
          .contains("posted 500 lines (2500 in all): ")
          .contains("sent 2500 lines in 3 batches to " + url);
      assertThat(node.node().maritime().status().lines()).isEqualTo(2_500);
      node.node().maritime().flush();
      assertThat(node.node().maritime().vessel(227006760)).isPresent();

      CliRun refused = CliRun.run(Map.of("KUROSHIO_PASSWORD", "wrong-password"), "ais",
          "ingest", rec.toString(), "--url", url, "--user", "admin");
      assertThat(refused.code()).isEqualTo(Main.FAILURE);
      assertThat(refused.err()).contains("HTTP 401");
    }
  }

  @Test
  void replay_serve_sendsEveryLineToATcpClient() throws Exception {
    Path rec = dir.resolve("rec.nmea");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      lines.add(timed(1_767_268_800L + i, SENTENCE));
    }
    Files.write(rec, lines);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream ps = new java.io.PrintStream(out, true, StandardCharsets.UTF_8);
    CompletableFuture<Integer> replay = CompletableFuture.supplyAsync(() -> Main.execute(
        Map.of(), new java.io.ByteArrayInputStream(new byte[0]), ps, ps, false, "ais", "replay",
        rec.toString(), "--speed", "max", "--serve", "tcp://127.0.0.1:0"));

    int port = awaitPort(out, replay);
    List<String> received = new ArrayList<>();
    try (Socket s = new Socket("127.0.0.1", port);
        BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(),
            StandardCharsets.US_ASCII))) {
      s.setSoTimeout(30_000);
      for (String l; (l = r.readLine()) != null; ) {
        received.add(l);
      }
    }

    assertThat(replay.get(60, TimeUnit.SECONDS)).as(out.toString()).isEqualTo(Main.OK);
    assertThat(received).isEqualTo(lines);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("replayed 300 lines (300 with a time stamp)")
        .contains("served 300 lines to 1 client(s) (0 sent while none was connected");
  }

  @Test
  void replay_atSixtyTimesRealTime_takesAboutTheRecordedSpanOverSixty() throws Exception {
    Path rec = dir.resolve("minute.nmea");
    List<String> lines = List.of(timed(1_767_268_800L, SENTENCE),
        timed(1_767_268_830L, SENTENCE), timed(1_767_268_860L, SENTENCE));
    Files.write(rec, lines);

    long start = System.nanoTime();
    CliRun run = CliRun.run(Map.of(), "ais", "replay", rec.toString(), "--speed", "60");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(run.code()).as(run.err()).isEqualTo(Main.OK);
    assertThat(run.out().lines().toList()).isEqualTo(lines);
    assertThat(run.err()).containsPattern("replayed 3 lines \\(3 with a time stamp\\) spanning"
        + " 1\\.0 min, paused (0\\.9|1\\.0) s");
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900))
        .isLessThan(Duration.ofSeconds(20));

    CliRun fast = CliRun.run(Map.of(), "ais", "replay", rec.toString(), "--speed", "max");
    assertThat(fast.err()).contains("paused 0.0 s");
    CliRun bad = CliRun.run(Map.of(), "ais", "replay", rec.toString(), "--speed", "fast");
    assertThat(bad.code()).isEqualTo(Main.USAGE);
    assertThat(bad.err()).contains("bad replay speed 'fast'");
  }

  @Test
  void replay_withUrl_postsTheRecordingToANode() throws Exception {
    Path rec = dir.resolve("rec.nmea");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      lines.add(timed(1_767_268_800L + i, SENTENCE));
    }
    Files.write(rec, lines);
    try (ApiNode node = ApiNode.start()) {
      CliRun run = CliRun.run(Map.of("KUROSHIO_PASSWORD", "admin-demo-password"), "ais",
          "replay", rec.toString(), "--speed", "max", "--url", node.node().uri().toString(),
          "--user", "admin");
      assertThat(run.code()).as(run.err()).isEqualTo(Main.OK);
      assertThat(run.out()).contains("replayed 120 lines").contains("sent 120 lines in ");
      assertThat(node.node().maritime().status().lines()).isEqualTo(120);
    }
  }

  private static int awaitPort(java.io.ByteArrayOutputStream out,
      CompletableFuture<Integer> running) throws InterruptedException {
    Pattern p = Pattern.compile("on port (\\d+)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Matcher m = p.matcher(out.toString(StandardCharsets.UTF_8));
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      if (running.isDone()) {
        throw new AssertionError("replay ended early: " + out);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("replay printed no port: " + out);
  }
}
