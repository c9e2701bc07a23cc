package org.kuroshio.maritime.sar;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;
import org.kuroshio.maritime.geo.Geo;
import org.kuroshio.maritime.vessel.Fix;
import org.kuroshio.maritime.vessel.TrackStore;
import org.kuroshio.maritime.vessel.Vessel;
import org.kuroshio.maritime.vessel.VesselRegistry;

/**
 * Search and rescue assist: which vessels are near a distress position, and how soon each could
 * be there.
 *
 * <p><b>Index.</b> The newest position of every vessel is kept in primitive arrays (one slot per
 * vessel, found through an int-keyed open-addressing map) and in a dense latitude/longitude grid
 * of {@link SarSettings#cellDegrees} cells (default 0.5 degree, 720 x 360 cells), each cell a
 * growable list of slots. {@link #update} costs one map lookup and, when the vessel changes cell,
 * two list edits; positions older than the one held are ignored. With each position the unit
 * vector on the sphere is stored, so the distance test in a query is a few multiplications.
 *
 * <p><b>Query.</b> {@link #nearNow} scans only the cells that the circle's bounding box covers:
 * rows for latitude +- radius, and columns for the longitude half-width
 * {@code asin(sin(r / R) / cos(lat))}, wrapping across the antimeridian, every column when the
 * circle contains a pole. The radius is capped ({@link SarSettings#maxRadiusM}, default 500 km).
 * Positions older than {@link SarSettings#staleAfter} (default 1 h) before "now" are left out.
 * The closest {@code limit} by order are kept in a bounded heap; distances and bearings reported
 * use {@link Geo} (haversine, R = 6,371,008.8 m).
 *
 * <p><b>Order.</b> Time to reach = distance / speed over ground (a straight line at the current
 * speed; course is not considered), null when the speed is below {@link SarSettings#minSpeedKn}
 * (default 0.5 kn) or unknown. Candidates with a time come first, soonest first; then those
 * without, nearest first; ties by MMSI.
 *
 * <p><b>Names.</b> Names and call signs come from the {@link VesselRegistry}: {@link #update}
 * reads the registry when a vessel is first indexed and then at most once a minute of fix time,
 * so it must be called on the thread that feeds the registry; queries never touch the registry.
 *
 * <p><b>Threads.</b> One writer calls {@link #update}; any number of threads may query. A
 * read-write lock guards the index: updates take the write lock for well under a microsecond,
 * queries the read lock for the scan.
 */
public final class SarAssist {
  private static final long NAME_REFRESH_MS = 60_000;
  private static final double NOT_MOVING = 1e15;

  private final VesselRegistry registry;
  private final SarSettings settings;
  private final Clock clock;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  private final int rows;
  private final int cols;
  private final double cell;
  private final int[][] cellSlots;
  private final int[] cellCounts;

  private final IntIntMap slotOf = new IntIntMap(1024);
  private int slots;
  private int[] mmsi = new int[0];
  private double[] lat = new double[0];
  private double[] lon = new double[0];
  private double[] px = new double[0];
  private double[] py = new double[0];
  private double[] pz = new double[0];
  private double[] speed = new double[0];
  private double[] course = new double[0];
  private long[] time = new long[0];
  private int[] cellOf = new int[0];
  private int[] posInCell = new int[0];
  private @Nullable String[] name = new String[0];
  private @Nullable String[] callSign = new String[0];
  private long[] namesRead = new long[0];
  private long ignored;

  /** An assist with the default settings and the system UTC clock for "now". */
  public SarAssist(VesselRegistry registry) {
    this(registry, SarSettings.DEFAULTS, Clock.systemUTC());
  }

  /** An assist with the given settings; {@code clock} gives "now" for {@link #nearNow}. */
  public SarAssist(VesselRegistry registry, SarSettings settings, Clock clock) {
    this.registry = registry;
    this.settings = settings;
    this.clock = clock;
    this.cell = settings.cellDegrees();
    this.rows = (int) Math.ceil(180.0 / cell);
    this.cols = (int) Math.ceil(360.0 / cell);
    this.cellSlots = new int[rows * cols][];
    this.cellCounts = new int[rows * cols];
  }

