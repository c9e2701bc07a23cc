package org.kuroshio.taxii;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The manifest resource: a page of object versions without their bodies.
 *
 * @param more whether more records match
 * @param next the cursor for the next page, or null
 * @param objects the records
 */
public record Manifest(boolean more, @Nullable String next, List<ManifestRecord> objects) {

  public Manifest {
    objects = List.copyOf(objects);
  }

  /** Returns the resource as JSON ({@code {}} when empty and final). */
  public ObjectNode toJson() {
    ObjectNode o = Wire.F.objectNode();
    if (objects.isEmpty() && !more) {
      return o;
    }
    o.put("more", more);
    Wire.putIfPresent(o, "next", next);
    ArrayNode a = o.putArray("objects");
    objects.forEach(r -> a.add(r.toJson()));
    return o;
  }

  /** Reads the resource; {@code {}} is an empty, final manifest. */
  public static Manifest fromJson(JsonNode json) {
    ObjectNode o = Wire.object(json, "manifest");
    List<ManifestRecord> records = new ArrayList<>();
    JsonNode a = o.get("objects");
    if (a != null) {
      if (!a.isArray()) {
        throw new IllegalArgumentException("manifest objects must be an array");
      }
      a.forEach(r -> records.add(ManifestRecord.fromJson(r)));
    }
    return new Manifest(Wire.bool(o, "more", false), Wire.optString(o, "next"), records);
  }
}
