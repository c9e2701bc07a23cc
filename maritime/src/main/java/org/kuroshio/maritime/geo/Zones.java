package org.kuroshio.maritime.geo;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the detectors ask about a point at sea: which cable corridors, territorial sea, anchorage
 * and user areas contain it. Implementations are immutable snapshots and safe to share between
 * threads.
 */
public interface Zones {
  /** Zones that contain nothing: no cables, seas, anchorages or areas. */
  Zones NONE = new Zones() {
    @Override
    public List<CorridorHit> corridorsAt(double lat, double lon) {
      return List.of();
    }

    @Override
    public @Nullable String territorialSeaAt(double lat, double lon) {
      return null;
    }

    @Override
    public boolean inAnchorage(double lat, double lon) {
      return false;
    }

    @Override
    public List<AreaHit> areasAt(double lat, double lon) {
      return List.of();
    }
  };

  /** The cable corridors containing the point, nearest route first; empty when none. */
  List<CorridorHit> corridorsAt(double lat, double lon);

  /**
   * The territorial sea (or land) polygon containing the point, as the country's ISO 3166 alpha-3
   * code, or null when the point is outside every one.
   */
  @Nullable String territorialSeaAt(double lat, double lon);

  /** Whether the point lies in a port or anchorage area, where slow and anchored ships are normal. */
  boolean inAnchorage(double lat, double lon);

  /** The user areas of interest containing the point; empty when none. */
  List<AreaHit> areasAt(double lat, double lon);

  /**
   * A corridor containing a point.
   *
   * @param cableId the cable's id in its source data
   * @param cableName the cable's name
   * @param distanceM distance from the point to the cable route, in metres
   * @param routeBearingDeg bearing of the route segment nearest the point, degrees [0, 180)
   */
  record CorridorHit(String cableId, String cableName, double distanceM, double routeBearingDeg) {}

  /**
   * A user area containing a point.
   *
   * @param id the area's id
   * @param name the area's name
   */
  record AreaHit(String id, String name) {}
}
