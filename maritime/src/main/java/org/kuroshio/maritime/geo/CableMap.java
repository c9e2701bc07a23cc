package org.kuroshio.maritime.geo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.kuroshio.maritime.geo.Zones.CorridorHit;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import tools.jackson.databind.JsonNode;

/**
 * Submarine cable routes and their corridors: each route buffered by a half-width in metres
 * (default {@link #DEFAULT_HALF_WIDTH_M}, one nautical mile each side).
 *
 * <p>Reads the TeleGeography forms found in {@code shared/data/cables/}: the route features
 * ({@code slug} or {@code id} or {@code feature_id} as the id, {@code name}, {@code landing_points}
 * when present), the landing point features, and optionally the merged metadata array
 * ({@code id}, {@code name}, {@code landing_points}) that names the cables of the global file.
 * Features with the same id are one cable.
 *
 * <p>Corridor queries are exact in metres: every route segment sits in a JTS {@link STRtree} under
 * its envelope grown by the half-width in degrees (longitude scaled by the cosine of the segment's
 * highest latitude, with a 5 % margin); the candidates' distances are then computed by
 * {@link Geo#pointToSegmentM}. Segments are straight in longitude/latitude, as RFC 7946 defines.
 * Routes in the data are split at the antimeridian; a segment whose grown envelope crosses it is
 * indexed a second time shifted by 360 degrees, so points near 180 degrees see the pieces on both
 * sides. Immutable and thread-safe.
 */
public final class CableMap {
  /** Default corridor half-width: one nautical mile (1,852 m) each side of the route. */
  public static final double DEFAULT_HALF_WIDTH_M = Geo.NAUTICAL_MILE_M;
  /** Smallest accepted half-width, metres. */
  public static final double MIN_HALF_WIDTH_M = 1.0;
  /** Largest accepted half-width, metres (50 km). */
  public static final double MAX_HALF_WIDTH_M = 50_000.0;

  private final List<Cable> cables;
  private final Map<String, Integer> byId;
  private final List<LandingPoint> landingPoints;
  private final double halfWidthM;
  /** Per segment: lat1, lon1, lat2, lon2 (longitudes contiguous, possibly shifted by 360). */
  private final double[] seg;
  private final int[] segCable;
  private final int segCount;
  private final STRtree tree;

