package org.kuroshio.sharing;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.StixJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The references a relationship or sighting may be released only with (docs/SHARING.md,
 * "Relationships and sightings").
 */
final class Ends {
  private Ends() {}

  /** Returns the referenced ids of a relationship or sighting, or null when it cannot be read. */
  static @Nullable List<String> of(String json) {
    JsonNode o;
    try {
      o = StixJson.mapper().readTree(json);
    } catch (JacksonException e) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String single : List.of("source_ref", "target_ref", "sighting_of_ref")) {
      JsonNode v = o.get(single);
      if (v != null && v.isString()) {
        out.add(v.asString());
      }
    }
    for (String many : List.of("observed_data_refs", "where_sighted_refs")) {
      JsonNode v = o.get(many);
      if (v != null && v.isArray()) {
        for (JsonNode e : v) {
          if (e.isString()) {
            out.add(e.asString());
          }
        }
      }
    }
    return out;
  }
}
