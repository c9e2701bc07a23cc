package org.kuroshio.maritime.stix;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.kuroshio.maritime.detect.MaritimeEvent;
import org.kuroshio.maritime.vessel.Fix;
import org.kuroshio.maritime.vessel.Vessel;
import org.kuroshio.maritime.vessel.VesselRegistry;
import org.kuroshio.stix.KuroshioExtensions;
import org.kuroshio.stix.ScoIds;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Timestamps;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns vessels and detector events into STIX 2.1 objects.
 *
 * <p>A vessel is a {@code kuroshio-vessel} cyber-observable (the {@code new-sco} extension
 * {@link KuroshioExtensions#VESSEL_ID}) whose id is the STIX SCO UUIDv5 over its MMSI. An event is
 * an {@code observed-data} (with the maritime event extension) that refers to its vessels, a
 * {@code location} where it happened, and a {@code located-at} relationship from the observed-data
 * to the location. Ids, {@code created} and {@code modified} are derived from the event (its kind,
 * MMSI and start; {@code created} is the start, {@code modified} the end), so detecting the same
 * thing twice yields identical objects, and an event that grows (a later end) yields a newer
 * version of the same objects. Every object carries the explicit {@code maritime} domain; the
 * SDOs and SROs carry the node's {@code created_by_ref}, the vessel SCO does not (STIX 2.1 gives
 * SCOs no {@code created_by_ref}, and a vessel seen by two nodes must be one identical object).
 *
 * <p>Thread-safe when the vessel lookup is.
 */
public final class MaritimeStix {
  /** The relationship type from an event's observed-data to its location. */
  public static final String LOCATED_AT = "located-at";

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final int MAX_NAME = 20;
  private static final int MAX_CALL_SIGN = 7;
  private static final int MAX_SUMMARY = 1024;
  private static final int MAX_KEY = 250;
  private static final long MIN_MILLIS = 0L;
  private static final long MAX_MILLIS = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

  private final IntFunction<@Nullable VesselFacts> vessels;

  /**
   * A converter that describes the vessels an event refers to with what {@code vessels} knows of
   * them (null: only the MMSI).
   */
  public MaritimeStix(IntFunction<@Nullable VesselFacts> vessels) {
    this.vessels = vessels;
  }

  /** A converter that describes vessels with what the registry knows of them. */
  public static MaritimeStix withRegistry(VesselRegistry registry) {
    return new MaritimeStix(mmsi -> {
      Vessel v = registry.get(mmsi);
      return v == null ? null : VesselFacts.of(v);
    });
  }

  /** A converter that knows vessels by their MMSI only. */
  public MaritimeStix() {
    this(mmsi -> null);
  }

  /**
   * Returns the {@code kuroshio-vessel} object of a vessel. Unknown values (see
   * {@link VesselFacts}) are left out; the name and call sign are trimmed and cut to the AIS
   * lengths (20 and 7 characters); an IMO number that fails its check digit
   * ({@link Vessel#isValidImo}), a ship type outside 1-255 and a flag that is not two capital
   * letters are left out.
   *
   * @throws IllegalArgumentException when the MMSI does not fit 30 bits
   */
  public StixObject vessel(VesselFacts v) {
    ObjectNode o = F.objectNode();
    o.put("type", KuroshioExtensions.VESSEL_TYPE);
    o.put("spec_version", "2.1");
    o.put("id", KuroshioExtensions.vesselId(Integer.toUnsignedLong(v.mmsi())));
    o.put("mmsi", Integer.toUnsignedLong(v.mmsi()));
    if (Vessel.isValidImo(v.imo())) {
      o.put("imo", v.imo());
    }
    putText(o, "name", v.name(), MAX_NAME);
    putText(o, "call_sign", v.callSign(), MAX_CALL_SIGN);
    if (v.shipType() >= 1 && v.shipType() <= 255) {
      o.put("ship_type", v.shipType());
    }
    String flag = v.flag();
    if (flag != null && flag.length() == 2 && isUpper(flag.charAt(0)) && isUpper(flag.charAt(1))) {
      o.put("flag", flag);
    }
    int length = Math.max(0, v.toBow()) + Math.max(0, v.toStern());
    if (length > 0) {
      o.put("length", (double) length);
    }
    int beam = Math.max(0, v.toPort()) + Math.max(0, v.toStarboard());
    if (beam > 0) {
      o.put("beam", (double) beam);
    }
    ObjectNode ext = o.putObject("extensions");
    ext.putObject(KuroshioExtensions.VESSEL_ID).put("extension_type", "new-sco");
    putDomain(ext);
    return StixObject.of(o);
  }

  /** Returns the {@code kuroshio-vessel} of a registry vessel ({@link #vessel(VesselFacts)}). */
  public StixObject vessel(Vessel v) {
    return vessel(VesselFacts.of(v));
  }

  /**
   * Returns the objects of one event: the vessel objects it refers to, its observed-data, its
   * location and the located-at relationship, in that order.
   *
   * @param createdByIdentityId the node operator's identity, the objects' {@code created_by_ref}
   * @throws IllegalArgumentException when the event's score, position or times are out of range
   *     or the identity id is not an identity id
   */
  public List<StixObject> event(MaritimeEvent e, String createdByIdentityId) {
    requireIdentity(createdByIdentityId);
    checkEvent(e);
    List<StixObject> out = new ArrayList<>(5);
    StixObject vessel = vessel(known(e.mmsi()));
    out.add(vessel);
    StixObject other = null;
    if (e.otherMmsi() != 0 && e.otherMmsi() != e.mmsi()) {
      other = vessel(known(e.otherMmsi()));
      out.add(other);
    }
    String created = Timestamps.formatMillis(Instant.ofEpochMilli(e.start()));
    String modified = Timestamps.formatMillis(Instant.ofEpochMilli(e.end()));

    ObjectNode od = sdo("observed-data", observedDataId(e), created, modified,
        createdByIdentityId);
    od.put("first_observed", created);
    od.put("last_observed", modified);
    od.put("number_observed", 1);
    ArrayNode refs = od.putArray("object_refs");
    refs.add(vessel.id());
    if (other != null) {
      refs.add(other.id());
    }
    ObjectNode ext = od.putObject("extensions");
    ext.set(KuroshioExtensions.MARITIME_EVENT_ID, eventBody(e, true, Map.of()));
    putDomain(ext);
    out.add(StixObject.of(od));

    ObjectNode loc = sdo("location", locationId(e), created, modified, createdByIdentityId);
    loc.put("name", e.kind().wireName() + " of MMSI " + Integer.toUnsignedString(e.mmsi())
        + " at " + position(e.lat(), e.lon()));
    loc.put("latitude", e.lat());
    loc.put("longitude", e.lon());
    putDomain(loc.putObject("extensions"));
    out.add(StixObject.of(loc));

    out.add(relationship(uuid(eventKey(e) + "/located-at"), od.get("id").asString(), LOCATED_AT,
        loc.get("id").asString(), created, modified, createdByIdentityId));
    return out;
  }

  /** Returns the id of the observed-data that {@link #event} makes for this event. */
  public static String observedDataId(MaritimeEvent e) {
    return "observed-data--" + uuid(eventKey(e) + "/observed-data");
  }

  /** Returns the id of the location that {@link #event} makes for this event. */
  public static String locationId(MaritimeEvent e) {
    return "location--" + uuid(eventKey(e) + "/location");
  }

  /** Returns the id of the vessel object of this MMSI. */
  public static String vesselId(int mmsi) {
    return KuroshioExtensions.vesselId(Integer.toUnsignedLong(mmsi));
  }

  /** What identifies an event: its kind, vessel and start. */
  static String eventKey(MaritimeEvent e) {
    return "maritime-event/" + e.kind().wireName() + "/" + Integer.toUnsignedString(e.mmsi())
        + "/" + e.start();
  }

  /** A UUIDv5 in Kuroshio's namespace. */
  static UUID uuid(String name) {
    return ScoIds.uuid5(KuroshioExtensions.NAMESPACE, name);
  }

  private VesselFacts known(int mmsi) {
    VesselFacts v = vessels.apply(mmsi);
    return v != null && v.mmsi() == mmsi ? v : VesselFacts.ofMmsi(mmsi);
  }

  /**
   * The maritime event extension body: kind, vessels, score, times, summary, details and, when
   * {@code withEvidence}, the evidence positions (at most {@link KuroshioExtensions#MAX_EVIDENCE},
   * evenly thinned keeping the first and the last). The details are the event's with
   * {@code extra} added (extra wins), keys made STIX dictionary keys, sorted, at most
   * {@link KuroshioExtensions#MAX_DETAILS} (the extra ones first), values cut to
   * {@link KuroshioExtensions#MAX_DETAIL_LENGTH} characters.
   */
  static ObjectNode eventBody(MaritimeEvent e, boolean withEvidence, Map<String, String> extra) {
    ObjectNode b = F.objectNode();
    b.put("extension_type", "property-extension");
    b.put("kind", e.kind().wireName());
    b.put("mmsi", Integer.toUnsignedLong(e.mmsi()));
    if (e.otherMmsi() != 0) {
      b.put("other_mmsi", Integer.toUnsignedLong(e.otherMmsi()));
    }
    b.put("score", e.score());
    b.put("start", Timestamps.formatMillis(Instant.ofEpochMilli(e.start())));
    b.put("end", Timestamps.formatMillis(Instant.ofEpochMilli(e.end())));
    putText(b, "summary", e.summary(), MAX_SUMMARY);
    putDetails(b, e.details(), extra);
    if (withEvidence) {
      putEvidence(b, e.evidence());
    }
    return b;
  }

  private static void putDetails(ObjectNode b, Map<String, String> details,
      Map<String, String> extra) {
    TreeMap<String, String> chosen = new TreeMap<>();
    addDetails(chosen, extra);
    addDetails(chosen, new TreeMap<>(details));
    if (chosen.isEmpty()) {
      return;
    }
    ObjectNode out = b.putObject("details");
    for (Map.Entry<String, String> d : chosen.entrySet()) {
      out.put(d.getKey(), cut(d.getValue(), KuroshioExtensions.MAX_DETAIL_LENGTH));
    }
  }

  private static void addDetails(TreeMap<String, String> chosen, Map<String, String> more) {
    for (Map.Entry<String, String> d : more.entrySet()) {
      if (chosen.size() == KuroshioExtensions.MAX_DETAILS) {
        return;
      }
      String key = dictionaryKey(d.getKey());
      if (!key.isEmpty()) {
        chosen.putIfAbsent(key, d.getValue());
      }
    }
  }

  /** A STIX dictionary key: a-z, A-Z, 0-9, '-' and '_' (others become '_'), 250 at most. */
  private static String dictionaryKey(String key) {
    StringBuilder sb = new StringBuilder(Math.min(key.length(), MAX_KEY));
    for (int i = 0; i < key.length() && sb.length() < MAX_KEY; i++) {
      char c = key.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_';
      sb.append(ok ? c : '_');
    }
    return sb.toString();
  }

  private static void putEvidence(ObjectNode b, List<Fix> evidence) {
    List<Fix> valid = new ArrayList<>(evidence.size());
    for (Fix f : evidence) {
      if (validPosition(f.lat(), f.lon())) {
        valid.add(f);
      }
    }
    if (valid.isEmpty()) {
      return;
    }
    int n = valid.size();
    int max = KuroshioExtensions.MAX_EVIDENCE;
    ArrayNode out = b.putArray("evidence");
    int take = Math.min(n, max);
    for (int k = 0; k < take; k++) {
      // Evenly spaced indexes from 0 to n - 1 inclusive.
      int i = take == 1 ? 0 : (int) ((long) k * (n - 1) / (take - 1));
      Fix f = valid.get(i);
      ObjectNode p = out.addObject();
      p.put("time", Timestamps.formatMillis(Instant.ofEpochMilli(f.time())));
      p.put("lat", f.lat());
      p.put("lon", f.lon());
      if (f.hasSpeed() && f.speed() >= 0) {
        p.put("speed", f.speed());
      }
      if (f.hasCourse() && f.course() >= 0 && f.course() <= 360) {
        p.put("course", f.course());
      }
    }
  }

  static ObjectNode sdo(String type, String id, String created, String modified,
      String createdBy) {
    ObjectNode o = F.objectNode();
    o.put("type", type);
    o.put("spec_version", "2.1");
    o.put("id", id);
    o.put("created_by_ref", createdBy);
    o.put("created", created);
    o.put("modified", modified);
    return o;
  }

  static StixObject relationship(UUID uuid, String source, String type, String target,
      String created, String modified, String createdBy) {
    ObjectNode r = sdo("relationship", "relationship--" + uuid, created, modified, createdBy);
    r.put("relationship_type", type);
    r.put("source_ref", source);
    r.put("target_ref", target);
    putDomain(r.putObject("extensions"));
    return StixObject.of(r);
  }

  static void putDomain(ObjectNode extensions) {
    ObjectNode d = extensions.putObject(KuroshioExtensions.DOMAINS_ID);
    d.put("extension_type", "property-extension");
    d.putArray(KuroshioExtensions.DOMAINS_PROPERTY).add("maritime");
  }

  static void requireIdentity(String id) {
    if (!isIdentityId(id)) {
      throw new IllegalArgumentException("created_by_ref must be an identity id: " + id);
    }
  }

  /** {@code identity--} and a lowercase UUID in its 8-4-4-4-12 form. */
  private static boolean isIdentityId(String id) {
    String prefix = "identity--";
    if (!id.startsWith(prefix) || id.length() != prefix.length() + 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = id.charAt(prefix.length() + i);
      boolean hyphen = i == 8 || i == 13 || i == 18 || i == 23;
      if (hyphen ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static void checkEvent(MaritimeEvent e) {
    if (!(e.score() >= 0 && e.score() <= 1)) {
      throw new IllegalArgumentException("event score must be within 0 and 1: " + e.score());
    }
    if (!validPosition(e.lat(), e.lon())) {
      throw new IllegalArgumentException("event position out of range: " + e.lat() + ", "
          + e.lon());
    }
    if (e.end() < e.start()) {
      throw new IllegalArgumentException("event ends before it starts: " + e.start() + " > "
          + e.end());
    }
    // STIX timestamps have four-digit years; detectors work on epoch times after 1970.
    if (e.start() < MIN_MILLIS || e.end() > MAX_MILLIS) {
      throw new IllegalArgumentException("event times outside the years 1970-9999: "
          + e.start() + ", " + e.end());
    }
  }

  private static boolean validPosition(double lat, double lon) {
    return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
  }

  private static String position(double lat, double lon) {
    return String.format(Locale.ROOT, "%.4f%s %.4f%s", Math.abs(lat), lat < 0 ? "S" : "N",
        Math.abs(lon), lon < 0 ? "W" : "E");
  }

  private static void putText(ObjectNode o, String name, String value, int max) {
    String v = cut(value.strip(), max).strip();
    if (!v.isEmpty()) {
      o.put(name, v);
    }
  }

  /** Cuts to at most {@code max} chars without splitting a surrogate pair. */
  static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end);
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }
}
