package org.kuroshio.maritime.detect;

import static org.kuroshio.maritime.detect.GapDetector.fmt;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.kuroshio.maritime.vessel.Fix;

/**
 * Loitering: the time-weighted average speed over the last hour (of the vessel's sampled history)
 * stays below 2 kn, with no sample in an anchorage and no silence longer than the sample-gap limit.
 * One event per episode, made when the episode ends (the average rises, the vessel enters an
 * anchorage, falls silent, or the stream finishes); it spans from the start of the first qualifying
 * hour to the last qualifying sample.
 */
final class LoiteringDetector {
  private final DetectorSettings.Loitering s;
  private final int maxEvidence;
  private final Consumer<MaritimeEvent> sink;

  LoiteringDetector(DetectorSettings.Loitering s, int maxEvidence, Consumer<MaritimeEvent> sink) {
    this.s = s;
    this.maxEvidence = maxEvidence;
    this.sink = sink;
  }

  /** Called after a sample of {@code f} was added to the vessel's history. */
  void onSample(VesselState v, Fix f) {
    int n = v.samples();
    long now = v.sampleTime(n - 1);
    double sum = 0;
    int start = -1;
    for (int i = n - 1; i > 0; i--) {
      long t1 = v.sampleTime(i);
      long t0 = v.sampleTime(i - 1);
      if ((v.sampleFlags(i) & VesselState.IN_ANCHORAGE) != 0 || t1 - t0 > s.maxSampleGapMs()) {
        break;
      }
      double seg = (v.sampleSpeed(i) + v.sampleSpeed(i - 1)) / 2.0;
      if (Double.isNaN(seg)) {
        break;
      }
      sum += seg * (t1 - t0);
      if (t0 <= now - s.minMs()) {
        if ((v.sampleFlags(i - 1) & VesselState.IN_ANCHORAGE) == 0) {
          start = i - 1;
        }
        break;
      }
    }
    boolean slow = start >= 0 && sum / (now - v.sampleTime(start)) < s.maxSpeedKn();
    if (slow) {
      if (!v.loitering) {
        v.loitering = true;
        v.loiterStart = v.sampleTime(start);
        v.loiterSpeedTime = sum;
        Evidence ev = new Evidence(maxEvidence);
        for (int i = start; i < n - 1; i++) {
          ev.add(v.sampleFix(i));
        }
        ev.add(f);
        v.loiterEvidence = ev;
      } else {
        double seg = (v.sampleSpeed(n - 1) + v.sampleSpeed(n - 2)) / 2.0;
        v.loiterSpeedTime += seg * (now - v.sampleTime(n - 2));
        Evidence ev = v.loiterEvidence;
        if (ev != null) {
          ev.add(f);
        }
      }
      v.loiterEnd = now;
    } else if (v.loitering) {
      close(v);
    }
  }

  /** Ends the vessel's loitering episode, if any, and reports it. */
  void close(VesselState v) {
    if (!v.loitering) {
      return;
    }
    v.loitering = false;
    Evidence ev = v.loiterEvidence;
    v.loiterEvidence = null;
    if (ev == null || ev.isEmpty()) {
      return;
    }
    long dur = v.loiterEnd - v.loiterStart;
    double avg = dur > 0 ? v.loiterSpeedTime / dur : 0.0;
    double lat = 0;
    double lon = 0;
    var list = ev.toList();
    for (Fix x : list) {
      lat += x.lat();
      lon += x.lon();
    }
    Map<String, String> d = new LinkedHashMap<>();
    d.put("averageSpeedKn", fmt(avg, 2));
    d.put("durationH", fmt(dur / 3_600_000.0, 2));
    d.put("maxAverageSpeedKn", fmt(s.maxSpeedKn(), 2));
    d.put("minDurationH", fmt(s.minMs() / 3_600_000.0, 2));
    String summary = "MMSI " + v.mmsi + " loitered " + fmt(dur / 3_600_000.0, 2)
        + " h at an average of " + fmt(avg, 2) + " kn, below the loitering speed "
        + fmt(s.maxSpeedKn(), 1) + " kn for at least " + fmt(s.minMs() / 3_600_000.0, 1)
        + " h, outside any anchorage";
    sink.accept(new MaritimeEvent(EventKind.LOITERING, v.mmsi, 0, v.loiterStart, v.loiterEnd,
        lat / list.size(), lon / list.size(), 1.0, summary, list, d));
  }
}
