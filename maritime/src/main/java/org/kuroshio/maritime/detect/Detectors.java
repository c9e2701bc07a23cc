package org.kuroshio.maritime.detect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.kuroshio.maritime.geo.Geo;
import org.kuroshio.maritime.geo.Zones;
import org.kuroshio.maritime.vessel.Fix;
import org.kuroshio.maritime.vessel.IdentityChange;

/**
 * All behaviour detectors behind one door: feed it every position report in time order, the
 * registry's identity changes, and the stream time; it sends {@link MaritimeEvent}s to the sink.
 * Not thread-safe: one thread calls it (the pipeline's consumer thread).
 *
 * <p>Design. Each vessel has one {@code VesselState}: its last report and the zones it was in, a
 * sampled history (one report per 30 s, at most 130, primitive arrays) and each detector's episode.
 * Zones are looked up once per report and reused while a vessel outside every corridor moves less
 * than about 20 m (moored ships). Vessels recently heard sit in a spatial grid of 0.01 degree
 * cells, so encounters, traffic near a speed drop and identity swaps compare only neighbours. Per
 * report the work is a map lookup, the zone lookup, the gap, identity, incursion and cable checks;
 * once per sample interval the loitering window and encounter neighbours. Reports older than the
 * vessel's last are dropped. Vessels are bounded by {@link DetectorSettings.Limits#maxVessels()}:
 * the least recently heard is forgotten (its open episodes are closed and reported).
 *
 * <p>Episodes (loitering, encounter, cable visit) are reported once, when they end (cable visits
 * longer than {@link DetectorSettings.CableThreat#maxVisitMs()} in parts); gaps when they cross
 * the threshold in {@link #advance} and again when the vessel reappears.
 */
public final class Detectors {
  private static final double SAME_PLACE_DEG = 0.0002;

  private final DetectorSettings settings;
  private final Zones zones;
  private final LinkedHashMap<Integer, VesselState> vessels;
  private final SpatialGrid grid = new SpatialGrid();
  private final GapDetector gap;
  private final LoiteringDetector loitering;
  private final EncounterDetector encounter;
  private final CableThreatDetector cable;
  private final IdentityDetector identity;
  private final IncursionDetector incursion;
  private long lastScan = Long.MIN_VALUE;
  private long fixes;
  private long dropped;
  private long hidden;

