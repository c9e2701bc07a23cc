package org.kuroshio.bench.maritime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.kuroshio.maritime.MaritimePipeline;
import org.kuroshio.maritime.ais.AisStream;
import org.kuroshio.maritime.ais.TimedAisMessage;
import org.kuroshio.maritime.detect.DetectorSettings;
import org.kuroshio.maritime.detect.Detectors;
import org.kuroshio.maritime.detect.EventKind;
import org.kuroshio.maritime.geo.CableMap;
import org.kuroshio.maritime.geo.GeoIndex;
import org.kuroshio.maritime.geo.Zones;
import org.kuroshio.maritime.sar.SarAssist;
import org.kuroshio.maritime.sar.SarSettings;
import org.kuroshio.maritime.vessel.Fix;
import org.kuroshio.maritime.vessel.Fixes;
import org.kuroshio.maritime.vessel.RegistrySettings;
import org.kuroshio.maritime.vessel.TrackSettings;
import org.kuroshio.maritime.vessel.TrackStore;
import org.kuroshio.maritime.vessel.VesselRegistry;

/**
 * The full maritime pipeline ({@link MaritimePipeline}: decode, vessel registry, tracks, SAR
 * index, all detectors) on synthetic traffic of 10,000 vessels in the Taiwan Strait
 * ({@link Traffic}), over the real cable routes and maritime borders of the shared data
 * ({@link GeoIndex}, corridors of {@link CableMap#DEFAULT_HALF_WIDTH_M} each side). The issue's
 * target is at least 300,000 messages/s on 2 cores.
 *
 * <p>The lines are generated into memory first; each round feeds them all to a new pipeline with
 * default settings from the main thread ({@link MaritimePipeline#accept}; the pipeline's own
 * consumer thread applies them) and is timed from the first line to {@link
 * MaritimePipeline#finish} returning. One warm-up round, then ROUNDS measured; the median is
 * reported. The pipeline's clock is fixed a minute after the last line.
 *
 * <p>Memory: heap in use after full collections with the input lines and the index loaded, then
 * again with the last round's pipeline still referenced: the difference is what the pipeline
 * holds. {@link TrackStore#memoryBytes()} per stored fix is printed too.
 *
 * <p>Then, single-threaded, where the time goes: the same messages decoded once into a list, and
 * each stage timed alone over all of them in the pipeline's order (decode; registry; fix
 * extraction; track store; SAR index; detectors).
 *
 * <pre>java -cp kuroshio-bench.jar org.kuroshio.bench.maritime.PipelineBench DATA_DIR
 *     [VESSELS] [MESSAGES] [ROUNDS]</pre>
 * where DATA_DIR holds {@code cables/cables-west-pacific-subset.geojson},
 * {@code cables/landing-points-west-pacific-subset.geojson} and
 * {@code maritime/osm-borders-maritime-10000m-west-pacific.geojson}.
 */
public final class PipelineBench {
  private static final long START_EPOCH_S = 1_795_000_000L;

  private PipelineBench() {}

