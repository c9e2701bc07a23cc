package org.kuroshio.maritime.geo;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Country polygons of land plus territorial sea, keyed by ISO 3166 alpha-3 code, as published
 * from OpenStreetMap maritime boundaries: {@code osm-borders-maritime-10000m*.geojson}
 * ({@code isoA3}, {@code isoA2}) and {@code geo-maps-countries-maritime-10km.geojson}
 * ({@code A3}). Both are simplified to about 10 km, so positions within about 10 km of the outer
 * limit (12 NM from the baseline) or of a land border may be attributed wrongly.
 *
 * <p>"Territorial sea" in this package means that polygon: a point on land is "in" it too. Where
 * polygons overlap (several files, disputed waters), {@link #countryAt} returns the first in load
 * order. Each polygon is a {@link PreparedGeometry} under a JTS {@link STRtree}. Immutable and
 * thread-safe.
 */
public final class Boundaries {
  private static final Logger LOG = System.getLogger(Boundaries.class.getName());

  /**
   * One country polygon.
   *
   * @param iso3 ISO 3166 alpha-3 code
   * @param iso2 ISO 3166 alpha-2 code, or null when the source gives none
   * @param area the polygon (land plus territorial sea), valid, in degrees
   */
  public record Country(String iso3, @Nullable String iso2, Geometry area) {}

  private final List<Country> countries;
  private final PreparedGeometry[] prepared;
  /** Point-in-polygon locators, indexed up front: unlike PreparedPolygon they take no lock. */
  private final IndexedPointInAreaLocator[] locators;
  private final STRtree tree;

  private Boundaries(List<Country> countries) {
    this.countries = List.copyOf(countries);
    this.prepared = new PreparedGeometry[this.countries.size()];
    this.locators = new IndexedPointInAreaLocator[prepared.length];
    this.tree = new STRtree();
    for (int i = 0; i < prepared.length; i++) {
      Geometry g = this.countries.get(i).area();
      prepared[i] = PreparedGeometryFactory.prepare(g);
      locators[i] = new IndexedPointInAreaLocator(g);
      locators[i].locate(new Coordinate(0, 0)); // builds the index now, not under load
      if (!g.isEmpty()) {
        tree.insert(g.getEnvelopeInternal(), i);
      }
    }
    tree.build();
  }

  /** Boundaries of the given countries; the first containing one wins. */
  public static Boundaries of(List<Country> countries) {
    return new Boundaries(countries);
  }

  /**
   * Reads one or more boundary files; earlier files take precedence where polygons overlap.
   *
   * @throws GeoDataException when a file is not usable GeoJSON or yields no country
   */
  public static Boundaries load(Path... files) {
    GeoJsonReader reader = new GeoJsonReader();
    List<Country> all = new ArrayList<>();
    for (Path f : files) {
      String source = f.getFileName() == null ? f.toString() : f.getFileName().toString();
      all.addAll(countriesOf(reader.read(f), source));
    }
    return new Boundaries(all);
  }

  /**
   * Country polygons from features whose properties carry {@code isoA3}, {@code A3},
   * {@code ISO_A3} or {@code iso_a3}; features without a three-letter code are skipped (and
   * logged); non-polygonal parts are ignored; invalid polygons are repaired.
   *
   * @throws GeoDataException when no feature yields a country, or a geometry has no polygon
   */
  public static List<Country> countriesOf(List<GeoFeature> features, String source) {
    List<Country> out = new ArrayList<>();
    int skipped = 0;
    for (GeoFeature f : features) {
      String code = f.text("isoA3", f.text("A3", f.text("ISO_A3", f.text("iso_a3", ""))));
      if (!isAlpha(code, 3)) {
        skipped++;
        continue;
      }
      String iso2 = f.text("isoA2", f.text("ISO_A2", ""));
      List<Polygon> polys = new ArrayList<>();
      PolygonExtracter.getPolygons(f.geometry(), polys);
      if (polys.isEmpty()) {
        throw new GeoDataException(source + ": feature " + f.index() + " (" + code
            + "): no polygon in a " + f.geometry().getGeometryType());
      }
      Geometry area = GeoJsonReader.GEOMETRY_FACTORY.createMultiPolygon(
          polys.toArray(new Polygon[0]));
      if (!area.isValid()) {
        area = GeometryFixer.fix(area);
      }
      out.add(new Country(code, isAlpha(iso2, 2) ? iso2 : null, area));
    }
    if (skipped > 0) {
      LOG.log(Level.WARNING, "{0}: skipped {1} features without an ISO alpha-3 code",
          source, skipped);
    }
    if (out.isEmpty()) {
      throw new GeoDataException(source + ": no feature with an ISO alpha-3 code (isoA3 or A3)");
    }
    return out;
  }

  private static boolean isAlpha(String s, int len) {
    if (s.length() != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c < 'A' || c > 'Z') {
        return false;
      }
    }
    return true;
  }

  /**
   * The alpha-3 code of the first polygon (in load order) containing the point, boundary
   * included, or null when none does or the position is invalid. Direct computation through the
   * STRtree; {@link GeoIndex} answers the same faster.
   */
  public @Nullable String countryAt(double lat, double lon) {
    if (!Geo.isValid(lat, lon)) {
      return null;
    }
    @SuppressWarnings("unchecked")
    List<Object> found = tree.query(new Envelope(lon, lon, lat, lat));
    if (found.isEmpty()) {
      return null;
    }
    int[] idx = new int[found.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = (Integer) found.get(i);
    }
    Arrays.sort(idx);
    for (int i : idx) {
      if (contains(i, lat, lon)) {
        return countries.get(i).iso3();
      }
    }
    return null;
  }

  /** Every country polygon in load order. */
  public List<Country> countries() {
    return countries;
  }

  /** The distinct alpha-3 codes, in load order. */
  public List<String> codes() {
    LinkedHashSet<String> codes = new LinkedHashSet<>();
    for (Country c : countries) {
      codes.add(c.iso3());
    }
    return List.copyOf(codes);
  }

  /** The first polygon loaded for this alpha-3 code. */
  public Optional<Geometry> area(String iso3) {
    for (Country c : countries) {
      if (c.iso3().equals(iso3)) {
        return Optional.of(c.area());
      }
    }
    return Optional.empty();
  }

  // ---- package-private, for GeoIndex ----

  PreparedGeometry prepared(int i) {
    return prepared[i];
  }

  /** Whether polygon i contains the point, boundary included. */
  boolean contains(int i, double lat, double lon) {
    return locators[i].locate(new Coordinate(lon, lat)) != Location.EXTERIOR;
  }
}
