package org.kuroshio.maritime.geo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;

/**
 * The fast {@link Zones} the detectors ask for every position report: an immutable grid over the
 * globe (default 0.25 degree cells) built once from a {@link CableMap}, {@link Boundaries} and
 * {@link Areas}, any of which may be empty.
 *
 * <p>Design. Each cell holds three short lists: the cable segments whose corridor may reach into
 * the cell (segment against the cell grown by the same half-width in degrees that the
 * {@link CableMap} STRtree uses), the country polygons touching the cell, and the areas touching
 * it. A polygon that covers a whole cell is marked "full" there, so the answer needs no geometry
 * test; a country list stops at its first full entry because earlier polygons win. Polygon cells
 * are classified by recursive halving of the polygon's cell range with prepared
 * covers/intersects tests, so large countries cost little to build. Cells that touch nothing share
 * the reference 0, so a query far from everything is two array reads. Cells with the same content
 * share one object. The answers are by construction those of the direct computations
 * ({@link CableMap#corridorsAt}, {@link Boundaries#countryAt}, {@link Areas#areasAt},
 * {@link Areas#inAnchorage}), which the tests check on random points.
 *
 * <p>Memory: one int per cell (4 MB at 0.25 degrees) plus the occupied cells' lists. Thread-safe;
 * queries allocate only when they have hits (and a JTS point for cells that are partly covered).
 */
public final class GeoIndex implements Zones {
  /** Default cell size, degrees. */
  public static final double DEFAULT_CELL_DEG = 0.25;

  private static final int[] NO_INTS = new int[0];
  /** Grows cell rectangles slightly so rounding at a cell's edge cannot misclassify a point. */
  private static final double EPS = 1e-9;

  private final CableMap cables;
  private final Boundaries boundaries;
  private final Areas areas;
  private final double cellDeg;
  private final int nx;
  private final int ny;
  private final int[] cellRef;
  private final Cell[] table;

