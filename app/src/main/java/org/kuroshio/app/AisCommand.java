package org.kuroshio.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.kuroshio.maritime.MaritimePipeline;
import org.kuroshio.maritime.ais.AisStream;
import org.kuroshio.maritime.ais.DecodeError;
import org.kuroshio.maritime.ais.DecodeStats;
import org.kuroshio.maritime.detect.EventKind;
import org.kuroshio.maritime.detect.MaritimeEvent;
import org.kuroshio.maritime.feed.AisInput;
import org.kuroshio.maritime.feed.AisReplay;
import org.kuroshio.maritime.feed.FeedException;
import org.kuroshio.maritime.feed.FeedSettings;
import org.kuroshio.maritime.feed.FeedSpec;
import org.kuroshio.maritime.feed.InputStats;
import org.kuroshio.maritime.feed.ReplayServer;
import org.kuroshio.maritime.geo.Areas;
import org.kuroshio.maritime.geo.Boundaries;
import org.kuroshio.maritime.geo.CableMap;
import org.kuroshio.maritime.geo.GeoDataException;
import org.kuroshio.maritime.geo.GeoIndex;
import org.kuroshio.maritime.stix.MaritimeStix;
import org.kuroshio.stix.BundleWriter;
import org.kuroshio.stix.KuroshioExtensions;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Tlp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kuroshio ais}: AIS from the command line. {@code ingest SOURCE} reads a recording or a
 * live feed and either runs the maritime pipeline here (decode, vessels, tracks, detectors) and
 * prints what it found, or sends the lines to a running node; {@code replay FILE} plays a
 * recording back at the pace of its time stamps to TCP clients, a node or standard output.
 */
@Command(name = "ais", mixinStandardHelpOptions = true,
    description = {"AIS feeds: ingest a recording or a live feed, replay a recording.",
        "  ais ingest SOURCE   decode and detect here, or send to a node with --url",
        "  ais replay FILE     play a recording back at the pace of its time stamps"},
    subcommands = {AisCommand.Ingest.class, AisCommand.Replay.class,
        CommandLine.HelpCommand.class})
final class AisCommand implements Callable<Integer> {
  private static final java.util.regex.Pattern IDENTITY = java.util.regex.Pattern.compile(
      "identity--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    err.println("kuroshio: name an ais command: ingest, replay");
    spec.commandLine().usage(err);
    return Main.USAGE;
  }

  /** {@code kuroshio ais ingest SOURCE}. */
  @Command(name = "ingest", mixinStandardHelpOptions = true,
      description = {"Read AIS (NMEA 0183 lines) from SOURCE: a file (plain or gzip),"
          + " tcp://HOST:PORT (connect), tcp://:PORT (listen), udp://:PORT.",
          "Without --url, runs the maritime pipeline here (decoding, vessels, tracks,"
              + " detectors over the --cables, --boundaries and --areas given) and prints a"
              + " summary; --events-out writes the events as a STIX bundle.",
          "With --url, sends the lines to the running node's POST /api/maritime/ais in"
              + " batches and prints the node's answer to each.",
          "Network sources run until Ctrl-C or --duration; files until their end.",
          "Exits 0 when the source was read, 1 when it held no AIS at all or could not be read"
              + " to its end, 2 for bad options or an unreadable file or geodata."})
  static final class Ingest extends UntilStopped {
    @ParentCommand AisCommand ais;
    @Spec CommandSpec spec;
    @Mixin AdminClient.Options conn;

    @Parameters(index = "0", paramLabel = "SOURCE",
        description = "a file, tcp://HOST:PORT, tcp://:PORT or udp://:PORT")
    String source = "";

    @Option(names = "--batch-lines", paramLabel = "N",
        description = "with --url: lines per POST (default: ${DEFAULT-VALUE})")
    int batchLines = 5_000;

    @Option(names = "--duration", paramLabel = "TIME",
        description = "stop after this long (30s, 10m, 2h or ISO-8601 PT10M)")
    @Nullable String duration;

    @Option(names = "--cables", paramLabel = "FILE",
        description = "cable routes (GeoJSON) for the cable-threat detector")
    @Nullable Path cables;

    @Option(names = "--landing-points", paramLabel = "FILE",
        description = "cable landing points (GeoJSON), with --cables")
    @Nullable Path landingPoints;

    @Option(names = "--boundaries", paramLabel = "FILE",
        description = "territorial seas (GeoJSON polygons, ISO 3166 codes) for incursions and"
            + " short gaps")
    @Nullable Path boundaries;

