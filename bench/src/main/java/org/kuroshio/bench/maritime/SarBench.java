package org.kuroshio.bench.maritime;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.kuroshio.maritime.geo.Geo;
import org.kuroshio.maritime.sar.SarAssist;
import org.kuroshio.maritime.sar.SarCandidate;
import org.kuroshio.maritime.sar.SarSettings;
import org.kuroshio.maritime.vessel.Fix;
import org.kuroshio.maritime.vessel.TrackSettings;
import org.kuroshio.maritime.vessel.TrackStore;
import org.kuroshio.maritime.vessel.VesselRegistry;

/**
 * The search and rescue query over 100,000 vessels: the target is at most 10 ms.
 *
 * <p><b>Fleet.</b> {@link SarAssist} with default settings holds VESSELS vessels: 90 % spread
 * uniformly over the East and South China Seas around Taiwan (18-35°N, 115-130°E, about
 * 1,900 x 1,500 km: 90,000 is about the density of the busiest seas on a live AIS map), 10 % in a
 * dense cluster around 24.0°N 119.5°E in the Taiwan Strait (distance from its centre half-normal,
 * σ = 20 km: a fishing fleet sheltering, about 8,000 vessels within 25 km), speeds 0-20 kn,
 * positions up to 30 minutes old (all within the 1 h stale limit).
 * Each vessel is indexed by {@link SarAssist#update} with one fix.
 *
 * <p><b>Queries.</b> {@link SarAssist#nearNow(double, double, double, int, long)} at random
 * positions, one thread, each timed with {@code System.nanoTime()}: uniformly over the fleet's
 * area, and at the cluster (within 10 km of its centre); radius 50 km and 200 km; limit 100 (a
 * display's worth) and 10,000 (the settings' most: every vessel of the circle, up to 10,000).
 * QUERIES queries per case with limit 100, a fifth as many with limit 10,000, after a warm-up
 * pass of the same; median, p99 and max reported with the mean number of candidates returned.
 *
 * <p><b>At a past time.</b> Then {@link SarAssist#nearAt} with a {@link TrackStore} holding
 * the last hour of every vessel (a fix every 5 minutes, 13 per vessel), at the same kinds of
 * positions, 30 minutes back, limit 100, QUERIES / 25 queries per case.
 *
 * <pre>java -cp kuroshio-bench.jar org.kuroshio.bench.maritime.SarBench [VESSELS] [QUERIES]</pre>
 */
public final class SarBench {
  private static final long NOW = 1_795_000_000_000L;
  private static final double CLUSTER_LAT = 24.0;
  private static final double CLUSTER_LON = 119.5;
  private static final double CLUSTER_SIGMA_M = 20_000;

  private SarBench() {}

