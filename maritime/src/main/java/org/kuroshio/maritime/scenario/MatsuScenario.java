package org.kuroshio.maritime.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.kuroshio.maritime.geo.Geo;

/**
 * The demo's story, written as AIS traffic: at night off Matsu a freighter slows from 11 to 3
 * knots over a cable, zigzags along and across its route, drags at anchor, switches AIS off, and
 * 50 minutes later the same hull transmits again 1.5 km away under a second identity, while ships
 * transit the strait and fishing boats work the banks. The cable route is given (the real route
 * when the data is available), so the story is laid over its geometry. Deterministic for a seed.
 */
public final class MatsuScenario {
  /** The freighter's first identity (Togo flag, MID 671). */
  public static final ScenarioVessel FREIGHTER = new ScenarioVessel(671234500, 9344715,
      "EASTERN GRACE", "5VEG7", 70, 138, 21, "FUZHOU");
  /** The identity the same hull uses after the dark period (Cameroon flag, MID 613). */
  public static final ScenarioVessel SECOND_IDENTITY = new ScenarioVessel(613456700, 0,
      "SEA LUCKY 9", "TJSL9", 70, 138, 21, "NINGDE");
  /** Where the story is centred: the sea south-east of Nangan, Matsu. */
  public static final double MATSU_LAT = 26.05;
  /** Longitude of the centre. */
  public static final double MATSU_LON = 120.02;

  private MatsuScenario() {}

