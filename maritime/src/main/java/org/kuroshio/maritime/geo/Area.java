package org.kuroshio.maritime.geo;

import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;

/**
 * A user area: an area of interest (incursions are reported when a vessel enters it) or a port or
 * anchorage (where slow and anchored vessels are normal). Either a circle, whose containment test
 * is the exact haversine distance to the centre, or a polygon.
 *
 * @param id the area's id, unique within an {@link Areas}
 * @param name the area's name
 * @param kind interest or anchorage
 * @param geometry the polygon; for a circle, a 64-gon for display only
 * @param centerLat a circle's centre latitude, NaN for a polygon
 * @param centerLon a circle's centre longitude, NaN for a polygon
 * @param radiusM a circle's radius in metres, NaN for a polygon
 */
public record Area(String id, String name, Kind kind, Geometry geometry, double centerLat,
    double centerLon, double radiusM) {
  /** Smallest accepted circle radius, metres. */
  public static final double MIN_RADIUS_M = 1.0;
  /** Largest accepted circle radius, metres (500 km). */
  public static final double MAX_RADIUS_M = 500_000.0;
  /** Longest accepted id or name, characters. */
  public static final int MAX_TEXT = 200;

  /** What an area is for. */
  public enum Kind {
    /** An area of interest: entering it is an incursion. */
    INTEREST,
    /** A port or anchorage: slow or anchored vessels there are normal. */
    ANCHORAGE;

    /** The wire name: "interest" or "anchorage". */
    public String wireName() {
      return this == INTEREST ? "interest" : "anchorage";
    }

    /**
     * Parses a wire name, case-insensitive.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Kind parse(String s) {
      if (s.equalsIgnoreCase("interest")) {
        return INTEREST;
      }
      if (s.equalsIgnoreCase("anchorage")) {
        return ANCHORAGE;
      }
      throw new IllegalArgumentException(
          "area kind must be \"interest\" or \"anchorage\", was \"" + s + "\"");
    }
  }

  /** Checks the fields. */
  public Area {
    checkText("id", id);
    checkText("name", name);
    if (!(geometry instanceof Polygonal) || geometry.isEmpty()) {
      throw new IllegalArgumentException("area " + id + ": geometry must be a non-empty polygon");
    }
  }

  private static void checkText(String what, String s) {
    if (s.isBlank() || s.length() > MAX_TEXT) {
      throw new IllegalArgumentException("area " + what + " must be 1.." + MAX_TEXT
          + " characters and not blank, was \"" + s + "\"");
    }
  }

  /** Whether this area is a circle. */
  public boolean isCircle() {
    return !Double.isNaN(radiusM);
  }

  /**
   * A circle of {@code radiusM} metres around a centre.
   *
   * @throws IllegalArgumentException for a bad centre or a radius outside
   *     [{@link #MIN_RADIUS_M}, {@link #MAX_RADIUS_M}]
   */
  public static Area circle(String id, String name, Kind kind, double lat, double lon,
      double radiusM) {
    if (!Geo.isValid(lat, lon) || Math.abs(lat) > 85.0) {
      throw new IllegalArgumentException("area " + id + ": circle centre (" + lat + ", " + lon
          + ") must be a valid position within 85 degrees of the equator");
    }
    if (!(radiusM >= MIN_RADIUS_M && radiusM <= MAX_RADIUS_M)) {
      throw new IllegalArgumentException("area " + id + ": radius must be " + MIN_RADIUS_M
          + ".." + MAX_RADIUS_M + " m, was " + radiusM);
    }
    Coordinate[] ring = new Coordinate[65];
    for (int i = 0; i < 64; i++) {
      double[] p = Geo.destination(lat, lon, i * 360.0 / 64, radiusM);
      double plon = p[1];
      // keep the display ring contiguous across the antimeridian
      if (plon - lon > 180.0) {
        plon -= 360.0;
      } else if (lon - plon > 180.0) {
        plon += 360.0;
      }
      ring[i] = new Coordinate(plon, p[0]);
    }
    ring[64] = new Coordinate(ring[0]);
    Polygon poly = GeoJsonReader.GEOMETRY_FACTORY.createPolygon(ring);
    return new Area(id, name, kind, poly, lat, lon, radiusM);
  }

  /**
   * A polygon from one closed ring of {longitude, latitude} pairs.
   *
   * @throws IllegalArgumentException when the ring has fewer than 4 positions, is not closed, has
   *     a bad position, or is not a valid polygon (for example self-intersecting)
   */
  public static Area polygon(String id, String name, Kind kind, List<double[]> lonLatRing) {
    if (lonLatRing.size() < 4) {
      throw new IllegalArgumentException("area " + id + ": a ring needs at least 4 positions "
          + "(closed), has " + lonLatRing.size());
    }
    if (lonLatRing.size() > 100_000) {
      throw new IllegalArgumentException("area " + id + ": more than 100,000 positions");
    }
    Coordinate[] cs = new Coordinate[lonLatRing.size()];
    for (int i = 0; i < cs.length; i++) {
      double[] p = lonLatRing.get(i);
      if (p.length < 2 || !Geo.isValid(p[1], p[0])) {
        throw new IllegalArgumentException("area " + id + ": position " + i
            + " is not a valid [longitude, latitude]");
      }
      cs[i] = new Coordinate(p[0], p[1]);
    }
    if (!cs[0].equals2D(cs[cs.length - 1])) {
      throw new IllegalArgumentException("area " + id
          + ": ring is not closed (first and last positions differ)");
    }
    GeometryFactory gf = GeoJsonReader.GEOMETRY_FACTORY;
    LinearRing ring = gf.createLinearRing(cs);
    return of(id, name, kind, gf.createPolygon(ring));
  }

  /**
   * An area from a polygon or multipolygon.
   *
   * @throws IllegalArgumentException when the geometry is not a valid non-empty polygon
   */
  public static Area of(String id, String name, Kind kind, Geometry polygon) {
    if (!(polygon instanceof Polygonal) || polygon.isEmpty()) {
      throw new IllegalArgumentException("area " + id + ": geometry must be a Polygon or "
          + "MultiPolygon, was " + polygon.getGeometryType());
    }
    var err = new org.locationtech.jts.operation.valid.IsValidOp(polygon).getValidationError();
    if (err != null) {
      throw new IllegalArgumentException("area " + id + ": invalid polygon: " + err.getMessage()
          + " at " + err.getCoordinate());
    }
    return new Area(id, name, kind, polygon, Double.NaN, Double.NaN, Double.NaN);
  }
}
