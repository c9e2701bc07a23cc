package org.kuroshio.maritime.geo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.kuroshio.maritime.geo.Zones.AreaHit;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * The user's areas of interest and anchorages (at most {@link #MAX_AREAS}), from GeoJSON or the
 * API. A point is in a circle when its haversine distance to the centre is at most the radius, in
 * a polygon when the polygon covers it (boundary included). Polygons must not cross the
 * antimeridian (split them there). Immutable and thread-safe.
 */
public final class Areas {
  /** The most areas one set may hold. */
  public static final int MAX_AREAS = 10_000;
  /** No areas. */
  public static final Areas EMPTY = new Areas(List.of());

  private final List<Area> areas;
  private final Map<String, Area> byId;
  private final PreparedGeometry[] prepared;
  /** Point-in-polygon locators (null for circles), indexed up front; they take no lock. */
  private final @Nullable IndexedPointInAreaLocator[] locators;
  private final Envelope[] bounds;
  private final AreaHit[] hits;

  private Areas(List<Area> areas) {
    this.areas = List.copyOf(areas);
    Map<String, Area> ids = new HashMap<>();
    int n = this.areas.size();
    prepared = new PreparedGeometry[n];
    locators = new IndexedPointInAreaLocator[n];
    bounds = new Envelope[n];
    hits = new AreaHit[n];
    for (int i = 0; i < n; i++) {
      Area a = this.areas.get(i);
      ids.put(a.id(), a);
      prepared[i] = PreparedGeometryFactory.prepare(a.geometry());
      if (!a.isCircle()) {
        IndexedPointInAreaLocator loc = new IndexedPointInAreaLocator(a.geometry());
        loc.locate(new Coordinate(0, 0)); // builds the index now
        locators[i] = loc;
      }
      bounds[i] = a.isCircle() ? circleBounds(a) : a.geometry().getEnvelopeInternal();
      hits[i] = new AreaHit(a.id(), a.name());
    }
    byId = Map.copyOf(ids);
  }

  /** The degree box that holds a circle, with a 5 % margin; may extend past 180 degrees. */
  static Envelope circleBounds(Area a) {
    double ey = a.radiusM() / Geo.METRES_PER_DEGREE * 1.05 + 1e-9;
    double maxLat = Math.min(90.0, Math.abs(a.centerLat()) + ey);
    double cos = Math.cos(Math.toRadians(maxLat));
    double ex = cos < 0.01 ? 360.0 : ey / cos;
    return new Envelope(a.centerLon() - ex, a.centerLon() + ex, a.centerLat() - ey,
        a.centerLat() + ey);
  }

