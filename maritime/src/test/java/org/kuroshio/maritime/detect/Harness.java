package org.kuroshio.maritime.detect;

import java.util.ArrayList;
import java.util.List;
import org.kuroshio.maritime.geo.Zones;
import org.kuroshio.maritime.vessel.Fix;

/** Runs hand-made reports through {@link Detectors} and keeps the events. */
final class Harness {
  final List<MaritimeEvent> events = new ArrayList<>();
  final Detectors detectors;

  Harness(Zones zones) {
    this(DetectorSettings.DEFAULTS, zones);
  }

  Harness(DetectorSettings settings, Zones zones) {
    detectors = new Detectors(settings, zones, events::add);
  }

  /** Feeds the reports, calling advance at each report's time as the pipeline does. */
  Harness feed(List<Fix> fixes) {
    for (Fix f : fixes) {
      detectors.onFix(f);
      detectors.advance(f.time());
    }
    return this;
  }

  Harness feed(Track... tracks) {
    return feed(Track.merge(tracks));
  }

  Harness advance(long now) {
    detectors.advance(now);
    return this;
  }

  Harness finish(long now) {
    detectors.finish(now);
    return this;
  }

  List<MaritimeEvent> of(EventKind kind) {
    List<MaritimeEvent> out = new ArrayList<>();
    for (MaritimeEvent e : events) {
      if (e.kind() == kind) {
        out.add(e);
      }
    }
    return out;
  }
}
