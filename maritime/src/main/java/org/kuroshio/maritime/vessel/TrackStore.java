package org.kuroshio.maritime.vessel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygonal;

/**
 * Positions per vessel, stored compactly and queryable by vessel, time and area.
 *
 * <p><b>Storage.</b> Each vessel has one growable {@code int[]} holding five ints per fix and no
 * object per fix: time as seconds from 2020-01-01T00:00Z (so times are kept to the second, as AIS
 * time stamps are, and must lie between 1952 and 2088), latitude and longitude in units of 1e-7
 * degree (about 1 cm), speed and course as 16-bit tenths packed in one int (AIS resolution; -1 =
 * not available), heading (511 = not available) and navigation status packed in the last: 20
 * bytes per fix plus array slack (capacity grows by half), and one cache line touched per
 * append. Fixes come back from queries as new {@link Fix} objects with these resolutions.
 *
 * <p><b>Order.</b> Each track is kept sorted by time. A fix older than the vessel's newest is
 * inserted in order (counted in {@link #outOfOrder}); a fix with the same second and position as
 * a stored one is a duplicate (the same report heard by two receivers) and is dropped (counted in
 * {@link #duplicates}).
 *
 * <p><b>Limits.</b> At most {@link TrackSettings#maxVessels} vessels: fixes of further new MMSIs
 * are dropped and counted ({@link #droppedVessels}). At most
 * {@link TrackSettings#maxFixesPerVessel} fixes per vessel: when full, the oldest quarter is
 * evicted ({@link #evicted}). {@link #compact} thins fixes older than
 * {@link TrackSettings#fullRate} to the first fix of each {@link TrackSettings#downsampleInterval}
 * (intervals aligned to the storage epoch, so compacting again changes nothing); call it from time
 * to time (say hourly). Vessels are never forgotten.
 *
 * <p><b>Threads.</b> Safe for one writer ({@link #add}, {@link #compact}) and any number of
 * concurrent readers (and in fact for several writers). The vessel map is a
 * {@link ConcurrentHashMap}; each track is changed and read only while holding its own monitor,
 * held for the time of one insertion or one copy-out, so a reader sees every track in a
 * consistent state. A query over many vessels locks them one after the other: it is not one
 * snapshot of the whole store.
 */
public final class TrackStore {
  /** Storage epoch, 2020-01-01T00:00:00Z, in epoch seconds. */
  static final long EPOCH_S = 1_577_836_800L;
  /** Ints per stored fix: time, lat, lon, speed|course, heading|status. */
  static final int STRIDE = 5;
  /** Bytes per stored fix. */
  static final int BYTES_PER_FIX = STRIDE * 4;
  /** Estimated fixed cost of one vessel: track object, array header, map entry and key. */
  static final int BYTES_PER_TRACK = 32 + 16 + 48 + 16;
  private static final double SCALE = 1e7;

  private final TrackSettings settings;
  private final ConcurrentHashMap<Integer, Track> tracks = new ConcurrentHashMap<>();
  private final Object newVessel = new Object();
  private final LongAdder droppedVessels = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder outOfOrder = new LongAdder();
  private final LongAdder evicted = new LongAdder();

  /** A store with the default settings. */
  public TrackStore() {
    this(TrackSettings.DEFAULTS);
  }

  /** A store with the given settings. */
  public TrackStore(TrackSettings settings) {
    this.settings = settings;
  }

  /**
   * Adds one fix.
   *
   * @throws IllegalArgumentException when its latitude/longitude is not finite or out of range, or
   *     its time is outside 1952-2088
   */
  public void add(Fix f) {
    if (!Fixes.validPosition(f.lat(), f.lon())) {
      throw new IllegalArgumentException("fix of " + f.mmsi() + " has no valid position: "
          + f.lat() + ", " + f.lon());
    }
    long s = Math.floorDiv(f.time(), 1000L) - EPOCH_S;
    if (s < Integer.MIN_VALUE || s > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("fix time out of range (1952-2088): " + f.time());
    }
    Track t = tracks.get(f.mmsi());
    if (t == null) {
      synchronized (newVessel) {
        t = tracks.get(f.mmsi());
        if (t == null) {
          if (tracks.size() >= settings.maxVessels()) {
            droppedVessels.increment();
            return;
          }
          t = new Track();
          tracks.put(f.mmsi(), t);
        }
      }
    }
    synchronized (t) {
      insert(t, (int) s, f);
    }
  }