  private CableMap(List<Cable> cables, List<LandingPoint> landingPoints, double halfWidthM) {
    if (!(halfWidthM >= MIN_HALF_WIDTH_M && halfWidthM <= MAX_HALF_WIDTH_M)) {
      throw new IllegalArgumentException("corridor half-width must be " + MIN_HALF_WIDTH_M
          + ".." + MAX_HALF_WIDTH_M + " m, was " + halfWidthM);
    }
    this.cables = List.copyOf(cables);
    this.landingPoints = List.copyOf(landingPoints);
    this.halfWidthM = halfWidthM;
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < this.cables.size(); i++) {
      ids.put(this.cables.get(i).id(), i);
    }
    this.byId = Map.copyOf(ids);
    double[] s = new double[256];
    int[] c = new int[64];
    int n = 0;
    STRtree t = new STRtree();
    for (int ci = 0; ci < this.cables.size(); ci++) {
      MultiLineString route = this.cables.get(ci).route();
      for (int g = 0; g < route.getNumGeometries(); g++) {
        Coordinate[] cs = route.getGeometryN(g).getCoordinates();
        for (int k = 0; k + 1 < cs.length; k++) {
          for (int shift = -1; shift <= 1; shift++) {
            double lon1 = cs[k].x + 360.0 * shift;
            double lon2 = cs[k + 1].x + 360.0 * shift;
            Envelope env = grownEnvelope(cs[k].y, lon1, cs[k + 1].y, lon2, halfWidthM);
            if (shift != 0 && (env.getMaxX() < -180.0 || env.getMinX() > 180.0)) {
              continue;
            }
            if (4 * n + 4 > s.length) {
              s = Arrays.copyOf(s, s.length * 2);
            }
            if (n + 1 > c.length) {
              c = Arrays.copyOf(c, c.length * 2);
            }
            s[4 * n] = cs[k].y;
            s[4 * n + 1] = lon1;
            s[4 * n + 2] = cs[k + 1].y;
            s[4 * n + 3] = lon2;
            c[n] = ci;
            t.insert(env, n);
            n++;
          }
        }
      }
    }
    t.build();
    this.seg = Arrays.copyOf(s, 4 * n);
    this.segCable = Arrays.copyOf(c, n);
    this.segCount = n;
    this.tree = t;
  }

  /** A map of the given cables and landing points with corridors of {@code halfWidthM} metres. */
  public static CableMap of(List<Cable> cables, List<LandingPoint> landingPoints,
      double halfWidthM) {
    Map<String, Boolean> seen = new HashMap<>();
    for (Cable c : cables) {
      if (seen.put(c.id(), Boolean.TRUE) != null) {
        throw new IllegalArgumentException("duplicate cable id " + c.id());
      }
    }
    return new CableMap(cables, landingPoints, halfWidthM);
  }

  /** Reads routes and (optionally) landing points; see {@link #load(Path, Path, Path, double)}. */
  public static CableMap load(Path routes, @Nullable Path landingPoints, double halfWidthM) {
    return load(routes, landingPoints, null, halfWidthM);
  }

  /**
   * Reads cable routes (GeoJSON, LineString or MultiLineString features), optional landing points
   * (GeoJSON Point features) and optional TeleGeography metadata (a JSON array of objects with
   * {@code id}, {@code name} and {@code landing_points}), which supplies names and landing points
   * the route features lack.
   *
   * @throws GeoDataException when a file is not usable GeoJSON
   */
  public static CableMap load(Path routes, @Nullable Path landingPoints, @Nullable Path metadata,
      double halfWidthM) {
    GeoJsonReader reader = new GeoJsonReader();
    Map<String, Meta> meta = metadata == null ? Map.of() : readMetadata(reader, metadata);
    List<Cable> cables = cablesOf(reader.read(routes), meta, sourceName(routes));
    List<LandingPoint> points = landingPoints == null
        ? List.of() : landingPointsOf(reader.read(landingPoints), sourceName(landingPoints));
    return new CableMap(cables, points, halfWidthM);
  }

  /** Cables from route features; features sharing an id are merged into one cable. */
  public static List<Cable> cablesOf(List<GeoFeature> features) {
    return cablesOf(features, Map.of(), "routes");
  }

  /** Landing points from Point features ({@code slug} or {@code id}, {@code name}). */
  public static List<LandingPoint> landingPointsOf(List<GeoFeature> features) {
    return landingPointsOf(features, "landing points");
  }

  private record Meta(String name, List<String> landingPoints) {}

  private static String sourceName(Path p) {
    return p.getFileName() == null ? p.toString() : p.getFileName().toString();
  }

  private static Map<String, Meta> readMetadata(GeoJsonReader reader, Path file) {
    JsonNode root = reader.readTree(file);
    if (!root.isArray()) {
      throw new GeoDataException(sourceName(file) + ": cable metadata is not a JSON array");
    }
    Map<String, Meta> out = new HashMap<>();
    for (JsonNode n : root) {
      JsonNode id = n.get("id");
      JsonNode name = n.get("name");
      if (id == null || !id.isString() || name == null || !name.isString()) {
        continue;
      }
      out.put(id.asString(), new Meta(name.asString(), landingNames(n.get("landing_points"))));
    }
    return out;
  }

  private static List<String> landingNames(@Nullable JsonNode lps) {
    if (lps == null || !lps.isArray()) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (JsonNode lp : lps) {
      JsonNode name = lp.get("name");
      if (name != null && name.isString()) {
        names.add(name.asString());
      }
    }
    return names;
  }

  private static List<Cable> cablesOf(List<GeoFeature> features, Map<String, Meta> meta,
      String source) {
    Map<String, List<LineString>> lines = new LinkedHashMap<>();
    Map<String, String> names = new HashMap<>();
    Map<String, LinkedHashSet<String>> landings = new HashMap<>();
    for (GeoFeature f : features) {
      String id = f.text("slug", f.text("id", f.text("feature_id",
          f.id() != null ? f.id() : "cable-" + f.index())));
      Geometry g = f.geometry();
      List<LineString> parts = lines.computeIfAbsent(id, k -> new ArrayList<>());
      if (g instanceof LineString ls) {
        parts.add(ls);
      } else if (g instanceof MultiLineString mls) {
        for (int i = 0; i < mls.getNumGeometries(); i++) {
          parts.add((LineString) mls.getGeometryN(i));
        }
      } else {
        throw new GeoDataException(source + ": feature " + f.index() + ": cable route is a "
            + g.getGeometryType() + ", expected LineString or MultiLineString");
      }
      Meta m = meta.get(id);
      String name = f.text("name", m != null ? m.name() : id);
      names.putIfAbsent(id, name);
      LinkedHashSet<String> lp = landings.computeIfAbsent(id, k -> new LinkedHashSet<>());
      lp.addAll(landingNames(f.properties().get("landing_points")));
      if (m != null) {
        lp.addAll(m.landingPoints());
      }
    }
    GeometryFactory gf = GeoJsonReader.GEOMETRY_FACTORY;
    List<Cable> out = new ArrayList<>(lines.size());
    for (Map.Entry<String, List<LineString>> e : lines.entrySet()) {
      String id = e.getKey();
      MultiLineString route = gf.createMultiLineString(e.getValue().toArray(new LineString[0]));
      out.add(new Cable(id, names.get(id), route, List.copyOf(landings.get(id))));
    }
    return out;
  }

  private static List<LandingPoint> landingPointsOf(List<GeoFeature> features, String source) {
    List<LandingPoint> out = new ArrayList<>(features.size());
    for (GeoFeature f : features) {
      if (!(f.geometry() instanceof org.locationtech.jts.geom.Point p) || p.isEmpty()) {
        throw new GeoDataException(source + ": feature " + f.index() + ": landing point is a "
            + f.geometry().getGeometryType() + ", expected Point");
      }
      String id = f.text("slug", f.text("id", f.id() != null ? f.id() : "lp-" + f.index()));
      out.add(new LandingPoint(id, f.text("name", id), p.getY(), p.getX()));
    }
    return out;
  }

  /** The same cables and landing points with corridors of another half-width. */
  public CableMap withHalfWidth(double halfWidthM) {
    return halfWidthM == this.halfWidthM ? this : new CableMap(cables, landingPoints, halfWidthM);
  }

  /** The corridor half-width, metres each side of the route. */
  public double halfWidthM() {
    return halfWidthM;
  }

  /** Every cable, in source order. */
  public List<Cable> cables() {
    return cables;
  }

  /** The cable with this id, if any. */
  public Optional<Cable> cable(String id) {
    Integer i = byId.get(id);
    return i == null ? Optional.empty() : Optional.of(cables.get(i));
  }

  /** Every landing point read. */
  public List<LandingPoint> landingPoints() {
    return landingPoints;
  }

  /**
   * The corridors containing the point (distance to the route at most the half-width), nearest
   * first, one hit per cable; empty for an invalid position. This is the direct computation
   * through the STRtree; {@link GeoIndex} answers the same faster.
   */
  public List<CorridorHit> corridorsAt(double lat, double lon) {
    if (!Geo.isValid(lat, lon)) {
      return List.of();
    }
    @SuppressWarnings("unchecked")
    List<Object> found = tree.query(new Envelope(lon, lon, lat, lat));
    int[] cands = new int[found.size()];
    for (int i = 0; i < cands.length; i++) {
      cands[i] = (Integer) found.get(i);
    }
    return hits(cands, cands.length, lat, lon);
  }

  /**
   * Distance in metres from the point to the cable's route, or {@code Double.POSITIVE_INFINITY}
   * when the cable is unknown; computed over every segment (not indexed).
   */
  public double distanceToRouteM(String cableId, double lat, double lon) {
    Integer ci = byId.get(cableId);
    if (ci == null) {
      return Double.POSITIVE_INFINITY;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int s = 0; s < segCount; s++) {
      if (segCable[s] == ci) {
        best = Math.min(best, Geo.pointToSegmentM(lat, lon, seg[4 * s], seg[4 * s + 1],
            seg[4 * s + 2], seg[4 * s + 3]));
      }
    }
    return best;
  }

  /**
   * The corridor of a cable as a polygon for display: each route segment buffered by the
   * half-width in a local equirectangular projection centred on that segment, the pieces united.
   * Near the antimeridian the pieces are not cut at 180 degrees.
   *
   * @throws IllegalArgumentException for an unknown cable id
   */
  public Geometry corridor(String cableId) {
    Integer ci = byId.get(cableId);
    if (ci == null) {
      throw new IllegalArgumentException("unknown cable id " + cableId);
    }
    GeometryFactory gf = GeoJsonReader.GEOMETRY_FACTORY;
    MultiLineString route = cables.get(ci).route();
    List<Geometry> pieces = new ArrayList<>();
    for (int g = 0; g < route.getNumGeometries(); g++) {
      Coordinate[] cs = route.getGeometryN(g).getCoordinates();
      for (int k = 0; k + 1 < cs.length; k++) {
        double latm = (cs[k].y + cs[k + 1].y) / 2;
        double lonm = (cs[k].x + cs[k + 1].x) / 2;
        double kx = Math.cos(Math.toRadians(latm)) * Geo.METRES_PER_DEGREE;
        double ky = Geo.METRES_PER_DEGREE;
        LineString local = gf.createLineString(new Coordinate[] {
            new Coordinate((cs[k].x - lonm) * kx, (cs[k].y - latm) * ky),
            new Coordinate((cs[k + 1].x - lonm) * kx, (cs[k + 1].y - latm) * ky)});
        Geometry buf = local.buffer(halfWidthM, 8);
        buf.apply((org.locationtech.jts.geom.CoordinateFilter) c -> {
          c.x = lonm + c.x / kx;
          c.y = latm + c.y / ky;
        });
        buf.geometryChanged();
        pieces.add(buf);
      }
    }
    Geometry u = UnaryUnionOp.union(pieces);
    return u == null ? gf.createPolygon() : u;
  }

  // ---- package-private, for GeoIndex ----

  int segmentCount() {
    return segCount;
  }

  /** Segment s, first latitude (the others below; longitudes contiguous, maybe shifted). */
  double segLat1(int s) {
    return seg[4 * s];
  }

  double segLon1(int s) {
    return seg[4 * s + 1];
  }

  double segLat2(int s) {
    return seg[4 * s + 2];
  }

  double segLon2(int s) {
    return seg[4 * s + 3];
  }

  /**
   * The envelope (x = longitude) of the segment grown by {@code halfWidthM}: 5 % margin, longitude
   * growth scaled by the cosine of the highest latitude reached; the whole longitude range near
   * the poles.
   */
  static Envelope grownEnvelope(double lat1, double lon1, double lat2, double lon2,
      double halfWidthM) {
    double ey = halfWidthM / Geo.METRES_PER_DEGREE * 1.05 + 1e-9;
    double maxLat = Math.min(90.0, Math.max(Math.abs(lat1), Math.abs(lat2)) + ey);
    double cos = Math.cos(Math.toRadians(maxLat));
    double ex = cos < 0.01 ? 360.0 : ey / cos;
    return new Envelope(Math.min(lon1, lon2) - ex, Math.max(lon1, lon2) + ex,
        Math.min(lat1, lat2) - ey, Math.max(lat1, lat2) + ey);
  }

  /** The corridor hits among candidate segments, nearest first, one per cable. */
  List<CorridorHit> hits(int[] cands, int n, double lat, double lon) {
    int[] hitCable = null;
    int[] hitSeg = null;
    double[] hitDist = null;
    int hitN = 0;
    for (int i = 0; i < n; i++) {
      int s = cands[i];
      double lat1 = seg[4 * s];
      double lon1 = seg[4 * s + 1];
      double lat2 = seg[4 * s + 2];
      double lon2 = seg[4 * s + 3];
      double d = Geo.pointToSegmentM(lat, lon, lat1, lon1, lat2, lon2);
      if (!(d <= halfWidthM)) {
        continue;
      }
      if (hitCable == null) {
        hitCable = new int[Math.min(n, 8)];
        hitSeg = new int[hitCable.length];
        hitDist = new double[hitCable.length];
      }
      int c = segCable[s];
      int j = 0;
      while (j < hitN && hitCable[j] != c) {
        j++;
      }
      if (j == hitN) {
        if (hitN == hitCable.length) {
          hitCable = Arrays.copyOf(hitCable, hitN * 2);
          hitSeg = Arrays.copyOf(hitSeg, hitN * 2);
          hitDist = Arrays.copyOf(hitDist, hitN * 2);
        }
        hitCable[j] = c;
        hitSeg[j] = s;
        hitDist[j] = d;
        hitN++;
      } else if (d < hitDist[j] || (d == hitDist[j] && s < hitSeg[j])) {
        hitSeg[j] = s;
        hitDist[j] = d;
      }
    }
    if (hitN == 0) {
      return List.of();
    }
    // insertion sort by distance, then cable index: hitN is tiny
    for (int a = 1; a < hitN; a++) {
      for (int b = a; b > 0 && (hitDist[b] < hitDist[b - 1]
          || (hitDist[b] == hitDist[b - 1] && hitCable[b] < hitCable[b - 1])); b--) {
        swap(hitCable, b);
        swap(hitSeg, b);
        double t = hitDist[b];
        hitDist[b] = hitDist[b - 1];
        hitDist[b - 1] = t;
      }
    }
    CorridorHit[] out = new CorridorHit[hitN];
    for (int j = 0; j < hitN; j++) {
      int s = hitSeg[j];
      Cable cable = cables.get(hitCable[j]);
      double bearing = Geo.segmentBearingDeg(lat, seg[4 * s], seg[4 * s + 1], seg[4 * s + 2],
          seg[4 * s + 3]);
      out[j] = new CorridorHit(cable.id(), cable.name(), hitDist[j], bearing);
    }
    return List.of(out);
  }

  private static void swap(int[] a, int b) {
    int t = a[b];
    a[b] = a[b - 1];
    a[b - 1] = t;
  }
}