  /**
   * Detectors over the given zones.
   *
   * @param settings thresholds and limits
   * @param zones cable corridors, territorial seas, anchorages and user areas
   * @param sink receives every event, on the calling thread
   */
  public Detectors(DetectorSettings settings, Zones zones, Consumer<MaritimeEvent> sink) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.zones = Objects.requireNonNull(zones, "zones");
    Objects.requireNonNull(sink, "sink");
    DetectorSettings.Limits lim = settings.limits();
    this.gap = new GapDetector(settings.gap(), sink);
    this.loitering = new LoiteringDetector(settings.loitering(), lim.maxEvidence(), sink);
    this.encounter = new EncounterDetector(settings.encounter(), lim, grid, sink);
    this.cable = new CableThreatDetector(settings.cable(), lim, grid, sink);
    this.identity = new IdentityDetector(settings.identity(), lim, grid, sink);
    this.incursion = new IncursionDetector(settings.incursion(), sink);
    int max = lim.maxVessels();
    this.vessels = new LinkedHashMap<>(Math.min(max, 1 << 16), 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Integer, VesselState> eldest) {
        if (size() > max) {
          forget(eldest.getValue());
          return true;
        }
        return false;
      }
    };
  }

  /** The settings in use. */
  public DetectorSettings settings() {
    return settings;
  }

  /** One position report; one with an impossible position or older than the last is dropped. */
  public void onFix(Fix f) {
    if (!(f.lat() >= -90.0 && f.lat() <= 90.0 && f.lon() >= -180.0 && f.lon() <= 180.0)) {
      dropped++;
      return;
    }
    fixes++;
    VesselState v = vessels.get(f.mmsi());
    boolean isNew = v == null;
    if (v == null) {
      v = new VesselState(f, settings.limits().historyCapacity());
    } else if (f.time() <= v.last.time()) {
      dropped++;
      return;
    } else if (!identity.onFix(v, f)) {
      hidden++;
      return;
    }
    // zones of the new report
    List<Zones.CorridorHit> corridors;
    String sea;
    boolean anchorage;
    List<Zones.AreaHit> areas;
    if (!isNew && v.corridors.isEmpty() && Math.abs(f.lat() - v.zoneLat) < SAME_PLACE_DEG
        && Math.abs(f.lon() - v.zoneLon) < SAME_PLACE_DEG) {
      corridors = v.corridors;
      sea = v.sea;
      anchorage = v.anchorage;
      areas = v.areas;
    } else {
      corridors = zones.corridorsAt(f.lat(), f.lon());
      sea = zones.territorialSeaAt(f.lat(), f.lon());
      anchorage = zones.inAnchorage(f.lat(), f.lon());
      areas = zones.areasAt(f.lat(), f.lon());
      v.zoneLat = f.lat();
      v.zoneLon = f.lon();
    }
    if (isNew) {
      v.corridors = corridors;
      v.sea = sea;
      v.anchorage = anchorage;
      v.areas = areas;
      vessels.put(f.mmsi(), v);
      identity.onNewVessel(v, f);
    } else {
      long silence = f.time() - v.last.time();
      gap.onFix(v, f);
      if (silence >= settings.gap().shortGapMs() && v.visits != null) {
        cable.onSilence(v);
      }
      if (v.loitering && silence > settings.loitering().maxSampleGapMs()) {
        loitering.close(v);
      }
      incursion.onFix(v, f, sea, areas);
      v.corridors = corridors;
      v.sea = sea;
      v.anchorage = anchorage;
      v.areas = areas;
      v.last = f;
    }
    boolean sampled = false;
    double kn = f.speed();
    if (v.samples() == 0
        || f.time() - v.lastSampleTime() >= settings.limits().sampleIntervalMs()) {
      int n = v.samples();
      if (Double.isNaN(kn) && n > 0) {
        long dt = f.time() - v.sampleTime(n - 1);
        kn = Geo.mpsToKnots(Geo.distanceM(v.sampleLat(n - 1), v.sampleLon(n - 1), f.lat(),
            f.lon()) / (dt / 1000.0));
      }
      byte flags = (byte) ((anchorage ? VesselState.IN_ANCHORAGE : 0)
          | (corridors.isEmpty() ? 0 : VesselState.IN_CORRIDOR));
      v.addSample(f, kn, flags);
      sampled = true;
      loitering.onSample(v, f);
    }
    cable.onFix(v, f);
    if (sampled) {
      encounter.onSample(v, f, kn);
    }
    grid.update(v);
    if (identity.hasPending()) {
      identity.confirm(f.time());
    }
  }

  /** An identity change reported by the vessel registry. */
  public void onIdentityChange(IdentityChange c) {
    VesselState v = vessels.get(c.mmsi());
    @Nullable Fix at = v == null ? null : v.last;
    identity.onIdentityChange(c, at);
  }

  /**
   * Tells the detectors the stream time: reports open gaps that crossed their threshold, ends
   * episodes of vessels gone silent, confirms identity swaps. Looks at every vessel at most once
   * per scan interval of stream time.
   */
  public void advance(long now) {
    if (lastScan != Long.MIN_VALUE && now - lastScan < settings.limits().scanIntervalMs()) {
      return;
    }
    scan(now);
  }

  private void scan(long now) {
    lastScan = now;
    long shortGap = settings.gap().shortGapMs();
    long loiterGap = settings.loitering().maxSampleGapMs();
    long stale = settings.limits().staleMs();
    long gridKeep = Math.max(stale, settings.identity().swapMaxSilenceMs());
    for (VesselState v : vessels.values()) {
      long silence = now - v.last.time();
      if (silence < 0) {
        continue;
      }
      gap.advance(v, now);
      if (v.loitering && silence > loiterGap) {
        loitering.close(v);
      }
      if (v.visits != null && !v.visits.isEmpty()) {
        if (silence >= shortGap) {
          cable.onSilence(v);
        } else {
          cable.closeLong(v);
        }
      }
      if (silence > stale) {
        encounter.closeStale(v, now);
      }
      if (silence > gridKeep) {
        grid.remove(v); // kept as long as a swap may still name it (queries filter by time)
      }
    }
    identity.confirm(now);
  }

  /**
   * End of the stream: {@link #advance} at {@code now}, then every open episode (loitering,
   * encounter, cable visit) is closed and reported; open gaps stay as reported by advance.
   */
  public void finish(long now) {
    scan(now);
    List<VesselState> all = new ArrayList<>(vessels.values());
    for (VesselState v : all) {
      loitering.close(v);
      encounter.closeAll(v);
      cable.closeAll(v);
    }
    identity.finish(now);
  }

  private void forget(VesselState v) {
    loitering.close(v);
    encounter.closeAll(v);
    cable.closeAll(v);
    grid.remove(v);
  }

  /** Vessels currently tracked. */
  public int vesselCount() {
    return vessels.size();
  }

  /** Reports accepted. */
  public long fixCount() {
    return fixes;
  }

  /** Reports dropped: impossible position, or not newer than the vessel's last report. */
  public long droppedCount() {
    return dropped;
  }

  /** Reports hidden from the behaviour detectors as the second track of a shared MMSI. */
  public long hiddenCount() {
    return hidden;
  }
}
