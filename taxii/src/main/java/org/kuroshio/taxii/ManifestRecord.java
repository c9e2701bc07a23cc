package org.kuroshio.taxii;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.Timestamps;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One manifest entry: an object version and when it was added.
 *
 * @param id the object id
 * @param dateAdded when the version was added to the collection
 * @param version the version timestamp text
 * @param mediaType the media type of the version, or null
 */
public record ManifestRecord(
    String id, Instant dateAdded, String version, @Nullable String mediaType) {

  /** Returns the record as JSON ({@code date_added} with microseconds). */
  public ObjectNode toJson() {
    ObjectNode o = Wire.F.objectNode();
    o.put("id", id);
    o.put("date_added", Timestamps.formatMicros(dateAdded));
    o.put("version", version);
    Wire.putIfPresent(o, "media_type", mediaType);
    return o;
  }

  /** Reads a record; throws IllegalArgumentException naming a missing required property. */
  public static ManifestRecord fromJson(JsonNode json) {
    ObjectNode o = Wire.object(json, "manifest-record");
    return new ManifestRecord(
        Wire.string(o, "id", "manifest-record"),
        Wire.instant(Wire.string(o, "date_added", "manifest-record"), "date_added"),
        Wire.string(o, "version", "manifest-record"),
        Wire.optString(o, "media_type"));
  }
}