  /**
   * Records a vessel's position; older than the one held is ignored.
   *
   * @throws IllegalArgumentException when the fix's latitude/longitude is out of range
   */
  public void update(Fix f) {
    double la = f.lat();
    double lo = f.lon();
    if (!(la >= -90 && la <= 90 && lo >= -180 && lo <= 180)) {
      throw new IllegalArgumentException("fix of " + f.mmsi() + " has no valid position: "
          + la + ", " + lo);
    }
    lock.writeLock().lock();
    try {
      int s = slotOf.get(f.mmsi());
      if (s == IntIntMap.MISSING) {
        if (slots >= settings.maxVessels()) {
          ignored++;
          return;
        }
        s = newSlot(f.mmsi());
      } else if (f.time() < time[s]) {
        return;
      }
      time[s] = f.time();
      lat[s] = la;
      lon[s] = lo;
      double p = Math.toRadians(la);
      double l = Math.toRadians(lo);
      double cp = Math.cos(p);
      px[s] = cp * Math.cos(l);
      py[s] = cp * Math.sin(l);
      pz[s] = Math.sin(p);
      speed[s] = f.speed();
      course[s] = f.course();
      int c = cellIndex(la, lo);
      if (c != cellOf[s]) {
        if (cellOf[s] >= 0) {
          removeFromCell(s);
        }
        addToCell(s, c);
      }
      if (f.time() - namesRead[s] >= NAME_REFRESH_MS || f.time() < namesRead[s]) {
        namesRead[s] = f.time();
        Vessel v = registry.get(f.mmsi());
        if (v != null) {
          name[s] = v.name();
          callSign[s] = v.callSign();
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The vessels within {@code radiusM} of the position now (the clock's time); see the class. */
  public List<SarCandidate> nearNow(double lat, double lon, double radiusM, int limit) {
    return nearNow(lat, lon, radiusM, limit, clock.millis());
  }

  /**
   * The vessels within {@code radiusM} of the position whose newest position is at most
   * {@link SarSettings#staleAfter} older than {@code now} (epoch ms), at most {@code limit}, in
   * the order the class describes.
   *
   * @throws IllegalArgumentException when the position is out of range, the radius is not in
   *     (0, maxRadiusM] or the limit not in [1, maxLimit]
   */
  public List<SarCandidate> nearNow(double lat, double lon, double radiusM, int limit, long now) {
    check(lat, lon, radiusM, limit);
    long staleBefore = now - settings.staleAfter().toMillis();
    double delta = radiusM / Geo.EARTH_RADIUS_M;
    double half = 2 * Math.sin(delta / 2);
    double maxChord2 = half * half * (1 + 1e-12);
    double p = Math.toRadians(lat);
    double l = Math.toRadians(lon);
    double qx = Math.cos(p) * Math.cos(l);
    double qy = Math.cos(p) * Math.sin(l);
    double qz = Math.sin(p);
    TopK top = new TopK(limit);
    lock.readLock().lock();
    try {
      double deltaDeg = Math.toDegrees(delta);
      int r0 = row(lat - deltaDeg);
      int r1 = row(lat + deltaDeg);
      int c0;
      int nc;
      double halfLon = lonHalfWidth(lat, delta);
      if (halfLon >= 180) {
        c0 = 0;
        nc = cols;
      } else {
        c0 = (int) Math.floor((lon - halfLon + 180) / cell);
        int c1 = (int) Math.floor((lon + halfLon + 180) / cell);
        nc = Math.min(cols, c1 - c0 + 1);
      }
      for (int r = r0; r <= r1; r++) {
        int base = r * cols;
        for (int k = 0; k < nc; k++) {
          int c = base + Math.floorMod(c0 + k, cols);
          int n = cellCounts[c];
          if (n == 0) {
            continue;
          }
          int[] members = cellSlots[c];
          for (int i = 0; i < n; i++) {
            int s = members[i];
            if (time[s] < staleBefore) {
              continue;
            }
            double dx = px[s] - qx;
            double dy = py[s] - qy;
            double dz = pz[s] - qz;
            double chord2 = dx * dx + dy * dy + dz * dz;
            if (chord2 > maxChord2) {
              continue;
            }
            double dist = 2 * Geo.EARTH_RADIUS_M * asinSmall(Math.sqrt(chord2) / 2);
            top.offer(key(dist, speed[s]), mmsi[s], s);
          }
        }
      }
      int[] order = top.sorted();
      List<SarCandidate> out = new ArrayList<>(order.length);
      for (int s : order) {
        out.add(candidate(mmsi[s], name[s], callSign[s], this.lat[s], this.lon[s], speed[s],
            course[s], time[s], lat, lon));
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The vessels within {@code radiusM} of the position at a past {@code time} (epoch ms), from
   * their tracks: each vessel's position then is {@link TrackStore#at} (interpolated, or the
   * newest fix before within the store's bound), at most {@code limit}, in the order the class
   * describes (speed and course as they were then). Names are those this assist has seen for the
   * MMSI (null for a vessel it never indexed). Cost grows with the number of tracks, not cells.
   *
   * @throws IllegalArgumentException as {@link #nearNow(double, double, double, int, long)}
   */
  public List<SarCandidate> nearAt(double lat, double lon, long time, double radiusM, int limit,
      TrackStore tracks) {
    check(lat, lon, radiusM, limit);
    long gap = tracks.settings().interpolationGap().toMillis();
    long back = Math.max(gap, tracks.settings().nearestWithin().toMillis());
    // An interpolated position lies between two fixes at most `gap` apart: widen the box by
    // what a fast ship (50 kn) covers in that time so both fixes may lie outside the circle.
    double widen = Geo.knotsToMps(50) * gap / 1000.0;
    double delta = Math.min(Math.PI, (radiusM + widen) / Geo.EARTH_RADIUS_M);
    double deltaDeg = Math.toDegrees(delta);
    double minLat = Math.max(-90, lat - deltaDeg);
    double maxLat = Math.min(90, lat + deltaDeg);
    double halfLon = lonHalfWidth(lat, delta);
    double minLon;
    double maxLon;
    if (halfLon >= 180) {
      minLon = -180;
      maxLon = 180;
    } else {
      minLon = wrap(lon - halfLon);
      maxLon = wrap(lon + halfLon);
    }
    List<Integer> near = tracks.vesselsIn(minLat, minLon, maxLat, maxLon, time - back, time + gap);
    TopK top = new TopK(limit);
    List<Fix> fixes = new ArrayList<>();
    for (int m : near) {
      Fix f = tracks.at(m, time);
      if (f == null) {
        continue;
      }
      double dist = Geo.distanceM(f.lat(), f.lon(), lat, lon);
      if (dist <= radiusM) {
        top.offer(key(dist, f.speed()), m, fixes.size());
        fixes.add(f);
      }
    }
    int[] order = top.sorted();
    List<SarCandidate> out = new ArrayList<>(order.length);
    lock.readLock().lock();
    try {
      for (int i : order) {
        Fix f = fixes.get(i);
        int s = slotOf.get(f.mmsi());
        out.add(candidate(f.mmsi(), s < 0 ? null : name[s], s < 0 ? null : callSign[s], f.lat(),
            f.lon(), f.speed(), f.course(), f.time(), lat, lon));
      }
    } finally {
      lock.readLock().unlock();
    }
    return out;
  }

  /**
   * Takes vessels whose newest position is older than {@code before} (epoch ms) out of the grid, so
   * that queries no longer scan them; their slot stays and is reused when they report again.
   * Call it from time to time (say hourly with now minus a day). Returns how many were taken out.
   */
  public int prune(long before) {
    lock.writeLock().lock();
    try {
      int n = 0;
      for (int s = 0; s < slots; s++) {
        if (cellOf[s] >= 0 && time[s] < before) {
          removeFromCell(s);
          n++;
        }
      }
      return n;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The number of vessels indexed. */
  public int size() {
    lock.readLock().lock();
    try {
      return slots;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Fixes ignored because they came from a new MMSI while the index held the most vessels. */
  public long ignored() {
    lock.readLock().lock();
    try {
      return ignored;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The settings in use. */
  public SarSettings settings() {
    return settings;
  }

  private void check(double lat, double lon, double radiusM, int limit) {
    if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
      throw new IllegalArgumentException("distress position out of range: " + lat + ", " + lon);
    }
    if (!(radiusM > 0 && radiusM <= settings.maxRadiusM())) {
      throw new IllegalArgumentException("radius must be in (0, " + settings.maxRadiusM()
          + "] m, was " + radiusM);
    }
    if (limit < 1 || limit > settings.maxLimit()) {
      throw new IllegalArgumentException("limit must be in [1, " + settings.maxLimit()
          + "], was " + limit);
    }
  }

  private SarCandidate candidate(int m, @Nullable String n, @Nullable String cs, double vlat,
      double vlon, double sp, double co, long t, double qlat, double qlon) {
    double dist = Geo.distanceM(vlat, vlon, qlat, qlon);
    Duration ttr = null;
    if (sp >= settings.minSpeedKn()) {
      ttr = Duration.ofMillis(Math.round(dist / Geo.knotsToMps(sp) * 1000));
    }
    double bearing = dist == 0 ? 0 : Geo.bearingDeg(vlat, vlon, qlat, qlon);
    return new SarCandidate(m, n, cs, dist, sp, co, ttr, bearing, t, vlat, vlon);
  }

  /**
   * arcsin for the half chords of a search circle (x &lt;= sin(maxRadius / 2R), at most 0.39):
   * its Taylor series to x^9, relative error below 1e-6 at 5000 km and 1e-14 at 500 km. Used for
   * ordering only; reported distances come from {@link Geo#distanceM}.
   */
  private static double asinSmall(double x) {
    double x2 = x * x;
    return x * (1 + x2 * (1.0 / 6 + x2 * (3.0 / 40 + x2 * (15.0 / 336 + x2 * (105.0 / 3456)))));
  }

  /** Sort key: seconds to reach when moving, else a large constant plus the distance. */
  private double key(double distM, double speedKn) {
    if (speedKn >= settings.minSpeedKn()) {
      return distM / Geo.knotsToMps(speedKn);
    }
    return NOT_MOVING + distM;
  }

  /**
   * Half-width in degrees of longitude of a spherical cap of angular radius {@code delta}
   * around latitude {@code lat}; 180 when the cap contains a pole.
   */
  private static double lonHalfWidth(double lat, double delta) {
    double p = Math.toRadians(lat);
    if (Math.abs(p) + delta >= Math.PI / 2) {
      return 180;
    }
    double s = Math.sin(delta) / Math.cos(p);
    if (s >= 1) {
      return 180;
    }
    return Math.toDegrees(Math.asin(s)) + 1e-9;
  }

  private static double wrap(double lon) {
    if (lon < -180) {
      return lon + 360;
    }
    if (lon > 180) {
      return lon - 360;
    }
    return lon;
  }

  private int row(double lat) {
    int r = (int) Math.floor((lat + 90) / cell);
    return Math.max(0, Math.min(rows - 1, r));
  }

  private int cellIndex(double la, double lo) {
    int c = (int) Math.floor((lo + 180) / cell);
    c = Math.floorMod(c, cols);
    return row(la) * cols + c;
  }

  private int newSlot(int m) {
    int s = slots++;
    if (s == mmsi.length) {
      int cap = Math.max(64, s + (s >> 1));
      mmsi = Arrays.copyOf(mmsi, cap);
      lat = Arrays.copyOf(lat, cap);
      lon = Arrays.copyOf(lon, cap);
      px = Arrays.copyOf(px, cap);
      py = Arrays.copyOf(py, cap);
      pz = Arrays.copyOf(pz, cap);
      speed = Arrays.copyOf(speed, cap);
      course = Arrays.copyOf(course, cap);
      time = Arrays.copyOf(time, cap);
      cellOf = Arrays.copyOf(cellOf, cap);
      posInCell = Arrays.copyOf(posInCell, cap);
      name = Arrays.copyOf(name, cap);
      callSign = Arrays.copyOf(callSign, cap);
      namesRead = Arrays.copyOf(namesRead, cap);
    }
    mmsi[s] = m;
    time[s] = Long.MIN_VALUE;
    cellOf[s] = -1;
    namesRead[s] = Long.MIN_VALUE / 2;
    slotOf.put(m, s);
    return s;
  }

  private void addToCell(int s, int c) {
    int[] members = cellSlots[c];
    int n = cellCounts[c];
    if (members == null) {
      members = new int[4];
      cellSlots[c] = members;
    } else if (n == members.length) {
      members = Arrays.copyOf(members, n * 2);
      cellSlots[c] = members;
    }
    members[n] = s;
    posInCell[s] = n;
    cellCounts[c] = n + 1;
    cellOf[s] = c;
  }

  private void removeFromCell(int s) {
    int c = cellOf[s];
    int[] members = cellSlots[c];
    int last = cellCounts[c] - 1;
    int pos = posInCell[s];
    int moved = members[last];
    members[pos] = moved;
    posInCell[moved] = pos;
    cellCounts[c] = last;
    cellOf[s] = -1;
  }

  /** The k smallest (key, mmsi) pairs seen, with a payload int; a bounded max-heap. */
  private static final class TopK {
    private final int k;
    private double[] keysRef;
    private int[] idsRef;
    private int[] payloadRef;
    private int n;

    TopK(int k) {
      this.k = k;
      int cap = Math.min(k, 1024);
      keysRef = new double[cap];
      idsRef = new int[cap];
      payloadRef = new int[cap];
    }

    void offer(double key, int id, int p) {
      if (n < k) {
        if (n == keysRef.length) {
          int cap = (int) Math.min(k, (long) keysRef.length * 2);
          keysRef = Arrays.copyOf(keysRef, cap);
          idsRef = Arrays.copyOf(idsRef, cap);
          payloadRef = Arrays.copyOf(payloadRef, cap);
        }
        int i = n++;
        set(i, key, id, p);
        siftUp(i);
      } else if (less(key, id, keysRef[0], idsRef[0])) {
        set(0, key, id, p);
        siftDown(0);
      }
    }

    private void set(int i, double key, int id, int p) {
      keysRef[i] = key;
      idsRef[i] = id;
      payloadRef[i] = p;
    }

    private static boolean less(double ka, int ia, double kb, int ib) {
      return ka < kb || (ka == kb && ia < ib);
    }

    private void swap(int a, int b) {
      double tk = keysRef[a];
      keysRef[a] = keysRef[b];
      keysRef[b] = tk;
      int ti = idsRef[a];
      idsRef[a] = idsRef[b];
      idsRef[b] = ti;
      int tp = payloadRef[a];
      payloadRef[a] = payloadRef[b];
      payloadRef[b] = tp;
    }

    private void siftUp(int i) {
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (!less(keysRef[parent], idsRef[parent], keysRef[i], idsRef[i])) {
          break;
        }
        swap(i, parent);
        i = parent;
      }
    }

    private void siftDown(int i) {
      while (true) {
        int l = 2 * i + 1;
        if (l >= n) {
          return;
        }
        int big = l;
        int r = l + 1;
        if (r < n && less(keysRef[l], idsRef[l], keysRef[r], idsRef[r])) {
          big = r;
        }
        if (!less(keysRef[i], idsRef[i], keysRef[big], idsRef[big])) {
          return;
        }
        swap(i, big);
        i = big;
      }
    }

    /** The payloads in ascending (key, id) order; empties the heap. */
    int[] sorted() {
      int[] out = new int[n];
      for (int j = n - 1; j >= 0; j--) {
        out[j] = payloadRef[0];
        n--;
        if (n > 0) {
          swap(0, n);
          siftDown(0);
        }
      }
      return out;
    }
  }
}
