package org.kuroshio.app;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.kuroshio.maritime.detect.EventKind;
import org.kuroshio.maritime.detect.MaritimeEvent;
import org.kuroshio.maritime.geo.Area;
import org.kuroshio.maritime.geo.Areas;
import org.kuroshio.maritime.geo.Cable;
import org.kuroshio.maritime.geo.CableMap;
import org.kuroshio.maritime.geo.GeoDataException;
import org.kuroshio.maritime.geo.GeoFeature;
import org.kuroshio.maritime.geo.GeoJsonReader;
import org.kuroshio.maritime.sar.SarCandidate;
import org.kuroshio.maritime.stix.CableOutage;
import org.kuroshio.maritime.vessel.Fix;
import org.kuroshio.maritime.vessel.Vessel;
import org.kuroshio.sharing.Governance;
import org.kuroshio.sharing.Principal;
import org.kuroshio.sharing.Role;
import org.kuroshio.stix.StixJson;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Timestamps;
import org.kuroshio.taxii.server.HttpFailure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The maritime part of the REST API, under {@code /api/maritime/} (docs/API.md, "Maritime"):
 * vessels, tracks (GeoJSON), events, cable corridors, areas, SAR assist, cable outages and AIS
 * ingest, answered from the node's {@link MaritimeService}. {@link ApiRoutes} registers these
 * endpoints in its own table, so they pass the same pipeline as every {@code /api} route
 * (authentication, known query parameters, the JSON error body).
 *
 * <p>Who may do what: the live picture (vessels, tracks, events, SAR, areas, outages) is the
 * sensor data of the organisation the node's maritime desk works for ({@code maritime.owner},
 * by default the node's organisation), shown to users of that organisation and to the node's
 * administrators (admin role in the node's organisation); a user of another organisation gets
 * 403 saying that maritime products reach partners as STIX under agreements. Cable corridors are
 * reference data: every signed-in user may read them. Writing (areas, outages) needs the analyst
 * or admin role as well; posting AIS also the machine role (sensors,
 * {@code kuroshio ais ingest --url}).
 */
final class MaritimeRoutes {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String JSON = "application/json";
  private static final String GEO_JSON = "application/geo+json";
  /** Largest AIS post, bytes. */
  static final int MAX_AIS_BYTES = 16 << 20;
  /** Most points of one track answer; more are thinned evenly. */
  static final int MAX_TRACK_POINTS = 10_000;
  /** Most points of an area's tracks together. */
  static final int MAX_AREA_POINTS = 50_000;
  /** Most positions of a cables answer. */
  static final int MAX_CABLE_POSITIONS = 2_000_000;
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1_000;
  private static final int MAX_QUERY = 300;
  private static final double DEFAULT_SAR_RADIUS_M = 50_000;
  private static final Pattern AREA_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");
  private static final String DOWN = "the maritime service is not running on this node";

  /** One endpoint's work once the principal is known. */
  @FunctionalInterface
  interface Endpoint {
    void handle(Context ctx, Principal principal);
  }

  /** Where the endpoints are registered: {@link ApiRoutes}' table. */
  @FunctionalInterface
  interface Registrar {
    void add(HandlerType method, String path, Endpoint endpoint, String... queryParams);
  }

  private final @Nullable MaritimeService maritime;
  private final Governance governance;
  private volatile @Nullable CablesAnswer cables;

  private record CablesAnswer(CableMap map, byte[] all) {}

  MaritimeRoutes(@Nullable MaritimeService maritime, Governance governance) {
    this.maritime = maritime;
    this.governance = governance;
  }

  /** Registers every maritime endpoint. */
  void define(Registrar r) {
    r.add(HandlerType.GET, "/api/maritime/vessels", this::vessels, "bbox", "q", "limit");
    r.add(HandlerType.GET, "/api/maritime/vessels/{mmsi}", this::vessel);
    r.add(HandlerType.GET, "/api/maritime/vessels/{mmsi}/track", this::track, "from", "to");
    r.add(HandlerType.GET, "/api/maritime/tracks", this::tracks, "bbox", "from", "to", "limit");
    r.add(HandlerType.GET, "/api/maritime/events", this::events, "kind", "mmsi", "since",
        "limit");
    r.add(HandlerType.GET, "/api/maritime/cables", this::cables, "cable");
    r.add(HandlerType.GET, "/api/maritime/areas", this::areas);
    r.add(HandlerType.POST, "/api/maritime/areas", this::addArea);
    r.add(HandlerType.DELETE, "/api/maritime/areas/{id}", this::removeArea);
    r.add(HandlerType.GET, "/api/maritime/sar", this::sar, "lat", "lon", "time", "radius_m",
        "limit");
    r.add(HandlerType.GET, "/api/maritime/outages", this::outages);
    r.add(HandlerType.POST, "/api/maritime/outages", this::recordOutage);
    r.add(HandlerType.POST, "/api/maritime/ais", this::ingest);
  }

  // ---- rights ----

  private MaritimeService service() {
    if (maritime == null) {
      throw HttpFailure.unavailable(DOWN);
    }
    return maritime;
  }

  /** The organisation the maritime desk works for ({@code maritime.owner}). */
  private String owner() {
    MaritimeService m = maritime;
    return m != null ? m.organisation() : governance.state().nodeOrganisation();
  }

  private boolean mayReadLive(Principal p) {
    return p.organisation().equals(owner())
        || (p.has(Role.ADMIN) && p.organisation().equals(governance.state().nodeOrganisation()));
  }

  private String ownerName() {
    String id = owner();
    return governance.state().organisation(id).map(o -> o.name()).orElse(id);
  }

  /** The live picture: users of the maritime owner's organisation, and the node's admins. */
  private MaritimeService readLive(Principal p) {
    if (!mayReadLive(p)) {
      throw HttpFailure.forbidden("the live maritime picture (vessels, tracks, events, SAR,"
          + " areas, outages) is the sensor data of the organisation this node's maritime desk"
          + " works for (" + ownerName() + ") and is shown to its users (and the node's"
          + " administrators) only; maritime products reach partners as STIX objects"
          + " (observed-data, incidents) under agreements covering the maritime domain: read them"
          + " over TAXII or /api/objects");
    }
    return service();
  }

  private MaritimeService write(Principal p, String what, boolean machine) {
    readLive(p);
    if (!(p.has(Role.ANALYST) || p.has(Role.ADMIN) || (machine && p.has(Role.MACHINE)))) {
      throw HttpFailure.forbidden(what + " needs the analyst or admin role"
          + (machine ? " (or machine)" : "") + " in the maritime owner's organisation");
    }
    return service();
  }

  // ---- vessels and tracks ----

  private void vessels(Context ctx, Principal p) {
    MaritimeService m = readLive(p);
    double[] box = bbox(ctx, false);
    String q = QueryParams.optQuery(ctx, "q");
    int limit = QueryParams.intQuery(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    String needle = q == null ? null : q.strip().toUpperCase(Locale.ROOT);
    List<Vessel> found = new ArrayList<>();
    for (Vessel v : m.vessels()) {
      if (box != null && !(v.hasPosition() && inBox(box, v.lat(), v.lon()))) {
        continue;
      }
      if (needle != null && !matches(v, needle)) {
        continue;
      }
      found.add(v);
    }
    found.sort(Comparator.comparingLong(Vessel::lastSeen).reversed()
        .thenComparingInt(Vessel::mmsi));
    ObjectNode body = F.objectNode();
    body.put("total", found.size());
    ArrayNode list = body.putArray("vessels");
    for (Vessel v : found.subList(0, Math.min(limit, found.size()))) {
      list.add(MaritimeJson.vessel(v));
    }
    send(ctx, 200, body, JSON);
  }

  private static boolean matches(Vessel v, String needle) {
    return Integer.toString(v.mmsi()).startsWith(needle)
        || (v.name() != null && v.name().toUpperCase(Locale.ROOT).contains(needle))
        || (v.callSign() != null && v.callSign().toUpperCase(Locale.ROOT).equals(needle))
        || (v.imo() != 0 && Integer.toString(v.imo()).equals(needle));
  }

  private void vessel(Context ctx, Principal p) {
    MaritimeService m = readLive(p);
    int mmsi = mmsiParam(ctx);
    Vessel v = m.vessel(mmsi).orElseThrow(() -> HttpFailure.notFound(
        "no vessel with MMSI " + mmsi + " has been seen"));
    ObjectNode body = MaritimeJson.vessel(v);
    ArrayNode history = body.putArray("history");
    m.history(mmsi).forEach(c -> history.add(MaritimeJson.change(c)));
    body.put("recent_events", m.events(null, mmsi, null, Integer.MAX_VALUE).size());
    send(ctx, 200, body, JSON);
  }

  private void track(Context ctx, Principal p) {
    MaritimeService m = readLive(p);
    int mmsi = mmsiParam(ctx);
    Instant from = QueryParams.timeQuery(ctx, "from");
    Instant to = QueryParams.timeQuery(ctx, "to");
    checkOrder(from, to);
    Optional<Vessel> v = m.vessel(mmsi);
    if (v.isEmpty()) {
      throw HttpFailure.notFound("no vessel with MMSI " + mmsi + " has been seen");
    }
    List<Fix> fixes = m.tracks().track(mmsi, from == null ? Long.MIN_VALUE : from.toEpochMilli(),
        to == null ? Long.MAX_VALUE : to.toEpochMilli());
    List<Fix> shown = MaritimeJson.thin(fixes, MAX_TRACK_POINTS);
    send(ctx, 200, MaritimeJson.track(mmsi, v.get().name(), shown, fixes.size()), GEO_JSON);
  }

  private void tracks(Context ctx, Principal p) {
    MaritimeService m = readLive(p);
    double[] box = bbox(ctx, true);
    Instant from = QueryParams.timeQuery(ctx, "from");
    Instant to = QueryParams.timeQuery(ctx, "to");
    checkOrder(from, to);
    int limit = QueryParams.intQuery(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    long f = from == null ? Long.MIN_VALUE : from.toEpochMilli();
    long t = to == null ? Long.MAX_VALUE : to.toEpochMilli();
    List<Integer> mmsis = m.tracks().vesselsIn(box[1], box[0], box[3], box[2], f, t);
    List<Integer> shown = mmsis.subList(0, Math.min(limit, mmsis.size()));
    int perVessel = Math.max(2, MAX_AREA_POINTS / Math.max(1, shown.size()));
    List<ObjectNode> features = new ArrayList<>();
    int points = 0;
    for (int mmsi : shown) {
      List<Fix> fixes = MaritimeJson.thin(m.tracks().track(mmsi, f, t), perVessel);
      if (fixes.isEmpty()) {
        continue;
      }
      String name = m.vessel(mmsi).map(Vessel::name).orElse(null);
      if (fixes.size() == 1) {
        ObjectNode pt = F.objectNode();
        pt.put("type", "Feature");
        ObjectNode g = pt.putObject("geometry");
        g.put("type", "Point");
        g.set("coordinates", F.arrayNode().add(fixes.getFirst().lon())
            .add(fixes.getFirst().lat()));
        ObjectNode props = pt.putObject("properties");
        props.put("mmsi", mmsi);
        props.put("time", MaritimeJson.time(fixes.getFirst().time()));
        features.add(pt);
      } else {
        features.add(MaritimeJson.line(mmsi, name, fixes));
      }
      points += fixes.size();
    }
    ObjectNode fc = MaritimeJson.collection(features);
    ObjectNode meta = fc.putObject("properties");
    meta.put("vessels", mmsis.size());
    meta.put("shown", shown.size());
    meta.put("points", points);
    meta.put("truncated", shown.size() < mmsis.size());
    send(ctx, 200, fc, GEO_JSON);
  }

  // ---- events ----

  private void events(Context ctx, Principal p) {
    MaritimeService m = readLive(p);
    String k = QueryParams.optQuery(ctx, "kind");
    EventKind kind = null;
    if (k != null) {
      try {
        kind = EventKind.ofWireName(k);
      } catch (IllegalArgumentException e) {
        List<String> names = new ArrayList<>();
        for (EventKind x : EventKind.values()) {
          names.add(x.wireName());
        }
        throw HttpFailure.badRequest("kind is not a maritime event kind: "
            + ApiRoutes.abbreviate(k) + " (kinds: " + String.join(", ", names) + ")");
      }
    }
    String mm = QueryParams.optQuery(ctx, "mmsi");
    int mmsi = mm == null ? 0 : mmsi(mm);
    Instant since = QueryParams.timeQuery(ctx, "since");
    int limit = QueryParams.intQuery(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    ObjectNode body = F.objectNode();
    ArrayNode list = body.putArray("events");
    for (MaritimeEvent e : m.events(kind, mmsi, since, limit)) {
      list.add(MaritimeJson.event(e, m.stixId(e).orElse(null)));
    }
    send(ctx, 200, body, JSON);
  }

  // ---- cables ----

  private void cables(Context ctx, Principal p) {
    MaritimeService m = service();
    CableMap map = m.zones().cableMap();
    String one = QueryParams.optQuery(ctx, "cable");
    if (one != null) {
      Cable c = map.cable(one).orElseThrow(() -> HttpFailure.notFound(
          "no cable with id " + ApiRoutes.abbreviate(one) + " in the node's cable data"));
      List<ObjectNode> features = new ArrayList<>();
      addCable(features, map, c);
      ObjectNode fc = MaritimeJson.collection(features);
      fc.putObject("properties").put("half_width_m", map.halfWidthM());
      send(ctx, 200, fc, GEO_JSON);
      return;
    }
    CablesAnswer cached = cables;
    if (cached == null || cached.map() != map) {
      List<ObjectNode> features = new ArrayList<>();
      int positions = 0;
      boolean truncated = false;
      for (Cable c : map.cables()) {
        if (positions > MAX_CABLE_POSITIONS) {
          truncated = true;
          break;
        }
        positions += addCable(features, map, c);
      }
      ObjectNode fc = MaritimeJson.collection(features);
      ObjectNode meta = fc.putObject("properties");
      meta.put("cables", map.cables().size());
      meta.put("half_width_m", map.halfWidthM());
      meta.put("truncated", truncated);
      cached = new CablesAnswer(map, StixJson.writeBytes(fc));
      cables = cached;
    }
    ctx.status(200);
    ctx.contentType(GEO_JSON);
    ctx.result(cached.all());
  }

  /** Adds a cable's corridor and route features; returns how many positions they hold. */
  private static int addCable(List<ObjectNode> features, CableMap map, Cable c) {
    var corridor = map.corridor(c.id());
    for (String part : List.of("corridor", "route")) {
      ObjectNode f = F.objectNode();
      f.put("type", "Feature");
      f.put("id", c.id() + "/" + part);
      f.set("geometry", MaritimeJson.geometry(part.equals("route") ? c.route() : corridor));
      ObjectNode props = f.putObject("properties");
      props.put("cable_id", c.id());
      props.put("name", c.name());
      props.put("part", part);
      props.put("half_width_m", map.halfWidthM());
      ArrayNode lp = props.putArray("landing_points");
      c.landingPoints().forEach(lp::add);
      features.add(f);
    }
    return corridor.getNumPoints() + c.route().getNumPoints();
  }

  // ---- areas ----

  private void areas(Context ctx, Principal p) {
    MaritimeService m = readLive(p);
    List<ObjectNode> features = new ArrayList<>();
    for (Area a : m.areas()) {
      features.add(MaritimeJson.area(a, m.configured(a.id())));
    }
    send(ctx, 200, MaritimeJson.collection(features), GEO_JSON);
  }

  private void addArea(Context ctx, Principal p) {
    MaritimeService m = write(p, "adding a maritime area", false);
    List<Area> added;
    String contentType = ctx.header("Content-Type");
    if (contentType != null
        && contentType.strip().toLowerCase(Locale.ROOT).startsWith(GEO_JSON)) {
      added = geoJsonAreas(ApiBody.bytes(ctx, ApiBody.MAX_BYTES, ""));
    } else {
      ObjectNode body = ApiBody.object(ctx, "POST /api/maritime/areas");
      JsonNode type = body.get("type");
      if (type != null && type.isString() && (type.asString().equals("Feature")
          || type.asString().equals("FeatureCollection"))) {
        added = geoJsonAreas(StixJson.writeBytes(body));
      } else {
        added = List.of(simpleArea(body));
      }
    }
    Set<String> taken = new HashSet<>();
    for (Area a : m.areas()) {
      taken.add(a.id());
    }
    for (Area a : added) {
      if (taken.contains(a.id())) {
        throw HttpFailure.conflict("an area with id \"" + a.id() + "\" exists already; delete it"
            + " first or choose another id");
      }
    }
    List<Area> done = m.addAreas(added);
    List<ObjectNode> features = new ArrayList<>();
    for (Area a : done) {
      features.add(MaritimeJson.area(a, false));
    }
    send(ctx, 201, MaritimeJson.collection(features), GEO_JSON);
  }

  private static List<Area> geoJsonAreas(byte[] body) {
    List<GeoFeature> features;
    try (InputStream in = new ByteArrayInputStream(body)) {
      features = new GeoJsonReader().read(in, "the body");
    } catch (GeoDataException e) {
      throw HttpFailure.badRequest(e.getMessage());
    } catch (IOException e) {
      throw HttpFailure.badRequest("the body could not be read: " + e.getMessage());
    }
    if (features.isEmpty()) {
      throw HttpFailure.badRequest("the GeoJSON body holds no feature");
    }
    List<Area> out;
    try {
      out = Areas.builder().addFeatures(features, "the body").build().areas();
    } catch (GeoDataException | IllegalArgumentException e) {
      throw HttpFailure.badRequest(e.getMessage());
    }
    for (Area a : out) {
      checkId(a.id());
    }
    return out;
  }

  private static Area simpleArea(ObjectNode body) {
    Set<String> allowed = Set.of("id", "name", "kind", "circle", "polygon");
    for (String key : body.propertyNames()) {
      if (!allowed.contains(key)) {
        throw HttpFailure.badRequest("unknown key \"" + ApiRoutes.abbreviate(key) + "\" in the"
            + " area (allowed: circle, id, kind, name, polygon; or send a GeoJSON Feature or"
            + " FeatureCollection)");
      }
    }
    String id = text(body, "id", true);
    checkId(id);
    String name = text(body, "name", false);
    String kindText = text(body, "kind", false);
    Area.Kind kind;
    try {
      kind = kindText == null ? Area.Kind.INTEREST : Area.Kind.parse(kindText);
    } catch (IllegalArgumentException e) {
      throw HttpFailure.badRequest(e.getMessage());
    }
    JsonNode circle = body.get("circle");
    JsonNode polygon = body.get("polygon");
    if ((circle == null) == (polygon == null)) {
      throw HttpFailure.badRequest("an area needs exactly one of \"circle\""
          + " ({\"lat\", \"lon\", \"radius_m\"}) and \"polygon\" ([[lon, lat], ...], closed)");
    }
    String n = name == null ? id : name;
    try {
      if (circle != null) {
        if (!(circle instanceof ObjectNode c)) {
          throw HttpFailure.badRequest("circle must be an object {\"lat\", \"lon\", \"radius_m\"}");
        }
        for (String key : c.propertyNames()) {
          if (!Set.of("lat", "lon", "radius_m").contains(key)) {
            throw HttpFailure.badRequest("unknown key \"" + ApiRoutes.abbreviate(key)
                + "\" in circle (allowed: lat, lon, radius_m)");
          }
        }
        return Area.circle(id, n, kind, number(c, "lat", "circle.lat"),
            number(c, "lon", "circle.lon"), number(c, "radius_m", "circle.radius_m"));
      }
      if (!polygon.isArray()) {
        throw HttpFailure.badRequest("polygon must be a list of [lon, lat] positions");
      }
      List<double[]> ring = new ArrayList<>();
      for (int i = 0; i < polygon.size(); i++) {
        JsonNode pt = polygon.get(i);
        if (!pt.isArray() || pt.size() != 2 || !pt.get(0).isNumber() || !pt.get(1).isNumber()) {
          throw HttpFailure.badRequest("polygon[" + i + "] must be a [lon, lat] pair of numbers");
        }
        ring.add(new double[] {pt.get(0).asDouble(), pt.get(1).asDouble()});
      }
      return Area.polygon(id, n, kind, ring);
    } catch (IllegalArgumentException e) {
      throw HttpFailure.badRequest(e.getMessage());
    }
  }

  private static void checkId(String id) {
    if (!AREA_ID.matcher(id).matches()) {
      throw HttpFailure.badRequest("area id must be 1 to 100 letters, digits, '.', '_', ':' or"
          + " '-', starting with a letter or digit; got \"" + ApiRoutes.abbreviate(id) + "\"");
    }
  }

  private static @Nullable String text(ObjectNode o, String key, boolean required) {
    JsonNode v = o.get(key);
    if (v == null || v.isNull()) {
      if (required) {
        throw HttpFailure.badRequest(key + " is required");
      }
      return null;
    }
    if (!v.isString() || v.asString().isBlank()) {
      throw HttpFailure.badRequest(key + " must be a non-empty string");
    }
    if (v.asString().length() > Area.MAX_TEXT) {
      throw HttpFailure.badRequest(key + " is longer than " + Area.MAX_TEXT + " characters");
    }
    return v.asString();
  }

  private static double number(ObjectNode o, String key, String path) {
    JsonNode v = o.get(key);
    if (v == null || !v.isNumber()) {
      throw HttpFailure.badRequest(path + " must be a number");
    }
    return v.asDouble();
  }

  private void removeArea(Context ctx, Principal p) {
    MaritimeService m = write(p, "removing a maritime area", false);
    String id = ctx.pathParam("id");
    if (id.isEmpty() || id.length() > MAX_QUERY) {
      throw HttpFailure.badRequest("id must be 1 to " + MAX_QUERY + " characters long");
    }
    boolean configured = m.configured(id);
    Area gone = m.removeArea(id).orElseThrow(() -> HttpFailure.notFound(
        "no area with id \"" + ApiRoutes.abbreviate(id) + "\""));
    ObjectNode body = F.objectNode();
    body.put("removed", gone.id());
    body.put("returns_on_restart", configured);
    send(ctx, 200, body, JSON);
  }

  // ---- SAR ----

  private void sar(Context ctx, Principal p) {
    MaritimeService m = readLive(p);
    double lat = doubleQuery(ctx, "lat", true, -90, 90);
    double lon = doubleQuery(ctx, "lon", true, -180, 180);
    double radius = QueryParams.optQuery(ctx, "radius_m") == null ? DEFAULT_SAR_RADIUS_M
        : doubleQuery(ctx, "radius_m", true, 1, 500_000);
    int limit = QueryParams.intQuery(ctx, "limit", 20, 1, MAX_LIMIT);
    Instant time = QueryParams.timeQuery(ctx, "time");
    ObjectNode body = F.objectNode();
    ObjectNode at = body.putObject("position");
    at.put("lat", lat);
    at.put("lon", lon);
    body.put("radius_m", radius);
    ObjectNode now = body.putObject("now");
    now.put("time", Timestamps.formatMillis(m.now()));
    ArrayNode nowList = now.putArray("candidates");
    for (SarCandidate c : m.sarNow(lat, lon, radius, limit)) {
      nowList.add(MaritimeJson.candidate(c));
    }
    if (time != null) {
      ObjectNode then = body.putObject("at");
      then.put("time", Timestamps.formatMillis(time));
      ArrayNode list = then.putArray("candidates");
      for (SarCandidate c : m.sarAt(lat, lon, time, radius, limit)) {
        list.add(MaritimeJson.candidate(c));
      }
    } else {
      body.putNull("at");
    }
    send(ctx, 200, body, JSON);
  }

  // ---- outages ----

  private void outages(Context ctx, Principal p) {
    MaritimeService m = readLive(p);
    ObjectNode body = F.objectNode();
    ArrayNode list = body.putArray("outages");
    m.outages().forEach(o -> list.add(MaritimeJson.outage(o)));
    send(ctx, 200, body, JSON);
  }

  private void recordOutage(Context ctx, Principal p) {
    MaritimeService m = write(p, "recording a cable outage", false);
    ApiBody body = ApiBody.read(ctx, "POST /api/maritime/outages",
        Set.of("cable_id", "cable_name", "start", "end", "description"));
    String cableId = body.string("cable_id", CableOutage.MAX_NAME);
    String cableName = body.optString("cable_name", CableOutage.MAX_NAME);
    Instant start = body.time("start");
    Instant end = body.optTime("end");
    String description = body.optString("description", CableOutage.MAX_DESCRIPTION);
    CableMap map = m.zones().cableMap();
    Optional<Cable> known = map.cable(cableId);
    if (known.isEmpty() && !map.cables().isEmpty()) {
      throw HttpFailure.badRequest("cable_id " + ApiRoutes.abbreviate(cableId) + " is not in the"
          + " node's cable data (" + map.cables().size() + " cables; GET /api/maritime/cables"
          + " lists them)");
    }
    String name = cableName != null ? cableName : known.map(Cable::name).orElse(cableId);
    CableOutage outage;
    try {
      outage = new CableOutage(cableId, name, start, end, p.user() + "@" + p.organisation(),
          description);
    } catch (IllegalArgumentException e) {
      throw HttpFailure.badRequest(e.getMessage());
    }
    List<StixObject> objects = m.recordOutage(outage);
    ObjectNode out = F.objectNode();
    out.set("outage", MaritimeJson.outage(outage));
    ArrayNode ids = out.putArray("incidents");
    ArrayNode all = out.putArray("objects");
    for (StixObject o : objects) {
      if (o.type().equals("incident")) {
        ids.add(o.id());
      }
      all.add(o.id());
    }
    send(ctx, 201, out, JSON);
  }

  // ---- AIS ----

  private void ingest(Context ctx, Principal p) {
    MaritimeService m = write(p, "posting AIS data", true);
    String type = ctx.header("Content-Type");
    if (type == null || !type.strip().toLowerCase(Locale.ROOT).startsWith("text/plain")) {
      throw HttpFailure.unsupportedMediaType("the body of POST /api/maritime/ais must be"
          + " text/plain (NMEA lines); got " + (type == null ? "no Content-Type"
          : ApiRoutes.abbreviate(type)));
    }
    byte[] bytes = ApiBody.bytes(ctx, MAX_AIS_BYTES, " (send a larger recording in parts)");
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    List<String> lines = new ArrayList<>();
    int from = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        int e = i;
        if (e > from && text.charAt(e - 1) == '\r') {
          e--;
        }
        if (e > from) {
          lines.add(text.substring(from, e));
        }
        from = i + 1;
      }
    }
    MaritimeService.Accepted a = m.accept(lines);
    ObjectNode body = F.objectNode();
    body.put("lines", a.lines());
    var s = a.decode().sentences();
    body.put("ignored", s.ignored());
    body.put("sentences", s.sentences());
    body.put("timestamps", s.timestamps());
    body.put("messages", a.decode().messages());
    body.put("line_errors", s.lineErrors());
    ObjectNode errors = body.putObject("errors");
    s.errors().entrySet().stream().filter(x -> x.getValue() > 0)
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(x -> errors.put(x.getKey().name().toLowerCase(Locale.ROOT), x.getValue()));
    ObjectNode payload = body.putObject("payload_errors");
    a.decode().payloadErrors().entrySet().stream().filter(x -> x.getValue() > 0)
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(x -> payload.put(x.getKey().name().toLowerCase(Locale.ROOT), x.getValue()));
    send(ctx, 202, body, JSON);
  }

  // ---- parameters ----

  private static void send(Context ctx, int status, JsonNode body, String type) {
    ctx.status(status);
    ctx.contentType(type);
    ctx.result(StixJson.writeBytes(body));
  }

  private static double doubleQuery(Context ctx, String name, boolean required, double min,
      double max) {
    String v = QueryParams.optQuery(ctx, name);
    if (v == null) {
      if (required) {
        throw HttpFailure.badRequest("the query parameter " + name + " is required");
      }
      return Double.NaN;
    }
    double d = parseDouble(v);
    if (!(d >= min && d <= max)) {
      throw HttpFailure.badRequest(name + " must be a number from " + fmt(min) + " to "
          + fmt(max) + "; got " + ApiRoutes.abbreviate(v));
    }
    return d;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static double parseDouble(String v) {
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static void checkOrder(@Nullable Instant from, @Nullable Instant to) {
    if (from != null && to != null && from.isAfter(to)) {
      throw HttpFailure.badRequest("from (" + Timestamps.formatMillis(from) + ") is after to ("
          + Timestamps.formatMillis(to) + ")");
    }
  }

  /** minLon, minLat, maxLon, maxLat; a box with minLon &gt; maxLon crosses the antimeridian. */
  private static double @Nullable [] bbox(Context ctx, boolean required) {
    String v = QueryParams.optQuery(ctx, "bbox");
    if (v == null) {
      if (required) {
        throw HttpFailure.badRequest("the query parameter bbox (minLon,minLat,maxLon,maxLat) is"
            + " required");
      }
      return null;
    }
    String[] parts = v.split(",", -1);
    if (parts.length != 4) {
      throw HttpFailure.badRequest("bbox must be four numbers minLon,minLat,maxLon,maxLat; got "
          + ApiRoutes.abbreviate(v));
    }
    double[] b = new double[4];
    for (int i = 0; i < 4; i++) {
      b[i] = parseDouble(parts[i]);
    }
    if (!(b[0] >= -180 && b[0] <= 180 && b[2] >= -180 && b[2] <= 180)
        || !(b[1] >= -90 && b[1] <= 90 && b[3] >= -90 && b[3] <= 90)) {
      throw HttpFailure.badRequest("bbox must be minLon,minLat,maxLon,maxLat with longitudes in"
          + " -180..180 and latitudes in -90..90; got " + ApiRoutes.abbreviate(v));
    }
    if (b[1] > b[3]) {
      throw HttpFailure.badRequest("bbox: minLat (" + parts[1] + ") is above maxLat ("
          + parts[3] + ")");
    }
    return b;
  }

  private static boolean inBox(double[] b, double lat, double lon) {
    if (lat < b[1] || lat > b[3]) {
      return false;
    }
    return b[0] <= b[2] ? lon >= b[0] && lon <= b[2] : lon >= b[0] || lon <= b[2];
  }

  private static int mmsiParam(Context ctx) {
    return mmsi(ctx.pathParam("mmsi"));
  }

  private static int mmsi(String text) {
    if (!DIGITS.matcher(text).matches() || Long.parseLong(text) > 1_073_741_823L) {
      throw HttpFailure.badRequest("mmsi must be a number of at most 9 digits (an AIS user id);"
          + " got " + ApiRoutes.abbreviate(text));
    }
    return Integer.parseInt(text);
  }
}