  private void insert(Track t, int s, Fix f) {
    int la = (int) Math.round(f.lat() * SCALE);
    int lo = (int) Math.round(f.lon() * SCALE);
    int n = t.size;
    int[] d = t.data;
    int pos;
    if (n == 0 || s >= d[(n - 1) * STRIDE]) {
      pos = n;
    } else {
      pos = upperBound(t, s);
    }
    for (int i = pos - 1; i >= 0 && d[i * STRIDE] == s; i--) {
      if (d[i * STRIDE + 1] == la && d[i * STRIDE + 2] == lo) {
        duplicates.increment();
        return;
      }
    }
    if (pos < n) {
      outOfOrder.increment();
    }
    if (n == settings.maxFixesPerVessel()) {
      int drop = Math.max(1, n / 4);
      t.remove(0, drop);
      evicted.add(drop);
      n = t.size;
      if (pos < drop) {
        evicted.increment();
        return;
      }
      pos -= drop;
    }
    t.ensure(n + 1, settings.maxFixesPerVessel());
    d = t.data;
    if (pos < n) {
      System.arraycopy(d, pos * STRIDE, d, (pos + 1) * STRIDE, (n - pos) * STRIDE);
    }
    int o = pos * STRIDE;
    d[o] = s;
    d[o + 1] = la;
    d[o + 2] = lo;
    d[o + 3] = (tenths(f.speed()) << 16) | (tenths(f.course()) & 0xFFFF);
    int heading = f.heading() >= 0 && f.heading() <= 511 ? f.heading() : 511;
    int status = f.navStatus() >= 0 && f.navStatus() <= 15 ? f.navStatus() : 15;
    d[o + 4] = heading | (status << 16);
    t.size = n + 1;
    if (pos == n) {
      t.noteAppend(pos, la, lo);
    } else {
      t.boxesValid = false;
    }
  }

  /** Tenths as a 16-bit value, -1 when not available. */
  private static int tenths(double v) {
    if (Double.isNaN(v) || v < 0) {
      return -1;
    }
    return (int) Math.min(Short.MAX_VALUE, Math.round(v * 10));
  }

  /** The fixes of {@code mmsi} with from &lt;= time &lt;= to (epoch ms), oldest first. */
  public List<Fix> track(int mmsi, long from, long to) {
    Track t = tracks.get(mmsi);
    if (t == null || from > to) {
      return List.of();
    }
    int lo = clampSeconds(Math.ceilDiv(from, 1000L) - EPOCH_S);
    int hi = clampSeconds(Math.floorDiv(to, 1000L) - EPOCH_S);
    synchronized (t) {
      int a = lowerBound(t, lo);
      int b = upperBound(t, hi);
      List<Fix> out = new ArrayList<>(Math.max(0, b - a));
      for (int i = a; i < b; i++) {
        out.add(fix(mmsi, t, i));
      }
      return out;
    }
  }

  /** The newest fix of {@code mmsi}, or null. */
  public @Nullable Fix latest(int mmsi) {
    Track t = tracks.get(mmsi);
    if (t == null) {
      return null;
    }
    synchronized (t) {
      return t.size == 0 ? null : fix(mmsi, t, t.size - 1);
    }
  }

  /**
   * Where {@code mmsi} was at {@code time} (epoch ms). A fix at exactly that time is returned as
   * is. Otherwise, when fixes exist before and after it and they are at most
   * {@link TrackSettings#interpolationGap} apart, a fix interpolated linearly between them
   * (latitude, longitude across the antimeridian, and speed; course, heading and status from the
   * nearer one) with time = {@code time}. Otherwise the newest fix before {@code time} when it is
   * at most {@link TrackSettings#nearestWithin} older; otherwise null (nothing known then: a fix
   * after the time alone is not used).
   */
  public @Nullable Fix at(int mmsi, long time) {
    Track t = tracks.get(mmsi);
    if (t == null) {
      return null;
    }
    int s = clampSeconds(Math.floorDiv(time, 1000L) - EPOCH_S);
    synchronized (t) {
      int i = upperBound(t, s) - 1;
      if (i < 0) {
        return null;
      }
      long ti = ms(t.time(i));
      if (ti == time) {
        return fix(mmsi, t, i);
      }
      if (i + 1 < t.size) {
        long tj = ms(t.time(i + 1));
        if (tj - ti <= settings.interpolationGap().toMillis()) {
          return interpolate(mmsi, t, i, time, ti, tj);
        }
      }
      if (time - ti <= settings.nearestWithin().toMillis()) {
        return fix(mmsi, t, i);
      }
      return null;
    }
  }

