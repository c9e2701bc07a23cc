package org.kuroshio.taxii;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The envelope resource: a page of STIX objects.
 *
 * @param more whether more objects match
 * @param next the cursor for the next page, or null
 * @param objects the objects (JSON values; a client may turn them into STIX objects)
 */
public record Envelope(boolean more, @Nullable String next, List<JsonNode> objects) {

  public Envelope {
    objects = List.copyOf(objects);
  }

  /** Returns an envelope of the given objects for a POST, with no paging properties. */
  public static Envelope of(List<? extends JsonNode> objects) {
    return new Envelope(false, null, List.copyOf(objects));
  }

  /** Returns the resource as JSON ({@code {}} when empty and final, as medallion writes it). */
  public ObjectNode toJson() {
    return Wire.page(more, next, "objects", objects);
  }

  /** Reads the resource; {@code {}} is an empty, final envelope. */
  public static Envelope fromJson(JsonNode json) {
    ObjectNode o = Wire.object(json, "envelope");
    return new Envelope(Wire.bool(o, "more", false), Wire.optString(o, "next"),
        Wire.pageItems(o, "objects", "envelope"));
  }
}
