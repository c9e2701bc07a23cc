package org.kuroshio.maritime;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.kuroshio.maritime.ais.AisLimits;
import org.kuroshio.maritime.ais.AisStream;
import org.kuroshio.maritime.ais.TimedAisMessage;
import org.kuroshio.maritime.detect.DetectorSettings;
import org.kuroshio.maritime.detect.Detectors;
import org.kuroshio.maritime.detect.EventKind;
import org.kuroshio.maritime.detect.MaritimeEvent;
import org.kuroshio.maritime.geo.Zones;
import org.kuroshio.maritime.sar.SarAssist;
import org.kuroshio.maritime.sar.SarSettings;
import org.kuroshio.maritime.vessel.Fix;
import org.kuroshio.maritime.vessel.Fixes;
import org.kuroshio.maritime.vessel.IdentityChange;
import org.kuroshio.maritime.vessel.RegistrySettings;
import org.kuroshio.maritime.vessel.TrackSettings;
import org.kuroshio.maritime.vessel.TrackStore;
import org.kuroshio.maritime.vessel.VesselRegistry;

/**
 * NMEA lines in, maritime events out: decode ({@link AisStream}), then the {@link VesselRegistry},
 * the {@link TrackStore}, the {@link SarAssist} index and the {@link Detectors}, whose events go to
 * the sink and to a bounded list of recent events.
 *
 * <p><b>Threads.</b> Two: the caller's thread decodes (one thread at a time calls {@link #accept},
 * {@link #acceptAll}, {@link #advance} and {@link #finish}); a consumer thread owned by the
 * pipeline applies the registry, tracks, SAR index and detectors. Decoded messages are handed over
 * in batches (arrays of {@link Settings#batchSize} messages) through a bounded queue of
 * {@link Settings#queueBatches} batches: when the consumer falls behind, the producer blocks
 * (backpressure), so memory stays bounded. The event sink is called on the consumer thread.
 *
 * <p><b>Time.</b> A message's time is the recording's (tag block {@code c:} or a proprietary
 * timestamp line) when present, else the injected clock's at decoding. The detectors' stream time
 * is the latest message time seen; {@link #advance} can push it on when the feed is quiet.
 *
 * <p>A message time-stamped more than a day after the clock's time is counted in
 * {@link Summary#futureSkipped()} and skipped: one corrupt time stamp would otherwise move the
 * stream time ahead, open a gap for every vessel and hide every later report of its vessel as out
 * of order. One time-stamped before 2000 (before AIS was in service; a corrupt stamp such as
 * {@code c:0}) is counted in {@link Summary#pastSkipped()} and skipped.
 *
 * <p><b>Failures.</b> A message that makes a stage throw is counted in
 * {@link Summary#failures()} (the first is logged) and the stream goes on.
 *
 * <p><b>Sharing.</b> The track store and SAR index may be read from any thread while the pipeline
 * runs. The registry is not thread-safe: read it through {@link #withRegistry}, which holds the
 * lock the consumer thread takes for each batch, or directly after {@link #finish}.
 */