  /** A set of the given areas. @throws IllegalArgumentException for duplicates or too many */
  public static Areas of(List<Area> areas) {
    return builder().addAll(areas).build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads areas from GeoJSON: each feature one area, properties {@code id} (else the feature's
   * {@code id}), {@code name} (else the id), {@code kind} ("interest", the default, or
   * "anchorage"); Polygon and MultiPolygon features are polygons, a Point feature with a
   * {@code radius_m} property is a circle.
   *
   * @throws GeoDataException naming the file and feature for any invalid area
   */
  public static Areas load(Path file) {
    String source = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    return builder().addFeatures(new GeoJsonReader().read(file), source).build();
  }

  /** Builds an {@link Areas}; checks each area as it is added. */
  public static final class Builder {
    private final List<Area> list = new ArrayList<>();
    private final Map<String, Boolean> ids = new HashMap<>();

    private Builder() {}

    /** Adds an area. @throws IllegalArgumentException for a duplicate id or too many areas */
    public Builder add(Area area) {
      if (list.size() >= MAX_AREAS) {
        throw new IllegalArgumentException("more than " + MAX_AREAS + " areas");
      }
      if (ids.put(area.id(), Boolean.TRUE) != null) {
        throw new IllegalArgumentException("duplicate area id \"" + area.id() + "\"");
      }
      list.add(area);
      return this;
    }

    /** Adds areas. */
    public Builder addAll(List<Area> areas) {
      for (Area a : areas) {
        add(a);
      }
      return this;
    }

    /** Adds a circle; see {@link Area#circle}. */
    public Builder circle(String id, String name, Area.Kind kind, double lat, double lon,
        double radiusM) {
      return add(Area.circle(id, name, kind, lat, lon, radiusM));
    }

    /** Adds a polygon; see {@link Area#polygon}. */
    public Builder polygon(String id, String name, Area.Kind kind, List<double[]> lonLatRing) {
      return add(Area.polygon(id, name, kind, lonLatRing));
    }

    /**
     * Adds the areas of GeoJSON features (see {@link Areas#load}).
     *
     * @throws GeoDataException naming {@code source} and the feature for any invalid area
     */
    public Builder addFeatures(List<GeoFeature> features, String source) {
      for (GeoFeature f : features) {
        try {
          String id = f.text("id", f.id() != null ? f.id() : "");
          if (id.isEmpty()) {
            throw new IllegalArgumentException("area has no id");
          }
          String name = f.text("name", id);
          Area.Kind kind = Area.Kind.parse(f.text("kind", "interest"));
          Area area;
          if (f.geometry() instanceof Point p) {
            var r = f.properties().get("radius_m");
            if (r == null || !r.isNumber()) {
              throw new IllegalArgumentException("area " + id
                  + ": a Point area needs a numeric radius_m property");
            }
            area = Area.circle(id, name, kind, p.getY(), p.getX(), r.asDouble());
          } else {
            area = Area.of(id, name, kind, f.geometry());
          }
          add(area);
        } catch (IllegalArgumentException e) {
          throw new GeoDataException(source + ": feature " + f.index() + ": " + e.getMessage(),
              e);
        }
      }
      return this;
    }

    /** The immutable set. */
    public Areas build() {
      return new Areas(list);
    }
  }

  /** Every area in the order added. */
  public List<Area> areas() {
    return areas;
  }

  /** The area with this id. */
  public Optional<Area> area(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Whether the area contains the point (exact for circles; boundary included). */
  public static boolean contains(Area a, double lat, double lon) {
    if (a.isCircle()) {
      return Geo.distanceM(a.centerLat(), a.centerLon(), lat, lon) <= a.radiusM();
    }
    return a.geometry().covers(
        GeoJsonReader.GEOMETRY_FACTORY.createPoint(new Coordinate(lon, lat)));
  }

  /**
   * The areas of interest (kind {@link Area.Kind#INTEREST}) containing the point, in the order
   * added; empty for an invalid position. Direct computation over every area.
   */
  public List<AreaHit> areasAt(double lat, double lon) {
    if (!Geo.isValid(lat, lon)) {
      return List.of();
    }
    List<AreaHit> out = null;
    for (int i = 0; i < hits.length; i++) {
      if (areas.get(i).kind() == Area.Kind.INTEREST && contains(i, lat, lon)) {
        if (out == null) {
          out = new ArrayList<>(2);
        }
        out.add(hits[i]);
      }
    }
    return out == null ? List.of() : List.copyOf(out);
  }

  /** Whether an anchorage area contains the point. Direct computation over every area. */
  public boolean inAnchorage(double lat, double lon) {
    if (!Geo.isValid(lat, lon)) {
      return false;
    }
    for (int i = 0; i < hits.length; i++) {
      if (areas.get(i).kind() == Area.Kind.ANCHORAGE && contains(i, lat, lon)) {
        return true;
      }
    }
    return false;
  }

  // ---- package-private, for GeoIndex ----

  int size() {
    return hits.length;
  }

  Area get(int i) {
    return areas.get(i);
  }

  AreaHit hit(int i) {
    return hits[i];
  }

  Envelope bounds(int i) {
    return bounds[i];
  }

  PreparedGeometry prepared(int i) {
    return prepared[i];
  }

  boolean contains(int i, double lat, double lon) {
    Area a = areas.get(i);
    if (a.isCircle()) {
      return Geo.distanceM(a.centerLat(), a.centerLon(), lat, lon) <= a.radiusM();
    }
    Envelope b = bounds[i];
    if (lon < b.getMinX() || lon > b.getMaxX() || lat < b.getMinY() || lat > b.getMaxY()) {
      return false;
    }
    IndexedPointInAreaLocator loc = locators[i];
    return loc != null && loc.locate(new Coordinate(lon, lat)) != Location.EXTERIOR;
  }
}
