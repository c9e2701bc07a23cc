package org.kuroshio.app;

import java.io.InputStream;
import org.kuroshio.stix.ParseException;
import org.kuroshio.stix.ParseLimits;
import org.kuroshio.stix.StixJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streams the objects of a file with the line each starts on, for {@code kuroshio validate}: a
 * bundle or TAXII envelope (each element of {@code objects}), a JSON array of objects, or one
 * object. Only one object is held in memory at a time; duplicate property names are errors.
 */
final class LocatedObjects {
  /** One value read from the file and the 1-based line where it starts. */
  record Located(JsonNode node, long line) {}

  /** Receives each value in file order. */
  @FunctionalInterface
  interface Sink {
    void accept(Located value);
  }

  private final JsonMapper mapper;

  LocatedObjects(ParseLimits limits) {
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            // Two levels more than an object may use: the bundle and its objects array.
            .maxNestingDepth(limits.maxNestingDepth() + 2)
            .maxStringLength(limits.maxStringLength())
            .maxNameLength(limits.maxNameLength())
            .build();
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(constraints)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    this.mapper = JsonMapper.builder(factory).build();
  }

  /**
   * Reads every object of {@code in}, handing each to {@code sink}.
   *
   * @return how many values were read
   * @throws ParseException on malformed JSON or a broken limit, with line and column
   */
  long read(InputStream in, Sink sink) {
    long count = 0;
    try (JsonParser p = mapper.createParser(in)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new ParseException("the file is empty", 1, 1);
      }
      if (first == JsonToken.START_ARRAY) {
        count = elements(p, sink);
      } else if (first == JsonToken.START_OBJECT) {
        long line = line(p);
        ObjectNode header = mapper.createObjectNode();
        boolean streamed = false;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String name = p.currentName();
          JsonToken value = p.nextToken();
          if (name.equals("objects") && value == JsonToken.START_ARRAY && !streamed) {
            count += elements(p, sink);
            streamed = true;
          } else {
            header.set(name, p.readValueAsTree());
          }
        }
        JsonNode type = header.get("type");
        boolean container = streamed || (type != null && "bundle".equals(type.asString("")));
        if (!container) {
          sink.accept(new Located(header, line));
          count = 1;
        }
      } else {
        throw new ParseException("expected a bundle, an array of objects or one object, found "
            + first, line(p), column(p));
      }
      if (p.nextToken() != null) {
        throw new ParseException("unexpected content after the end of the JSON value", line(p),
            column(p));
      }
    } catch (JacksonException e) {
      throw StixJson.parseFailure(e);
    }
    return count;
  }

  private static long elements(JsonParser p, Sink sink) {
    long count = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      long line = line(p);
      JsonNode node = p.readValueAsTree();
      sink.accept(new Located(node, line));
      count++;
    }
    return count;
  }

  private static long line(JsonParser p) {
    TokenStreamLocation loc = p.currentTokenLocation();
    return loc == null ? 0 : loc.getLineNr();
  }

  private static long column(JsonParser p) {
    TokenStreamLocation loc = p.currentTokenLocation();
    return loc == null ? 0 : loc.getColumnNr();
  }
}