  private Fix interpolate(int mmsi, Track t, int i, long time, long ti, long tj) {
    int[] d = t.data;
    int a = i * STRIDE;
    int b = a + STRIDE;
    double f = tj == ti ? 0 : (double) (time - ti) / (tj - ti);
    double lat = (d[a + 1] + f * ((double) d[b + 1] - d[a + 1])) / SCALE;
    double dLon = ((double) d[b + 2] - d[a + 2]) / SCALE;
    if (dLon > 180) {
      dLon -= 360;
    } else if (dLon < -180) {
      dLon += 360;
    }
    double lon = d[a + 2] / SCALE + f * dLon;
    if (lon > 180) {
      lon -= 360;
    } else if (lon < -180) {
      lon += 360;
    }
    int sa = d[a + 3] >> 16;
    int sb = d[b + 3] >> 16;
    double speed;
    if (sa >= 0 && sb >= 0) {
      speed = (sa + f * (sb - sa)) / 10.0;
    } else {
      speed = unTenths(f < 0.5 ? sa : sb);
    }
    int n = f < 0.5 ? a : b;
    return new Fix(mmsi, time, lat, lon, speed, unTenths((short) d[n + 3]), d[n + 4] & 0xFFFF,
        d[n + 4] >>> 16);
  }

  /**
   * The MMSIs of vessels with at least one fix in the box (edges included) between from and to
   * (epoch ms, inclusive), ascending. A box with minLon &gt; maxLon crosses the antimeridian.
   *
   * @throws IllegalArgumentException when a coordinate is out of range or minLat &gt; maxLat
   */
  public List<Integer> vesselsIn(double minLat, double minLon, double maxLat, double maxLon,
      long from, long to) {
    if (!(minLat >= -90 && maxLat <= 90 && minLat <= maxLat)
        || !(minLon >= -180 && minLon <= 180 && maxLon >= -180 && maxLon <= 180)) {
      throw new IllegalArgumentException("bad box: lat " + minLat + ".." + maxLat + ", lon "
          + minLon + ".." + maxLon);
    }
    int la0 = (int) Math.round(minLat * SCALE);
    int la1 = (int) Math.round(maxLat * SCALE);
    int lo0 = (int) Math.round(minLon * SCALE);
    int lo1 = (int) Math.round(maxLon * SCALE);
    boolean wraps = minLon > maxLon;
    return scan(from, to,
        (bLa0, bLa1, bLo0, bLo1) -> bLa1 >= la0 && bLa0 <= la1
            && (wraps ? bLo1 >= lo0 || bLo0 <= lo1 : bLo1 >= lo0 && bLo0 <= lo1),
        (la, lo) -> la >= la0 && la <= la1
            && (wraps ? lo >= lo0 || lo <= lo1 : lo >= lo0 && lo <= lo1));
  }

  /**
   * The MMSIs of vessels with at least one fix inside or on the boundary of {@code area}
   * (a polygonal JTS geometry in longitude/latitude, x = longitude) between from and to (epoch ms,
   * inclusive), ascending.
   *
   * @throws IllegalArgumentException when the geometry is not polygonal
   */
  public List<Integer> vesselsIn(Geometry area, long from, long to) {
    if (!(area instanceof Polygonal)) {
      throw new IllegalArgumentException("area must be a Polygon or MultiPolygon, was "
          + area.getGeometryType());
    }
    Envelope e = area.getEnvelopeInternal();
    if (e.isNull()) {
      return List.of();
    }
    IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(area);
    int la0 = (int) Math.floor(e.getMinY() * SCALE);
    int la1 = (int) Math.ceil(e.getMaxY() * SCALE);
    int lo0 = (int) Math.floor(e.getMinX() * SCALE);
    int lo1 = (int) Math.ceil(e.getMaxX() * SCALE);
    Coordinate c = new Coordinate();
    return scan(from, to,
        (bLa0, bLa1, bLo0, bLo1) -> bLa1 >= la0 && bLa0 <= la1 && bLo1 >= lo0 && bLo0 <= lo1,
        (la, lo) -> {
      if (la < la0 || la > la1 || lo < lo0 || lo > lo1) {
        return false;
      }
      c.x = lo / SCALE;
      c.y = la / SCALE;
      return locator.locate(c) != Location.EXTERIOR;
    });
  }

