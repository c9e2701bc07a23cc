package org.kuroshio.maritime.geo;

import org.jspecify.annotations.Nullable;
import org.locationtech.jts.geom.Geometry;
import tools.jackson.databind.node.ObjectNode;

/**
 * One GeoJSON feature as read: its position in the source, its optional {@code id}, its geometry
 * (JTS, x = longitude, y = latitude, WGS-84 degrees) and its properties (empty when absent).
 *
 * @param index the zero-based feature index in the source (0 for a bare geometry)
 * @param id the feature's {@code id} member as text, or null when absent
 * @param geometry the geometry; never null (features without geometry are rejected)
 * @param properties the {@code properties} member, an empty object when absent or null
 */
public record GeoFeature(int index, @Nullable String id, Geometry geometry, ObjectNode properties) {
  /** A text property, or {@code fallback} when it is absent, null or not a scalar. */
  public String text(String name, String fallback) {
    var node = properties.get(name);
    if (node == null || node.isNull() || node.isContainer()) {
      return fallback;
    }
    return node.asString();
  }
}
