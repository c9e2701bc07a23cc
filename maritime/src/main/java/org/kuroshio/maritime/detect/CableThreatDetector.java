package org.kuroshio.maritime.detect;

import static org.kuroshio.maritime.detect.GapDetector.fmt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.kuroshio.maritime.geo.Geo;
import org.kuroshio.maritime.geo.Zones;
import org.kuroshio.maritime.vessel.Fix;

/**
 * Cable threats: behaviour inside a cable corridor that could damage the cable, scored from
 * indicators seen during one visit (from the first report inside the corridor of one cable to the
 * first report outside it, a silence, or the end of the stream). The indicators and their default
 * weights (see {@link DetectorSettings.CableThreat}):
 *
 * <ul>
 *   <li>zigzag (0.35): slow (1-4 kn) with course changes over 30 deg alternating left and right at
 *       least 3 times within an hour;
 *   <li>crossing (0.35): crossing the route back and forth (at least 2 crossings at up to 4 kn);
 *       a crossing is seen between two consecutive reports when the displacement across the route
 *       is nearer the sum of the two distances to the route than their difference;
 *   <li>anchored (0.5): navigation status "at anchor" outside an anchorage;
 *   <li>anchor drag (0.5): 0.5-3 kn with heading and course more than 45 deg apart for 10 min,
 *       outside an anchorage;
 *   <li>loitering (0.3): the loitering detector's condition holds inside the corridor;
 *   <li>gap (0.4): the vessel falls silent for the short-gap time with its last report in the
 *       corridor, outside an anchorage;
 *   <li>speed drop (0.3): from 6 kn or more to 3 kn or less within 10 min with no other vessel
 *       within 1 km (no traffic cause).
 * </ul>
 *
 * <p>The score is the sum of the weights, capped at 1; a visit with a score at or above the
 * threshold (0.5) makes one event when the visit ends. A visit longer than the maximum visit
 * length (2 h) is reported in parts ({@code continues=true}), so that a ship lying over a cable is
 * reported while it is still there. Inside an anchorage no indicator is collected. The evidence is
 * the positions in the corridor.
 */
final class CableThreatDetector {
  private static final double M_PER_DEG = Math.toRadians(1.0) * Geo.EARTH_RADIUS_M;

  private final DetectorSettings.CableThreat s;
  private final DetectorSettings.Limits limits;
  private final SpatialGrid grid;
  private final Consumer<MaritimeEvent> sink;

  /** One vessel's visit to one cable's corridor. */
  static final class Visit {
    final String cableId;
    final String cableName;
    final long start;
    long end;
    final Evidence evidence;
    boolean seen;
    double minDistanceM = Double.MAX_VALUE;
    double minLat;
    double minLon;
    // zigzag
    double refCourse = Double.NaN;
    int lastTurnSign;
    final long[] turnTimes;
    int turnCount;
    int maxTurnsInWindow;
    // crossing
    boolean haveLast;
    double lastLat;
    double lastLon;
    double lastDist;
    int crossings;
    // drag
    long dragStart = -1;
    // indicators
    boolean zigzag;
    boolean crossing;
    boolean anchored;
    boolean drag;
    boolean loiter;
    boolean gap;
    boolean drop;
    String dropText = "";
    boolean continues;
    int dropsWithTraffic;

    Visit(Zones.CorridorHit h, long start, int maxEvidence, int minTurns) {
      this.cableId = h.cableId();
      this.cableName = h.cableName();
      this.start = start;
      this.end = start;
      this.evidence = new Evidence(maxEvidence);
      this.turnTimes = new long[Math.max(1, minTurns)];
    }
  }

  CableThreatDetector(DetectorSettings.CableThreat s, DetectorSettings.Limits limits,
      SpatialGrid grid, Consumer<MaritimeEvent> sink) {
    this.s = s;
    this.limits = limits;
    this.grid = grid;
    this.sink = sink;
  }

  /**
   * Called with the vessel's new report (already {@code v.last}, zones updated). Opens, updates and
   * closes the visits.
   */
  void onFix(VesselState v, Fix f) {
    List<Zones.CorridorHit> hits = v.corridors;
    ArrayList<Visit> visits = v.visits;
    if (hits.isEmpty() && (visits == null || visits.isEmpty())) {
      return;
    }
    if (visits == null) {
      visits = new ArrayList<>(2);
      v.visits = visits;
    }
    for (int i = 0; i < visits.size(); i++) {
      visits.get(i).seen = false;
    }
    for (int h = 0; h < hits.size(); h++) {
      Zones.CorridorHit hit = hits.get(h);
      Visit visit = null;
      for (int i = 0; i < visits.size(); i++) {
        if (visits.get(i).cableId.equals(hit.cableId())) {
          visit = visits.get(i);
          break;
        }
      }
      if (visit == null) {
        visit = new Visit(hit, f.time(), limits.maxEvidence(), s.minTurns());
        visits.add(visit);
      }
      if (!visit.seen) {
        visit.seen = true;
        update(v, visit, f, hit);
      }
    }
    for (int i = visits.size() - 1; i >= 0; i--) {
      if (!visits.get(i).seen) {
        close(v, visits.remove(i));
      }
    }
  }