  /** A test on a stored position (int 1e-7 degrees). */
  @FunctionalInterface
  private interface PointTest {
    boolean test(int lat, int lon);
  }

  /** Whether a block's bounding box (int 1e-7 degrees) may hold a position that passes. */
  @FunctionalInterface
  private interface BoxTest {
    boolean mayHit(int minLat, int maxLat, int minLon, int maxLon);
  }

  /**
   * Vessels with a fix in [from, to] passing {@code inside}. Each track keeps the bounding box of
   * every block of {@link Track#BLOCK} fixes, so blocks that cannot hit are skipped whole: a long
   * time window over tracks far from the area costs one box test per block, not per fix.
   */
  private List<Integer> scan(long from, long to, BoxTest box, PointTest inside) {
    if (from > to) {
      return List.of();
    }
    int lo = clampSeconds(Math.ceilDiv(from, 1000L) - EPOCH_S);
    int hi = clampSeconds(Math.floorDiv(to, 1000L) - EPOCH_S);
    List<Integer> out = new ArrayList<>();
    for (Map.Entry<Integer, Track> e : tracks.entrySet()) {
      Track t = e.getValue();
      synchronized (t) {
        if (hit(t, lowerBound(t, lo), upperBound(t, hi), box, inside)) {
          out.add(e.getKey());
        }
      }
    }
    out.sort(null);
    return out;
  }

  private static boolean hit(Track t, int a, int b, BoxTest box, PointTest inside) {
    if (a >= b) {
      return false;
    }
    if (!t.boxesValid) {
      t.rebuildBoxes();
    }
    int[] d = t.data;
    int[] boxes = t.boxes;
    int i = a;
    while (i < b) {
      int block = i >> Track.BLOCK_SHIFT;
      int end = Math.min(b, (block + 1) << Track.BLOCK_SHIFT);
      int o = block * 4;
      if (box.mayHit(boxes[o], boxes[o + 1], boxes[o + 2], boxes[o + 3])) {
        for (int j = i; j < end; j++) {
          if (inside.test(d[j * STRIDE + 1], d[j * STRIDE + 2])) {
            return true;
          }
        }
      }
      i = end;
    }
    return false;
  }

  /**
   * Thins fixes older than {@code now - fullRate} (epoch ms) to the first fix of each
   * {@link TrackSettings#downsampleInterval}; newer fixes stay untouched. Arrays that end up less
   * than half full are shrunk.
   */
  public void compact(long now) {
    long cutoffMs = now - settings.fullRate().toMillis();
    int cutoff = clampSeconds(Math.ceilDiv(cutoffMs, 1000L) - EPOCH_S);
    long interval = settings.downsampleInterval().toSeconds();
    for (Track t : tracks.values()) {
      synchronized (t) {
        int k = lowerBound(t, cutoff);
        if (k == 0) {
          continue;
        }
        int w = 0;
        long lastBucket = Long.MIN_VALUE;
        for (int r = 0; r < k; r++) {
          long bucket = Math.floorDiv((long) t.time(r), interval);
          if (bucket != lastBucket) {
            lastBucket = bucket;
            t.copy(r, w++);
          }
        }
        int removed = k - w;
        if (removed > 0) {
          t.remove(w, removed);
        }
        t.shrink();
      }
    }
  }

  /** An estimate of the heap this store uses, in bytes (arrays by capacity plus fixed costs). */
  public long memoryBytes() {
    long bytes = 64;
    for (Track t : tracks.values()) {
      synchronized (t) {
        bytes += BYTES_PER_TRACK + (long) t.data.length * 4 + (long) t.boxes.length * 4;
      }
    }
    return bytes;
  }

  /** The number of fixes stored. */
  public long fixCount() {
    long n = 0;
    for (Track t : tracks.values()) {
      synchronized (t) {
        n += t.size;
      }
    }
    return n;
  }

  /** The number of vessels with a track. */
  public int vesselCount() {
    return tracks.size();
  }

  /** Fixes dropped because they came from a new MMSI while the store held the most vessels. */
  public long droppedVessels() {
    return droppedVessels.sum();
  }

