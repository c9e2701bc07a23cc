package org.kuroshio.taxii;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The error resource every failed request returns.
 *
 * @param title a short summary
 * @param description what went wrong and how to fix it, or null
 * @param errorId an id for this occurrence, or null
 * @param errorCode a stable code for the kind of error, or null
 * @param httpStatus the HTTP status as a string, such as {@code "404"}, or null
 * @param externalDetails a URL with more detail, or null
 * @param details further machine-readable detail, or null
 */
public record TaxiiError(
    String title,
    @Nullable String description,
    @Nullable String errorId,
    @Nullable String errorCode,
    @Nullable String httpStatus,
    @Nullable String externalDetails,
    @Nullable ObjectNode details) {

  /** Returns an error with a title, description and status. */
  public static TaxiiError of(int status, String title, String description) {
    return new TaxiiError(title, description, null, null, Integer.toString(status), null, null);
  }

  /** Returns the resource as JSON. */
  public ObjectNode toJson() {
    ObjectNode o = Wire.F.objectNode();
    o.put("title", title);
    Wire.putIfPresent(o, "description", description);
    Wire.putIfPresent(o, "error_id", errorId);
    Wire.putIfPresent(o, "error_code", errorCode);
    Wire.putIfPresent(o, "http_status", httpStatus);
    Wire.putIfPresent(o, "external_details", externalDetails);
    if (details != null) {
      o.set("details", details);
    }
    return o;
  }

  /** Reads the resource; throws IllegalArgumentException when {@code title} is missing. */
  public static TaxiiError fromJson(JsonNode json) {
    ObjectNode o = Wire.object(json, "error");
    JsonNode d = o.get("details");
    JsonNode status = o.get("http_status");
    return new TaxiiError(
        Wire.string(o, "title", "error"),
        Wire.optString(o, "description"),
        Wire.optString(o, "error_id"),
        Wire.optString(o, "error_code"),
        status == null ? null : (status.isString() ? status.asString() : status.toString()),
        Wire.optString(o, "external_details"),
        d instanceof ObjectNode od ? od : null);
  }

  @Override
  public String toString() {
    return (httpStatus == null ? "" : httpStatus + " ") + title
        + (description == null ? "" : ": " + description);
  }
}
