package org.kuroshio.maritime.geo;

import java.util.List;
import org.locationtech.jts.geom.MultiLineString;

/**
 * A submarine cable: its id and name in the source data, its route (longitude/latitude degrees,
 * pieces split at the antimeridian as the source gives them) and the names of its landing points
 * where the data lists them (empty otherwise).
 *
 * @param id the cable's id (TeleGeography slug, or the {@code id}/{@code feature_id} property)
 * @param name the cable's name, or its id when the data gives none
 * @param route the route
 * @param landingPoints landing point names, in source order
 */
public record Cable(String id, String name, MultiLineString route, List<String> landingPoints) {
  /** Copies the landing points. */
  public Cable {
    landingPoints = List.copyOf(landingPoints);
  }
}
