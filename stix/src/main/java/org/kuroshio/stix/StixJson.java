package org.kuroshio.stix;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reads and writes STIX JSON losslessly, enforcing {@link ParseLimits} on everything it reads. */
public final class StixJson {
  private static final JsonMapper DEFAULT_MAPPER = mapper(ParseLimits.DEFAULT);

  private StixJson() {}

  /** Returns a Jackson mapper whose parser enforces the given limits. */
  public static JsonMapper mapper(ParseLimits limits) {
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxNestingDepth())
            .maxStringLength(limits.maxStringLength())
            .maxNameLength(limits.maxNameLength())
            .maxDocumentLength(limits.maxObjectBytes())
            .build();
    JsonFactory factory = JsonFactory.builder().streamReadConstraints(constraints).build();
    return JsonMapper.builder(factory).build();
  }

  /** Returns the mapper used with {@link ParseLimits#DEFAULT}. */
  public static JsonMapper mapper() {
    return DEFAULT_MAPPER;
  }

  /** Parses one STIX object under the default limits. */
  public static StixObject parse(String json) {
    return parse(json, DEFAULT_MAPPER);
  }

  /** Parses one STIX object from UTF-8 bytes under the default limits. */
  public static StixObject parse(byte[] json) {
    return parse(new String(json, StandardCharsets.UTF_8), DEFAULT_MAPPER);
  }

  /** Parses one STIX object with the given mapper (see {@link #mapper(ParseLimits)}). */
  public static StixObject parse(String json, JsonMapper mapper) {
    JsonNode node = readTree(json, mapper);
    if (!(node instanceof ObjectNode object)) {
      throw new ParseException("a STIX object must be a JSON object", 1, 1);
    }
    return StixObject.of(object);
  }

  /** Parses any JSON document under the given mapper's limits, reporting where it broke. */
  public static JsonNode readTree(String json, JsonMapper mapper) {
    try {
      return mapper.readTree(json);
    } catch (JacksonException e) {
      throw parseFailure(e);
    }
  }

  /** Parses any JSON document from a stream under the given mapper's limits. */
  public static JsonNode readTree(InputStream in, JsonMapper mapper) {
    try {
      return mapper.readTree(in);
    } catch (JacksonException e) {
      throw parseFailure(e);
    }
  }

  /** Converts a Jackson failure into a {@link ParseException} carrying line and column. */
  public static ParseException parseFailure(JacksonException e) {
    TokenStreamLocation loc = e.getLocation();
    long line = loc == null ? 0 : loc.getLineNr();
    long col = loc == null ? 0 : loc.getColumnNr();
    return new ParseException("malformed JSON: " + describe(e), line, col, e);
  }

  private static final java.util.regex.Pattern PARSER_INTERNALS = java.util.regex.Pattern.compile(
      "\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)|, from `[^`]*`");

  /**
   * Returns what a Jackson failure says, without the parser's internals (source descriptions,
   * configuration method names) that mean nothing to the partner who sent the input.
   */
  public static String describe(JacksonException e) {
    String m = e.getOriginalMessage();
    return m == null ? e.getClass().getSimpleName() : PARSER_INTERNALS.matcher(m).replaceAll("");
  }

  /** Writes compact JSON text. */
  public static String write(JsonNode node) {
    return DEFAULT_MAPPER.writeValueAsString(node);
  }

  /** Writes compact JSON as UTF-8 bytes. */
  public static byte[] writeBytes(JsonNode node) {
    return DEFAULT_MAPPER.writeValueAsBytes(node);
  }
}