  /** The content of one occupied cell. */
  private record Cell(int[] segs, int[] seas, int[] areas, boolean anyInterest,
      boolean anyAnchorage) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Cell c && Arrays.equals(segs, c.segs) && Arrays.equals(seas, c.seas)
          && Arrays.equals(areas, c.areas);
    }

    @Override
    public int hashCode() {
      return (Arrays.hashCode(segs) * 31 + Arrays.hashCode(seas)) * 31 + Arrays.hashCode(areas);
    }
  }

  private GeoIndex(CableMap cables, Boundaries boundaries, Areas areas, double cellDeg) {
    this.cables = cables;
    this.boundaries = boundaries;
    this.areas = areas;
    this.cellDeg = cellDeg;
    this.nx = (int) Math.round(360.0 / cellDeg);
    this.ny = (int) Math.round(180.0 / cellDeg);
    int n = nx * ny;
    Lists segs = new Lists(n);
    Lists seas = new Lists(n);
    Lists ars = new Lists(n);
    rasterCables(segs);
    for (int i = 0; i < boundaries.countries().size(); i++) {
      Geometry g = boundaries.countries().get(i).area();
      if (!g.isEmpty()) {
        rasterPolygon(boundaries.prepared(i), g.getEnvelopeInternal(), i, seas);
      }
    }
    for (int i = 0; i < areas.size(); i++) {
      Area a = areas.get(i);
      if (a.isCircle()) {
        rasterCircle(a, i, ars);
      } else {
        rasterPolygon(areas.prepared(i), areas.bounds(i), i, ars);
      }
    }
    int[] refs = new int[n];
    Map<Cell, Integer> canon = new HashMap<>();
    List<Cell> cells = new ArrayList<>();
    cells.add(new Cell(NO_INTS, NO_INTS, NO_INTS, false, false));
    for (int c = 0; c < n; c++) {
      int[] s = segs.get(c);
      int[] b = truncateAtFull(seas.get(c));
      int[] a = ars.get(c);
      if (s.length == 0 && b.length == 0 && a.length == 0) {
        continue;
      }
      boolean interest = false;
      boolean anchorage = false;
      for (int code : a) {
        Area area = areas.get(code < 0 ? ~code : code);
        interest |= area.kind() == Area.Kind.INTEREST;
        anchorage |= area.kind() == Area.Kind.ANCHORAGE;
      }
      Cell cell = new Cell(s, b, a, interest, anchorage);
      Integer ref = canon.get(cell);
      if (ref == null) {
        ref = cells.size();
        cells.add(cell);
        canon.put(cell, ref);
      }
      refs[c] = ref;
    }
    this.cellRef = refs;
    this.table = cells.toArray(new Cell[0]);
  }

  /** An index of the given (possibly empty) data with {@link #DEFAULT_CELL_DEG} cells. */
  public static GeoIndex of(@Nullable CableMap cables, @Nullable Boundaries boundaries,
      @Nullable Areas areas) {
    return builder().cables(cables).boundaries(boundaries).areas(areas).build();
  }

  /**
   * Loads the files and builds the index; any but the cable routes may be null. See
   * {@link CableMap#load}, {@link Boundaries#load} and {@link Areas#load}.
   *
   * @throws GeoDataException when a file is not usable
   */
  public static GeoIndex load(Path cablesGeoJson, @Nullable Path landingPoints,
      @Nullable Path boundaries, @Nullable Path areas, double corridorHalfWidthM) {
    return builder()
        .cables(CableMap.load(cablesGeoJson, landingPoints, corridorHalfWidthM))
        .boundaries(boundaries == null ? null : Boundaries.load(boundaries))
        .areas(areas == null ? null : Areas.load(areas))
        .build();
  }

  /** A builder; every part is optional. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link GeoIndex}. */
  public static final class Builder {
    private @Nullable CableMap cables;
    private @Nullable Boundaries boundaries;
    private @Nullable Areas areas;
    private double cellDeg = DEFAULT_CELL_DEG;

    private Builder() {}

    /** The cables and their corridor half-width; null for none. */
    public Builder cables(@Nullable CableMap cables) {
      this.cables = cables;
      return this;
    }

    /** The cables with corridors of {@code halfWidthM} metres each side (overriding theirs). */
    public Builder cables(CableMap cables, double halfWidthM) {
      this.cables = cables.withHalfWidth(halfWidthM);
      return this;
    }

    /** The territorial sea polygons; null for none. */
    public Builder boundaries(@Nullable Boundaries boundaries) {
      this.boundaries = boundaries;
      return this;
    }

    /** The user areas and anchorages; null for none. */
    public Builder areas(@Nullable Areas areas) {
      this.areas = areas;
      return this;
    }

    /**
     * The grid cell size in degrees, 0.05 to 1, dividing 180 exactly (default 0.25).
     *
     * @throws IllegalArgumentException otherwise
     */
    public Builder cellDeg(double cellDeg) {
      double k = 180.0 / cellDeg;
      if (!(cellDeg >= 0.05 && cellDeg <= 1.0) || Math.abs(k - Math.rint(k)) > 1e-9) {
        throw new IllegalArgumentException("cell size must be 0.05..1 degrees dividing 180, was "
            + cellDeg);
      }
      this.cellDeg = cellDeg;
      return this;
    }

    /** The index. */
    public GeoIndex build() {
      CableMap c = cables != null
          ? cables : CableMap.of(List.of(), List.of(), CableMap.DEFAULT_HALF_WIDTH_M);
      Boundaries b = boundaries != null ? boundaries : Boundaries.of(List.of());
      Areas a = areas != null ? areas : Areas.EMPTY;
      return new GeoIndex(c, b, a, cellDeg);
    }
  }

  /** The cables indexed (empty when none were given). */
  public CableMap cableMap() {
    return cables;
  }

  /** The boundaries indexed (empty when none were given). */
  public Boundaries boundaries() {
    return boundaries;
  }

  /** The areas indexed (empty when none were given). */
  public Areas areas() {
    return areas;
  }

  /** The number of distinct occupied cell contents (for diagnostics). */
  public int distinctCells() {
    return table.length - 1;
  }

  // ---- queries ----

  private Cell cell(double lat, double lon) {
    int cx = (int) ((lon + 180.0) / cellDeg);
    int cy = (int) ((lat + 90.0) / cellDeg);
    if (cx >= nx) {
      cx = nx - 1;
    }
    if (cy >= ny) {
      cy = ny - 1;
    }
    return table[cellRef[cy * nx + cx]];
  }

  @Override
  public List<CorridorHit> corridorsAt(double lat, double lon) {
    if (!Geo.isValid(lat, lon)) {
      return List.of();
    }
    int[] segs = cell(lat, lon).segs;
    if (segs.length == 0) {
      return List.of();
    }
    return cables.hits(segs, segs.length, lat, lon);
  }

  @Override
  public @Nullable String territorialSeaAt(double lat, double lon) {
    if (!Geo.isValid(lat, lon)) {
      return null;
    }
    int[] seas = cell(lat, lon).seas;
    for (int code : seas) {
      if (code < 0) {
        return boundaries.countries().get(~code).iso3();
      }
      if (boundaries.contains(code, lat, lon)) {
        return boundaries.countries().get(code).iso3();
      }
    }
    return null;
  }

  @Override
  public boolean inAnchorage(double lat, double lon) {
    if (!Geo.isValid(lat, lon)) {
      return false;
    }
    Cell c = cell(lat, lon);
    if (!c.anyAnchorage) {
      return false;
    }
    for (int code : c.areas) {
      int i = code < 0 ? ~code : code;
      if (areas.get(i).kind() == Area.Kind.ANCHORAGE
          && (code < 0 || areas.contains(i, lat, lon))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<AreaHit> areasAt(double lat, double lon) {
    if (!Geo.isValid(lat, lon)) {
      return List.of();
    }
    Cell c = cell(lat, lon);
    if (!c.anyInterest) {
      return List.of();
    }
    AreaHit first = null;
    List<AreaHit> more = null;
    for (int code : c.areas) {
      int i = code < 0 ? ~code : code;
      if (areas.get(i).kind() == Area.Kind.INTEREST
          && (code < 0 || areas.contains(i, lat, lon))) {
        if (first == null) {
          first = areas.hit(i);
        } else {
          if (more == null) {
            more = new ArrayList<>(4);
            more.add(first);
          }
          more.add(areas.hit(i));
        }
      }
    }
    if (more != null) {
      return List.copyOf(more);
    }
    return first == null ? List.of() : List.of(first);
  }

  // ---- building ----

  /** Growable int lists per cell, allocated on first use. */
  private static final class Lists {
    private final int[][] data;
    private final int[] size;

    Lists(int n) {
      data = new int[n][];
      size = new int[n];
    }

    void add(int cell, int value) {
      int[] d = data[cell];
      int s = size[cell];
      if (d == null) {
        d = new int[2];
        data[cell] = d;
      } else if (s > 0 && d[s - 1] == value) {
        return;
      } else if (s == d.length) {
        d = Arrays.copyOf(d, s * 2);
        data[cell] = d;
      }
      d[s] = value;
      size[cell] = s + 1;
    }

    int[] get(int cell) {
      int[] d = data[cell];
      return d == null ? NO_INTS : Arrays.copyOf(d, size[cell]);
    }
  }

  private static int[] truncateAtFull(int[] codes) {
    for (int i = 0; i < codes.length; i++) {
      if (codes[i] < 0) {
        return i + 1 == codes.length ? codes : Arrays.copyOf(codes, i + 1);
      }
    }
    return codes;
  }

  private int cx(double lon) {
    return Math.max(0, Math.min(nx - 1, (int) Math.floor((lon + 180.0) / cellDeg)));
  }

  private int cy(double lat) {
    return Math.max(0, Math.min(ny - 1, (int) Math.floor((lat + 90.0) / cellDeg)));
  }

  private void rasterCables(Lists out) {
    double hw = cables.halfWidthM();
    for (int s = 0; s < cables.segmentCount(); s++) {
      double lat1 = cables.segLat1(s);
      double lon1 = cables.segLon1(s);
      double lat2 = cables.segLat2(s);
      double lon2 = cables.segLon2(s);
      Envelope env = CableMap.grownEnvelope(lat1, lon1, lat2, lon2, hw);
      double ex = env.getMaxX() - Math.max(lon1, lon2) + EPS;
      double ey = env.getMaxY() - Math.max(lat1, lat2) + EPS;
      if (env.getMaxX() < -180.0 || env.getMinX() > 180.0) {
        continue;
      }
      int x0 = cx(env.getMinX());
      int x1 = cx(env.getMaxX());
      int y0 = cy(env.getMinY());
      int y1 = cy(env.getMaxY());
      for (int y = y0; y <= y1; y++) {
        double ry0 = -90.0 + y * cellDeg - ey;
        double ry1 = ry0 + cellDeg + 2 * ey;
        for (int x = x0; x <= x1; x++) {
          double rx0 = -180.0 + x * cellDeg - ex;
          double rx1 = rx0 + cellDeg + 2 * ex;
          if (segmentHitsRect(lon1, lat1, lon2, lat2, rx0, ry0, rx1, ry1)) {
            out.add(y * nx + x, s);
          }
        }
      }
    }
  }

  /** Liang-Barsky: whether the segment (x1,y1)-(x2,y2) meets the closed rectangle. */
  static boolean segmentHitsRect(double x1, double y1, double x2, double y2, double rx0,
      double ry0, double rx1, double ry1) {
    double dx = x2 - x1;
    double dy = y2 - y1;
    double t0 = 0.0;
    double t1 = 1.0;
    double[] p = {-dx, dx, -dy, dy};
    double[] q = {x1 - rx0, rx1 - x1, y1 - ry0, ry1 - y1};
    for (int i = 0; i < 4; i++) {
      if (p[i] == 0.0) {
        if (q[i] < 0.0) {
          return false;
        }
      } else {
        double r = q[i] / p[i];
        if (p[i] < 0.0) {
          if (r > t1) {
            return false;
          }
          t0 = Math.max(t0, r);
        } else {
          if (r < t0) {
            return false;
          }
          t1 = Math.min(t1, r);
        }
      }
    }
    return true;
  }

  private Geometry rect(int x0, int x1, int y0, int y1) {
    double minX = -180.0 + x0 * cellDeg - EPS;
    double maxX = -180.0 + (x1 + 1) * cellDeg + EPS;
    double minY = -90.0 + y0 * cellDeg - EPS;
    double maxY = -90.0 + (y1 + 1) * cellDeg + EPS;
    return GeoJsonReader.GEOMETRY_FACTORY.toGeometry(new Envelope(minX, maxX, minY, maxY));
  }

  private void rasterPolygon(PreparedGeometry pg, Envelope env, int code, Lists out) {
    if (env.getMaxX() < -180.0 || env.getMinX() > 180.0) {
      return;
    }
    classify(pg, cx(env.getMinX()), cx(env.getMaxX()), cy(env.getMinY()), cy(env.getMaxY()),
        code, out);
  }

  /** Marks cells [x0..x1] x [y0..y1] full (~code), partial (code) or nothing, by halving. */
  private void classify(PreparedGeometry pg, int x0, int x1, int y0, int y1, int code,
      Lists out) {
    Geometry r = rect(x0, x1, y0, y1);
    if (!pg.intersects(r)) {
      return;
    }
    if (pg.covers(r)) {
      for (int y = y0; y <= y1; y++) {
        for (int x = x0; x <= x1; x++) {
          out.add(y * nx + x, ~code);
        }
      }
      return;
    }
    if (x0 == x1 && y0 == y1) {
      out.add(y0 * nx + x0, code);
      return;
    }
    if (x1 - x0 >= y1 - y0) {
      int xm = (x0 + x1) >>> 1;
      classify(pg, x0, xm, y0, y1, code, out);
      classify(pg, xm + 1, x1, y0, y1, code, out);
    } else {
      int ym = (y0 + y1) >>> 1;
      classify(pg, x0, x1, y0, ym, code, out);
      classify(pg, x0, x1, ym + 1, y1, code, out);
    }
  }

  private void rasterCircle(Area a, int code, Lists out) {
    Envelope b = Areas.circleBounds(a);
    int y0 = cy(b.getMinY());
    int y1 = cy(b.getMaxY());
    int xs = (int) Math.floor((b.getMinX() + 180.0) / cellDeg);
    int xe = (int) Math.floor((b.getMaxX() + 180.0) / cellDeg);
    if (xe - xs >= nx) {
      xs = 0;
      xe = nx - 1;
    }
    double safeR = a.radiusM() * (1 - 1e-9) - 1e-6;
    for (int y = y0; y <= y1; y++) {
      double la0 = -90.0 + y * cellDeg - EPS;
      double la1 = la0 + cellDeg + 2 * EPS;
      for (int xi = xs; xi <= xe; xi++) {
        int x = Math.floorMod(xi, nx);
        double lo0 = -180.0 + x * cellDeg - EPS;
        double lo1 = lo0 + cellDeg + 2 * EPS;
        boolean full = Geo.distanceM(a.centerLat(), a.centerLon(), la0, lo0) <= safeR
            && Geo.distanceM(a.centerLat(), a.centerLon(), la0, lo1) <= safeR
            && Geo.distanceM(a.centerLat(), a.centerLon(), la1, lo0) <= safeR
            && Geo.distanceM(a.centerLat(), a.centerLon(), la1, lo1) <= safeR;
        out.add(y * nx + x, full ? ~code : code);
      }
    }
  }
}
