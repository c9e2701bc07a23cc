package org.kuroshio.taxii;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The collection resource, as one requester sees it.
 *
 * @param id the collection id
 * @param title its title
 * @param description optional description
 * @param alias optional alias
 * @param canRead whether the requester may read objects
 * @param canWrite whether the requester may add objects
 * @param mediaTypes media types of the objects held
 */
public record TaxiiCollection(
    String id,
    String title,
    @Nullable String description,
    @Nullable String alias,
    boolean canRead,
    boolean canWrite,
    List<String> mediaTypes) {

  public TaxiiCollection {
    mediaTypes = List.copyOf(mediaTypes);
  }

  /** Returns the resource as JSON. */
  public ObjectNode toJson() {
    ObjectNode o = Wire.F.objectNode();
    o.put("id", id);
    o.put("title", title);
    Wire.putIfPresent(o, "description", description);
    Wire.putIfPresent(o, "alias", alias);
    o.put("can_read", canRead);
    o.put("can_write", canWrite);
    o.set("media_types", Wire.array(mediaTypes));
    return o;
  }

  /** Reads the resource; throws IllegalArgumentException naming a missing required property. */
  public static TaxiiCollection fromJson(JsonNode json) {
    ObjectNode o = Wire.object(json, "collection");
    return new TaxiiCollection(
        Wire.string(o, "id", "collection"),
        Wire.string(o, "title", "collection"),
        Wire.optString(o, "description"),
        Wire.optString(o, "alias"),
        Wire.requiredBool(o, "can_read", "collection"),
        Wire.requiredBool(o, "can_write", "collection"),
        Wire.strings(o, "media_types"));
  }

  /** Writes the collections resource: {@code {"collections":[...]}}, or {@code {}} when none. */
  public static ObjectNode listToJson(List<TaxiiCollection> collections) {
    ObjectNode o = Wire.F.objectNode();
    if (!collections.isEmpty()) {
      var a = o.putArray("collections");
      collections.forEach(c -> a.add(c.toJson()));
    }
    return o;
  }

  /** Reads the collections resource ({@code {}} reads as an empty list). */
  public static List<TaxiiCollection> listFromJson(JsonNode json) {
    ObjectNode o = Wire.object(json, "collections");
    List<TaxiiCollection> out = new ArrayList<>();
    JsonNode a = o.get("collections");
    if (a != null) {
      if (!a.isArray()) {
        throw new IllegalArgumentException("collections must be an array");
      }
      a.forEach(c -> out.add(fromJson(c)));
    }
    return out;
  }
}
