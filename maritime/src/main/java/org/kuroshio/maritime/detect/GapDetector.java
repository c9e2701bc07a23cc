package org.kuroshio.maritime.detect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.kuroshio.maritime.geo.Geo;
import org.kuroshio.maritime.vessel.Fix;

/**
 * AIS gaps (dark periods), after Global Fishing Watch: a vessel silent for at least 6 h makes a
 * gap; gaps of 12 h or more are marked "counted in analysis". When the last report lay in a cable
 * corridor or a territorial sea, the short-gap threshold (30 min) applies instead.
 *
 * <p>A gap is reported twice: once when it is still open and {@code advance} finds it has crossed
 * its threshold ({@code state=open}, the "off" event), and once when the vessel reappears
 * ({@code state=closed}, the "on" event, with the full duration). A gap whose threshold passed
 * between two {@code advance} calls is reported only when it closes.
 *
 * <p>Only gaps that start where a silence means something count: the last report must not lie in
 * an anchorage, and outside cable corridors it must not say "at anchor", "moored" or "aground" and
 * must show at least the minimum speed (a vessel seen moving at sea). Inside a corridor every
 * silence counts: a ship lying at anchor or drifting over a cable that goes dark is the case the
 * short gap exists for. Receivers' coverage is not known here: a vessel sailing out
 * of range of the shore makes a gap like one that switched its transponder off.
 */
final class GapDetector {
  private final DetectorSettings.Gap s;
  private final Consumer<MaritimeEvent> sink;

  GapDetector(DetectorSettings.Gap s, Consumer<MaritimeEvent> sink) {
    this.s = s;
    this.sink = sink;
  }

  /** Whether a silence after the vessel's last report would be a meaningful gap. */
  boolean eligible(VesselState v) {
    Fix f = v.last;
    if (v.anchorage) {
      return false;
    }
    if (v.inCorridor()) {
      return true; // over a cable, at anchor or drifting, a silence is what matters most
    }
    int st = f.navStatus();
    if (st == Fix.AT_ANCHOR || st == Fix.MOORED || st == 6) {
      return false;
    }
    return !f.hasSpeed() || f.speed() >= s.minSpeedKn();
  }

  /** The silence that makes a gap after the vessel's last report. */
  long threshold(VesselState v) {
    return v.inCorridor() || v.sea != null ? s.shortGapMs() : s.gapMs();
  }

  /** Called before {@code v.last} becomes {@code f}: reports the gap that {@code f} closes. */
  void onFix(VesselState v, Fix f) {
    Fix prev = v.last;
    long dt = f.time() - prev.time();
    boolean reported = v.gapOpenReported;
    v.gapOpenReported = false;
    if (dt < threshold(v) || !eligible(v)) {
      return;
    }
    Map<String, String> d = details(v, "closed", dt);
    double km = Geo.distanceM(prev.lat(), prev.lon(), f.lat(), f.lon()) / 1000.0;
    d.put("offLat", fmt(prev.lat(), 5));
    d.put("offLon", fmt(prev.lon(), 5));
    d.put("onLat", fmt(f.lat(), 5));
    d.put("onLon", fmt(f.lon(), 5));
    d.put("distanceKm", fmt(km, 2));
    d.put("impliedSpeedKn", fmt(Geo.mpsToKnots(km * 1000.0 / (dt / 1000.0)), 2));
    d.put("openReported", Boolean.toString(reported));
    sink.accept(new MaritimeEvent(EventKind.AIS_GAP, v.mmsi, 0, prev.time(), f.time(), prev.lat(),
        prev.lon(), 1.0, summary(v, dt, "reappeared after"), List.of(prev, f), d));
  }

  /** Reports a gap still open at {@code now} once it has crossed its threshold. */
  void advance(VesselState v, long now) {
    if (v.gapOpenReported) {
      return;
    }
    long dt = now - v.last.time();
    if (dt < threshold(v) || !eligible(v)) {
      return;
    }
    v.gapOpenReported = true;
    Fix prev = v.last;
    sink.accept(new MaritimeEvent(EventKind.AIS_GAP, v.mmsi, 0, prev.time(), now, prev.lat(),
        prev.lon(), 1.0, summary(v, dt, "silent for"), List.of(prev),
        details(v, "open", dt)));
  }

  private Map<String, String> details(VesselState v, String state, long dt) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("state", state);
    d.put("durationH", fmt(dt / 3_600_000.0, 2));
    d.put("thresholdMin", Long.toString(threshold(v) / 60_000));
    d.put("variant", variant(v));
    d.put("counted", Boolean.toString(dt >= s.countedMs()));
    d.put("countedThresholdH", fmt(s.countedMs() / 3_600_000.0, 1));
    return d;
  }

  private String variant(VesselState v) {
    if (v.inCorridor()) {
      return "cable-corridor:" + v.corridors.get(0).cableId();
    }
    if (v.sea != null) {
      return "territorial-sea:" + v.sea;
    }
    return "standard";
  }

  private String summary(VesselState v, long dt, String verb) {
    String thr = v.inCorridor() || v.sea != null
        ? "short-gap threshold " + s.shortGapMs() / 60_000 + " min in " + variant(v)
        : "gap threshold " + fmt(s.gapMs() / 3_600_000.0, 1) + " h";
    String counted = dt >= s.countedMs()
        ? "; counted in analysis (>= " + fmt(s.countedMs() / 3_600_000.0, 1) + " h)" : "";
    return "MMSI " + v.mmsi + " " + verb + " " + fmt(dt / 3_600_000.0, 2)
        + " h without AIS, over the " + thr + counted;
  }

  static String fmt(double x, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", x);
  }
}
