package org.kuroshio.maritime.detect;

import java.util.ArrayList;
import java.util.HashMap;
import org.kuroshio.maritime.geo.Geo;

/**
 * The current position of every recently heard vessel in cells of 0.01 degree (about 1.1 km of
 * latitude), so that only vessels near each other are compared. A query looks at the cells that
 * can hold a point within the radius, widening in longitude towards the poles.
 */
final class SpatialGrid {
  static final double CELL_DEG = 0.01;
  private static final double CELL_M = Math.toRadians(CELL_DEG) * Geo.EARTH_RADIUS_M;

  private final HashMap<Long, ArrayList<VesselState>> cells = new HashMap<>();
  private final ArrayList<VesselState> found = new ArrayList<>();

  static long key(double lat, double lon) {
    long row = (long) Math.floor((lat + 90.0) / CELL_DEG);
    long col = (long) Math.floor((lon + 180.0) / CELL_DEG);
    return (row << 20) | col;
  }

  /** Puts the vessel in the cell of its last position (moving it when the cell changed). */
  void update(VesselState v) {
    long k = key(v.last.lat(), v.last.lon());
    if (k == v.cell) {
      return;
    }
    remove(v);
    cells.computeIfAbsent(k, x -> new ArrayList<>(4)).add(v);
    v.cell = k;
  }

  void remove(VesselState v) {
    if (v.cell == VesselState.NO_CELL) {
      return;
    }
    ArrayList<VesselState> list = cells.get(v.cell);
    if (list != null) {
      list.remove(v);
      if (list.isEmpty()) {
        cells.remove(v.cell);
      }
    }
    v.cell = VesselState.NO_CELL;
  }

  /**
   * The vessels other than {@code self} whose last position is within {@code radiusM} of the
   * point and was reported at or after {@code since}. The returned list is reused by the next call.
   */
  ArrayList<VesselState> near(double lat, double lon, double radiusM, long since, int self) {
    found.clear();
    long row0 = (long) Math.floor((lat + 90.0) / CELL_DEG);
    long col0 = (long) Math.floor((lon + 180.0) / CELL_DEG);
    int dr = (int) Math.ceil(radiusM / CELL_M);
    double cos = Math.max(0.01, Math.cos(Math.toRadians(Math.min(89.0, Math.abs(lat) + dr
        * CELL_DEG))));
    int dc = (int) Math.ceil(radiusM / (CELL_M * cos));
    long cols = Math.round(360.0 / CELL_DEG);
    for (long r = row0 - dr; r <= row0 + dr; r++) {
      for (long c = col0 - dc; c <= col0 + dc; c++) {
        long cc = ((c % cols) + cols) % cols;
        ArrayList<VesselState> list = cells.get((r << 20) | cc);
        if (list == null) {
          continue;
        }
        for (int i = 0; i < list.size(); i++) {
          VesselState o = list.get(i);
          if (o.mmsi == self || o.last.time() < since) {
            continue;
          }
          if (Geo.distanceM(lat, lon, o.last.lat(), o.last.lon()) <= radiusM) {
            found.add(o);
          }
        }
      }
    }
    return found;
  }
}