  /**
   * Writes the scenario.
   *
   * @param route the cable route as {lon, lat} points (GeoJSON order)
   * @param startEpochSeconds when the traffic starts (the freighter reaches the cable about 2 h
   *     later); choose 12:00 UTC for a night over the cable in local time (UTC+8)
   * @param seed the random seed of the background traffic
   */
  public static Result write(List<double[]> route, long startEpochSeconds, long seed) {
    if (route.size() < 2) {
      throw new IllegalArgumentException("a cable route needs at least two points");
    }
    double[] crossing = nearestOnRoute(route, MATSU_LAT, MATSU_LON);
    double routeBearing = crossing[2];
    List<TrackWriter.TimedLine> lines = new ArrayList<>();

    // The freighter: approach from the north-west at 11 kn.
    double approach = (routeBearing + 90) % 360;
    double run = Geo.knotsToMps(11.0) * 6_300 + Geo.knotsToMps(7.0) * 600
        + Geo.knotsToMps(3.0) * 900;
    double[] start = Geo.destination(crossing[0], crossing[1], (approach + 180) % 360, run);
    TrackWriter f = new TrackWriter(FREIGHTER, start[0], start[1], startEpochSeconds, lines);
    f.sail(approach, 11.0, 6_300, 10, 0); // 35.6 km
    f.sail(approach, 7.0, 600, 10, 0); // slows
    f.sail(approach, 3.0, 900, 10, 0); // sudden drop to 3 kn, reaching the route
    // zigzag along the route, each diagonal leg crossing it (about 500 m each side): the course
    // swings 90 degrees left and right every 14 minutes
    f.sail((routeBearing + 45) % 360, 3.2, 420, 10, 0);
    for (int leg = 0; leg < 8; leg++) {
      double diagonal = leg % 2 == 0 ? (routeBearing + 315) % 360 : (routeBearing + 45) % 360;
      f.sail(diagonal, 3.2, 840, 10, 0);
    }
    f.sail(routeBearing, 1.6, 2_400, 10, 1); // "at anchor" yet moving: dragging an anchor
    double[] lastSeen = f.position();
    long darkAt = f.time();
    f.off().sail(routeBearing, 1.0, 3_000, 10, 0); // 50 minutes dark
    double[] back = Geo.destination(lastSeen[0], lastSeen[1], (routeBearing + 45) % 360, 1_500);
    TrackWriter second = new TrackWriter(SECOND_IDENTITY, back[0], back[1], f.time(), lines);
    second.sail((approach + 30) % 360, 9.0, 3_600, 10, 0);
    long reappearedAt = f.time();

    // Background: ships transiting along the strait through the corridor, fishing boats.
    Random rnd = new Random(seed);
    List<Integer> background = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ScenarioVessel v = new ScenarioVessel(416_100_000 + i * 37, 9_400_000 + i * 11,
          "STRAIT TRADER " + (i + 1), "BR" + (3100 + i), i % 3 == 0 ? 80 : 70, 90 + i * 10, 16,
          i % 2 == 0 ? "KEELUNG" : "SHANGHAI");
      double course = i % 2 == 0 ? 30 + rnd.nextDouble() * 10 : 210 + rnd.nextDouble() * 10;
      double[] p = Geo.destination(crossing[0], crossing[1], (course + 180) % 360,
          20_000 + rnd.nextDouble() * 8_000);
      p = Geo.destination(p[0], p[1], (course + 90) % 360, (rnd.nextDouble() - 0.5) * 6_000);
      long t0 = startEpochSeconds + rnd.nextInt(3 * 3600);
      new TrackWriter(v, p[0], p[1], t0, lines).sail(course, 10 + rnd.nextDouble() * 5,
          4 * 3600, 10, 0);
      background.add(v.mmsi());
    }
    for (int i = 0; i < 3; i++) {
      ScenarioVessel v = new ScenarioVessel(412_600_000 + i * 101, 0, "MIN LIAN YU " + (801 + i),
          "BZ" + (700 + i), 30, 35, 7, "");
      double[] p = Geo.destination(MATSU_LAT, MATSU_LON, 300 + i * 20, 14_000 + i * 2_000);
      TrackWriter w = new TrackWriter(v, p[0], p[1], startEpochSeconds, lines);
      for (int leg = 0; leg < 12; leg++) {
        w.sail(rnd.nextDouble() * 360, 0.8 + rnd.nextDouble() * 0.8, 1_200, 30, 7);
      }
      background.add(v.mmsi());
    }
    return new Result(TrackWriter.merge(lines), crossing[0], crossing[1], lastSeen[0],
        lastSeen[1], darkAt, reappearedAt, List.copyOf(background));
  }

  /**
   * The point of the route nearest a position: {lat, lon, bearing of that segment}. Works on a
   * local flat projection, which is exact enough over the few kilometres that matter here.
   */
  static double[] nearestOnRoute(List<double[]> route, double lat, double lon) {
    double k = Math.cos(Math.toRadians(lat));
    double best = Double.MAX_VALUE;
    double[] out = null;
    for (int i = 0; i + 1 < route.size(); i++) {
      double ax = route.get(i)[0] * k;
      double ay = route.get(i)[1];
      double bx = route.get(i + 1)[0] * k;
      double by = route.get(i + 1)[1];
      double px = lon * k;
      double dx = bx - ax;
      double dy = by - ay;
      double len2 = dx * dx + dy * dy;
      double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (lat - ay) * dy) / len2));
      double qx = ax + t * dx;
      double qy = ay + t * dy;
      double d = (px - qx) * (px - qx) + (lat - qy) * (lat - qy);
      if (d < best) {
        best = d;
        double bearing = Geo.bearingDeg(route.get(i)[1], route.get(i)[0], route.get(i + 1)[1],
            route.get(i + 1)[0]);
        out = new double[] {qy, qx / k, bearing};
      }
    }
    return out;
  }

  /**
   * What the scenario wrote, and the facts a test or the demo can check against.
   *
   * @param lines NMEA lines with tag block times, in time order
   * @param crossingLat where the freighter crosses the cable
   * @param crossingLon longitude of the crossing
   * @param darkLat where the freighter's first identity was last seen
   * @param darkLon longitude of that position
   * @param darkAt when it went dark, epoch seconds
   * @param reappearedAt when the second identity first transmitted, epoch seconds
   * @param backgroundMmsis the ordinary vessels around it
   */
  public record Result(
      List<String> lines, double crossingLat, double crossingLon, double darkLat, double darkLon,
      long darkAt, long reappearedAt, List<Integer> backgroundMmsis) {}
}
