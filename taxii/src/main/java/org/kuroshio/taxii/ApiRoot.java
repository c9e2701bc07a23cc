package org.kuroshio.taxii;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API root resource ({@code GET {api-root}/}).
 *
 * @param title the API root's title
 * @param description optional description
 * @param versions the TAXII versions served
 * @param maxContentLength the largest request body the root accepts, in bytes
 */
public record ApiRoot(
    String title, @Nullable String description, List<String> versions, long maxContentLength) {

  public ApiRoot {
    versions = List.copyOf(versions);
  }

  /** Returns the resource as JSON. */
  public ObjectNode toJson() {
    ObjectNode o = Wire.F.objectNode();
    o.put("title", title);
    Wire.putIfPresent(o, "description", description);
    o.set("versions", Wire.array(versions));
    o.put("max_content_length", maxContentLength);
    return o;
  }

  /** Reads the resource; throws IllegalArgumentException naming a missing required property. */
  public static ApiRoot fromJson(JsonNode json) {
    ObjectNode o = Wire.object(json, "api-root");
    return new ApiRoot(
        Wire.string(o, "title", "api-root"),
        Wire.optString(o, "description"),
        Wire.strings(o, "versions"),
        Wire.requiredLong(o, "max_content_length", "api-root"));
  }
}