  /** Fixes dropped as duplicates (same vessel, second and position). */
  public long duplicates() {
    return duplicates.sum();
  }

  /** Fixes that arrived older than their vessel's newest and were inserted in order. */
  public long outOfOrder() {
    return outOfOrder.sum();
  }

  /** Fixes evicted because their vessel's track was full. */
  public long evicted() {
    return evicted.sum();
  }

  /** The settings in use. */
  public TrackSettings settings() {
    return settings;
  }

  private static Fix fix(int mmsi, Track t, int i) {
    int[] d = t.data;
    int o = i * STRIDE;
    return new Fix(mmsi, ms(d[o]), d[o + 1] / SCALE, d[o + 2] / SCALE, unTenths(d[o + 3] >> 16),
        unTenths((short) d[o + 3]), d[o + 4] & 0xFFFF, d[o + 4] >>> 16);
  }

  private static double unTenths(int v) {
    return v < 0 ? Double.NaN : v / 10.0;
  }

  private static long ms(int s) {
    return (EPOCH_S + s) * 1000L;
  }

  private static int clampSeconds(long s) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, s));
  }

  /** First index with t &gt;= s. */
  private static int lowerBound(Track t, int s) {
    int lo = 0;
    int hi = t.size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (t.data[mid * STRIDE] < s) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** First index with t &gt; s. */
  private static int upperBound(Track t, int s) {
    int lo = 0;
    int hi = t.size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (t.data[mid * STRIDE] <= s) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** One vessel's fixes, {@link #STRIDE} ints each, sorted by time; guarded by its monitor. */
  private static final class Track {
    private static final int INITIAL = 8;
    static final int BLOCK_SHIFT = 8;
    static final int BLOCK = 1 << BLOCK_SHIFT;
    int size;
    int[] data = new int[INITIAL * STRIDE];
    /** Per block of {@link #BLOCK} fixes: min lat, max lat, min lon, max lon. */
    int[] boxes = new int[4];
    /** False after a change other than an append; the next area query rebuilds the boxes. */
    boolean boxesValid = true;

    void noteAppend(int i, int la, int lo) {
      if (!boxesValid) {
        return;
      }
      int o = (i >> BLOCK_SHIFT) * 4;
      if (o + 4 > boxes.length) {
        boxes = Arrays.copyOf(boxes, Math.max(o + 4, boxes.length * 2));
      }
      if ((i & (BLOCK - 1)) == 0) {
        boxes[o] = la;
        boxes[o + 1] = la;
        boxes[o + 2] = lo;
        boxes[o + 3] = lo;
      } else {
        boxes[o] = Math.min(boxes[o], la);
        boxes[o + 1] = Math.max(boxes[o + 1], la);
        boxes[o + 2] = Math.min(boxes[o + 2], lo);
        boxes[o + 3] = Math.max(boxes[o + 3], lo);
      }
    }

    void rebuildBoxes() {
      int blocks = (size + BLOCK - 1) >> BLOCK_SHIFT;
      boxes = new int[Math.max(4, blocks * 4)];
      boxesValid = true;
      for (int i = 0; i < size; i++) {
        noteAppend(i, data[i * STRIDE + 1], data[i * STRIDE + 2]);
      }
    }

    int time(int i) {
      return data[i * STRIDE];
    }

    int capacity() {
      return data.length / STRIDE;
    }

    void ensure(int needed, int max) {
      int cap = capacity();
      if (needed <= cap) {
        return;
      }
      data = Arrays.copyOf(data, Math.min(max, Math.max(needed, cap + (cap >> 1))) * STRIDE);
    }

    void shrink() {
      int cap = capacity();
      if (size < cap / 2 && cap > INITIAL) {
        data = Arrays.copyOf(data, Math.max(INITIAL, size + (size >> 3)) * STRIDE);
      }
    }

    /** Removes {@code count} fixes starting at {@code from}. */
    void remove(int from, int count) {
      int tail = size - from - count;
      System.arraycopy(data, (from + count) * STRIDE, data, from * STRIDE, tail * STRIDE);
      size -= count;
      boxesValid = false;
    }

    void copy(int from, int to) {
      if (from != to) {
        System.arraycopy(data, from * STRIDE, data, to * STRIDE, STRIDE);
        boxesValid = false;
      }
    }
  }
}
