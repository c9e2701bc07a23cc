package org.kuroshio.stix;

import java.util.List;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kuroshio's fixed identifiers: the creator identity, its extension-definitions and the namespace
 * for name-based UUIDs. They are constants so that every node agrees on them.
 *
 * <p>The domains extension is a {@code property-extension} whose body holds {@code domains}, a
 * list of domain names (see {@link Domains}). The release-list extension is a
 * {@code property-extension} on a marking-definition whose body holds {@code identities}, the
 * identity ids a TLP:RED object may be released to (see {@link Markings#releaseList}).
 *
 * <p>The vessel extension is a {@code new-sco}: it declares the cyber-observable type
 * {@link #VESSEL_TYPE}, whose id is a UUIDv5 in the STIX SCO namespace over its one
 * id-contributing property {@code mmsi} ({@link #vesselId}). The maritime event extension is a
 * {@code property-extension} for {@code observed-data} and {@code incident}. Both definitions carry
 * their JSON Schema as plain text in {@code schema}, which STIX 2.1 allows ("either as a URL or as
 * plain text explaining the definition").
 */
public final class KuroshioExtensions {
  private KuroshioExtensions() {}

  /** The namespace for Kuroshio's UUIDv5 identifiers (such as a {@code local} collection id). */
  public static final UUID NAMESPACE = UUID.fromString("2e135777-cf66-41aa-b7c1-a0e5f4d47710");

  /** The identity that creates every Kuroshio extension-definition. */
  public static final String CREATOR_ID = "identity--6d078f1f-cad1-46d4-876d-f51ab8cd299a";

  /** The extension-definition that states an object's domains explicitly. */
  public static final String DOMAINS_ID =
      "extension-definition--0e4da927-4a28-4eca-b031-2116e1acaeaa";

  /** The marking-definition extension that lists the identities a marking releases to. */
  public static final String RELEASE_LIST_ID =
      "extension-definition--7fab48c2-b550-4cc1-b723-589b73df011a";

  /** Reserved: the new-sdo extension of the agreement object ({@link #AGREEMENT_TYPE}). */
  public static final String AGREEMENT_ID =
      "extension-definition--719c039c-b9c0-4ac8-b561-d095301d451d";

  /** The new-sco extension that declares the vessel observable ({@link #VESSEL_TYPE}). */
  public static final String VESSEL_ID =
      "extension-definition--decf1cf6-e84b-4367-859e-4f23196224a8";

  /** The property extension (on observed-data and incident) describing a maritime event. */
  public static final String MARITIME_EVENT_ID =
      "extension-definition--3df5f8a5-d4bb-49d9-99ef-88875c4b70e3";

  /** The STIX type of the vessel SCO, declared by the {@link #VESSEL_ID} new-sco extension. */
  public static final String VESSEL_TYPE = "kuroshio-vessel";

  /** The largest AIS user id (30 bits); MMSIs above 999,999,999 are invalid but broadcast. */
  public static final long MAX_MMSI = (1L << 30) - 1;

  /** Most evidence positions a maritime event extension holds. */
  public static final int MAX_EVIDENCE = 500;

  /** Most entries in a maritime event extension's {@code details}. */
  public static final int MAX_DETAILS = 64;

  /** Most characters of one {@code details} value. */
  public static final int MAX_DETAIL_LENGTH = 1024;

  /** The {@code modified} of the vessel and maritime event definitions (first published then). */
  public static final String MARITIME_MODIFIED = "2026-11-23T00:00:00.000Z";

  /** The STIX type of the agreement SDO. */
  public static final String AGREEMENT_TYPE = "kuroshio-agreement";

  /** The property inside the domains extension that lists domain names. */
  public static final String DOMAINS_PROPERTY = "domains";

  /** The property inside the release-list extension that lists identity ids. */
  public static final String RELEASE_LIST_PROPERTY = "identities";

  /** The {@code created} and {@code modified} of every Kuroshio definition object. */
  public static final String CREATED = "2026-01-01T00:00:00.000Z";

  private static final StixObject CREATOR = buildCreator();
  private static final StixObject DOMAINS = StixObject.of(
      definition(DOMAINS_ID, "kuroshio-domains",
          "The sharing domains of an object: cyber, maritime, fimi, disaster-response,"
              + " defence-research.", "property-extension"));
  private static final StixObject RELEASE_LIST = StixObject.of(
      definition(RELEASE_LIST_ID, "kuroshio-release-list",
          "The identities that a marking-definition explicitly releases objects to.",
          "property-extension"));
  private static final StixObject AGREEMENT = StixObject.of(
      definition(AGREEMENT_ID, "kuroshio-agreement",
          "An instrument of cooperation between organisations.", "new-sdo"));
  private static final StixObject VESSEL = maritime(definition(VESSEL_ID, VESSEL_TYPE,
      "A vessel, the cyber-observable kuroshio-vessel: its AIS identifiers (MMSI, IMO number,"
          + " name, call sign), ship type, flag and dimensions. Its id is a UUIDv5 in the STIX"
          + " SCO namespace over the canonical JSON of {\"mmsi\": <mmsi>}.",
      "new-sco"), vesselSchema());
  private static final StixObject MARITIME_EVENT = maritime(definition(MARITIME_EVENT_ID,
      "kuroshio-maritime-event",
      "A maritime event found by a detector (AIS gap, loitering, encounter, cable threat,"
          + " identity anomalies, incursion): its kind, score, time span, summary, named details"
          + " and the positions that show it. Used on observed-data and incident.",
      "property-extension"), eventSchema());

  /** Returns the identity that creates Kuroshio's extension-definitions. */
  public static StixObject creator() {
    return CREATOR;
  }

  private static StixObject buildCreator() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("type", "identity");
    o.put("spec_version", "2.1");
    o.put("id", CREATOR_ID);
    o.put("created", CREATED);
    o.put("modified", CREATED);
    o.put("name", "Kuroshio");
    o.put("identity_class", "organization");
    o.put("description", "The Kuroshio project, creator of Kuroshio's extension-definitions.");
    return StixObject.of(o);
  }

  /** Returns the domains extension-definition. */
  public static StixObject domains() {
    return DOMAINS;
  }

  /** Returns the release-list extension-definition. */
  public static StixObject releaseList() {
    return RELEASE_LIST;
  }

  /** Returns the (reserved) agreement extension-definition. */
  public static StixObject agreement() {
    return AGREEMENT;
  }

  /** Returns the vessel (new-sco) extension-definition. */
  public static StixObject vessel() {
    return VESSEL;
  }

  /** Returns the maritime event extension-definition. */
  public static StixObject maritimeEvent() {
    return MARITIME_EVENT;
  }

  /** Returns every Kuroshio definition object: the creator identity, then each definition. */
  public static List<StixObject> all() {
    return List.of(CREATOR, DOMAINS, RELEASE_LIST, AGREEMENT, VESSEL, MARITIME_EVENT);
  }

  /**
   * Returns the deterministic id of the vessel with this MMSI: {@code kuroshio-vessel--} and the
   * UUIDv5 in the STIX SCO namespace of the RFC 8785 JSON {@code {"mmsi":<mmsi>}}, the rule STIX
   * 2.1 gives for SCOs applied to the one id-contributing property.
   *
   * @throws IllegalArgumentException when {@code mmsi} does not fit the 30-bit AIS user id
   *     (0 to {@link #MAX_MMSI}; values above 999,999,999 are invalid MMSIs but can be broadcast)
   */
  public static String vesselId(long mmsi) {
    if (mmsi < 0 || mmsi > MAX_MMSI) {
      throw new IllegalArgumentException("an AIS user id (MMSI) is 30 bits, 0 to " + MAX_MMSI
          + ": " + mmsi);
    }
    ObjectNode basis = JsonNodeFactory.instance.objectNode();
    basis.put("mmsi", mmsi);
    return VESSEL_TYPE + "--" + ScoIds.uuid5(ScoIds.NAMESPACE, Jcs.canonicalize(basis));
  }

  private static StixObject maritime(ObjectNode o, ObjectNode schema) {
    o.put("modified", MARITIME_MODIFIED);
    o.put("schema", Jcs.canonicalize(schema));
    return StixObject.of(o);
  }

  private static ObjectNode vesselSchema() {
    ObjectNode s = schema("The kuroshio-vessel cyber-observable.");
    s.putArray("required").add("type").add("id").add("mmsi").add("extensions");
    s.putArray("x-id-contributing-properties").add("mmsi");
    ObjectNode p = s.putObject("properties");
    p.putObject("type").put("const", VESSEL_TYPE);
    p.putObject("id").put("type", "string").put("pattern", "^" + VESSEL_TYPE + "--[0-9a-f-]{36}$");
    p.putObject("spec_version").put("const", "2.1");
    integer(p, "mmsi", "Maritime Mobile Service Identity (30-bit AIS user id).", 0, MAX_MMSI);
    integer(p, "imo", "IMO ship identification number (seven digits).", 1_000_000, 9_999_999);
    text(p, "name", "Vessel name as broadcast, trailing '@' and spaces removed.", 20);
    text(p, "call_sign", "Radio call sign as broadcast.", 7);
    integer(p, "ship_type", "AIS ship and cargo type (ITU-R M.1371 table 53), absent for 0.",
        1, 255);
    p.putObject("flag").put("type", "string").put("pattern", "^[A-Z]{2}$")
        .put("description", "Flag state, ISO 3166-1 alpha-2, from the MMSI's MID.");
    number(p, "length", "Length overall in metres (to bow + to stern).", 0, 1022);
    number(p, "beam", "Beam in metres (to port + to starboard).", 0, 126);
    p.putObject("extensions").put("type", "object").put("description",
        "Holds {\"" + VESSEL_ID + "\": {\"extension_type\": \"new-sco\"}}; may hold the"
            + " domains extension.");
    return s;
  }

  private static ObjectNode eventSchema() {
    ObjectNode s = schema("The body of the kuroshio-maritime-event property extension.");
    s.putArray("required").add("extension_type").add("kind").add("start");
    ObjectNode p = s.putObject("properties");
    p.putObject("extension_type").put("const", "property-extension");
    p.putObject("kind").put("type", "string").put("pattern", "^[a-z][a-z0-9-]*$").put(
        "description", "Event kind: ais-gap, loitering, encounter, cable-threat, identity-swap,"
            + " mmsi-conflict, identity-change, invalid-mmsi or incursion.");
    integer(p, "mmsi", "The vessel concerned.", 0, MAX_MMSI);
    integer(p, "other_mmsi", "The second vessel (encounter, identity swap).", 0, MAX_MMSI);
    number(p, "score", "How strongly the event indicates a threat.", 0, 1);
    timestamp(p, "start", "When the behaviour began.");
    timestamp(p, "end", "When it ended or was last seen.");
    text(p, "summary", "One sentence for a human.", 1024);
    ObjectNode details = p.putObject("details");
    details.put("type", "object").put("maxProperties", MAX_DETAILS)
        .put("description", "Named values: thresholds, cable (cableId, cableName), zone, ...");
    details.putObject("additionalProperties").put("type", "string")
        .put("maxLength", MAX_DETAIL_LENGTH);
    ObjectNode evidence = p.putObject("evidence");
    evidence.put("type", "array").put("maxItems", MAX_EVIDENCE)
        .put("description", "Positions that show the event, in time order.");
    ObjectNode fix = evidence.putObject("items");
    fix.put("type", "object");
    fix.putArray("required").add("time").add("lat").add("lon");
    ObjectNode fp = fix.putObject("properties");
    timestamp(fp, "time", "When the position was received.");
    number(fp, "lat", "Latitude, degrees.", -90, 90);
    number(fp, "lon", "Longitude, degrees.", -180, 180);
    number(fp, "speed", "Speed over ground, knots (absent when not reported).", 0, 102.2);
    number(fp, "course", "Course over ground, degrees (absent when not reported).", 0, 360);
    return s;
  }

  private static ObjectNode schema(String title) {
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    s.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    s.put("title", title);
    s.put("type", "object");
    return s;
  }

  private static void integer(ObjectNode p, String name, String doc, long min, long max) {
    p.putObject(name).put("type", "integer").put("minimum", min).put("maximum", max)
        .put("description", doc);
  }

  private static void number(ObjectNode p, String name, String doc, double min, double max) {
    p.putObject(name).put("type", "number").put("minimum", min).put("maximum", max)
        .put("description", doc);
  }

  private static void text(ObjectNode p, String name, String doc, int maxLength) {
    p.putObject(name).put("type", "string").put("maxLength", maxLength).put("description", doc);
  }

  private static void timestamp(ObjectNode p, String name, String doc) {
    p.putObject(name).put("type", "string").put("format", "date-time").put("description", doc);
  }

  private static ObjectNode definition(String id, String name, String description,
      String extensionType) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("type", "extension-definition");
    o.put("spec_version", "2.1");
    o.put("id", id);
    o.put("created_by_ref", CREATOR_ID);
    o.put("created", CREATED);
    o.put("modified", CREATED);
    o.put("name", name);
    o.put("description", description);
    o.put("schema", "https://kuroshio.invalid/extensions/" + name + "/v1");
    o.put("version", "1.0.0");
    ArrayNode types = o.putArray("extension_types");
    types.add(extensionType);
    return o;
  }
}
