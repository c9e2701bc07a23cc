package org.kuroshio.maritime.detect;

import static org.kuroshio.maritime.detect.GapDetector.fmt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.kuroshio.maritime.geo.Geo;
import org.kuroshio.maritime.vessel.Fix;

/**
 * Encounters, after Global Fishing Watch: two vessels within 500 m of each other for at least 2 h
 * with a median speed below 2 kn, away from anchorages. At each sample of a slow vessel, its
 * neighbours within 500 m (from the spatial grid, heard within the stale limit, not in an
 * anchorage, themselves slow) open a pair; the pair is followed at each sample of either vessel
 * until they separate (more than 500 m apart), one enters an anchorage or falls silent, or the
 * stream finishes. The pair is then reported if it lasted long enough and the median of both
 * vessels' sampled speeds is below the limit.
 *
 * <p>GFW requires 10 km from a coastal anchorage; with {@link org.kuroshio.maritime.geo.Zones} we
 * only know whether a point lies in an anchorage area, so the anchorage polygons should carry
 * whatever margin a deployment wants.
 */
final class EncounterDetector {
  private static final int MAX_SPEEDS = 512;

  private final DetectorSettings.Encounter s;
  private final DetectorSettings.Limits limits;
  private final SpatialGrid grid;
  private final Consumer<MaritimeEvent> sink;

  /** Two vessels being followed. */
  static final class Pair {
    final VesselState a;
    final VesselState b;
    final long start;
    long lastClose;
    double minDistanceM;
    float[] speeds = new float[16];
    int nSpeeds;
    final Evidence evidence;

    Pair(VesselState a, VesselState b, long start, double dist, int maxEvidence) {
      this.a = a.mmsi < b.mmsi ? a : b;
      this.b = a.mmsi < b.mmsi ? b : a;
      this.start = start;
      this.lastClose = start;
      this.minDistanceM = dist;
      this.evidence = new Evidence(maxEvidence);
    }

    VesselState other(VesselState v) {
      return v == a ? b : a;
    }

    void addSpeed(double kn) {
      if (Double.isNaN(kn)) {
        return;
      }
      if (nSpeeds == speeds.length) {
        if (nSpeeds >= MAX_SPEEDS) {
          int w = 0;
          for (int r = 0; r < nSpeeds; r += 2) {
            speeds[w++] = speeds[r];
          }
          nSpeeds = w;
        } else {
          speeds = Arrays.copyOf(speeds, speeds.length * 2);
        }
      }
      speeds[nSpeeds++] = (float) kn;
    }

    double median() {
      if (nSpeeds == 0) {
        return Double.NaN;
      }
      float[] c = Arrays.copyOf(speeds, nSpeeds);
      Arrays.sort(c);
      return nSpeeds % 2 == 1 ? c[nSpeeds / 2] : (c[nSpeeds / 2 - 1] + c[nSpeeds / 2]) / 2.0;
    }
  }

  EncounterDetector(DetectorSettings.Encounter s, DetectorSettings.Limits limits,
      SpatialGrid grid, Consumer<MaritimeEvent> sink) {
    this.s = s;
    this.limits = limits;
    this.grid = grid;
    this.sink = sink;
  }

