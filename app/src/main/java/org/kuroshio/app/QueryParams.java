package org.kuroshio.app;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.Timestamps;
import org.kuroshio.taxii.server.HttpFailure;

/** Query parameters of the REST API, checked the same way everywhere: once, 1-300 characters. */
final class QueryParams {
  private static final int MAX_LENGTH = 300;

  private QueryParams() {}

  /** A required parameter. */
  static String requiredQuery(Context ctx, String name) {
    String v = optQuery(ctx, name);
    if (v == null) {
      throw HttpFailure.badRequest("the query parameter " + name + " is required");
    }
    return v;
  }

  /** An optional parameter, or null when absent. */
  static @Nullable String optQuery(Context ctx, String name) {
    List<String> values = ctx.queryParams(name);
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw HttpFailure.badRequest("the query parameter " + name + " is given more than once");
    }
    String v = values.getFirst();
    if (v.isEmpty() || v.length() > MAX_LENGTH) {
      throw HttpFailure.badRequest("the query parameter " + name + " must be 1 to "
          + MAX_LENGTH + " characters long");
    }
    return v;
  }

  /** An integer parameter within [min, max], or {@code fallback} when absent. */
  static int intQuery(Context ctx, String name, int fallback, int min, int max) {
    String v = optQuery(ctx, name);
    if (v == null) {
      return fallback;
    }
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      n = min - 1;
    }
    if (n < min || n > max) {
      throw HttpFailure.badRequest(name + " must be an integer from " + min + " to " + max
          + "; got " + ApiRoutes.abbreviate(v));
    }
    return n;
  }

  /** An RFC 3339 timestamp parameter, or null when absent. */
  static @Nullable Instant timeQuery(Context ctx, String name) {
    String v = optQuery(ctx, name);
    if (v == null) {
      return null;
    }
    return Timestamps.tryParse(v).orElseThrow(() -> HttpFailure.badRequest(name
        + " is not an RFC 3339 timestamp (such as 2026-01-01T12:00:00Z): "
        + ApiRoutes.abbreviate(v)));
  }
}
