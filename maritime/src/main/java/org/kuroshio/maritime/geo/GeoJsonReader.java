package org.kuroshio.maritime.geo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads GeoJSON (RFC 7946) into JTS geometries with their properties: a FeatureCollection, a
 * single Feature or a bare geometry (Point, MultiPoint, LineString, MultiLineString, Polygon,
 * MultiPolygon, GeometryCollection). Coordinates are WGS-84 degrees, x = longitude, y = latitude;
 * altitude is ignored.
 *
 * <p>The input is treated as hostile: it is streamed (never materialised as a JSON tree except for
 * each feature's {@code properties}), and the {@link Limits} are checked while reading, so an
 * oversized or deeply nested document fails early. Every failure is a {@link GeoDataException}
 * whose message names the source, the feature index and the problem. Instances are immutable and
 * thread-safe.
 */
public final class GeoJsonReader {
  /** The factory of every geometry read here: floating precision, SRID 4326. */
  public static final GeometryFactory GEOMETRY_FACTORY =
      new GeometryFactory(new PrecisionModel(), 4326);

  /**
   * Limits on one document.
   *
   * @param maxBytes the largest document in bytes (default 64 MB)
   * @param maxFeatures the most features in a FeatureCollection (default 100,000)
   * @param maxCoordinates the most positions in the whole document (default 5,000,000)
   * @param maxNesting the deepest JSON nesting, properties included (default 32); a
   *     GeometryCollection may hold collections at most 4 deep within that
   */
  public record Limits(long maxBytes, int maxFeatures, long maxCoordinates, int maxNesting) {
    /** The defaults described above. */
    public static final Limits DEFAULT = new Limits(64L << 20, 100_000, 5_000_000L, 32);

    /** Checks that every limit is positive. */
    public Limits {
      if (maxBytes <= 0 || maxFeatures <= 0 || maxCoordinates <= 0 || maxNesting < 8) {
        throw new IllegalArgumentException("limits must be positive (maxNesting >= 8): "
            + maxBytes + ", " + maxFeatures + ", " + maxCoordinates + ", " + maxNesting);
      }
    }
  }

  private static final int MAX_COLLECTION_DEPTH = 4;

  private final Limits limits;
  private final JsonMapper mapper;

  /** A reader with {@link Limits#DEFAULT}. */
  public GeoJsonReader() {
    this(Limits.DEFAULT);
  }

  /** A reader with the given limits. */
  public GeoJsonReader(Limits limits) {
    this.limits = limits;
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxNesting())
            .maxDocumentLength(limits.maxBytes())
            .maxStringLength(1 << 20)
            .maxNumberLength(64)
            .build())
        .build();
    this.mapper = JsonMapper.builder(factory).build();
  }

  /** This reader's limits. */
  public Limits limits() {
    return limits;
  }

  /** Reads a file; the source in error messages is the file name. */
  public List<GeoFeature> read(Path file) {
    return fromFile(file, this::read);
  }

  /** Reads a stream (not closed here); {@code source} names it in error messages. */
  public List<GeoFeature> read(InputStream in, String source) {
    try (JsonParser p = mapper.createParser(in)) {
      return new Run(p, source).document();
    } catch (JacksonException e) {
      TokenStreamLocation loc = e.getLocation();
      String where = loc == null ? "" : " (line " + loc.getLineNr() + ", column "
          + loc.getColumnNr() + ")";
      throw new GeoDataException(source + ": not valid JSON or over a limit: "
          + e.getOriginalMessage() + where, e);
    }
  }

  /**
   * Reads a plain JSON document (not GeoJSON) as a tree under the same byte and nesting limits;
   * used for side files such as cable metadata.
   */
  public JsonNode readTree(Path file) {
    return fromFile(file, (in, source) -> {
      try {
        return mapper.readTree(in);
      } catch (JacksonException e) {
        throw new GeoDataException(source + ": not valid JSON or over a limit: "
            + e.getOriginalMessage(), e);
      }
    });
  }

  /**
   * Opens a file of at most {@link Limits#maxBytes()} and hands it to {@code reader} with its
   * name, the source in error messages.
   */
  private <T> T fromFile(Path file, BiFunction<InputStream, String, T> reader) {
    String source = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    try {
      long size = Files.size(file);
      if (size > limits.maxBytes()) {
        throw new GeoDataException(source + ": file is " + size + " bytes, over the limit of "
            + limits.maxBytes());
      }
      try (InputStream in = Files.newInputStream(file)) {
        return reader.apply(in, source);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(source + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** A coordinate array whose elements are positions, packed as x0, y0, x1, y1, ... */
  private record Packed(double[] xy, int n) {}

  /** One parsed GeoJSON object before it is turned into a feature or geometry. */
  private static final class Raw {
    @Nullable String type;
    @Nullable Object coordinates;
    @Nullable List<Raw> geometries;
    @Nullable List<Raw> features;
    @Nullable Raw geometry;
    boolean geometryNull;
    @Nullable ObjectNode properties;
    @Nullable String id;
  }

  /** The state of reading one document. */
  private final class Run {
    private final JsonParser p;
    private final String source;
    private long coordinates;
    private int feature = -1;

    Run(JsonParser p, String source) {
      this.p = p;
      this.source = source;
    }

    List<GeoFeature> document() {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        throw fail("the document is not a JSON object");
      }
      Raw root = object(0, true);
      if (p.nextToken() != null) {
        throw fail("content after the end of the top-level object");
      }
      String type = require(root.type, "the top-level object has no \"type\"");
      switch (type) {
        case "FeatureCollection" -> {
          List<Raw> raws = root.features;
          if (raws == null) {
            throw fail("FeatureCollection has no \"features\" array");
          }
          List<GeoFeature> out = new ArrayList<>(raws.size());
          for (int i = 0; i < raws.size(); i++) {
            feature = i;
            out.add(feature(raws.get(i), i));
          }
          return List.copyOf(out);
        }
        case "Feature" -> {
          feature = 0;
          return List.of(feature(root, 0));
        }
        default -> {
          feature = 0;
          return List.of(new GeoFeature(0, null, geometry(root, 0),
              JsonNodeFactory.instance.objectNode()));
        }
      }
    }

    private GeoFeature feature(Raw raw, int index) {
      if (!"Feature".equals(raw.type)) {
        throw fail("is not a Feature (type " + raw.type + ")");
      }
      if (raw.geometry == null) {
        throw fail(raw.geometryNull ? "geometry is null" : "has no \"geometry\"");
      }
      ObjectNode props = raw.properties == null
          ? JsonNodeFactory.instance.objectNode() : raw.properties;
      return new GeoFeature(index, raw.id, geometry(raw.geometry, 0), props);
    }

    /** Reads an object whose START_OBJECT is the current token. */
    private Raw object(int collectionDepth, boolean top) {
      Raw raw = new Raw();
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "type" -> {
            if (v != JsonToken.VALUE_STRING) {
              throw fail("\"type\" is not a string");
            }
            raw.type = p.getString();
          }
          case "coordinates" -> {
            if (v != JsonToken.START_ARRAY) {
              throw fail("\"coordinates\" is not an array");
            }
            raw.coordinates = array();
          }
          case "geometries" -> {
            if (collectionDepth >= MAX_COLLECTION_DEPTH) {
              throw fail("GeometryCollection nested deeper than " + MAX_COLLECTION_DEPTH);
            }
            raw.geometries = objects(v, "geometries", collectionDepth + 1, false);
          }
          case "features" -> {
            if (!top) {
              throw fail("\"features\" below the top level");
            }
            raw.features = objects(v, "features", 0, true);
          }
          case "geometry" -> {
            if (v == JsonToken.VALUE_NULL) {
              raw.geometryNull = true;
            } else if (v == JsonToken.START_OBJECT) {
              raw.geometry = object(0, false);
            } else {
              throw fail("\"geometry\" is not an object");
            }
          }
          case "properties" -> {
            if (v == JsonToken.START_OBJECT) {
              JsonNode node = p.readValueAsTree();
              raw.properties = (ObjectNode) node;
            } else if (v != JsonToken.VALUE_NULL) {
              throw fail("\"properties\" is not an object");
            }
          }
          case "id" -> {
            if (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT
                || v == JsonToken.VALUE_NUMBER_FLOAT) {
              raw.id = p.getString();
            } else {
              p.skipChildren();
            }
          }
          default -> p.skipChildren();
        }
      }
      return raw;
    }

    private List<Raw> objects(JsonToken v, String what, int collectionDepth, boolean features) {
      if (v != JsonToken.START_ARRAY) {
        throw fail("\"" + what + "\" is not an array");
      }
      List<Raw> out = new ArrayList<>();
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (features) {
          feature = out.size();
          if (out.size() >= limits.maxFeatures()) {
            throw fail("more than " + limits.maxFeatures() + " features");
          }
        }
        if (t != JsonToken.START_OBJECT) {
          throw fail("an element of \"" + what + "\" is not an object");
        }
        out.add(object(collectionDepth, false));
      }
      if (features) {
        feature = -1;
      }
      return out;
    }

    /** Reads an array whose START_ARRAY is the current token: a position, Packed or List. */
    private Object array() {
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        return position();
      }
      List<Object> items = new ArrayList<>();
      double[] xy = null;
      int n = 0;
      while (t != JsonToken.END_ARRAY) {
        if (t != JsonToken.START_ARRAY) {
          throw fail("coordinates hold a " + t + " where an array or number was expected");
        }
        Object item = array();
        if (item instanceof double[] pos) {
          if (!items.isEmpty()) {
            throw fail("coordinates mix positions and arrays at one level");
          }
          if (xy == null) {
            xy = new double[16];
          } else if (2 * n + 2 > xy.length) {
            xy = Arrays.copyOf(xy, xy.length * 2);
          }
          xy[2 * n] = pos[0];
          xy[2 * n + 1] = pos[1];
          n++;
        } else {
          if (xy != null) {
            throw fail("coordinates mix positions and arrays at one level");
          }
          items.add(item);
        }
        t = p.nextToken();
      }
      return xy != null ? new Packed(xy, n) : items;
    }

    /** Reads a position whose first number is the current token, through its END_ARRAY. */
    private double[] position() {
      if (++coordinates > limits.maxCoordinates()) {
        throw fail("more than " + limits.maxCoordinates() + " coordinates");
      }
      double lon = p.getDoubleValue();
      JsonToken t = p.nextToken();
      if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
        throw fail("a position has fewer than two numbers");
      }
      double lat = p.getDoubleValue();
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
          throw fail("a position holds a " + t + " where a number was expected");
        }
      }
      if (!(lon >= -180.0 && lon <= 180.0) || !(lat >= -90.0 && lat <= 90.0)) {
        throw fail("position [" + lon + ", " + lat
            + "] is out of range (longitude -180..180, latitude -90..90)");
      }
      return new double[] {lon, lat};
    }

    private Geometry geometry(Raw raw, int depth) {
      String type = require(raw.type, "a geometry has no \"type\"");
      GeometryFactory gf = GEOMETRY_FACTORY;
      if (type.equals("GeometryCollection")) {
        List<Raw> parts = require(raw.geometries, "GeometryCollection has no \"geometries\"");
        Geometry[] out = new Geometry[parts.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = geometry(parts.get(i), depth + 1);
        }
        return gf.createGeometryCollection(out);
      }
      Object c = require(raw.coordinates, type + " has no \"coordinates\"");
      return switch (type) {
        case "Point" -> {
          if (!(c instanceof double[] pos)) {
            throw fail("Point coordinates are not a single position");
          }
          yield gf.createPoint(new Coordinate(pos[0], pos[1]));
        }
        case "MultiPoint" -> gf.createMultiPointFromCoords(coords(c, type, 0));
        case "LineString" -> line(c, type);
        case "MultiLineString" -> {
          List<Object> parts = list(c, type);
          LineString[] lines = new LineString[parts.size()];
          for (int i = 0; i < lines.length; i++) {
            lines[i] = line(parts.get(i), type + " part " + i);
          }
          yield gf.createMultiLineString(lines);
        }
        case "Polygon" -> polygon(c, type);
        case "MultiPolygon" -> {
          List<Object> parts = list(c, type);
          Polygon[] polys = new Polygon[parts.size()];
          for (int i = 0; i < polys.length; i++) {
            polys[i] = polygon(parts.get(i), type + " part " + i);
          }
          yield gf.createMultiPolygon(polys);
        }
        default -> throw fail("unknown geometry type \"" + type + "\"");
      };
    }

    private LineString line(Object c, String what) {
      Coordinate[] cs = coords(c, what, 2);
      return GEOMETRY_FACTORY.createLineString(cs);
    }

    private Polygon polygon(Object c, String what) {
      List<Object> rings = list(c, what);
      if (rings.isEmpty()) {
        return GEOMETRY_FACTORY.createPolygon();
      }
      LinearRing[] lr = new LinearRing[rings.size()];
      for (int i = 0; i < lr.length; i++) {
        Coordinate[] cs = coords(rings.get(i), what + " ring " + i, 4);
        if (!cs[0].equals2D(cs[cs.length - 1])) {
          throw fail(what + " ring " + i + " is not closed (first and last positions differ)");
        }
        lr[i] = GEOMETRY_FACTORY.createLinearRing(cs);
      }
      return GEOMETRY_FACTORY.createPolygon(lr[0], Arrays.copyOfRange(lr, 1, lr.length));
    }

    private Coordinate[] coords(Object c, String what, int min) {
      if (c instanceof List<?> l && l.isEmpty() && min == 0) {
        return new Coordinate[0];
      }
      if (!(c instanceof Packed packed)) {
        throw fail(what + " coordinates are not an array of positions");
      }
      if (packed.n() < min) {
        throw fail(what + " has " + packed.n() + " positions, needs at least " + min);
      }
      Coordinate[] out = new Coordinate[packed.n()];
      for (int i = 0; i < out.length; i++) {
        out[i] = new Coordinate(packed.xy()[2 * i], packed.xy()[2 * i + 1]);
      }
      return out;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object c, String what) {
      if (c instanceof List<?> l) {
        return (List<Object>) l;
      }
      throw fail(what + " coordinates have the wrong depth");
    }

    private <T> T require(@Nullable T value, String problem) {
      if (value == null) {
        throw fail(problem);
      }
      return value;
    }

    private GeoDataException fail(String problem) {
      String where = feature >= 0 ? source + ": feature " + feature + ": " : source + ": ";
      return new GeoDataException(where + problem);
    }
  }
}
