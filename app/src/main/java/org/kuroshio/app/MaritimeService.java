package org.kuroshio.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.kuroshio.maritime.MaritimePipeline;
import org.kuroshio.maritime.ais.AisStream;
import org.kuroshio.maritime.detect.DetectorSettings;
import org.kuroshio.maritime.detect.EventKind;
import org.kuroshio.maritime.detect.MaritimeEvent;
import org.kuroshio.maritime.feed.AisInput;
import org.kuroshio.maritime.feed.InputStats;
import org.kuroshio.maritime.geo.Area;
import org.kuroshio.maritime.geo.Areas;
import org.kuroshio.maritime.geo.Boundaries;
import org.kuroshio.maritime.geo.CableMap;
import org.kuroshio.maritime.geo.GeoDataException;
import org.kuroshio.maritime.geo.GeoIndex;
import org.kuroshio.maritime.geo.Zones;
import org.kuroshio.maritime.sar.SarCandidate;
import org.kuroshio.maritime.stix.CableOutage;
import org.kuroshio.maritime.stix.MaritimeStix;
import org.kuroshio.maritime.stix.OutageCorrelator;
import org.kuroshio.maritime.vessel.IdentityChange;
import org.kuroshio.maritime.vessel.TrackStore;
import org.kuroshio.maritime.vessel.Vessel;
import org.kuroshio.maritime.vessel.VesselRegistry;
import org.kuroshio.sharing.IngestResult;
import org.kuroshio.sharing.NodeData;
import org.kuroshio.sharing.ObjectResult;
import org.kuroshio.sharing.Principal;
import org.kuroshio.sharing.SharingState;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Tlp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The node's maritime picture: AIS lines in (the configured inputs, {@code POST /api/maritime/ais},
 * {@link #ingest}), the {@link MaritimePipeline} (vessel registry, tracks, SAR index, detectors)
 * over the configured geodata, and the detectors' events written as STIX through the node's one
 * door ({@link NodeData}, the same ingest path as TAXII POST and {@code import}).
 *
 * <p><b>Publishing.</b> A flush ({@link #flush}, and every {@code maritime.flush_interval_ms} on a
 * daemon thread) waits until every line accepted so far has been applied, turns the new events
 * into STIX ({@link MaritimeStix}: the vessels, an observed-data with the maritime event
 * extension, a location, a relationship), gives each object that has no marking the node's
 * maritime marking ({@code maritime.marking}, TLP:AMBER unless configured) and adds them to the
 * {@code local} collection as the maritime owner's organisation ({@code maritime.owner}, by
 * default the node's). The release rule then decides
 * which partners see them (an agreement covering the maritime domain at that TLP or above).
 * Objects already stored (same id and version) are no-ops; a refused object is logged and
 * counted and never stops the service. A vessel object is written again only when its body
 * changed (the registry learnt a name, an IMO number ...).
 *
 * <p><b>Outages.</b> {@link #recordOutage} keeps an outage an analyst reports and correlates it at
 * once with the cable-threat events seen so far ({@link OutageCorrelator}), writing an incident
 * for each coinciding pair; later cable-threat events are checked against the recorded outages at
 * each flush. Outages and the events they are checked against are kept in memory (the most recent
 * {@value #MAX_OUTAGES} and {@value #MAX_THREATS}); the incidents are stored.
 *
 * <p><b>Areas.</b> User areas (from {@code maritime.areas} and the API) are part of the immutable
 * {@link GeoIndex}; adding or removing one builds a new index and swaps it in atomically, and the
 * detectors use it from their next position report on. Areas added through the API are saved in
 * {@code DATA_DIR/maritime/areas.geojson} and come back when the node restarts; an area of the
 * configuration's file that is removed through the API comes back too.
 *
 * <p><b>Time.</b> The detectors' clock is the stream's: the newest message time (the recording's
 * tag-block time when present, else the time of receipt). When the node reads network inputs
 * (a live feed), each flush also moves the stream time on to the wall clock, so a quiet feed
 * still shows gaps; with only files and posted recordings it does not, so replaying yesterday's
 * recording does not make every vessel "go dark" at the end.
 *
 * <p>Thread-safe. One lock orders everything handed to the pipeline (the pipeline takes lines
 * from one thread at a time); another orders flushes.
 */
public final class MaritimeService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MaritimeService.class);

  /** The most outages kept for correlation (oldest forgotten first). */
  public static final int MAX_OUTAGES = 1_000;
  /** The most cable-threat events kept for correlation with later outages. */
  public static final int MAX_THREATS = 10_000;
  /** The most events waiting for a flush; beyond, the oldest are dropped and counted. */
  static final int MAX_PENDING = 100_000;
  /** Batches the pipeline queue holds (a flush hands it one more empty batch than this). */
  static final int QUEUE_BATCHES = 16;
  /** Objects per call into the ingest pipeline. */
  static final int WRITE_CHUNK = 1_000;
  /** Vessel bodies remembered so that an unchanged vessel is not written again. */
  static final int MAX_REMEMBERED = 200_000;

  /**
   * What one flush wrote.
   *
   * @param events new detector events turned into STIX
   * @param written objects stored (new objects and new versions)
   * @param unchanged objects that were stored already (same id and version)
   * @param refused events that could not be turned into STIX (a position off the globe) and
   *     objects the ingest pipeline refused (logged, the first 20 and every 1,000th)
   * @param incidents incidents raised for outages coinciding with cable threats
   */
  public record Published(int events, int written, int unchanged, int refused, int incidents) {}

  /**
   * What the node did with one batch of posted NMEA lines.
   *
   * @param lines lines received
   * @param decode what the decoder made of them (sentences, messages, errors per kind); groups
   *     still open at the end of the batch are not counted as errors, as a later batch may
   *     complete them
   */
  public record Accepted(long lines, AisStream.Summary decode) {}

  /**
   * One configured AIS input.
   *
   * @param spec what it reads
   * @param stats its counters
   * @param failure why it ended early, or null
   */
  public record InputState(String spec, InputStats.Snapshot stats, @Nullable String failure) {}

  /**
   * The service's counters, for {@code /health}.
   *
   * @param lines NMEA lines handed to the pipeline
   * @param positions position reports stored in the tracks
   * @param vessels vessels in the registry
   * @param events detector events so far, per kind (wire names)
   * @param published events written as STIX
   * @param written objects written
   * @param refused events that could not be turned into STIX and objects the ingest pipeline
   *     refused
   * @param incidents incidents raised
   * @param droppedEvents events dropped because too many waited for a flush
   * @param lastFlush when the last flush ended, or null
   * @param inputs the configured inputs
   */
  public record Status(long lines, long positions, int vessels, Map<String, Long> events,
      long published, long written, long refused, long incidents, long droppedEvents,
      @Nullable Instant lastFlush, List<InputState> inputs) {}

  private final AppConfig.MaritimeSettings settings;
  private final NodeData data;
  private final Principal principal;
  private final String collection;
  private final Clock clock;
  private final SwappableZones zones;
  private final Set<String> configAreas;
  private final @Nullable Path areasFile;
  private final MaritimePipeline pipeline;
  private final OutageCorrelator correlator = new OutageCorrelator();
  private final boolean live;
  private final List<AisInput> inputs = new ArrayList<>();

  private final Object producer = new Object();
  private final Object areasLock = new Object();
  private final ReentrantLock flushLock = new ReentrantLock();
  private final ConcurrentLinkedQueue<MaritimeEvent> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pendingCount = new AtomicInteger();
  // guarded by flushLock
  private final ArrayDeque<CableOutage> outages = new ArrayDeque<>();
  private final ArrayDeque<MaritimeEvent> threats = new ArrayDeque<>();
  private final Map<String, String> writtenVessels = lru(MAX_REMEMBERED);
  private final Map<String, Boolean> publishedIds =
      Collections.synchronizedMap(lru(MAX_REMEMBERED));

  private final AtomicLong lines = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong incidents = new AtomicLong();
  private final AtomicLong droppedEvents = new AtomicLong();
  private volatile @Nullable Instant lastFlush;
  private volatile boolean closed;
  private volatile boolean stopping;
  private long drainedLines = -1; // guarded by producer
  private final Object wake = new Object();
  private @Nullable Thread flusher;

  private MaritimeService(AppConfig.MaritimeSettings settings, NodeData data, String organisation,
      Clock clock, GeoIndex index, Set<String> configAreas, @Nullable Path areasFile) {
    this.settings = settings;
    this.data = data;
    this.principal = Principal.system(organisation);
    this.collection = SharingState.localCollectionId(organisation);
    this.clock = clock;
    this.zones = new SwappableZones(index);
    this.configAreas = Set.copyOf(configAreas);
    this.areasFile = areasFile;
    this.live = settings.inputs().stream().anyMatch(s -> s.strip().startsWith("tcp:")
        || s.strip().startsWith("udp:"));
    MaritimePipeline.Settings ps = MaritimePipeline.Settings.DEFAULTS
        .withDetectors(detectorSettings(settings))
        .withBatching(MaritimePipeline.Settings.DEFAULTS.batchSize(), QUEUE_BATCHES);
    this.pipeline = new MaritimePipeline(ps, zones, clock, this::detected);
  }

  /**
   * Builds the service a node's configuration describes: loads the geodata, starts the pipeline,
   * opens and starts the inputs, and starts the periodic flush.
   *
   * @param organisation the organisation the maritime desk works for ({@code maritime.owner},
   *     by default the node's): owner of everything the service writes
   * @param areasFile where the areas added through the API are kept across restarts (GeoJSON),
   *     or null to keep them in memory only
   * @throws NodeException when a geodata file cannot be used or an input cannot start
   */
  static MaritimeService start(AppConfig.MaritimeSettings settings, NodeData data,
      String organisation, Clock clock, @Nullable Path areasFile) {
    GeoIndex loaded = loadGeodata(settings);
    Set<String> configured = new java.util.HashSet<>();
    for (Area a : loaded.areas().areas()) {
      configured.add(a.id());
    }
    GeoIndex index = withSavedAreas(loaded, configured, areasFile);
    MaritimeService s = new MaritimeService(settings, data, organisation, clock, index,
        configured, areasFile);
    try {
      for (String spec : settings.inputs()) {
        AisInput in;
        try {
          in = AisInput.open(spec);
        } catch (IllegalArgumentException e) {
          throw new NodeException("cannot open the AIS input " + spec + ": " + e.getMessage(), e);
        }
        s.inputs.add(in);
        try {
          in.start(s::acceptLine);
        } catch (RuntimeException e) {
          throw new NodeException("cannot start the AIS input " + spec + ": " + e.getMessage(), e);
        }
        LOG.info("event=maritime_input_started spec={} port={}", spec, in.localPort());
      }
      Duration every = settings.flushInterval();
      Thread t = Thread.ofPlatform().daemon().name("kuroshio-maritime-flush").unstarted(() -> {
        // Never interrupted: an interrupt inside a JDBC call can close the database's files.
        while (!s.stopping) {
          synchronized (s.wake) {
            try {
              s.wake.wait(Math.max(1, every.toMillis()));
            } catch (InterruptedException e) {
              return;
            }
          }
          try {
            if (!s.stopping) {
              s.flush();
            }
          } catch (RuntimeException e) {
            LOG.warn("event=maritime_flush_failed problem=\"{}\"", e.toString(), e);
          }
        }
      });
      s.flusher = t;
      t.start();
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    LOG.info("event=maritime_started cables={} seas={} areas={} inputs={} marking={}",
        index.cableMap().cables().size(), index.boundaries().codes().size(),
        index.areas().areas().size(), settings.inputs().size(), settings.marking().wireName());
    return s;
  }

  private static GeoIndex loadGeodata(AppConfig.MaritimeSettings s) {
    try {
      CableMap cables = s.cables() == null ? null
          : CableMap.load(s.cables(), s.landingPoints(), s.corridorHalfWidthM());
      Boundaries seas = s.boundaries().isEmpty() ? null
          : Boundaries.load(s.boundaries().toArray(new Path[0]));
      Areas areas = s.areas() == null ? null : Areas.load(s.areas());
      return GeoIndex.builder().cables(cables).boundaries(seas).areas(areas).build();
    } catch (GeoDataException | IllegalArgumentException e) {
      throw new NodeException("cannot load the maritime geodata: " + e.getMessage(), e);
    } catch (java.io.UncheckedIOException e) {
      throw new NodeException("cannot read the maritime geodata: " + e.getMessage(), e);
    }
  }

  /** The index with the areas saved by an earlier run added (those whose id is still free). */
  private static GeoIndex withSavedAreas(GeoIndex index, Set<String> configured,
      @Nullable Path file) {
    if (file == null || !java.nio.file.Files.isRegularFile(file)) {
      return index;
    }
    List<Area> saved;
    try {
      saved = Areas.load(file).areas();
    } catch (GeoDataException | java.io.UncheckedIOException e) {
      throw new NodeException("cannot read the maritime areas saved in " + file + " (move the"
          + " file away to start without them): " + e.getMessage(), e);
    }
    List<Area> all = new ArrayList<>(index.areas().areas());
    for (Area a : saved) {
      if (configured.contains(a.id())) {
        LOG.warn("event=maritime_saved_area_skipped id={} problem=\"the configuration's areas"
            + " file has an area with this id\"", a.id());
      } else {
        all.add(a);
      }
    }
    return GeoIndex.builder().cables(index.cableMap()).boundaries(index.boundaries())
        .areas(Areas.of(all)).build();
  }

  /** Writes the areas added through the API to the areas file (atomically), if there is one. */
  private void saveAreas(List<Area> all) {
    if (areasFile == null) {
      return;
    }
    List<ObjectNode> features = new ArrayList<>();
    for (Area a : all) {
      if (!configAreas.contains(a.id())) {
        features.add(MaritimeJson.area(a, false));
      }
    }
    try {
      Path dir = areasFile.toAbsolutePath().getParent();
      java.nio.file.Files.createDirectories(dir);
      Path tmp = java.nio.file.Files.createTempFile(dir, "areas", ".tmp");
      java.nio.file.Files.write(tmp, org.kuroshio.stix.StixJson.writeBytes(
          MaritimeJson.collection(features)));
      java.nio.file.Files.move(tmp, areasFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot save the maritime areas to " + areasFile
          + ": " + e.getMessage(), e);
    }
  }

  private static DetectorSettings detectorSettings(AppConfig.MaritimeSettings s) {
    DetectorSettings d = DetectorSettings.DEFAULTS;
    if (s.shortGap() != null) {
      DetectorSettings.Gap g = d.gap();
      long shortMs = Math.min(s.shortGap().toMillis(), g.gapMs());
      d = d.withGap(new DetectorSettings.Gap(g.gapMs(), g.countedMs(), shortMs, g.minSpeedKn()));
    }
    if (!s.watchedSeas().isEmpty()) {
      d = d.withIncursion(new DetectorSettings.Incursion(s.watchedSeas(),
          d.incursion().userAreas()));
    }
    return d;
  }

  // ---- lines in ----

  /** One line from a configured input (called on the input's thread). */
  private void acceptLine(String line) {
    synchronized (producer) {
      if (closed) {
        return;
      }
      pipeline.accept(line);
      lines.incrementAndGet();
    }
  }

  /**
   * Feeds NMEA lines (with or without tag blocks) to the pipeline, blocking while it is full.
   *
   * @throws IllegalStateException when the service is closed
   */
  public void ingest(Iterable<String> nmeaLines) {
    List<String> chunk = new ArrayList<>(1_024);
    for (String line : nmeaLines) {
      chunk.add(line);
      if (chunk.size() == 1_024) {
        feed(chunk);
        chunk.clear();
      }
    }
    feed(chunk);
  }

  private void feed(List<String> chunk) {
    if (chunk.isEmpty()) {
      return;
    }
    synchronized (producer) {
      if (closed) {
        throw new IllegalStateException("the maritime service is closed");
      }
      pipeline.acceptAll(chunk);
      lines.addAndGet(chunk.size());
    }
  }

  /**
   * Decodes {@code nmeaLines} for their counts, then feeds them to the pipeline (as
   * {@link #ingest}); what {@code POST /api/maritime/ais} answers.
   */
  public Accepted accept(List<String> nmeaLines) {
    AisStream check = new AisStream(m -> { });
    for (String line : nmeaLines) {
      check.accept(line);
    }
    ingest(nmeaLines);
    return new Accepted(nmeaLines.size(), check.summary());
  }

  // ---- events out ----

  /** Called on the pipeline's consumer thread for every event. */
  private void detected(MaritimeEvent e) {
    pending.add(e);
    if (pendingCount.incrementAndGet() > MAX_PENDING) {
      if (pending.poll() != null) {
        pendingCount.decrementAndGet();
        droppedEvents.incrementAndGet();
      }
    }
  }

  /**
   * Waits until the pipeline has applied every line accepted so far (moving the stream time on
   * to the clock first when the node reads a live feed).
   */
  private void drain() {
    synchronized (producer) {
      long seen = lines.get();
      if (closed || (!live && seen == drainedLines)) {
        return; // nothing was accepted since the last drain
      }
      drainedLines = seen;
      if (live) {
        pipeline.advance(clock.millis());
      }
      pipeline.sync();
    }
  }

  /**
   * Drains the pipeline up to now and writes every new event as STIX through the node's ingest
   * pipeline (owner: the maritime owner's organisation; marking: {@code maritime.marking} where an object
   * has none), with an incident for each new cable threat that coincides with a recorded outage.
   * Synchronous: when it returns, the objects are stored.
   */
  public Published flush() {
    flushLock.lock();
    try {
      drain();
      List<MaritimeEvent> batch = new ArrayList<>();
      for (MaritimeEvent e; (e = pending.poll()) != null; ) {
        pendingCount.decrementAndGet();
        batch.add(e);
      }
      List<MaritimeEvent> newThreats = new ArrayList<>();
      for (MaritimeEvent e : batch) {
        if (e.kind() == EventKind.CABLE_THREAT) {
          newThreats.add(e);
          threats.addLast(e);
          if (threats.size() > MAX_THREATS) {
            threats.removeFirst();
          }
        }
      }
      List<StixObject> objects = new ArrayList<>();
      int converted = 0;
      if (!batch.isEmpty()) {
        int[] ok = new int[1];
        pipeline.withRegistry(registry -> {
          MaritimeStix stix = MaritimeStix.withRegistry(registry);
          for (MaritimeEvent e : batch) {
            try {
              objects.addAll(stix.event(e, principal.organisation()));
              ok[0]++;
            } catch (RuntimeException ex) { // out-of-range values, a failing converter
              if (loud(refused.incrementAndGet())) {
                LOG.warn("event=maritime_event_unconvertible kind={} mmsi={} problem=\"{}\"",
                    e.kind().wireName(), e.mmsi(), ex.getMessage());
              }
            }
          }
          return null;
        });
        converted = ok[0];
      }
      int raised = 0;
      if (!newThreats.isEmpty() && !outages.isEmpty()) {
        List<StixObject> found = correlator.incidents(List.copyOf(outages), newThreats,
            principal.organisation());
        raised = (int) found.stream().filter(o -> o.type().equals("incident")).count();
        objects.addAll(found);
      }
      Published w = write(objects, converted, raised);
      Published p = new Published(w.events(), w.written(), w.unchanged(),
          w.refused() + batch.size() - converted, w.incidents());
      published.addAndGet(converted);
      lastFlush = clock.instant();
      if (p.written() > 0 || p.refused() > 0) {
        LOG.info("event=maritime_flush events={} written={} unchanged={} refused={} incidents={}",
            p.events(), p.written(), p.unchanged(), p.refused(), p.incidents());
      }
      return p;
    } finally {
      flushLock.unlock();
    }
  }

  /** Marks and writes objects through the door; counts what happened. */
  private Published write(List<StixObject> objects, int events, int raised) {
    List<StixObject> toWrite = new ArrayList<>(objects.size());
    int unchanged = 0;
    for (StixObject o : objects) {
      StixObject m = marked(o);
      if (m.type().equals("kuroshio-vessel") && m.toJson().equals(writtenVessels.get(m.id()))) {
        unchanged++;
        continue;
      }
      toWrite.add(m);
    }
    int ok = 0;
    int bad = 0;
    for (int from = 0; from < toWrite.size(); from += WRITE_CHUNK) {
      List<StixObject> chunk = toWrite.subList(from, Math.min(toWrite.size(), from + WRITE_CHUNK));
      IngestResult result;
      try {
        result = data.add(principal, collection, chunk);
      } catch (RuntimeException e) {
        bad += chunk.size();
        LOG.warn("event=maritime_write_failed objects={} problem=\"{}\"", chunk.size(),
            e.toString(), e);
        continue;
      }
      List<ObjectResult> rs = result.results();
      for (int i = 0; i < rs.size(); i++) {
        ObjectResult r = rs.get(i);
        StixObject o = chunk.get(i);
        if (r.success()) {
          if ("unchanged".equals(r.message())) {
            unchanged++;
          } else {
            ok++;
          }
          if (o.type().equals("kuroshio-vessel")) {
            writtenVessels.put(o.id(), o.toJson());
          } else if (o.type().equals("observed-data")) {
            publishedIds.put(o.id(), Boolean.TRUE);
          }
        } else {
          bad++;
          if (loud(refused.get() + bad)) {
            LOG.warn("event=maritime_object_refused id={} version={} problem=\"{}\"", r.id(),
                r.version(), r.message());
          }
        }
      }
    }
    written.addAndGet(ok);
    refused.addAndGet(bad);
    incidents.addAndGet(raised);
    return new Published(events, ok, unchanged, bad, raised);
  }

  /** Whether the n-th refusal is logged: the first 20, then every 1,000th (counted always). */
  private static boolean loud(long n) {
    return n <= 20 || n % 1_000 == 0;
  }

  /** The object with the maritime marking when it has no {@code object_marking_refs}. */
  private StixObject marked(StixObject o) {
    if (o.has("object_marking_refs")) {
      return o;
    }
    ObjectNode copy = o.toJsonNode();
    copy.putArray("object_marking_refs").add(settings.marking().markingId());
    return StixObject.of(copy);
  }

  /**
   * Records a cable outage and correlates it at once with the cable-threat events seen so far
   * (new events are flushed first), writing an incident (and its two relationships) for each
   * coinciding threat. Returns the objects written or already stored, incidents first of each
   * triple; empty when no threat coincides.
   */
  public List<StixObject> recordOutage(CableOutage outage) {
    Objects.requireNonNull(outage, "outage");
    flushLock.lock();
    try {
      flush();
      if (!outages.contains(outage)) {
        outages.addLast(outage);
        if (outages.size() > MAX_OUTAGES) {
          outages.removeFirst();
        }
      }
      List<StixObject> found = correlator.incidents(List.of(outage), List.copyOf(threats),
          principal.organisation());
      int raised = (int) found.stream().filter(o -> o.type().equals("incident")).count();
      write(found, 0, raised);
      List<StixObject> out = new ArrayList<>(found.size());
      for (StixObject o : found) {
        out.add(marked(o));
      }
      LOG.info("event=maritime_outage cable={} start={} incidents={}", outage.cableId(),
          outage.start(), raised);
      return out;
    } finally {
      flushLock.unlock();
    }
  }

  /** The recorded outages, oldest first (at most {@value #MAX_OUTAGES}). */
  public List<CableOutage> outages() {
    flushLock.lock();
    try {
      return List.copyOf(outages);
    } finally {
      flushLock.unlock();
    }
  }

  // ---- the live picture ----

  /**
   * The most recent events (the pipeline keeps 10,000), newest first, filtered.
   *
   * @param kind only this kind, or null for all
   * @param mmsi only events naming this MMSI (as the vessel or the other vessel), or 0 for all
   * @param since only events that ended at or after this time, or null
   * @param limit at most this many
   */
  public List<MaritimeEvent> events(@Nullable EventKind kind, int mmsi, @Nullable Instant since,
      int limit) {
    List<MaritimeEvent> all = pipeline.recentEvents();
    List<MaritimeEvent> out = new ArrayList<>();
    long sinceMs = since == null ? Long.MIN_VALUE : since.toEpochMilli();
    for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
      MaritimeEvent e = all.get(i);
      if ((kind == null || e.kind() == kind)
          && (mmsi == 0 || e.mmsi() == mmsi || e.otherMmsi() == mmsi)
          && e.end() >= sinceMs) {
        out.add(e);
      }
    }
    return out;
  }

  /** The id of the event's observed-data when it has been written, else empty. */
  public Optional<String> stixId(MaritimeEvent e) {
    String id = MaritimeStix.observedDataId(e);
    return publishedIds.containsKey(id) ? Optional.of(id) : Optional.empty();
  }

  /** Snapshots of every vessel in the registry. */
  public List<Vessel> vessels() {
    return pipeline.withRegistry(VesselRegistry::all);
  }

  /** The vessel with this MMSI, if it was seen. */
  public Optional<Vessel> vessel(int mmsi) {
    return Optional.ofNullable(pipeline.withRegistry(r -> r.get(mmsi)));
  }

  /** The identity changes of one vessel, oldest first. */
  public List<IdentityChange> history(int mmsi) {
    return pipeline.withRegistry(r -> r.history(mmsi));
  }

  /** The track store (safe to read from any thread). */
  public TrackStore tracks() {
    return pipeline.tracks();
  }

  /**
   * The vessels near a distress position now (the clock's time; positions older than an hour are
   * left out), in the order {@link org.kuroshio.maritime.sar.SarAssist} gives.
   *
   * @throws IllegalArgumentException for a bad position, radius or limit
   */
  public List<SarCandidate> sarNow(double lat, double lon, double radiusM, int limit) {
    return pipeline.sar().nearNow(lat, lon, radiusM, limit);
  }

  /**
   * The vessels near a distress position at a past time, from their tracks.
   *
   * @throws IllegalArgumentException for a bad position, radius or limit
   */
  public List<SarCandidate> sarAt(double lat, double lon, Instant time, double radiusM,
      int limit) {
    return pipeline.sar().nearAt(lat, lon, time.toEpochMilli(), radiusM, limit, pipeline.tracks());
  }

  /** The geodata the detectors use now: cables, seas and areas. */
  public GeoIndex zones() {
    return zones.index;
  }

  /** The service clock's time: "now" for SAR queries. */
  public Instant now() {
    return clock.instant();
  }

  /** The marking given to what the service writes. */
  public Tlp marking() {
    return settings.marking();
  }

  /** The organisation that owns what the service writes ({@code maritime.owner}). */
  public String organisation() {
    return principal.organisation();
  }

  // ---- areas ----

  /** The user areas and anchorages in use, in the order added. */
  public List<Area> areas() {
    return zones.index.areas().areas();
  }

  /** Whether the area came from the configuration file (it returns when the node restarts). */
  public boolean configured(String areaId) {
    return configAreas.contains(areaId);
  }

  /**
   * Adds areas and saves them; the detectors use them from their next position report on. All or
   * nothing.
   *
   * @throws IllegalArgumentException when an id is taken (also twice among {@code added}) or
   *     there would be more than {@link Areas#MAX_AREAS}
   * @throws java.io.UncheckedIOException when the areas file cannot be written (nothing changes)
   */
  public List<Area> addAreas(List<Area> added) {
    synchronized (areasLock) {
      GeoIndex current = zones.index;
      Areas next = Areas.builder().addAll(current.areas().areas()).addAll(added).build();
      GeoIndex index = GeoIndex.builder().cables(current.cableMap())
          .boundaries(current.boundaries()).areas(next).build();
      saveAreas(next.areas());
      zones.index = index;
      return List.copyOf(added);
    }
  }

  /** Removes an area; returns it, or empty when there is none with this id. */
  public Optional<Area> removeArea(String id) {
    synchronized (areasLock) {
      GeoIndex current = zones.index;
      Optional<Area> gone = current.areas().area(id);
      if (gone.isPresent()) {
        List<Area> rest = new ArrayList<>(current.areas().areas());
        rest.removeIf(a -> a.id().equals(id));
        GeoIndex index = GeoIndex.builder().cables(current.cableMap())
            .boundaries(current.boundaries()).areas(Areas.of(rest)).build();
        saveAreas(rest);
        zones.index = index;
      }
      return gone;
    }
  }

  // ---- status ----

  /** The counters, for {@code /health}. */
  public Status status() {
    Map<String, Long> ev = new LinkedHashMap<>();
    for (Map.Entry<EventKind, Long> e : new EnumMap<>(pipeline.eventCounts()).entrySet()) {
      ev.put(e.getKey().wireName(), e.getValue());
    }
    List<InputState> in = new ArrayList<>();
    for (AisInput i : inputs) {
      in.add(new InputState(i.spec().toString(), i.stats(),
          i.failure().map(Throwable::toString).orElse(null)));
    }
    int vessels = pipeline.withRegistry(VesselRegistry::size);
    return new Status(lines.get(), pipeline.tracks().fixCount(), vessels, ev, published.get(),
        written.get(), refused.get(), incidents.get(), droppedEvents.get(), lastFlush,
        List.copyOf(in));
  }

  /** The configured inputs (their local ports once started, for tests and the demo). */
  public List<AisInput> inputs() {
    return List.copyOf(inputs);
  }

  /**
   * Stops the periodic flush and the inputs, ends the pipeline (the detectors close their open
   * episodes) and publishes what is pending. Idempotent.
   */
  @Override
  public void close() {
    if (stopping) {
      return;
    }
    stopping = true;
    Thread t = flusher;
    if (t != null) {
      synchronized (wake) {
        wake.notifyAll();
      }
      try {
        t.join(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (AisInput in : inputs) {
      try {
        in.close();
      } catch (RuntimeException e) {
        LOG.warn("event=maritime_input_close_failed spec={} problem=\"{}\"", in.spec(),
            e.toString());
      }
    }
    synchronized (producer) {
      closed = true;
      pipeline.finish();
    }
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.warn("event=maritime_final_flush_failed problem=\"{}\"", e.toString());
    }
  }

  private static <K, V> Map<K, V> lru(int max) {
    return new LinkedHashMap<>(256, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > max;
      }
    };
  }

  /** The detectors' zones: the current {@link GeoIndex}, swapped whole when areas change. */
  private static final class SwappableZones implements Zones {
    volatile GeoIndex index;

    SwappableZones(GeoIndex index) {
      this.index = index;
    }

    @Override
    public List<CorridorHit> corridorsAt(double lat, double lon) {
      return index.corridorsAt(lat, lon);
    }

    @Override
    public @Nullable String territorialSeaAt(double lat, double lon) {
      return index.territorialSeaAt(lat, lon);
    }

    @Override
    public boolean inAnchorage(double lat, double lon) {
      return index.inAnchorage(lat, lon);
    }

    @Override
    public List<AreaHit> areasAt(double lat, double lon) {
      return index.areasAt(lat, lon);
    }
  }
}