  private void update(VesselState v, Visit visit, Fix f, Zones.CorridorHit hit) {
    visit.evidence.add(f);
    visit.end = f.time();
    if (hit.distanceM() < visit.minDistanceM) {
      visit.minDistanceM = hit.distanceM();
      visit.minLat = f.lat();
      visit.minLon = f.lon();
    }
    boolean outsideAnchorage = !v.anchorage;
    double kn = f.speed();
    boolean slow = f.hasSpeed() && kn >= s.slowMinKn() && kn <= s.slowMaxKn();
    // zigzag: alternating turns while slow
    if (slow && f.hasCourse() && outsideAnchorage) {
      if (Double.isNaN(visit.refCourse)) {
        visit.refCourse = f.course();
      } else {
        double delta = signedDelta(visit.refCourse, f.course());
        if (Math.abs(delta) > s.turnDeg()) {
          int sign = delta > 0 ? 1 : -1;
          if (visit.lastTurnSign != 0 && sign != visit.lastTurnSign) {
            visit.turnTimes[visit.turnCount % visit.turnTimes.length] = f.time();
            visit.turnCount++;
            int inWindow = 0;
            for (long t : visit.turnTimes) {
              if (t > 0 && t >= f.time() - s.turnWindowMs()) {
                inWindow++;
              }
            }
            visit.maxTurnsInWindow = Math.max(visit.maxTurnsInWindow, inWindow);
            if (inWindow >= s.minTurns()) {
              visit.zigzag = true;
            }
          }
          visit.lastTurnSign = sign;
          visit.refCourse = f.course();
        }
      }
    } else if (!slow) {
      visit.refCourse = Double.NaN;
      visit.lastTurnSign = 0;
    }
    // crossing the route
    if (visit.haveLast) {
      double rb = Math.toRadians(hit.routeBearingDeg());
      double dy = (f.lat() - visit.lastLat) * M_PER_DEG;
      double dx = (f.lon() - visit.lastLon) * M_PER_DEG * Math.cos(Math.toRadians(f.lat()));
      double across = Math.abs(dx * Math.cos(rb) - dy * Math.sin(rb));
      double da = visit.lastDist;
      double db = hit.distanceM();
      if (across > Math.abs(db - da) + Math.min(da, db)
          && (!f.hasSpeed() || kn <= s.slowMaxKn()) && outsideAnchorage) {
        visit.crossings++;
        if (visit.crossings >= s.minCrossings()) {
          visit.crossing = true;
        }
      }
    }
    visit.haveLast = true;
    visit.lastLat = f.lat();
    visit.lastLon = f.lon();
    visit.lastDist = hit.distanceM();
    // anchored, anchor drag
    if (f.navStatus() == Fix.AT_ANCHOR && outsideAnchorage) {
      visit.anchored = true;
    }
    if (outsideAnchorage && f.hasSpeed() && kn >= s.dragMinKn() && kn <= s.dragMaxKn()
        && f.hasCourse() && f.heading() != Fix.NO_HEADING
        && Geo.angleBetween(f.heading(), f.course()) > s.dragHeadingDeg()) {
      if (visit.dragStart < 0) {
        visit.dragStart = f.time();
      } else if (f.time() - visit.dragStart >= s.dragMinMs()) {
        visit.drag = true;
      }
    } else {
      visit.dragStart = -1;
    }
    if (v.loitering && outsideAnchorage) {
      visit.loiter = true;
    }
    // sudden speed drop without traffic
    if (!visit.drop && outsideAnchorage && f.hasSpeed() && kn <= s.dropToKn()) {
      double before = maxSpeedSince(v, f.time() - s.dropWithinMs());
      if (before >= s.dropFromKn()) {
        boolean traffic = !grid.near(f.lat(), f.lon(), s.trafficRadiusM(),
            f.time() - limits.staleMs(), v.mmsi).isEmpty();
        if (traffic) {
          visit.dropsWithTraffic++;
        } else {
          visit.drop = true;
          visit.dropText = fmt(before, 1) + "->" + fmt(kn, 1) + " kn";
        }
      }
    }
  }

  /** Highest sampled speed since {@code since}, or NaN-safe 0 when none. */
  private static double maxSpeedSince(VesselState v, long since) {
    double max = 0;
    for (int i = v.samples() - 1; i >= 0; i--) {
      if (v.sampleTime(i) < since) {
        break;
      }
      double sp = v.sampleSpeed(i);
      if (sp > max) {
        max = sp;
      }
    }
    return max;
  }

