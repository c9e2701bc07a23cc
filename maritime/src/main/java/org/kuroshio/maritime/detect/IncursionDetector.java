package org.kuroshio.maritime.detect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.kuroshio.maritime.geo.Zones;
import org.kuroshio.maritime.vessel.Fix;

/**
 * Incursions: a vessel's report lies in a watched territorial sea (or a user area) that its
 * previous report did not lie in. One event per entry, none while it stays inside; a vessel first
 * heard already inside has not been seen entering and makes no event. Jitter along a boundary makes
 * one event per re-entry.
 */
final class IncursionDetector {
  private final DetectorSettings.Incursion s;
  private final Consumer<MaritimeEvent> sink;

  IncursionDetector(DetectorSettings.Incursion s, Consumer<MaritimeEvent> sink) {
    this.s = s;
    this.sink = sink;
  }

  /** Compares the vessel's previous zones (still in {@code v}) with the new report's. */
  void onFix(VesselState v, Fix f, @Nullable String sea, List<Zones.AreaHit> areas) {
    Fix prev = v.last;
    if (sea != null && !Objects.equals(sea, v.sea) && s.watches(sea)) {
      Map<String, String> d = new LinkedHashMap<>();
      d.put("zone", "territorial-sea");
      d.put("country", sea);
      d.put("from", v.sea == null ? "" : v.sea);
      String from = v.sea == null ? "" : " from the territorial sea of " + v.sea;
      sink.accept(new MaritimeEvent(EventKind.INCURSION, v.mmsi, 0, f.time(), f.time(), f.lat(),
          f.lon(), 1.0, "MMSI " + v.mmsi + " entered the territorial sea of " + sea + from,
          List.of(prev, f), d));
    }
    if (!s.userAreas() || areas.isEmpty()) {
      return;
    }
    for (int i = 0; i < areas.size(); i++) {
      Zones.AreaHit a = areas.get(i);
      if (contains(v.areas, a.id())) {
        continue;
      }
      Map<String, String> d = new LinkedHashMap<>();
      d.put("zone", "area");
      d.put("areaId", a.id());
      d.put("areaName", a.name());
      sink.accept(new MaritimeEvent(EventKind.INCURSION, v.mmsi, 0, f.time(), f.time(), f.lat(),
          f.lon(), 1.0, "MMSI " + v.mmsi + " entered the area of interest " + a.name() + " ("
          + a.id() + ")", List.of(prev, f), d));
    }
  }

  private static boolean contains(List<Zones.AreaHit> list, String id) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).id().equals(id)) {
        return true;
      }
    }
    return false;
  }
}