public final class MaritimePipeline implements Consumer<String>, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(MaritimePipeline.class.getName());
  /** Messages time-stamped later than the clock plus this are skipped (a corrupt time). */
  static final long MAX_FUTURE_MS = 24 * 3_600_000L;
  /** Messages time-stamped before this (2000-01-01T00:00:00Z) are skipped (a corrupt time). */
  static final long MIN_TIME_MS = 946_684_800_000L;

  private final Settings settings;
  private final Clock clock;
  private final Consumer<MaritimeEvent> sink;
  private final AisStream stream;
  private final VesselRegistry registry;
  private final TrackStore tracks;
  private final SarAssist sar;
  private final Detectors detectors;
  private final BlockingQueue<Batch> queue;
  private final Thread consumer;
  private final ArrayDeque<MaritimeEvent> recent = new ArrayDeque<>();
  private Batch current;
  private boolean finished;
  private @Nullable Summary summary;

  // written by the consumer thread only, read by finish() after joining it
  private volatile long messages;
  private long fixes;
  private long identityChanges;
  private long failures;
  private long futureSkipped;
  private long pastSkipped;
  private final AtomicLongArray eventCounts = new AtomicLongArray(EventKind.values().length);
  private long streamTime = Long.MIN_VALUE;

  /**
   * Pipeline settings.
   *
   * @param detectors detector thresholds and limits
   * @param registry vessel registry settings
   * @param tracks track store settings
   * @param sar SAR index settings
   * @param ais decoder limits
   * @param batchSize messages per batch handed to the consumer thread: 1,024
   * @param queueBatches batches the queue holds before the producer blocks: 64
   * @param recentEvents events kept in {@link #recentEvents()}: 10,000
   */
  public record Settings(
      DetectorSettings detectors, RegistrySettings registry, TrackSettings tracks,
      SarSettings sar, AisLimits ais, int batchSize, int queueBatches, int recentEvents) {
    /** The documented defaults. */
    public static final Settings DEFAULTS = new Settings(DetectorSettings.DEFAULTS,
        RegistrySettings.DEFAULTS, TrackSettings.DEFAULTS, SarSettings.DEFAULTS,
        AisLimits.DEFAULTS, 1_024, 64, 10_000);

    /** Checks the values. */
    public Settings {
      Objects.requireNonNull(detectors, "detectors");
      Objects.requireNonNull(registry, "registry");
      Objects.requireNonNull(tracks, "tracks");
      Objects.requireNonNull(sar, "sar");
      Objects.requireNonNull(ais, "ais");
      if (batchSize < 1 || batchSize > 1 << 16) {
        throw new IllegalArgumentException("batchSize must be in [1, 65536]: " + batchSize);
      }
      if (queueBatches < 1 || queueBatches > 1 << 12) {
        throw new IllegalArgumentException("queueBatches must be in [1, 4096]: " + queueBatches);
      }
      if (recentEvents < 0) {
        throw new IllegalArgumentException("recentEvents must be >= 0: " + recentEvents);
      }
    }

    /** These settings with other detector settings. */
    public Settings withDetectors(DetectorSettings d) {
      return new Settings(d, registry, tracks, sar, ais, batchSize, queueBatches, recentEvents);
    }

    /** These settings with another batch size and queue length. */
    public Settings withBatching(int size, int batches) {
      return new Settings(detectors, registry, tracks, sar, ais, size, batches, recentEvents);
    }
  }

  /**
   * What a pipeline did.
   *
   * @param messages messages decoded (applied or skipped)
   * @param fixes vessel position reports among them
   * @param identityChanges identity changes the registry reported
   * @param events events per kind (every kind present, zero when none)
   * @param decode the decoder's counts (lines, sentences, errors per kind)
   * @param vessels vessels in the registry
   * @param failures messages a stage failed on (counted, skipped)
   * @param futureSkipped messages skipped because their time is more than a day after the clock
   * @param pastSkipped messages skipped because their time is before 2000
   */
  public record Summary(long messages, long fixes, long identityChanges,
      Map<EventKind, Long> events, AisStream.Summary decode, int vessels, long failures,
      long futureSkipped, long pastSkipped) {
    /** Copies the map. */
    public Summary {
      events = Map.copyOf(events);
    }

    /** Events of all kinds. */
    public long eventCount() {
      long n = 0;
      for (long c : events.values()) {
        n += c;
      }
      return n;
    }
  }

  /** Thrown when the caller's thread is interrupted while waiting for the consumer thread. */
  public static final class PipelineInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PipelineInterruptedException(InterruptedException cause) {
      super("interrupted while handing AIS messages to the pipeline", cause);
    }
  }

  private static final class Batch {
    final TimedAisMessage[] messages;
    final long[] times;
    int size;
    final long advanceTo;
    final boolean end;
    @Nullable CountDownLatch applied;

    Batch(int capacity, long advanceTo, boolean end) {
      this.messages = new TimedAisMessage[capacity];
      this.times = new long[capacity];
      this.advanceTo = advanceTo;
      this.end = end;
    }
  }

  /** A pipeline with default settings and the UTC clock; events go only to the recent list. */
  public MaritimePipeline(Zones zones) {
    this(Settings.DEFAULTS, zones, Clock.systemUTC(), e -> { });
  }

  /**
   * A pipeline; its consumer thread starts now.
   *
   * @param settings all thresholds and limits
   * @param zones cable corridors, seas, anchorages and user areas for the detectors
   * @param clock time of messages the recording did not time-stamp
   * @param sink receives every event, on the consumer thread
   */
  public MaritimePipeline(Settings settings, Zones zones, Clock clock,
      Consumer<MaritimeEvent> sink) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.stream = new AisStream(this::decoded, settings.ais());
    this.registry = new VesselRegistry(settings.registry());
    this.tracks = new TrackStore(settings.tracks());
    this.sar = new SarAssist(registry, settings.sar(), clock);
    this.detectors = new Detectors(settings.detectors(), Objects.requireNonNull(zones, "zones"),
        this::event);
    this.queue = new ArrayBlockingQueue<>(settings.queueBatches());
    this.current = new Batch(settings.batchSize(), Long.MIN_VALUE, false);
    this.consumer = new Thread(this::consume, "kuroshio-maritime-pipeline");
    this.consumer.setDaemon(true);
    this.consumer.start();
  }

  /** Decodes one NMEA line (with or without tag block). */
  @Override
  public void accept(String line) {
    checkOpen();
    stream.accept(line);
  }

  /** Decodes many lines in order. */
  public void acceptAll(Iterable<String> lines) {
    checkOpen();
    for (String line : lines) {
      stream.accept(line);
    }
  }

  /**
   * Moves the detectors' stream time on to {@code now} (epoch ms) after the messages accepted so
   * far, so that open gaps and silent vessels are seen while the feed is quiet.
   */
  public void advance(long now) {
    checkOpen();
    flush();
    put(new Batch(0, now, false));
  }

  /**
   * Waits until the consumer thread has applied every message accepted so far (registry, tracks,
   * SAR index and detectors are then up to date; events so far have reached the sink).
   */
  public void sync() {
    checkOpen();
    flush();
    Batch marker = new Batch(0, Long.MIN_VALUE, false);
    CountDownLatch applied = new CountDownLatch(1);
    marker.applied = applied;
    put(marker);
    try {
      applied.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PipelineInterruptedException(e);
    }
  }

  /** Messages the consumer thread has taken so far (applied or skipped). */
  public long messages() {
    return messages;
  }

  /**
   * Ends the input: decodes what is pending, waits for the consumer thread to apply everything,
   * closes the detectors' open episodes at the stream time and returns the counts. Further calls
   * return the same summary.
   */
  public Summary finish() {
    if (finished) {
      return Objects.requireNonNull(summary);
    }
    stream.finish();
    flush();
    put(new Batch(0, Long.MIN_VALUE, true));
    try {
      consumer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PipelineInterruptedException(e);
    }
    finished = true;
    Map<EventKind, Long> ev = new EnumMap<>(EventKind.class);
    for (EventKind k : EventKind.values()) {
      ev.put(k, eventCounts.get(k.ordinal()));
    }
    summary = new Summary(messages, fixes, identityChanges, ev, stream.summary(), registry.size(),
        failures, futureSkipped, pastSkipped);
    return summary;
  }

  /** Same as {@link #finish()}. */
  @Override
  public void close() {
    finish();
  }

  /** The vessel registry; see the class comment about threads. */
  public VesselRegistry registry() {
    return registry;
  }

  /** Runs {@code f} on the registry while the consumer thread cannot change it. */
  public <T> T withRegistry(Function<VesselRegistry, T> f) {
    synchronized (registry) {
      return f.apply(registry);
    }
  }

  /** The track store (safe to read while the pipeline runs). */
  public TrackStore tracks() {
    return tracks;
  }

  /** The SAR index (safe to query while the pipeline runs). */
  public SarAssist sar() {
    return sar;
  }

  /** The most recent events, oldest first, at most {@link Settings#recentEvents()}. */
  public List<MaritimeEvent> recentEvents() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }

  private void checkOpen() {
    if (finished) {
      throw new IllegalStateException("the pipeline has finished");
    }
  }

  // producer thread

  private void decoded(TimedAisMessage m) {
    Instant t = m.time();
    Batch b = current;
    b.messages[b.size] = m;
    b.times[b.size] = t != null ? t.toEpochMilli() : clock.millis();
    b.size++;
    if (b.size == b.messages.length) {
      flush();
    }
  }

  private void flush() {
    if (current.size == 0) {
      return;
    }
    Batch full = current;
    current = new Batch(settings.batchSize(), Long.MIN_VALUE, false);
    put(full);
  }

  private void put(Batch b) {
    try {
      queue.put(b);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PipelineInterruptedException(e);
    }
  }

  // consumer thread

  private void consume() {
    while (true) {
      Batch b;
      try {
        b = queue.take();
      } catch (InterruptedException e) {
        // only finish() ends this thread; an interrupt from elsewhere is ignored
        continue;
      }
      synchronized (registry) {
        long futureLimit = clock.millis() + MAX_FUTURE_MS;
        for (int i = 0; i < b.size; i++) {
          if (b.times[i] > futureLimit) {
            futureSkipped++;
            messages++;
            continue;
          }
          if (b.times[i] < MIN_TIME_MS) {
            pastSkipped++;
            messages++;
            continue;
          }
          apply(b.messages[i], b.times[i]);
        }
        try {
          if (b.advanceTo != Long.MIN_VALUE && b.advanceTo > streamTime) {
            streamTime = b.advanceTo;
          }
          if (streamTime != Long.MIN_VALUE) {
            detectors.advance(streamTime);
          }
          if (b.end) {
            detectors.finish(streamTime == Long.MIN_VALUE ? clock.millis() : streamTime);
          }
        } catch (RuntimeException e) {
          fail(e);
        }
      }
      if (b.applied != null) {
        b.applied.countDown();
      }
      if (b.end) {
        return;
      }
    }
  }

  private void apply(TimedAisMessage m, long time) {
    try {
      messages++;
      if (time > streamTime) {
        streamTime = time;
      }
      List<IdentityChange> changes = registry.apply(m, time);
      for (int i = 0; i < changes.size(); i++) {
        identityChanges++;
        detectors.onIdentityChange(changes.get(i));
      }
      Fix f = Fixes.of(m.message(), time);
      if (f != null) {
        fixes++;
        tracks.add(f);
        sar.update(f);
        detectors.onFix(f);
      }
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void fail(RuntimeException e) {
    if (failures++ == 0) {
      LOG.log(Level.WARNING, "maritime pipeline stage failed; counting and going on", e);
    }
  }

  private void event(MaritimeEvent e) {
    eventCounts.incrementAndGet(e.kind().ordinal());
    if (settings.recentEvents() > 0) {
      synchronized (recent) {
        if (recent.size() == settings.recentEvents()) {
          recent.removeFirst();
        }
        recent.addLast(e);
      }
    }
    try {
      sink.accept(e);
    } catch (RuntimeException ex) {
      fail(ex);
    }
  }

  /** Events so far, per kind (safe to call while the pipeline runs). */
  public Map<EventKind, Long> eventCounts() {
    Map<EventKind, Long> ev = new EnumMap<>(EventKind.class);
    for (EventKind k : EventKind.values()) {
      ev.put(k, eventCounts.get(k.ordinal()));
    }
    return ev;
  }
}