  private static double signedDelta(double from, double to) {
    double d = (to - from) % 360.0;
    if (d > 180.0) {
      d -= 360.0;
    } else if (d <= -180.0) {
      d += 360.0;
    }
    return d;
  }

  /**
   * The vessel fell silent with its last report in the corridor: marks a gap (outside an
   * anchorage) and closes every visit.
   */
  void onSilence(VesselState v) {
    ArrayList<Visit> visits = v.visits;
    if (visits == null) {
      return;
    }
    while (!visits.isEmpty()) {
      Visit visit = visits.remove(visits.size() - 1);
      if (!v.anchorage) {
        visit.gap = true;
      }
      close(v, visit);
    }
  }

  /** Reports and ends the visits of {@code v} that have lasted the maximum visit length. */
  void closeLong(VesselState v) {
    ArrayList<Visit> visits = v.visits;
    if (visits == null) {
      return;
    }
    for (int i = visits.size() - 1; i >= 0; i--) {
      Visit visit = visits.get(i);
      if (visit.end - visit.start >= s.maxVisitMs()) {
        visits.remove(i);
        visit.continues = true;
        close(v, visit);
      }
    }
  }

  /** Closes every visit of {@code v} (end of stream). */
  void closeAll(VesselState v) {
    ArrayList<Visit> visits = v.visits;
    if (visits == null) {
      return;
    }
    while (!visits.isEmpty()) {
      close(v, visits.remove(visits.size() - 1));
    }
  }

  /** The score of a visit, 0-1. */
  double score(Visit visit) {
    double sc = 0;
    sc += visit.zigzag ? s.weightZigzag() : 0;
    sc += visit.crossing ? s.weightCrossing() : 0;
    sc += visit.anchored ? s.weightAnchored() : 0;
    sc += visit.drag ? s.weightDrag() : 0;
    sc += visit.loiter ? s.weightLoitering() : 0;
    sc += visit.gap ? s.weightGap() : 0;
    sc += visit.drop ? s.weightSpeedDrop() : 0;
    return Math.min(1.0, sc);
  }

  private void close(VesselState v, Visit visit) {
    double score = score(visit);
    if (score < s.threshold() || visit.evidence.isEmpty()) {
      return;
    }
    List<String> ind = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    if (visit.zigzag) {
      ind.add("zigzag");
      text.append(", slow zigzag (").append(visit.maxTurnsInWindow).append(" alternating turns > ")
          .append(fmt(s.turnDeg(), 0)).append(" deg within ")
          .append(s.turnWindowMs() / 60_000).append(" min)");
    }
    if (visit.crossing) {
      ind.add("route-crossing");
      text.append(", crossed the route ").append(visit.crossings).append(" times while slow");
    }
    if (visit.anchored) {
      ind.add("anchored");
      text.append(", reported at anchor outside an anchorage");
    }
    if (visit.drag) {
      ind.add("anchor-drag");
      text.append(", anchor-drag-like profile for ").append(s.dragMinMs() / 60_000)
          .append(" min or more");
    }
    if (visit.loiter) {
      ind.add("loitering");
      text.append(", loitered in the corridor");
    }
    if (visit.gap) {
      ind.add("gap");
      text.append(", AIS went silent in the corridor");
    }
    if (visit.drop) {
      ind.add("speed-drop");
      text.append(", sudden speed drop ").append(visit.dropText).append(" with no vessel within ")
          .append(fmt(s.trafficRadiusM(), 0)).append(" m");
    }
    Map<String, String> d = new LinkedHashMap<>();
    d.put("cableId", visit.cableId);
    d.put("cableName", visit.cableName);
    d.put("indicators", String.join(",", ind));
    d.put("score", fmt(score, 2));
    d.put("threshold", fmt(s.threshold(), 2));
    d.put("minDistanceM", fmt(visit.minDistanceM, 0));
    d.put("turns", Integer.toString(visit.turnCount));
    d.put("crossings", Integer.toString(visit.crossings));
    if (visit.drop) {
      d.put("speedDrop", visit.dropText);
    }
    if (visit.continues) {
      d.put("continues", "true");
    }
    if (visit.dropsWithTraffic > 0) {
      d.put("speedDropsWithTraffic", Integer.toString(visit.dropsWithTraffic));
    }
    String summary = "MMSI " + v.mmsi + " scored " + fmt(score, 2) + " (threshold "
        + fmt(s.threshold(), 2) + ") over cable " + visit.cableName + " (" + visit.cableId + ")"
        + text;
    sink.accept(new MaritimeEvent(EventKind.CABLE_THREAT, v.mmsi, 0, visit.start, visit.end,
        visit.minLat, visit.minLon, score, summary, visit.evidence.toList(), d));
  }
}
