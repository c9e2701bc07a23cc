package org.kuroshio.taxii;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The server discovery resource ({@code GET /taxii2/}).
 *
 * @param title the server's title
 * @param description optional description
 * @param contact optional contact
 * @param defaultApiRoot optional URL of the default API root
 * @param apiRoots URLs of the API roots
 */
public record Discovery(
    String title,
    @Nullable String description,
    @Nullable String contact,
    @Nullable String defaultApiRoot,
    List<String> apiRoots) {

  public Discovery {
    apiRoots = List.copyOf(apiRoots);
  }

  /** Returns the resource as JSON. */
  public ObjectNode toJson() {
    ObjectNode o = Wire.F.objectNode();
    o.put("title", title);
    Wire.putIfPresent(o, "description", description);
    Wire.putIfPresent(o, "contact", contact);
    Wire.putIfPresent(o, "default", defaultApiRoot);
    o.set("api_roots", Wire.array(apiRoots));
    return o;
  }

  /** Reads the resource; throws IllegalArgumentException naming a missing required property. */
  public static Discovery fromJson(JsonNode json) {
    ObjectNode o = Wire.object(json, "discovery");
    return new Discovery(
        Wire.string(o, "title", "discovery"),
        Wire.optString(o, "description"),
        Wire.optString(o, "contact"),
        Wire.optString(o, "default"),
        Wire.strings(o, "api_roots"));
  }
}