    @Option(names = "--areas", paramLabel = "FILE",
        description = "areas of interest and anchorages (GeoJSON; property kind: interest or"
            + " anchorage; a Point with radius_m is a circle)")
    @Nullable Path areas;

    @Option(names = "--corridor-width-m", paramLabel = "METRES",
        description = "cable corridor half-width each side of the route (default: 1852)")
    double corridorWidthM = CableMap.DEFAULT_HALF_WIDTH_M;

    @Option(names = "--events-out", paramLabel = "FILE",
        description = "without --url: write the events (vessels, observed-data, locations,"
            + " relationships) as a STIX 2.1 bundle")
    @Nullable Path eventsOut;

    @Option(names = "--created-by", paramLabel = "ID",
        description = "with --events-out: the identity the objects are created by (default: "
            + AppConfig.DEFAULT_ORGANISATION + ")")
    String createdBy = AppConfig.DEFAULT_ORGANISATION;

    @Option(names = "--tlp", paramLabel = "TLP",
        description = "with --events-out: the TLP marking of the objects: clear, green, amber,"
            + " amber+strict, red, or none (default: ${DEFAULT-VALUE})")
    String tlp = "amber";

    @Override
    Integer run() throws InterruptedException {
      @Nullable Duration limit = duration == null ? null : parseDuration("--duration", duration);
      if (conn.urlGiven()) {
        if (eventsOut != null || cables != null || boundaries != null || areas != null
            || landingPoints != null) {
          throw new IllegalArgumentException("--url sends the lines to the node, which detects"
              + " with its own geodata: --events-out, --cables, --landing-points, --boundaries"
              + " and --areas apply only without --url");
        }
        return remote(limit);
      }
      if (conn.credentialsGiven()) {
        throw new IllegalArgumentException("--user, --password-env and --token-env need --url");
      }
      return local(limit);
    }

    private int remote(@Nullable Duration limit) throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      AdminClient client = conn.client();
      AisInput in = open(source);
      long start = System.nanoTime();
      boolean stopped;
      AisNodeFeed feed = new AisNodeFeed(client, batchLines, out);
      {
        StopSignal stop = signal();
        try {
          start(in, feed);
          stopped = waitForEnd(in, limit, stop, null);
        } finally {
          in.close();
          feed.close();
        }
      }
      InputStats.Snapshot s = in.stats();
      out.printf(Locale.ROOT, "sent %d lines in %d batches to %s in %.1f s%s%n",
          feed.linesPosted(), feed.batches(), client.base(), seconds(start),
          stopped ? " (stopped)" : "");
      printInput(out, in.spec(), s);
      return readFailure(in);
    }

