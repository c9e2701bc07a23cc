package org.kuroshio.app;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.ParseLimits;
import org.kuroshio.stix.StixJson;
import org.kuroshio.stix.Timestamps;
import org.kuroshio.taxii.server.HttpFailure;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON body of a REST API request, read under the API's limits (size before reading, then
 * nesting depth, string and name length, duplicate keys), with typed accessors whose errors
 * name the key and what was expected. Unknown keys are refused when the body is opened.
 */
final class ApiBody {
  /** Largest request body accepted, in bytes (1 MiB). */
  static final int MAX_BYTES = 1 << 20;
  /** Deepest nesting of arrays and objects accepted. */
  static final int MAX_DEPTH = 32;
  /** Longest string value accepted, in characters. */
  static final int MAX_STRING = 65_536;

  private static final JsonMapper MAPPER = StixJson.mapper(
      new ParseLimits(MAX_DEPTH, MAX_STRING, 250, MAX_BYTES, 100_000))
      .rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final ObjectNode node;
  private final String what;

  private ApiBody(ObjectNode node, String what) {
    this.node = node;
    this.what = what;
  }

  /**
   * Reads the body as one JSON object holding only {@code allowed} keys.
   *
   * @param what names the request in messages, such as {@code POST /api/users}
   */
  static ApiBody read(Context ctx, String what, Set<String> allowed) {
    ApiBody body = new ApiBody(object(ctx, what), what);
    body.onlyKeys(allowed);
    return body;
  }

  /** Reads the body as one JSON object, whatever its keys (a STIX object). */
  static ObjectNode object(Context ctx, String what) {
    String type = ctx.header("Content-Type");
    if (type == null || !type.strip().toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw HttpFailure.unsupportedMediaType("the body of " + what + " must be application/json;"
          + " got " + (type == null ? "no Content-Type" : ApiRoutes.abbreviate(type)));
    }
    byte[] bytes = bytes(ctx, MAX_BYTES, "");
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (StreamConstraintsException e) {
      throw HttpFailure.badRequest("the body breaks a parse limit (depth at most " + MAX_DEPTH
          + ", strings at most " + MAX_STRING + " characters): " + StixJson.describe(e));
    } catch (JacksonException e) {
      throw HttpFailure.badRequest("the body is not valid JSON: " + StixJson.describe(e));
    }
    if (root == null || root.isMissingNode()) {
      throw HttpFailure.badRequest("the body of " + what + " is empty; expected a JSON object");
    }
    if (!(root instanceof ObjectNode o)) {
      throw HttpFailure.badRequest("the body of " + what + " must be a JSON object");
    }
    return o;
  }

  /**
   * Reads a request body of at most {@code max} bytes: a larger declared length is refused before
   * reading, a longer stream while reading (413, with {@code advice} after the limit).
   */
  static byte[] bytes(Context ctx, long max, String advice) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > max) {
      throw HttpFailure.tooLarge("the body has " + declared + " bytes; at most " + max
          + " are accepted per request" + advice);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
      byte[] buf = new byte[16 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > max) {
          throw HttpFailure.tooLarge("the body is larger than " + max
              + " bytes, the most accepted per request" + advice);
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw HttpFailure.badRequest("the request body could not be read: " + e.getMessage());
    }
  }

  private void onlyKeys(Set<String> allowed) {
    for (Iterator<String> it = node.propertyNames().iterator(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw HttpFailure.badRequest("unknown key \"" + ApiRoutes.abbreviate(key) + "\" in the body"
            + " of " + what + " (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
    }
  }

  /** Returns whether the key is present (with any value, null included). */
  boolean has(String key) {
    return node.has(key);
  }

  /** Returns whether the key is absent or JSON null. */
  boolean absent(String key) {
    JsonNode v = node.get(key);
    return v == null || v.isNull();
  }

  /** Returns a required string of 1 to {@code max} characters. */
  String string(String key, int max) {
    String s = optString(key, max);
    if (s == null) {
      throw HttpFailure.badRequest("the body of " + what + " needs \"" + key + "\" (a string)");
    }
    return s;
  }

  /** Returns an optional string of 1 to {@code max} characters; null when absent or null. */
  @Nullable String optString(String key, int max) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isString()) {
      throw wrongType(key, "a string");
    }
    String s = v.asString();
    if (s.isEmpty() || s.length() > max) {
      throw HttpFailure.badRequest("\"" + key + "\" in the body of " + what + " must be 1 to "
          + max + " characters long");
    }
    return s;
  }

  /** Returns an optional boolean; null when absent or null. */
  @Nullable Boolean optBoolean(String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      throw wrongType(key, "true or false");
    }
    return v.asBoolean();
  }

  /** Returns an optional integer; null when absent or null. */
  @Nullable Integer optInt(String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw wrongType(key, "an integer");
    }
    return v.asInt();
  }

  /** Returns an optional RFC 3339 timestamp; null when absent or null. */
  @Nullable Instant optTime(String key) {
    String s = optString(key, 64);
    if (s == null) {
      return null;
    }
    return Timestamps.tryParse(s).orElseThrow(() -> HttpFailure.badRequest("\"" + key
        + "\" in the body of " + what + " is not an RFC 3339 timestamp: "
        + ApiRoutes.abbreviate(s)));
  }

  /** Returns a required RFC 3339 timestamp. */
  Instant time(String key) {
    Instant t = optTime(key);
    if (t == null) {
      throw HttpFailure.badRequest("the body of " + what + " needs \"" + key
          + "\" (an RFC 3339 timestamp)");
    }
    return t;
  }

  /**
   * Returns an optional list of strings (at most {@code maxItems}, each 1 to {@code max}
   * characters); null when absent or null.
   */
  @Nullable List<String> optStrings(String key, int maxItems, int max) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      throw wrongType(key, "a list of strings");
    }
    if (v.size() > maxItems) {
      throw HttpFailure.badRequest("\"" + key + "\" in the body of " + what + " holds "
          + v.size() + " items; at most " + maxItems + " are accepted");
    }
    List<String> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (!e.isString() || e.asString().isEmpty() || e.asString().length() > max) {
        throw HttpFailure.badRequest("\"" + key + "\"[" + i + "] in the body of " + what
            + " must be a string of 1 to " + max + " characters");
      }
      out.add(e.asString());
    }
    return out;
  }

  /** Returns a required list of strings. */
  List<String> strings(String key, int maxItems, int max) {
    List<String> l = optStrings(key, maxItems, max);
    if (l == null) {
      throw HttpFailure.badRequest("the body of " + what + " needs \"" + key
          + "\" (a list of strings)");
    }
    return l;
  }

  private HttpFailure wrongType(String key, String expected) {
    return HttpFailure.badRequest("\"" + key + "\" in the body of " + what + " must be "
        + expected);
  }
}
