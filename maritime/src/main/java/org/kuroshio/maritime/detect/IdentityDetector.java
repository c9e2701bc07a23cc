package org.kuroshio.maritime.detect;

import static org.kuroshio.maritime.detect.GapDetector.fmt;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.kuroshio.maritime.geo.Geo;
import org.kuroshio.maritime.vessel.Fix;
import org.kuroshio.maritime.vessel.IdentityChange;
import org.kuroshio.maritime.vessel.Mmsi;

/**
 * Identity anomalies.
 *
 * <ul>
 *   <li>Swap: a new MMSI's first report lies within 2 km of where another vessel was last heard at
 *       most 10 min before, and that other vessel then stays silent for the confirmation time.
 *       Neither position may lie in an anchorage (ships switch AIS off and on in port).
 *   <li>MMSI conflict: reports of one MMSI that imply an impossible speed (over 60 kn across more
 *       than 10 km) start a second track; the conflict is reported when the MMSI has jumped to that
 *       second place at least twice (two hulls alternating). One jump away and back is a GPS
 *       glitch and is not reported; three consecutive reports on the second track make it the main
 *       one (the first position was the glitch). Reports on the second track are hidden from the
 *       other detectors. Reported at most once a day per MMSI.
 *   <li>Identity change: each {@link IdentityChange} of a watched field (not destination by
 *       default); for an IMO moving to another MMSI the flags of both MMSIs are in the details.
 *   <li>Invalid MMSI: a vessel whose MMSI is a ship station with an unallocated MID, or has no
 *       valid format at all; once per MMSI (a set of up to 100,000 reported MMSIs).
 * </ul>
 */
final class IdentityDetector {
  private static final long CONFLICT_REPEAT_MS = 24 * 3_600_000L;
  private static final int MAX_PENDING = 10_000;
  private static final int MAX_INVALID = 100_000;
  private static final int PROMOTE_AFTER = 3;
  private static final double DEG_M = Math.toRadians(1.0) * Geo.EARTH_RADIUS_M;

  private final DetectorSettings.Identity s;
  private final DetectorSettings.Limits limits;
  private final SpatialGrid grid;
  private final Consumer<MaritimeEvent> sink;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private final HashSet<Integer> invalidReported = new HashSet<>();

  private record Pending(VesselState old, Fix oldLast, VesselState fresh, Fix first,
      double distanceM) {}

  IdentityDetector(DetectorSettings.Identity s, DetectorSettings.Limits limits, SpatialGrid grid,
      Consumer<MaritimeEvent> sink) {
    this.s = s;
    this.limits = limits;
    this.grid = grid;
    this.sink = sink;
  }

  /** The first report of a vessel not known before: MMSI validity and swap candidates. */
  void onNewVessel(VesselState v, Fix f) {
    checkMmsi(v, f);
    if (pending.size() >= MAX_PENDING || v.anchorage) {
      return;
    }
    List<VesselState> near = grid.near(f.lat(), f.lon(), s.swapMaxDistanceM(),
        f.time() - s.swapMaxSilenceMs(), v.mmsi);
    VesselState best = null;
    double bestD = Double.MAX_VALUE;
    for (int i = 0; i < near.size(); i++) {
      VesselState o = near.get(i);
      if (o.last.time() >= f.time() || o.anchorage) {
        continue;
      }
      double d = Geo.distanceM(f.lat(), f.lon(), o.last.lat(), o.last.lon());
      if (d < bestD) {
        bestD = d;
        best = o;
      }
    }
    if (best != null) {
      pending.add(new Pending(best, best.last, v, f, bestD));
    }
  }