  /** Runs the benchmark; see the class comment for arguments. */
  public static void main(String[] args) {
    int vessels = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int queries = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    System.out.println("# sar: " + Stats.jvm());
    Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    SarAssist sar = new SarAssist(new VesselRegistry(), SarSettings.DEFAULTS, clock);
    SplittableRandom rnd = new SplittableRandom(11);
    double[][] fleet = new double[vessels][];
    long t0 = System.nanoTime();
    for (int i = 0; i < vessels; i++) {
      double lat;
      double lon;
      if (i % 10 < 9) {
        lat = 18 + rnd.nextDouble() * 17;
        lon = 115 + rnd.nextDouble() * 15;
      } else {
        double[] p = near(rnd, CLUSTER_LAT, CLUSTER_LON, CLUSTER_SIGMA_M);
        lat = p[0];
        lon = p[1];
      }
      double speed = rnd.nextDouble() * 20;
      double course = rnd.nextDouble() * 360;
      fleet[i] = new double[] {lat, lon, speed, course};
      sar.update(new Fix(200_000_000 + i, NOW - rnd.nextLong(30 * 60_000L), lat, lon, speed,
          course, (int) course, 0));
    }
    long t1 = System.nanoTime();
    System.out.printf(Locale.ROOT, "fleet: %,d vessels indexed (90 %% over 18-35N 115-130E, 10 %%"
        + " around %.1fN %.1fE, half-normal distance sigma 20 km) in %.0f ms (%.2f us per"
        + " update)%n", sar.size(), CLUSTER_LAT, CLUSTER_LON, (t1 - t0) / 1e6,
        (t1 - t0) / 1e3 / vessels);

    for (int pass = 0; pass < 2; pass++) {
      boolean print = pass == 1;
      for (boolean cluster : new boolean[] {false, true}) {
        for (double radius : new double[] {50_000, 200_000}) {
          for (int limit : new int[] {100, 10_000}) {
            nearNow(sar, rnd, cluster, radius, limit, limit > 100 ? queries / 5 : queries,
                print);
          }
        }
      }
    }

    TrackStore tracks = new TrackStore(TrackSettings.DEFAULTS);
    for (int i = 0; i < vessels; i++) {
      double[] v = fleet[i];
      double back = Geo.knotsToMps(v[2]) * 3600;
      double[] start = Geo.destination(v[0], v[1], v[3] + 180, back);
      for (int k = 0; k <= 12; k++) {
        double[] p = Geo.destination(start[0], start[1], v[3], back * k / 12);
        tracks.add(new Fix(200_000_000 + i, NOW - 3_600_000L + k * 300_000L, p[0], p[1], v[2],
            v[3], (int) v[3], 0));
      }
    }
    System.out.printf(Locale.ROOT, "tracks: %,d vessels, %,d fixes (the last hour, one every 5"
        + " minutes)%n", tracks.vesselCount(), tracks.fixCount());
    int atQueries = Math.max(20, queries / 25);
    for (int pass = 0; pass < 2; pass++) {
      for (boolean cluster : new boolean[] {false, true}) {
        for (double radius : new double[] {50_000, 200_000}) {
          nearAt(sar, tracks, rnd, cluster, radius, 100, atQueries, pass == 1);
        }
      }
    }
  }

  private static void nearNow(SarAssist sar, SplittableRandom rnd, boolean cluster,
      double radius, int limit, int queries, boolean print) {
    double[] ms = new double[queries];
    long found = 0;
    for (int q = 0; q < queries; q++) {
      double[] p = position(rnd, cluster);
      long t0 = System.nanoTime();
      List<SarCandidate> c = sar.nearNow(p[0], p[1], radius, limit, NOW);
      long t1 = System.nanoTime();
      ms[q] = (t1 - t0) / 1e6;
      found += c.size();
    }
    if (print) {
      report("nearNow", cluster, radius, limit, ms, found);
    }
  }

  private static void nearAt(SarAssist sar, TrackStore tracks, SplittableRandom rnd,
      boolean cluster, double radius, int limit, int queries, boolean print) {
    double[] ms = new double[queries];
    long found = 0;
    for (int q = 0; q < queries; q++) {
      double[] p = position(rnd, cluster);
      long t0 = System.nanoTime();
      List<SarCandidate> c = sar.nearAt(p[0], p[1], NOW - 1_800_000L, radius, limit, tracks);
      long t1 = System.nanoTime();
      ms[q] = (t1 - t0) / 1e6;
      found += c.size();
    }
    if (print) {
      report("nearAt(-30 min)", cluster, radius, limit, ms, found);
    }
  }

  private static void report(String what, boolean cluster, double radius, int limit,
      double[] ms, long found) {
    System.out.printf(Locale.ROOT, "%s %-7s radius=%3.0f km limit=%,6d: median %.3f ms, p99 %.3f"
        + " ms, max %.3f ms over %,d queries; %,.0f candidates per query%n", what,
        cluster ? "cluster" : "spread", radius / 1000, limit, Stats.median(ms),
        Stats.percentile(ms, 99), Stats.percentile(ms, 100), ms.length,
        (double) found / ms.length);
  }

  private static double[] position(SplittableRandom rnd, boolean cluster) {
    if (cluster) {
      return near(rnd, CLUSTER_LAT, CLUSTER_LON, 10_000);
    }
    return new double[] {18 + rnd.nextDouble() * 17, 115 + rnd.nextDouble() * 15};
  }

  /** A point at a half-normally distributed distance (sigma metres) in a random direction. */
  private static double[] near(SplittableRandom rnd, double lat, double lon, double sigma) {
    double d = Math.abs(gaussian(rnd)) * sigma;
    return Geo.destination(lat, lon, rnd.nextDouble() * 360, d);
  }

  private static double gaussian(SplittableRandom rnd) {
    double u = 1 - rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
