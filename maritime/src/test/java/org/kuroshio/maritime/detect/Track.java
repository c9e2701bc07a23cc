package org.kuroshio.maritime.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.kuroshio.maritime.geo.Geo;
import org.kuroshio.maritime.vessel.Fix;

/** Builds a hand-made vessel track: legs at a course and speed, stops, silences. */
final class Track {
  /** 2025-01-01T00:00:00Z. */
  static final long T0 = 1_735_689_600_000L;
  static final long MIN = 60_000L;
  static final long HOUR = 60 * MIN;

  private final int mmsi;
  private double lat;
  private double lon;
  private long time;
  private long intervalMs = 30_000L;
  private int status = 0;
  private int headingOffset = 0;
  private boolean headingKnown = true;
  private final List<Fix> fixes = new ArrayList<>();

  private Track(int mmsi, double lat, double lon, long time) {
    this.mmsi = mmsi;
    this.lat = lat;
    this.lon = lon;
    this.time = time;
  }

  static Track at(int mmsi, double lat, double lon) {
    return new Track(mmsi, lat, lon, T0);
  }

  /** Starts {@code northM} metres north and {@code eastM} east of the point. */
  static Track near(int mmsi, double lat, double lon, double northM, double eastM) {
    double[] p = Geo.destination(lat, lon, 0.0, northM);
    double[] q = Geo.destination(p[0], p[1], 90.0, eastM);
    return new Track(mmsi, q[0], q[1], T0);
  }

  Track startingAt(long t) {
    time = t;
    return this;
  }

  Track every(long ms) {
    intervalMs = ms;
    return this;
  }

  Track status(int navStatus) {
    status = navStatus;
    return this;
  }

  /** Reported heading = course + offset (an anchor drag has the bow away from the course). */
  Track headingOffset(int deg) {
    headingOffset = deg;
    return this;
  }

  Track noHeading() {
    headingKnown = false;
    return this;
  }

  /** Reports now, then every interval while sailing {@code minutes} at the course and speed. */
  Track sail(double courseDeg, double knots, double minutes) {
    long end = time + Math.round(minutes * MIN);
    report(courseDeg, knots);
    while (time + intervalMs <= end) {
      double step = Geo.knotsToMps(knots) * intervalMs / 1000.0;
      double[] p = Geo.destination(lat, lon, courseDeg, step);
      lat = p[0];
      lon = p[1];
      time += intervalMs;
      report(courseDeg, knots);
    }
    return this;
  }

  /** Moves the vessel without reporting (AIS off) for {@code ms}, drifting nowhere. */
  Track silent(long ms) {
    time += ms;
    return this;
  }

  /** Moves by metres without time passing (for placing a report). */
  Track jump(double northM, double eastM) {
    double[] p = Geo.destination(lat, lon, 0.0, northM);
    double[] q = Geo.destination(p[0], p[1], 90.0, eastM);
    lat = q[0];
    lon = q[1];
    return this;
  }

  /** One report at the current place and time, then time moves one interval. */
  Track ping(double courseDeg, double knots) {
    report(courseDeg, knots);
    time += intervalMs;
    return this;
  }

  private void report(double courseDeg, double knots) {
    Fix last = fixes.isEmpty() ? null : fixes.get(fixes.size() - 1);
    if (last != null && last.time() == time) {
      fixes.remove(fixes.size() - 1);
    }
    int heading = headingKnown ? (int) Math.round(((courseDeg + headingOffset) % 360 + 360) % 360)
        : Fix.NO_HEADING;
    fixes.add(new Fix(mmsi, time, lat, lon, knots, courseDeg % 360, heading, status));
  }

  long time() {
    return time;
  }

  double lat() {
    return lat;
  }

  double lon() {
    return lon;
  }

  List<Fix> fixes() {
    return fixes;
  }

  /** All tracks' reports in time order. */
  static List<Fix> merge(Track... tracks) {
    List<Fix> all = new ArrayList<>();
    for (Track t : tracks) {
      all.addAll(t.fixes);
    }
    all.sort(Comparator.comparingLong(Fix::time));
    return all;
  }
}