  private void checkMmsi(VesselState v, Fix f) {
    Mmsi.Kind kind = Mmsi.kind(v.mmsi);
    boolean bad = kind == Mmsi.Kind.INVALID
        || (kind == Mmsi.Kind.SHIP && !Mmsi.hasValidMid(v.mmsi));
    if (!bad || invalidReported.contains(v.mmsi)) {
      return;
    }
    if (invalidReported.size() >= MAX_INVALID) {
      invalidReported.clear();
    }
    invalidReported.add(v.mmsi);
    Map<String, String> d = new LinkedHashMap<>();
    d.put("format", kind == Mmsi.Kind.INVALID ? "invalid" : "ship");
    int mid = Mmsi.mid(v.mmsi);
    if (mid >= 0) {
      d.put("mid", Integer.toString(mid));
    }
    String why = kind == Mmsi.Kind.INVALID ? "matches no MMSI format"
        : "has MID " + mid + ", which is not allocated to any country";
    sink.accept(new MaritimeEvent(EventKind.INVALID_MMSI, v.mmsi, 0, f.time(), f.time(), f.lat(),
        f.lon(), 1.0, "MMSI " + v.mmsi + " " + why, List.of(f), d));
  }

  /** Reports the swaps whose confirmation time has passed at {@code now}. */
  void confirm(long now) {
    while (!pending.isEmpty()) {
      Pending p = pending.peekFirst();
      if (p.old.last != p.oldLast) {
        pending.pollFirst();
        continue;
      }
      if (now - p.first.time() < s.swapConfirmMs()) {
        return;
      }
      pending.pollFirst();
      long silence = p.first.time() - p.oldLast.time();
      Map<String, String> d = new LinkedHashMap<>();
      d.put("oldMmsi", Integer.toString(p.old.mmsi));
      d.put("newMmsi", Integer.toString(p.fresh.mmsi));
      d.put("distanceM", fmt(p.distanceM, 0));
      d.put("silenceS", Long.toString(silence / 1000));
      d.put("maxDistanceM", fmt(s.swapMaxDistanceM(), 0));
      d.put("maxSilenceMin", Long.toString(s.swapMaxSilenceMs() / 60_000));
      String summary = "MMSI " + p.old.mmsi + " went silent and new MMSI " + p.fresh.mmsi
          + " appeared " + fmt(p.distanceM, 0) + " m away " + silence / 1000
          + " s later (within " + fmt(s.swapMaxDistanceM(), 0) + " m and "
          + s.swapMaxSilenceMs() / 60_000 + " min)";
      sink.accept(new MaritimeEvent(EventKind.IDENTITY_SWAP, p.old.mmsi, p.fresh.mmsi,
          p.oldLast.time(), p.first.time(), p.first.lat(), p.first.lon(), 1.0, summary,
          List.of(p.oldLast, p.first), d));
    }
  }

  boolean hasPending() {
    return !pending.isEmpty();
  }

  /** Forgets pending swaps (end of stream) after confirming those due. */
  void finish(long now) {
    confirm(now);
    pending.clear();
  }

  private boolean reachable(double lat, double lon, long time, Fix f) {
    // cheap bound first: a degree of longitude is never longer than one of latitude
    if ((Math.abs(f.lat() - lat) + Math.abs(f.lon() - lon)) * DEG_M
        < 0.99 * s.conflictMinDistanceM()) {
      return true;
    }
    double d = Geo.distanceM(lat, lon, f.lat(), f.lon());
    if (d <= s.conflictMinDistanceM()) {
      return true;
    }
    long dt = f.time() - time;
    return dt > 0 && Geo.mpsToKnots(d / (dt / 1000.0)) <= s.conflictSpeedKn();
  }

  /**
   * Checks a report against the vessel's track (before {@code v.last} becomes {@code f}). Returns
   * whether it belongs to the main track; false hides it from the other detectors.
   */
  boolean onFix(VesselState v, Fix f) {
    Fix prev = v.last;
    if (v.hasAlt && f.time() - v.altTime > s.conflictWindowMs()) {
      v.hasAlt = false;
      v.alternations = 0;
      v.conflictEvidence = null;
    }
    if (reachable(prev.lat(), prev.lon(), prev.time(), f)) {
      v.altRun = 0;
      if (v.hasAlt && v.conflictEvidence != null) {
        v.conflictEvidence.add(f);
      }
      return true;
    }
    if (v.hasAlt && reachable(v.altLat, v.altLon, v.altTime, f)) {
      if (v.altRun == 0) {
        v.alternations++;
      }
      v.altRun++;
    } else {
      v.hasAlt = true;
      v.alternations = 1;
      v.altRun = 1;
      v.conflictEvidence = new Evidence(limits.maxEvidence());
      v.conflictEvidence.add(prev);
    }
    v.altLat = f.lat();
    v.altLon = f.lon();
    v.altTime = f.time();
    Evidence ev = v.conflictEvidence;
    if (ev != null) {
      ev.add(f);
    }
    if (v.alternations >= s.conflictMinAlternations()
        && (v.conflictReportedAt == Long.MIN_VALUE
            || f.time() - v.conflictReportedAt >= CONFLICT_REPEAT_MS)) {
      v.conflictReportedAt = f.time();
      report(v, prev, f, ev);
    }
    if (v.altRun >= PROMOTE_AFTER && v.alternations < s.conflictMinAlternations()) {
      v.hasAlt = false;
      v.alternations = 0;
      v.altRun = 0;
      v.conflictEvidence = null;
      return true;
    }
    return false;
  }