  /** Runs the benchmark; see the class comment for arguments. */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: PipelineBench DATA_DIR [VESSELS] [MESSAGES] [ROUNDS]");
      System.exit(2);
    }
    Path data = Path.of(args[0]);
    int vessels = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    long messages = args.length > 2 ? Long.parseLong(args[2]) : 2_000_000;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    System.out.println("# pipeline: " + Stats.jvm());

    long g0 = System.nanoTime();
    Path cables = data.resolve("cables/cables-west-pacific-subset.geojson");
    Path landing = data.resolve("cables/landing-points-west-pacific-subset.geojson");
    Path borders = data.resolve("maritime/osm-borders-maritime-10000m-west-pacific.geojson");
    GeoIndex geo = GeoIndex.load(cables, Files.exists(landing) ? landing : null, borders, null,
        CableMap.DEFAULT_HALF_WIDTH_M);
    long g1 = System.nanoTime();
    System.out.printf(Locale.ROOT, "geo index: %d cables, %d countries, %,d distinct cells,"
        + " built in %.2f s from %s and %s%n", geo.cableMap().cables().size(),
        geo.boundaries().countries().size(), geo.distinctCells(), (g1 - g0) / 1e9,
        cables.getFileName(), borders.getFileName());
    Traffic.Result traffic = Traffic.generate(vessels, messages, 7, START_EPOCH_S);
    long g2 = System.nanoTime();
    System.out.printf(Locale.ROOT, "traffic: %s; generated in %.1f s%n", traffic.describe(),
        (g2 - g1) / 1e9);
    inZones(geo, traffic);

    Clock clock = Clock.fixed(Instant.ofEpochSecond(traffic.endEpochS() + 60), ZoneOffset.UTC);
    String[] lines = traffic.lines();
    long baseline = Stats.heapAfterGc();

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double[] rates = new double[rounds];
    MaritimePipeline last = null;
    for (int r = -1; r < rounds; r++) {
      last = null;
      System.gc();
      long cpu0 = os.getProcessCpuTime();
      long main0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      MaritimePipeline p = new MaritimePipeline(MaritimePipeline.Settings.DEFAULTS, geo, clock,
          e -> { });
      for (String l : lines) {
        p.accept(l);
      }
      MaritimePipeline.Summary s = p.finish();
      long t1 = System.nanoTime();
      long cpu1 = os.getProcessCpuTime();
      long main1 = threads.getCurrentThreadCpuTime();
      double secs = (t1 - t0) / 1e9;
      double rate = s.messages() / secs;
      System.out.printf(Locale.ROOT, "%s: %,d messages in %.2f s = %,.0f messages/s (%,.0f"
          + " lines/s); process CPU %.2f s (%.2f cores busy), of which the feeding thread %.2f s"
          + "%n", r < 0 ? "warm-up" : "round " + (r + 1), s.messages(), secs, rate,
          lines.length / secs, (cpu1 - cpu0) / 1e9, (cpu1 - cpu0) / 1e9 / secs,
          (main1 - main0) / 1e9);
      if (r < 0) {
        printSummary(s);
      } else {
        rates[r] = rate;
      }
      last = p;
    }
    System.out.printf(Locale.ROOT, "pipeline vessels=%,d median %,.0f messages/s (rounds %s)%n",
        vessels, Stats.median(rates), Stats.rounds(rates));

    long withPipeline = Stats.heapAfterGc();
    TrackStore tracks = last.tracks();
    long trackBytes = tracks.memoryBytes();
    long fixCount = tracks.fixCount();
    System.out.printf(Locale.ROOT, "memory: heap after GC %,d MB with input lines and geo index"
        + " loaded, %,d MB with the finished pipeline too: the pipeline holds %,d MB for %,d"
        + " vessels (registry %,d, SAR index %,d, tracks %,d) and %,d stored fixes;"
        + " TrackStore.memoryBytes() %,d bytes = %.1f bytes per fix%n",
        baseline >> 20, withPipeline >> 20, (withPipeline - baseline) >> 20, vessels,
        last.registry().size(), last.sar().size(), tracks.vesselCount(), fixCount, trackBytes,
        (double) trackBytes / Math.max(1, fixCount));
    last = null;
    tracks = null;
    long afterRelease = Stats.heapAfterGc();
    System.out.printf(Locale.ROOT, "memory: heap after GC with the pipeline released: %,d MB%n",
        afterRelease >> 20);

    stages(lines, geo, clock);
  }

  private static void printSummary(MaritimePipeline.Summary s) {
    StringBuilder ev = new StringBuilder();
    for (Map.Entry<EventKind, Long> e : s.events().entrySet()) {
      if (e.getValue() > 0) {
        ev.append(' ').append(e.getKey().wireName()).append('=').append(e.getValue());
      }
    }
    System.out.printf(Locale.ROOT, "summary: messages=%,d fixes=%,d vessels=%,d identity"
        + " changes=%,d failures=%,d future-skipped=%,d; events %,d:%s; decode %s%n",
        s.messages(), s.fixes(), s.vessels(), s.identityChanges(), s.failures(),
        s.futureSkipped(), s.eventCount(), ev, s.decode().sentences());
  }

  /** Prints how many of the traffic's first fixes lie in corridors and territorial seas. */
  private static void inZones(Zones zones, Traffic.Result t) {
    int sample = 0;
    int corridor = 0;
    int sea = 0;
    List<TimedAisMessage> first = new ArrayList<>();
    AisStream s = new AisStream(first::add);
    for (int i = 0; i < Math.min(t.lines().length, 200_000); i++) {
      s.accept(t.lines()[i]);
    }
    for (TimedAisMessage m : first) {
      Fix f = Fixes.of(m.message(), 0);
      if (f == null) {
        continue;
      }
      sample++;
      if (!zones.corridorsAt(f.lat(), f.lon()).isEmpty()) {
        corridor++;
      }
      if (zones.territorialSeaAt(f.lat(), f.lon()) != null) {
        sea++;
      }
    }
    System.out.printf(Locale.ROOT, "zones: of the first %,d position reports %.1f %% lie in a"
        + " cable corridor, %.1f %% in a territorial sea%n", sample, 100.0 * corridor / sample,
        100.0 * sea / sample);
  }

  /** Times each stage alone, single-threaded, over the same messages. */
  private static void stages(String[] lines, GeoIndex geo, Clock clock) {
    List<TimedAisMessage> msgs = new ArrayList<>(lines.length);
    AisStream warm = new AisStream(m -> { });
    for (String l : lines) {
      warm.accept(l);
    }
    long t0 = System.nanoTime();
    AisStream s = new AisStream(msgs::add);
    for (String l : lines) {
      s.accept(l);
    }
    s.finish();
    long t1 = System.nanoTime();
    int n = msgs.size();
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      Instant t = msgs.get(i).time();
      times[i] = t != null ? t.toEpochMilli() : clock.millis();
    }
    VesselRegistry registry = new VesselRegistry(RegistrySettings.DEFAULTS);
    long t2 = System.nanoTime();
    long changes = 0;
    for (int i = 0; i < n; i++) {
      changes += registry.apply(msgs.get(i), times[i]).size();
    }
    long t3 = System.nanoTime();
    List<Fix> fixes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      @Nullable Fix f = Fixes.of(msgs.get(i).message(), times[i]);
      if (f != null) {
        fixes.add(f);
      }
    }
    long t4 = System.nanoTime();
    TrackStore tracks = new TrackStore(TrackSettings.DEFAULTS);
    for (Fix f : fixes) {
      tracks.add(f);
    }
    long t5 = System.nanoTime();
    SarAssist sar = new SarAssist(registry, SarSettings.DEFAULTS, clock);
    for (Fix f : fixes) {
      sar.update(f);
    }
    long t6 = System.nanoTime();
    long[] events = new long[1];
    Detectors det = new Detectors(DetectorSettings.DEFAULTS, geo, e -> events[0]++);
    long streamTime = Long.MIN_VALUE;
    int k = 0;
    for (Fix f : fixes) {
      det.onFix(f);
      if (f.time() > streamTime) {
        streamTime = f.time();
      }
      if (++k % 1024 == 0) {
        det.advance(streamTime);
      }
    }
    det.finish(streamTime);
    long t7 = System.nanoTime();
    System.out.printf(Locale.ROOT, "stages alone, one thread, %,d messages (%,d fixes), first run"
        + " of each after one decode warm-up; ns per message and the rate that alone would"
        + " allow:%n", n, fixes.size());
    stage("decode (AisStream)", t1 - t0, n);
    stage("registry.apply", t3 - t2, n);
    stage("Fixes.of", t4 - t3, n);
    stage("TrackStore.add", t5 - t4, n);
    stage("SarAssist.update", t6 - t5, n);
    stage("Detectors.onFix/advance", t7 - t6, n);
    stage("consumer stages together", t7 - t2, n);
    System.out.printf(Locale.ROOT, "  (registry changes %,d, detector events %,d)%n", changes,
        events[0]);
  }

  private static void stage(String name, long nanos, int n) {
    System.out.printf(Locale.ROOT, "  %-26s %8.1f ns/message  %,12.0f messages/s%n", name,
        (double) nanos / n, n / (nanos / 1e9));
  }
}
