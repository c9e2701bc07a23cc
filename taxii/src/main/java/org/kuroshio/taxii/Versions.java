package org.kuroshio.taxii;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The versions resource: the version timestamps of one object.
 *
 * @param more whether more versions match
 * @param next the cursor for the next page, or null
 * @param versions version timestamps, oldest added first
 */
public record Versions(boolean more, @Nullable String next, List<String> versions) {

  public Versions {
    versions = List.copyOf(versions);
  }

  /** Returns the resource as JSON ({@code {}} when empty and final). */
  public ObjectNode toJson() {
    return Wire.page(more, next, "versions",
        versions.stream().map(Wire.F::stringNode).toList());
  }

  /** Reads the resource; {@code {}} is an empty, final list. */
  public static Versions fromJson(JsonNode json) {
    ObjectNode o = Wire.object(json, "versions");
    return new Versions(
        Wire.bool(o, "more", false), Wire.optString(o, "next"), Wire.strings(o, "versions"));
  }
}
