package org.kuroshio.stix;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code sighting}: someone saw an indicator, malware or other SDO.
 *
 * @param common shared and unmodelled properties
 * @param sightingOfRef the id of what was seen (an SDO)
 * @param observedDataRefs the observed-data behind the sighting, possibly empty
 * @param whereSightedRefs identities or locations that saw it, possibly empty
 * @param firstSeen when it was first seen, or null
 * @param lastSeen when it was last seen (not before {@code firstSeen}), or null
 * @param count how often, 0 to 999,999,999, or null
 * @param description a description, or null
 */
public record Sighting(
    CommonProperties common,
    String sightingOfRef,
    List<String> observedDataRefs,
    List<String> whereSightedRefs,
    @Nullable Instant firstSeen,
    @Nullable Instant lastSeen,
    @Nullable Long count,
    @Nullable String description) implements TypedObject {

  /** The STIX type name. */
  public static final String TYPE = "sighting";

  /**
   * Checks the sighting's rules.
   *
   * @throws InvalidPropertyException when a reference has the wrong type, {@code count} is out
   *     of range or {@code last_seen} is before {@code first_seen}
   */
  public Sighting {
    observedDataRefs = List.copyOf(observedDataRefs);
    whereSightedRefs = List.copyOf(whereSightedRefs);
    String id = common.id();
    if (sightingOfRef.startsWith("relationship--") || sightingOfRef.startsWith("sighting--")
        || !sightingOfRef.contains("--")) {
      throw new InvalidPropertyException(id, "sighting_of_ref",
          "sighting_of_ref must be the id of an SDO, not " + sightingOfRef);
    }
    for (String ref : observedDataRefs) {
      if (!ref.startsWith("observed-data--")) {
        throw new InvalidPropertyException(id, "observed_data_refs",
            "observed_data_refs may hold only observed-data ids, not " + ref);
      }
    }
    for (String ref : whereSightedRefs) {
      if (!ref.startsWith("identity--") && !ref.startsWith("location--")) {
        throw new InvalidPropertyException(id, "where_sighted_refs",
            "where_sighted_refs may hold only identity or location ids, not " + ref);
      }
    }
    if (count != null && (count < 0 || count > 999_999_999L)) {
      throw new InvalidPropertyException(id, "count", "count must be 0 to 999999999: " + count);
    }
    if (firstSeen != null && lastSeen != null && lastSeen.isBefore(firstSeen)) {
      throw new InvalidPropertyException(id, "last_seen", "last_seen is before first_seen");
    }
  }

  /** Returns a new sighting of {@code sightingOfRef} by {@code who}, with a fresh id. */
  public static Sighting of(String sightingOfRef, String who, Clock clock, IdGenerator ids) {
    return new Sighting(CommonProperties.of(ids.nextId(TYPE), clock.instant()), sightingOfRef,
        List.of(), List.of(who), null, null, null, null);
  }

  /**
   * Reads a sighting.
   *
   * @throws InvalidPropertyException when the object is not a sighting or breaks its rules
   */
  public static Sighting from(StixObject object) {
    TypedJson r = TypedJson.read(object, TYPE);
    String of = r.string("sighting_of_ref");
    List<String> observed = r.strings("observed_data_refs");
    List<String> where = r.strings("where_sighted_refs");
    Instant first = r.optTime("first_seen");
    Instant last = r.optTime("last_seen");
    Long count = r.optInteger("count");
    String description = r.optString("description");
    return new Sighting(r.common(true), of, observed, where, first, last, count, description);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public StixObject toStixObject() {
    ObjectNode o = TypedJson.start(TYPE, common);
    o.put("sighting_of_ref", sightingOfRef);
    TypedJson.putStrings(o, "observed_data_refs", observedDataRefs);
    TypedJson.putStrings(o, "where_sighted_refs", whereSightedRefs);
    TypedJson.put(o, "first_seen", firstSeen);
    TypedJson.put(o, "last_seen", lastSeen);
    if (count != null) {
      o.put("count", count.longValue());
    }
    TypedJson.put(o, "description", description);
    return TypedJson.finish(o, common);
  }
}