  /** Called after a sample of {@code f} (already {@code v.last}) with speed {@code kn}. */
  void onSample(VesselState v, Fix f, double kn) {
    ArrayList<Pair> pairs = v.pairs;
    if (pairs != null) {
      for (int i = pairs.size() - 1; i >= 0; i--) {
        Pair p = pairs.get(i);
        VesselState o = p.other(v);
        double d = Geo.distanceM(f.lat(), f.lon(), o.last.lat(), o.last.lon());
        if (d > s.maxDistanceM() || v.anchorage || o.anchorage
            || o.last.time() < f.time() - limits.staleMs()) {
          close(p);
        } else {
          p.lastClose = f.time();
          p.minDistanceM = Math.min(p.minDistanceM, d);
          p.addSpeed(kn);
          p.evidence.add(f);
        }
      }
    }
    if (v.anchorage || kn >= s.candidateSpeedKn()) {
      return;
    }
    ArrayList<VesselState> near =
        grid.near(f.lat(), f.lon(), s.maxDistanceM(), f.time() - limits.staleMs(), v.mmsi);
    for (int i = 0; i < near.size(); i++) {
      VesselState o = near.get(i);
      if (o.anchorage || (o.last.hasSpeed() && o.last.speed() >= s.candidateSpeedKn())
          || paired(v, o)) {
        continue;
      }
      double d = Geo.distanceM(f.lat(), f.lon(), o.last.lat(), o.last.lon());
      Pair p = new Pair(v, o, f.time(), d, limits.maxEvidence());
      p.evidence.add(o.last);
      p.evidence.add(f);
      p.addSpeed(kn);
      p.addSpeed(o.last.hasSpeed() ? o.last.speed() : Double.NaN);
      add(v, p);
      add(o, p);
    }
  }

  private static boolean paired(VesselState v, VesselState o) {
    ArrayList<Pair> pairs = v.pairs;
    if (pairs == null) {
      return false;
    }
    for (int i = 0; i < pairs.size(); i++) {
      if (pairs.get(i).other(v) == o) {
        return true;
      }
    }
    return false;
  }

  private static void add(VesselState v, Pair p) {
    ArrayList<Pair> pairs = v.pairs;
    if (pairs == null) {
      pairs = new ArrayList<>(2);
      v.pairs = pairs;
    }
    pairs.add(p);
  }

  /** Closes every pair of {@code v}. */
  void closeAll(VesselState v) {
    ArrayList<Pair> pairs = v.pairs;
    while (pairs != null && !pairs.isEmpty()) {
      close(pairs.get(pairs.size() - 1));
    }
  }

  /** Closes pairs of {@code v} whose partner or itself has been silent past the stale limit. */
  void closeStale(VesselState v, long now) {
    ArrayList<Pair> pairs = v.pairs;
    if (pairs == null) {
      return;
    }
    for (int i = pairs.size() - 1; i >= 0; i--) {
      Pair p = pairs.get(i);
      long cutoff = now - limits.staleMs();
      if (p.a.last.time() < cutoff || p.b.last.time() < cutoff) {
        close(p);
      }
    }
  }

  private void close(Pair p) {
    if (p.a.pairs != null) {
      p.a.pairs.remove(p);
    }
    if (p.b.pairs != null) {
      p.b.pairs.remove(p);
    }
    long dur = p.lastClose - p.start;
    double median = p.median();
    if (dur < s.minMs() || !(median < s.maxMedianSpeedKn())) {
      return;
    }
    List<Fix> ev = p.evidence.toList();
    Fix mid = ev.get(ev.size() / 2);
    Map<String, String> d = new LinkedHashMap<>();
    d.put("durationH", fmt(dur / 3_600_000.0, 2));
    d.put("medianSpeedKn", fmt(median, 2));
    d.put("minDistanceM", fmt(p.minDistanceM, 0));
    d.put("maxDistanceThresholdM", fmt(s.maxDistanceM(), 0));
    d.put("minDurationH", fmt(s.minMs() / 3_600_000.0, 2));
    d.put("maxMedianSpeedKn", fmt(s.maxMedianSpeedKn(), 2));
    String summary = "MMSI " + p.a.mmsi + " and MMSI " + p.b.mmsi + " stayed within "
        + fmt(s.maxDistanceM(), 0) + " m of each other for " + fmt(dur / 3_600_000.0, 2)
        + " h (threshold " + fmt(s.minMs() / 3_600_000.0, 1) + " h) at a median speed of "
        + fmt(median, 2) + " kn (below " + fmt(s.maxMedianSpeedKn(), 1) + " kn)";
    sink.accept(new MaritimeEvent(EventKind.ENCOUNTER, p.a.mmsi, p.b.mmsi, p.start, p.lastClose,
        mid.lat(), mid.lon(), 1.0, summary, ev, d));
  }
}