    private int local(@Nullable Duration limit) throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      @Nullable Tlp marking = eventsOut == null ? null : parseTlp(tlp);
      if (eventsOut != null && !IDENTITY.matcher(createdBy).matches()) {
        throw new IllegalArgumentException("--created-by must be an identity id"
            + " (identity--UUID): " + createdBy);
      }
      GeoIndex zones = zones();
      AisInput in = open(source);
      List<MaritimeEvent> events = new CopyOnWriteArrayList<>();
      long start = System.nanoTime();
      MaritimePipeline pipeline = new MaritimePipeline(MaritimePipeline.Settings.DEFAULTS,
          zones, Clock.systemUTC(), events::add);
      boolean stopped;
      MaritimePipeline.Summary summary;
      {
        StopSignal stop = signal();
        try {
          start(in, pipeline);
          stopped = waitForEnd(in, limit, stop, () -> spec.commandLine().getErr().printf(
              Locale.ROOT, "ais: %d lines so far, %d events%n", in.stats().delivered(),
              pipeline.eventCounts().values().stream().mapToLong(Long::longValue).sum()));
        } finally {
          in.close();
          summary = pipeline.finish();
        }
      }
      out.printf(Locale.ROOT, "read %s in %.1f s%s%n", in.spec().file() != null
          ? in.spec().file() : source, seconds(start), stopped ? " (stopped)" : "");
      printSummary(out, summary);
      if (eventsOut != null) {
        long n = writeEvents(eventsOut, pipeline, events, createdBy, marking);
        out.println("wrote " + n + " STIX objects to " + eventsOut);
      }
      int code = readFailure(in);
      if (code == Main.OK && summary.messages() == 0 && summary.decode().sentences().lines()
          > summary.decode().sentences().ignored()) {
        spec.commandLine().getErr().println("kuroshio: no AIS message in " + source + ": "
            + summary.decode().sentences().lines() + " lines, none decoded");
        return Main.PROBLEMS;
      }
      return code;
    }

    private int readFailure(AisInput in) {
      Throwable f = in.failure().orElse(null);
      if (f == null) {
        return Main.OK;
      }
      spec.commandLine().getErr().println("kuroshio: " + (f.getMessage() != null
          ? f.getMessage() : f.toString()));
      return Main.PROBLEMS;
    }

    private GeoIndex zones() {
      if (landingPoints != null && cables == null) {
        throw new IllegalArgumentException("--landing-points needs --cables");
      }
      if (!(corridorWidthM >= CableMap.MIN_HALF_WIDTH_M
          && corridorWidthM <= CableMap.MAX_HALF_WIDTH_M)) {
        throw new IllegalArgumentException("--corridor-width-m must be "
            + (int) CableMap.MIN_HALF_WIDTH_M + " to " + (int) CableMap.MAX_HALF_WIDTH_M + ": "
            + corridorWidthM);
      }
      try {
        return GeoIndex.builder()
            .cables(cables == null ? null
                : CableMap.load(readable("--cables", cables),
                    landingPoints == null ? null : readable("--landing-points", landingPoints),
                    corridorWidthM))
            .boundaries(boundaries == null ? null
                : Boundaries.load(readable("--boundaries", boundaries)))
            .areas(areas == null ? null : Areas.load(readable("--areas", areas)))
            .build();
      } catch (GeoDataException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
  }

  /** {@code kuroshio ais replay FILE}. */
  @Command(name = "replay", mixinStandardHelpOptions = true,
      description = {"Play a recording (plain or gzip) back at the pace of its time stamps"
          + " (tag block c:, $PGHP, trailing UNIX time; untimed lines follow the line before).",
          "With --serve tcp://:PORT, serves it to every TCP client (a node can read it with"
              + " maritime.inputs or 'ais ingest tcp://HOST:PORT'); with --url, posts it to a"
              + " running node; else prints the lines on standard output."})
  static final class Replay extends UntilStopped {
    @ParentCommand AisCommand ais;
    @Spec CommandSpec spec;
    @Mixin AdminClient.Options conn;

    @Parameters(index = "0", paramLabel = "FILE", description = "the recording")
    Path file = Path.of("");

    @Option(names = "--speed", paramLabel = "N|max",
        description = "speed factor: 1 real time, 60 a recorded minute per second, max as fast"
            + " as possible (default: ${DEFAULT-VALUE})")
    String speed = "1";

    @Option(names = "--max-pause", paramLabel = "TIME",
        description = "shorten longer pauses of the recording to this (such as 5s)")
    @Nullable String maxPause;

    @Option(names = "--serve", paramLabel = "tcp://[HOST]:PORT",
        description = "serve the replay to TCP clients on this port (0: any free port), bound"
            + " to HOST when given, else to every interface")
    @Nullable String serve;

    @Option(names = "--clients", paramLabel = "N",
        description = "with --serve: wait for N clients before starting (default:"
            + " ${DEFAULT-VALUE}; 0 starts at once)")
    int clients = 1;

    @Option(names = "--batch-lines", paramLabel = "N",
        description = "with --url: the most lines per POST (default: ${DEFAULT-VALUE})")
    int batchLines = 5_000;

    @Override
    Integer run() throws InterruptedException {
      double factor = AisReplay.parseSpeed(speed);
      Duration pause = maxPause == null ? null : parseDuration("--max-pause", maxPause);
      if (pause != null && (pause.isZero() || pause.isNegative())) {
        throw new IllegalArgumentException("--max-pause must be positive: " + maxPause);
      }
      if (serve != null && conn.urlGiven()) {
        throw new IllegalArgumentException("give --serve or --url, not both");
      }
      if (!conn.urlGiven() && conn.credentialsGiven()) {
        throw new IllegalArgumentException("--user, --password-env and --token-env need --url");
      }
      if (clients < 0 || clients > FeedSettings.DEFAULTS.maxConnections()) {
        throw new IllegalArgumentException("--clients must be 0 to "
            + FeedSettings.DEFAULTS.maxConnections() + ": " + clients);
      }
      readable("FILE", file);
      AisReplay replay = new AisReplay(factor, pause, AisReplay.Pacer.SYSTEM,
          FeedSettings.DEFAULTS.maxLineLength());
      if (serve != null) {
        return served(replay, serve);
      }
      if (conn.urlGiven()) {
        return posted(replay);
      }
      return printed(replay);
    }

    private int printed(AisReplay replay) {
      PrintStream stdout = ais.main.stdout();
      boolean paced = replay.speed() > 0;
      AisReplay.Result r;
      {
        StopSignal stop = signal();
        stop.onStop(replay::stop);
        r = replay.run(file, line -> {
          stdout.print(line);
          stdout.print("\r\n");
          if (paced) {
            stdout.flush();
          }
        });
      }
      stdout.flush();
      printResult(spec.commandLine().getErr(), r);
      return Main.OK;
    }

    private int served(AisReplay replay, String where) throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      String w = where.strip();
      // Serving always listens: tcp://HOST:PORT names the address to bind, not a server to call.
      if (w.startsWith("tcp://") && !w.startsWith("tcp://:") && !w.contains("?")) {
        w += "?listen";
      }
      FeedSpec s = FeedSpec.parse(w);
      ReplayServer server;
      try {
        server = ReplayServer.serve(s, FeedSettings.DEFAULTS, Duration.ofSeconds(10));
      } catch (FeedException e) {
        throw new Main.CommandFailure(e.getMessage(), e);
      }
      AisReplay.Result r = null;
      try {
        StopSignal stop = signal();
        stop.onStop(replay::stop);
        out.println("serving the replay of " + file + " on port " + server.localPort()
            + (clients > 0 ? "; waiting for " + clients + " client(s)" : "")
            + " (stop with Ctrl-C)");
        out.flush();
        boolean ready = clients == 0;
        while (!ready && !stop.requested()) {
          ready = server.awaitClients(clients, Duration.ofMillis(200));
        }
        if (ready) {
          r = replay.run(file, server);
        }
      } finally {
        server.close();
      }
      ReplayServer.Stats st = server.stats();
      if (r != null) {
        printResult(out, r);
      }
      out.printf(Locale.ROOT, "served %d lines to %d client(s) (%d sent while none was"
          + " connected, %d dropped as too slow)%n", st.lines(), st.connections(), st.unsent(),
          st.droppedClients());
      return Main.OK;
    }

    private int posted(AisReplay replay) {
      PrintWriter out = spec.commandLine().getOut();
      AdminClient client = conn.client();
      AisReplay.Result r;
      AisNodeFeed feed = new AisNodeFeed(client, batchLines, out);
      {
        StopSignal stop = signal();
        stop.onStop(replay::stop);
        try {
          r = replay.run(file, feed);
        } finally {
          feed.close();
        }
      }
      printResult(out, r);
      out.println("sent " + feed.linesPosted() + " lines in " + feed.batches() + " batches to "
          + client.base());
      return Main.OK;
    }

    private static void printResult(PrintWriter out, AisReplay.Result r) {
      out.printf(Locale.ROOT, "replayed %d lines (%d with a time stamp) spanning %s, paused %s"
          + "%s%n", r.lines(), r.timedLines(), human(r.recordedSpan()), human(r.slept()),
          r.stopped() ? " (stopped)" : "");
      if (r.overlong() > 0) {
        out.println("  " + r.overlong() + " lines longer than "
            + FeedSettings.DEFAULTS.maxLineLength() + " characters skipped");
      }
      out.flush();
    }
  }

  // shared helpers

  /** Opens an input spec, turning a bad spec or missing file into a usage error. */
  static AisInput open(String spec) {
    if (spec.isBlank()) {
      throw new IllegalArgumentException("SOURCE is empty: give a file, tcp://HOST:PORT,"
          + " tcp://:PORT or udp://:PORT");
    }
    return AisInput.open(spec);
  }

  /** Starts an input, turning a port that cannot be bound into a failure (exit code 3). */
  static void start(AisInput in, java.util.function.Consumer<String> consumer) {
    try {
      in.start(consumer);
    } catch (FeedException e) {
      in.close();
      throw new Main.CommandFailure(e.getMessage(), e);
    }
  }

  /**
   * Waits until the input ends, the limit passes or Ctrl-C, printing progress every 10 s.
   *
   * @return whether it stopped before the input's end (limit or Ctrl-C)
   */
  static boolean waitForEnd(AisInput in, @Nullable Duration limit, StopSignal stop,
      @Nullable Runnable progress) {
    long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
    long nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!in.awaitEnd(Duration.ofMillis(100))) {
      long now = System.nanoTime();
      if (stop.requested() || now - deadline >= 0) {
        return true;
      }
      if (progress != null && now - nextProgress >= 0) {
        progress.run();
        nextProgress = now + TimeUnit.SECONDS.toNanos(10);
      }
    }
    return false;
  }

  /** Prints what an input received. */
  static void printInput(PrintWriter out, FeedSpec spec, InputStats.Snapshot s) {
    StringBuilder b = new StringBuilder("  input ").append(spec.file() != null ? spec.file()
        : spec.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " port "
            + spec.port()).append(": ").append(s.lines()).append(" lines, ")
        .append(s.bytes()).append(" bytes");
    if (s.connections() > 0) {
      b.append(", ").append(s.connections()).append(" connections");
    }
    if (s.datagrams() > 0) {
      b.append(", ").append(s.datagrams()).append(" datagrams");
    }
    if (s.overlong() + s.droppedLines() + s.droppedDatagrams() > 0) {
      b.append(", dropped: ").append(s.overlong()).append(" overlong, ")
          .append(s.droppedLines()).append(" lines, ").append(s.droppedDatagrams())
          .append(" datagrams");
    }
    out.println(b);
  }

  /**
   * Prints a pipeline's summary: lines and sentences, errors per kind, vessels, events per kind.
   */
  static void printSummary(PrintWriter out, MaritimePipeline.Summary summary) {
    AisStream.Summary d = summary.decode();
    DecodeStats.Snapshot s = d.sentences();
    out.printf(Locale.ROOT, "  lines %d (ignored %d), sentences %d, timestamp lines %d,"
        + " messages %d%n", s.lines(), s.ignored(), s.sentences(), s.timestamps(),
        summary.messages());
    Map<String, Long> errors = new LinkedHashMap<>();
    for (DecodeStats.Kind k : DecodeStats.Kind.values()) {
      if (s.count(k) > 0) {
        errors.put(wire(k.name()), s.count(k));
      }
    }
    for (Map.Entry<DecodeError, Long> e : d.payloadErrors().entrySet().stream()
        .sorted(Map.Entry.comparingByKey()).toList()) {
      if (e.getValue() > 0) {
        errors.merge(wire(e.getKey().name()), e.getValue(), Long::sum);
      }
    }
    out.println("  errors " + errors.values().stream().mapToLong(Long::longValue).sum()
        + (errors.isEmpty() ? "" : ": " + join(errors)));
    out.printf(Locale.ROOT, "  vessels %d, position reports %d%s%n", summary.vessels(),
        summary.fixes(), summary.futureSkipped() + summary.failures() > 0
            ? ", skipped " + summary.futureSkipped() + " time-stamped over a day ahead, "
                + summary.failures() + " failed" : "");
    Map<String, Long> events = new LinkedHashMap<>();
    for (EventKind k : EventKind.values()) {
      long n = summary.events().getOrDefault(k, 0L);
      if (n > 0) {
        events.put(k.wireName(), n);
      }
    }
    out.println("  events " + summary.eventCount() + (events.isEmpty() ? "" : ": "
        + join(events)));
  }

  private static String join(Map<String, Long> counts) {
    StringBuilder b = new StringBuilder();
    counts.forEach((k, v) -> b.append(b.isEmpty() ? "" : ", ").append(k).append(' ').append(v));
    return b.toString();
  }

  private static String wire(String enumName) {
    return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Writes the events as one STIX bundle to a temporary file beside {@code target}, moved into
   * place when complete: the Kuroshio extension definitions, then each event's objects (the
   * latest version of each, vessels described with what the registry knows at the end).
   *
   * @return the number of objects written
   */
  static long writeEvents(Path target, MaritimePipeline pipeline, List<MaritimeEvent> events,
      String createdBy, @Nullable Tlp tlp) {
    MaritimeStix stix = MaritimeStix.withRegistry(pipeline.registry());
    Map<String, StixObject> latest = new LinkedHashMap<>();
    for (StixObject d : List.of(KuroshioExtensions.creator(), KuroshioExtensions.domains(),
        KuroshioExtensions.vessel(), KuroshioExtensions.maritimeEvent())) {
      latest.put(d.id(), d);
    }
    if (tlp != null) {
      latest.put(tlp.definition().id(), tlp.definition());
    }
    for (MaritimeEvent e : events) {
      for (StixObject o : stix.event(e, createdBy)) {
        StixObject marked = tlp == null ? o : marked(o, tlp);
        latest.merge(o.id(), marked, (old, neu) -> newer(neu, old) ? neu : old);
      }
    }
    Path dir = target.toAbsolutePath().getParent();
    try {
      Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      try {
        try (OutputStream os = Files.newOutputStream(tmp);
            BundleWriter w = BundleWriter.open(os, "bundle--" + UUID.randomUUID())) {
          for (StixObject o : latest.values()) {
            w.write(o);
          }
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
    return latest.size();
  }

  private static boolean newer(StixObject a, StixObject b) {
    String ma = a.modified().orElse("");
    String mb = b.modified().orElse("");
    return ma.compareTo(mb) >= 0;
  }

  /** Returns the object with the TLP marking in {@code object_marking_refs}. */
  static StixObject marked(StixObject o, Tlp tlp) {
    ObjectNode json = o.toJsonNode();
    json.putArray("object_marking_refs").add(tlp.markingId());
    return StixObject.of(json);
  }

  /** Parses a TLP name, or "none". */
  static @Nullable Tlp parseTlp(String text) {
    if (text.equalsIgnoreCase("none")) {
      return null;
    }
    return Tlp.fromName(text.strip()).orElseThrow(() -> new IllegalArgumentException(
        "--tlp must be clear, green, amber, amber+strict, red or none: " + text));
  }

  /** Checks that a file named by an option can be read. */
  static Path readable(String option, Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException(option + ": no readable file at " + file);
    }
    return file;
  }

  /**
   * Parses a duration: {@code 30s}, {@code 10m}, {@code 2h}, {@code 500ms} or ISO-8601
   * ({@code PT10M}).
   */
  static Duration parseDuration(String option, String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      Duration d;
      if (t.startsWith("pt") || t.startsWith("p")) {
        d = Duration.parse(t.toUpperCase(Locale.ROOT));
      } else if (t.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      } else if (t.endsWith("s")) {
        d = Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1))
            * 1000));
      } else if (t.endsWith("m")) {
        d = Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1))
            * 60));
      } else if (t.endsWith("h")) {
        d = Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1))
            * 3600));
      } else {
        throw new NumberFormatException(t);
      }
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(option + " must be positive: " + text);
      }
      return d;
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(option + ": not a duration such as 30s, 10m, 2h or"
          + " PT10M: " + text, e);
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static String human(Duration d) {
    long s = d.toSeconds();
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%.1f h", s / 3600.0);
    }
    if (s >= 60) {
      return String.format(Locale.ROOT, "%.1f min", s / 60.0);
    }
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  /**
   * Ctrl-C (or SIGTERM) for a command that must finish its work first: the shutdown hook asks it
   * to stop, runs the registered stop actions and waits (up to 30 s) until the command closes
   * this signal, so that the summary is printed before the JVM halts.
   */
  /** A subcommand that runs until its input ends or the process is asked to stop. */
  abstract static class UntilStopped implements Callable<Integer> {
    private @Nullable StopSignal signal;

    /** The stop signal of the running command. */
    StopSignal signal() {
      return java.util.Objects.requireNonNull(signal);
    }

    @Override
    public Integer call() throws InterruptedException {
      // Held until the summary is printed: Ctrl-C waits for it.
      try (StopSignal s = StopSignal.onShutdown()) {
        signal = s;
        return run();
      }
    }

    /** Runs the command; {@link #signal()} says when to stop. */
    abstract Integer run() throws InterruptedException;
  }

  static final class StopSignal implements AutoCloseable {
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private final List<Runnable> actions = Collections.synchronizedList(new ArrayList<>());
    private final Thread hook;

    private StopSignal() {
      hook = new Thread(() -> {
        stop.countDown();
        synchronized (actions) {
          actions.forEach(Runnable::run);
        }
        try {
          done.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "kuroshio-ais-shutdown");
    }

    /** Registers the shutdown hook. */
    static StopSignal onShutdown() {
      StopSignal s = new StopSignal();
      Runtime.getRuntime().addShutdownHook(s.hook);
      return s;
    }

    /** Adds an action the hook runs when the JVM is asked to stop. */
    void onStop(Runnable action) {
      actions.add(action);
    }

    /** Whether the JVM was asked to stop. */
    boolean requested() {
      return stop.getCount() == 0;
    }

    /** Lets the hook return and removes it. */
    @Override
    public void close() {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it returns now that done is counted down
      }
    }
  }
}
