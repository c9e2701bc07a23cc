package org.kuroshio.stix;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The objects a relationship or sighting stands on: {@code source_ref}, {@code target_ref},
 * {@code sighting_of_ref}, {@code observed_data_refs} and {@code where_sighted_refs}. The store
 * indexes them and the release rule releases such an object only with all of them.
 */
public final class Ends {
  private Ends() {}

  private static final List<String> SINGLE = List.of("source_ref", "target_ref",
      "sighting_of_ref");
  private static final List<String> MANY = List.of("observed_data_refs", "where_sighted_refs");

  /**
   * Returns the distinct string references of the object, in property order, at most
   * {@code max} of them; values that are not strings are passed over.
   */
  public static List<String> of(JsonNode object, int max) {
    Set<String> out = new LinkedHashSet<>();
    for (String single : SINGLE) {
      JsonNode v = object.get(single);
      if (v != null && v.isString() && out.size() < max) {
        out.add(v.asString());
      }
    }
    for (String many : MANY) {
      JsonNode v = object.get(many);
      if (v != null && v.isArray()) {
        for (JsonNode e : v) {
          if (out.size() < max && e.isString()) {
            out.add(e.asString());
          }
        }
      }
    }
    return new ArrayList<>(out);
  }
}