  private void report(VesselState v, Fix main, Fix alt, @Nullable Evidence ev) {
    double d = Geo.distanceM(main.lat(), main.lon(), alt.lat(), alt.lon());
    long dt = Math.max(1, alt.time() - main.time());
    double kn = Geo.mpsToKnots(d / (dt / 1000.0));
    Map<String, String> det = new LinkedHashMap<>();
    det.put("mainLat", fmt(main.lat(), 5));
    det.put("mainLon", fmt(main.lon(), 5));
    det.put("otherLat", fmt(alt.lat(), 5));
    det.put("otherLon", fmt(alt.lon(), 5));
    det.put("distanceKm", fmt(d / 1000.0, 1));
    det.put("impliedSpeedKn", fmt(kn, 0));
    det.put("alternations", Integer.toString(v.alternations));
    String summary = "MMSI " + v.mmsi + " reported " + fmt(d / 1000.0, 1)
        + " km apart implying " + fmt(kn, 0) + " kn (over " + fmt(s.conflictSpeedKn(), 0)
        + " kn and " + fmt(s.conflictMinDistanceM() / 1000.0, 0) + " km), alternating "
        + v.alternations + " times: two hulls share it";
    List<Fix> evidence = ev != null ? ev.toList() : List.of(main, alt);
    sink.accept(new MaritimeEvent(EventKind.MMSI_CONFLICT, v.mmsi, 0, evidence.get(0).time(),
        alt.time(), main.lat(), main.lon(), 1.0, summary, evidence, det));
  }

  /** An identity change from the registry; {@code at} is the vessel's last report or null. */
  void onIdentityChange(IdentityChange c, @Nullable Fix at) {
    if (!s.changeFields().contains(c.field())) {
      return;
    }
    Map<String, String> d = new LinkedHashMap<>();
    d.put("field", c.field());
    d.put("before", c.before() == null ? "" : c.before());
    d.put("after", c.after() == null ? "" : c.after());
    String extra = "";
    if (IdentityChange.MMSI.equals(c.field())) {
      String fb = flagOf(c.before());
      String fa = flagOf(c.after());
      d.put("flagBefore", fb);
      d.put("flagAfter", fa);
      if (!fb.equals(fa)) {
        d.put("flagChanged", "true");
        extra = "; flag changed from " + (fb.isEmpty() ? "none" : fb) + " to "
            + (fa.isEmpty() ? "none" : fa);
      }
    }
    String summary = "MMSI " + c.mmsi() + " changed its " + c.field() + " from \""
        + (c.before() == null ? "" : c.before()) + "\" to \""
        + (c.after() == null ? "" : c.after()) + "\"" + extra;
    double lat = at != null ? at.lat() : Double.NaN;
    double lon = at != null ? at.lon() : Double.NaN;
    int other = 0;
    if (IdentityChange.MMSI.equals(c.field()) && c.before() != null) {
      other = parseInt(c.before());
    }
    sink.accept(new MaritimeEvent(EventKind.IDENTITY_CHANGE, c.mmsi(), other, c.time(), c.time(),
        lat, lon, 1.0, summary, at != null ? List.of(at) : List.of(), d));
  }

  private static String flagOf(@Nullable String mmsi) {
    if (mmsi == null) {
      return "";
    }
    int m = parseInt(mmsi);
    String f = m > 0 ? Mmsi.flag(m) : null;
    return f == null ? "" : f;
  }

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
