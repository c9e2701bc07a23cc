package org.kuroshio.maritime.detect;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.kuroshio.maritime.geo.Geo;
import org.kuroshio.maritime.geo.Zones;

/**
 * Hand-made zones for detector tests: straight east-west cable corridors along a latitude,
 * territorial-sea and user-area rectangles, anchorage circles.
 */
final class TestZones implements Zones {
  /** Base position of the tests: the Taiwan Strait. */
  static final double LAT = 25.0;
  static final double LON = 120.0;

  private record Corridor(String id, String name, double lat, double lon1, double lon2,
      double halfWidthM) {}

  private record Rect(String id, String name, double lat1, double lon1, double lat2,
      double lon2) {
    boolean contains(double lat, double lon) {
      return lat >= lat1 && lat <= lat2 && lon >= lon1 && lon <= lon2;
    }
  }

  private record Circle(double lat, double lon, double radiusM) {}

  private final List<Corridor> corridors = new ArrayList<>();
  private final List<Rect> seas = new ArrayList<>();
  private final List<Rect> areas = new ArrayList<>();
  private final List<Circle> anchorages = new ArrayList<>();

  /** A cable along latitude {@code lat} from lon1 to lon2 with a corridor of +-halfWidthM. */
  TestZones cable(String id, double lat, double lon1, double lon2, double halfWidthM) {
    corridors.add(new Corridor(id, "Cable " + id, lat, lon1, lon2, halfWidthM));
    return this;
  }

  TestZones sea(String iso3, double lat1, double lon1, double lat2, double lon2) {
    seas.add(new Rect(iso3, iso3, lat1, lon1, lat2, lon2));
    return this;
  }

  TestZones area(String id, String name, double lat1, double lon1, double lat2, double lon2) {
    areas.add(new Rect(id, name, lat1, lon1, lat2, lon2));
    return this;
  }

  TestZones anchorage(double lat, double lon, double radiusM) {
    anchorages.add(new Circle(lat, lon, radiusM));
    return this;
  }

  @Override
  public List<CorridorHit> corridorsAt(double lat, double lon) {
    List<CorridorHit> out = new ArrayList<>();
    for (Corridor c : corridors) {
      if (lon < c.lon1 || lon > c.lon2) {
        continue;
      }
      double d = Geo.distanceM(lat, lon, c.lat, lon);
      if (d <= c.halfWidthM) {
        out.add(new CorridorHit(c.id, c.name, d, 90.0));
      }
    }
    out.sort((a, b) -> Double.compare(a.distanceM(), b.distanceM()));
    return out;
  }

  @Override
  public @Nullable String territorialSeaAt(double lat, double lon) {
    for (Rect r : seas) {
      if (r.contains(lat, lon)) {
        return r.id;
      }
    }
    return null;
  }

  @Override
  public boolean inAnchorage(double lat, double lon) {
    for (Circle c : anchorages) {
      if (Geo.distanceM(lat, lon, c.lat, c.lon) <= c.radiusM) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<AreaHit> areasAt(double lat, double lon) {
    List<AreaHit> out = new ArrayList<>();
    for (Rect r : areas) {
      if (r.contains(lat, lon)) {
        out.add(new AreaHit(r.id, r.name));
      }
    }
    return out;
  }
}
