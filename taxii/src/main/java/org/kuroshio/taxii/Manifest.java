package org.kuroshio.taxii;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
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
    return Wire.page(
        more, next, "objects", objects.stream().map(ManifestRecord::toJson).toList());
  }

  /** Reads the resource; {@code {}} is an empty, final manifest. */
  public static Manifest fromJson(JsonNode json) {
    ObjectNode o = Wire.object(json, "manifest");
    List<ManifestRecord> records = new ArrayList<>();
    for (JsonNode r : Wire.pageItems(o, "objects", "manifest")) {
      records.add(ManifestRecord.fromJson(r));
    }
    return new Manifest(Wire.bool(o, "more", false), Wire.optString(o, "next"), records);
  }
}
