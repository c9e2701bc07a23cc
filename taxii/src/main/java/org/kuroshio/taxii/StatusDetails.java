package org.kuroshio.taxii;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What happened to one object of a POST.
 *
 * @param id the object id
 * @param version the object version
 * @param message why it failed, or a note, or null
 */
public record StatusDetails(String id, String version, @Nullable String message) {

  /** Returns the details as JSON. */
  public ObjectNode toJson() {
    ObjectNode o = Wire.F.objectNode();
    o.put("id", id);
    o.put("version", version);
    Wire.putIfPresent(o, "message", message);
    return o;
  }

  /** Reads details; throws IllegalArgumentException naming a missing required property. */
  public static StatusDetails fromJson(JsonNode json) {
    ObjectNode o = Wire.object(json, "status-details");
    return new StatusDetails(
        Wire.string(o, "id", "status-details"),
        Wire.string(o, "version", "status-details"),
        Wire.optString(o, "message"));
  }
}
