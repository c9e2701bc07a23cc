package org.kuroshio.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import org.kuroshio.maritime.ais.AisStream;
import org.kuroshio.maritime.detect.EventKind;
import org.kuroshio.maritime.detect.MaritimeEvent;
import org.kuroshio.maritime.geo.Cable;
import org.kuroshio.maritime.scenario.MatsuScenario;
import org.kuroshio.maritime.stix.CableOutage;
import org.kuroshio.sharing.NodeData;
import org.kuroshio.sharing.Principal;
import org.kuroshio.sharing.Role;
import org.kuroshio.stix.Domains;
import org.kuroshio.stix.StixObject;
import org.kuroshio.store.StoredVersion;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * The maritime part of the demo: the Matsu story ({@link MatsuScenario}: a freighter slows and
 * zigzags over a cable at night, drags its anchor, goes dark and reappears under a second
 * identity) laid over the real route of Taiwan Strait Express-1 when the shared cable data is at
 * hand, else over the demo's own illustrative route from Nangan towards Tamsui; the real AIS
 * recordings of the shared data replayed alongside; all of it ingested by a
 * {@link MaritimeService}, and an analyst's report of an outage of that cable just after the
 * freighter's passage, which raises an incident.
 *
 * <p><b>Whose picture.</b> What a maritime service publishes is owned by the organisation it runs
 * for, and the release rule shares it under that organisation's agreements. The single demo node
 * is run by a neutral operator that is party to no agreement, as the cyber story's objects
 * belong to the partners that wrote them; so the node's maritime desk works for the National
 * Security Bureau ({@code maritime.owner}): the story runs in the node's maritime service
 * ({@link Node#maritime()}, the REST API under {@code /api/maritime/}, shown to the bureau's
 * users and the node's administrators), writing through the node's one door as the bureau, and
 * the letter of intent lets the Pacific ally see it. In {@code demo --federation} the bureau runs
 * its own node, whose picture is the bureau's.
 *
 * <p>The shared data is looked for in {@code --shared-data DIR}, else
 * {@code $KUROSHIO_SHARED_DATA}, else {@code ../shared/data} from the working directory (the
 * repository's root, where {@code ./kuroshio demo} runs). The demo's own geodata is drawn by hand,
 * is illustrative only, and lives in the jar ({@code /demo/maritime/}).
 */
final class MaritimeDemo {
  /** The environment variable naming the shared data folder. */
  static final String ENV = "KUROSHIO_SHARED_DATA";
  /** The shared data folder when neither the option nor the environment names one. */
  static final Path DEFAULT_SHARED = Path.of("..", "shared", "data");

  /** The real cable the story is laid over when the shared data is present. */
  static final String TSE1 = "taiwan-strait-express-1-tse-1";
  /** The demo's own illustrative cable. */
  static final String DEMO_CABLE = "kuroshio-demo-cable-nangan-tamsui";

  static final String CABLES = "cables/cables-west-pacific-subset.geojson";
  static final String LANDING_POINTS = "cables/landing-points-west-pacific-subset.geojson";
  static final String BOUNDARIES = "maritime/osm-borders-maritime-10000m-west-pacific.geojson";
  /**
   * The real recordings replayed alongside, newest first, and where they were recorded. The
   * detectors' clock is the newest message time (the story's, 2026): each recording is older than
   * everything before it, so none moves that clock, and no check that waits for time to pass (an
   * identity swap is confirmed after ten minutes) is settled by the time stamps of a recording
   * made years later.
   */
  static final Map<String, String> RECORDINGS = recordings();

  private static final String RESOURCES = "/demo/maritime/";
  private static final String DEMO_CABLE_FILE = "demo-cable.geojson";
  private static final String DEMO_LANDING_FILE = "demo-landing-points.geojson";
  private static final String DEMO_AREAS_FILE = "demo-areas.geojson";

  /** When the story starts: 20:00 in Matsu (UTC+8); the freighter reaches the cable at night. */
  static final Instant START = Instant.parse("2026-02-10T12:00:00Z");
  /** The seed of the background traffic. */
  static final long SEED = 7;
  /** When, after the freighter went dark, the cable's operator noticed the fault. */
  static final Duration OUTAGE_AFTER_DARK = Duration.ofMinutes(40);

  private static final DateTimeFormatter HM =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private MaritimeDemo() {}

  private static Map<String, String> recordings() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("ais/kystverket-via-docker-gpsd-timestamp/norwegian.raw.nmea",
        "Norwegian Coastal Administration, 2024");
    m.put("ais/dma-aislib/replay_dump.txt", "Danish Maritime Authority, 2013");
    m.put("ais/dma-aislib/stream_example.txt", "Danish Maritime Authority, 2010");
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * Where the demo's maritime data comes from.
   *
   * @param cables the cable routes
   * @param landingPoints the landing points
   * @param boundaries territorial seas, or null when the shared data is absent
   * @param areas the demo's areas of interest and anchorage
   * @param cableId the cable the story is laid over
   * @param real whether that is the real route (shared data) or the demo's illustrative one
   * @param recordings the real recordings found, newest first, with where they come from
   */
  record Sources(Path cables, Path landingPoints, @Nullable Path boundaries, Path areas,
      String cableId, boolean real, Map<Path, String> recordings) {}

  /**
   * Returns the shared data folder: the option, else {@code $KUROSHIO_SHARED_DATA}, else
   * {@code ../shared/data}.
   */
  static Path sharedData(@Nullable Path option, Map<String, String> environment) {
    if (option != null) {
      return option;
    }
    String env = environment.get(ENV);
    return env != null && !env.isBlank() ? Path.of(env.strip()) : DEFAULT_SHARED;
  }

  /**
   * Finds the data: the real cables, seas and recordings under {@code shared} when present, else
   * the demo's own illustrative cable, copied from the jar into {@code workDir}; the demo's areas
   * always.
   */
  static Sources sources(Path shared, Path workDir) {
    Path dir = workDir.resolve("maritime");
    Path areas = extract(DEMO_AREAS_FILE, dir);
    Map<Path, String> recs = new LinkedHashMap<>();
    for (Map.Entry<String, String> r : RECORDINGS.entrySet()) {
      Path p = shared.resolve(r.getKey());
      if (Files.isRegularFile(p) && Files.isReadable(p)) {
        recs.put(p, r.getValue());
      }
    }
    Path cables = shared.resolve(CABLES);
    Path landing = shared.resolve(LANDING_POINTS);
    if (Files.isRegularFile(cables) && Files.isReadable(cables)
        && Files.isRegularFile(landing) && Files.isReadable(landing)) {
      Path seas = shared.resolve(BOUNDARIES);
      return new Sources(cables, landing, Files.isRegularFile(seas) ? seas : null, areas, TSE1,
          true, recs);
    }
    return new Sources(extract(DEMO_CABLE_FILE, dir), extract(DEMO_LANDING_FILE, dir), null,
        areas, DEMO_CABLE, false, recs);
  }

  private static Path extract(String name, Path dir) {
    try (InputStream in = MaritimeDemo.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("the demo resource " + RESOURCES + name + " is missing");
      }
      Files.createDirectories(dir);
      Path target = dir.resolve(name);
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo geodata into " + dir, e);
    }
  }

  /**
   * Returns {@code base} with the demo's maritime settings: the geodata of {@code s}, Taiwan's
   * territorial sea watched for incursions (when the seas are loaded), TLP:AMBER on detector
   * output, and the maritime desk working for the National Security Bureau
   * ({@code maritime.owner}).
   */
  static AppConfig configure(AppConfig base, Sources s) {
    AppConfig.MaritimeSettings m = base.maritime().withGeodata(s.cables(), s.landingPoints(),
        s.boundaries() == null ? List.of() : List.of(s.boundaries()), s.areas())
        .withOwner(DemoScenario.NSB);
    return new AppConfig(base.node(), base.http(), base.database(), base.dataDir(),
        base.organisations(), base.users(), m);
  }

  /**
   * What the demo loaded.
   *
   * @param sources where the data came from
   * @param cable the cable the story is laid over
   * @param story the scenario's facts
   * @param lines NMEA lines ingested (story and recordings)
   * @param outage the outage the analyst recorded
   * @param incidents the incidents it raised (one per coinciding cable threat), possibly none
   * @param skipped recordings left out, with the reason
   */
  record Loaded(Sources sources, Cable cable, MatsuScenario.Result story, long lines,
      CableOutage outage, List<StixObject> incidents, Map<Path, String> skipped) {
    /** Copies the collections. */
    Loaded {
      incidents = List.copyOf(incidents);
      skipped = Map.copyOf(skipped);
    }

    /** The first incident, or null when none was raised. */
    @Nullable StixObject incident() {
      return incidents.isEmpty() ? null : incidents.getFirst();
    }
  }

  /**
   * Writes the story over the cable, ingests it and then the recordings into a maritime service,
   * publishes the events and records the outage of the cable 40 minutes after the freighter went
   * dark. The story comes first: the recordings are older, so they do not move the detectors'
   * stream time and the story's episodes close as they would live.
   *
   * @throws IllegalStateException when the service's geodata lacks the cable
   */
  static Loaded load(MaritimeService m, Sources s) {
    Cable cable = m.zones().cableMap().cable(s.cableId()).orElseThrow(
        () -> new IllegalStateException("the demo cable " + s.cableId() + " is not in "
            + s.cables()));
    MatsuScenario.Result story = MatsuScenario.write(route(cable.route()),
        START.getEpochSecond(), SEED);
    long lines = story.lines().size();
    m.ingest(story.lines());
    Map<Path, String> skipped = new LinkedHashMap<>();
    for (Path p : s.recordings().keySet()) {
      List<String> recorded = readLines(p);
      long untimed = untimed(recorded);
      if (untimed > 0) {
        // A message without a recorded time is stamped with the time of receipt, which would
        // move the detectors' stream time from the recording's years to today at once.
        skipped.put(p, untimed + " of its messages decode without a time stamp");
        continue;
      }
      m.ingest(recorded);
      lines += recorded.size();
    }
    m.flush();
    Instant dark = Instant.ofEpochSecond(story.darkAt());
    CableOutage outage = new CableOutage(cable.id(), cable.name(), dark.plus(OUTAGE_AFTER_DARK),
        null, "The cable's operator", "Loss of light on the segment south-east of Nangan,"
            + " reported to the National Security Bureau by telephone and recorded by an NSB"
            + " analyst; the repair ship is alerted.");
    List<StixObject> incidents = m.recordOutage(outage).stream()
        .filter(o -> o.type().equals("incident")).toList();
    return new Loaded(s, cable, story, lines, outage, incidents, skipped);
  }

  /**
   * The part of a route nearest the story's centre, as {lon, lat} points: routes in the data may
   * be several lines (split at the antimeridian or branching), and the story needs one polyline.
   */
  static List<double[]> route(Geometry route) {
    Geometry best = route.getGeometryN(0);
    double bestD = Double.MAX_VALUE;
    org.locationtech.jts.geom.Point centre = route.getFactory().createPoint(
        new Coordinate(MatsuScenario.MATSU_LON, MatsuScenario.MATSU_LAT));
    for (int i = 0; i < route.getNumGeometries(); i++) {
      double d = route.getGeometryN(i).distance(centre);
      if (d < bestD) {
        bestD = d;
        best = route.getGeometryN(i);
      }
    }
    List<double[]> out = new ArrayList<>();
    for (Coordinate c : best.getCoordinates()) {
      out.add(new double[] {c.x, c.y});
    }
    return out;
  }

  /** Counts the messages of a recording that decode without a recorded time. */
  static long untimed(List<String> lines) {
    long[] n = new long[1];
    AisStream stream = new AisStream(m -> {
      if (m.time() == null) {
        n[0]++;
      }
    });
    lines.forEach(stream);
    stream.finish();
    return n[0];
  }

  private static List<String> readLines(Path p) {
    try (InputStream raw = Files.newInputStream(p)) {
      InputStream in = raw.markSupported() ? raw : new java.io.BufferedInputStream(raw);
      in.mark(2);
      int b1 = in.read();
      int b2 = in.read();
      in.reset();
      InputStream body = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in) : in;
      return new String(body.readAllBytes(), StandardCharsets.ISO_8859_1).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the recording " + p, e);
    }
  }

  /**
   * Counts the maritime objects an organisation's analysts see on the node, over every
   * collection the rule shows them (latest versions, each object once), by type.
   */
  static Map<String, Integer> maritimeSeenBy(NodeData data, String user, String organisation) {
    Principal p = new Principal(user, organisation, Set.of(Role.ANALYST));
    Map<String, String> seen = new LinkedHashMap<>();
    for (StoredVersion v : FederationDemo.visible(data, p).values()) {
      if (v.domains().contains(Domains.MARITIME)) {
        seen.put(v.id(), v.type());
      }
    }
    Map<String, Integer> byType = new TreeMap<>();
    seen.values().forEach(t -> byType.merge(t, 1, Integer::sum));
    return byType;
  }

  /** Prints the maritime part of the demo's welcome. */
  static void print(PrintWriter out, NodeData data, MaritimeService m, Loaded l) {
    MaritimeService.Status st = m.status();
    Sources s = l.sources();
    MatsuScenario.Result story = l.story();
    out.println("Maritime picture (AIS) of the National Security Bureau: a freighter off Matsu,"
        + " at night, over "
        + (s.real() ? l.cable().name() + " (the real route, TeleGeography data)"
            : "the demo's illustrative cable Nangan-Tamsui (not a real route; the shared"
                + " cable data was not found)"));
    List<String> recs = new ArrayList<>();
    s.recordings().forEach((p, where) -> {
      if (!l.skipped().containsKey(p)) {
        recs.add(p.getFileName() + " (" + where + ")");
      }
    });
    out.println("  replayed alongside: " + (recs.isEmpty() ? "no real recording" + (s.recordings()
        .isEmpty() ? " (the shared data was not found)" : "")
        : "the real recordings " + String.join(", ", recs)));
    l.skipped().forEach((p, why) -> out.println("  not replayed: " + p.getFileName() + ": "
        + why));
    out.println("  geodata: " + m.zones().cableMap().cables().size() + " cables"
        + (s.boundaries() != null ? ", territorial seas of "
            + String.join(" ", m.zones().boundaries().codes()) : "")
        + ", " + m.zones().areas().areas().size() + " demo areas");
    out.printf(Locale.ROOT, "  %d lines, %d position reports, %d vessels; events:%s%n",
        st.lines(), st.positions(), st.vessels(), counts(st.events()));
    int freighter = MatsuScenario.FREIGHTER.mmsi();
    int second = MatsuScenario.SECOND_IDENTITY.mmsi();
    out.println("  EASTERN GRACE (MMSI " + freighter + "), from "
        + HM.format(Instant.ofEpochSecond(START.getEpochSecond())) + " (20:00 in Matsu):");
    List<MaritimeEvent> own = new ArrayList<>(m.events(null, freighter, null, 100));
    own.sort(java.util.Comparator.comparingLong(MaritimeEvent::start)
        .thenComparingLong(MaritimeEvent::end));
    boolean gap = false;
    boolean swap = false;
    for (MaritimeEvent e : own) {
      out.println("    " + describe(e));
      gap |= e.kind() == EventKind.AIS_GAP
          || e.details().getOrDefault("indicators", "").contains("gap");
      swap |= e.kind() == EventKind.IDENTITY_SWAP;
    }
    if (!gap) {
      out.println("    (its dark period from " + HM.format(Instant.ofEpochSecond(story.darkAt()))
          + " raised no event)");
    }
    if (!swap) {
      out.println("    (its second identity, SEA LUCKY 9 (MMSI " + second + "), appeared "
          + Duration.ofSeconds(story.reappearedAt() - story.darkAt()).toMinutes()
          + " min later 1.5 km away; no identity-swap event was raised)");
    }
    out.println("  Outage of " + l.cable().name() + " reported from "
        + HM.format(l.outage().start()) + " (an analyst's report):");
    if (l.incidents().isEmpty()) {
      out.println("    no incident: no cable threat coincides with it");
    }
    for (StixObject inc : l.incidents()) {
      out.println("    incident: " + inc.string("name").orElse(""));
      out.println("      " + inc.id());
    }
    Map<String, Integer> pacific = maritimeSeenBy(data, "pacific", DemoScenario.PACIFIC_ALLY);
    Map<String, Integer> commerce = maritimeSeenBy(data, "commerce", DemoScenario.COMMERCE);
    out.println("  What the partners see of it (the release rule; detector output is TLP:"
        + m.marking().displayName().replace("TLP:", "") + "):");
    out.printf(Locale.ROOT, "    Pacific ally (letter of intent: maritime up to AMBER): %d"
        + " maritime objects%s%n", total(pacific), pacific.isEmpty() ? "" : " " + pacific);
    out.printf(Locale.ROOT, "    Commerce (statement of intent: cyber only): %d maritime"
        + " objects%s%n", total(commerce), commerce.isEmpty() ? "" : " " + commerce);
    out.println();
  }

  private static int total(Map<String, Integer> byType) {
    return byType.values().stream().mapToInt(Integer::intValue).sum();
  }

  private static String counts(Map<String, Long> events) {
    StringBuilder b = new StringBuilder();
    events.forEach((k, v) -> {
      if (v > 0) {
        b.append(' ').append(k).append(' ').append(v).append(',');
      }
    });
    return b.isEmpty() ? " none" : b.substring(0, b.length() - 1);
  }

  /** One line for an event of the freighter. */
  static String describe(MaritimeEvent e) {
    Map<String, String> d = e.details();
    String when = HM.format(Instant.ofEpochMilli(e.start())) + " to "
        + HM.format(Instant.ofEpochMilli(e.end())).substring(11);
    return switch (e.kind()) {
      case CABLE_THREAT -> String.format(Locale.ROOT,
          "cable threat over %s: score %.2f, %d positions of evidence (%s), %s",
          d.getOrDefault("cableName", d.getOrDefault("cableId", "?")), e.score(),
          e.evidence().size(), d.getOrDefault("indicators", ""), when);
      case AIS_GAP -> "dark period: " + e.summary() + ", " + when;
      case IDENTITY_SWAP -> "identity swap: " + e.summary();
      default -> e.kind().wireName() + ": " + e.summary() + ", " + when;
    };
  }
}
