package org.kuroshio.taxii;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.Timestamps;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The status resource of a POST: counts and per-object details.
 *
 * @param id the status id
 * @param status {@code complete} or {@code pending}
 * @param requestTimestamp when the request arrived, or null
 * @param totalCount objects in the request
 * @param successCount objects stored
 * @param successes details of the stored objects
 * @param failureCount objects refused
 * @param failures details of the refused objects, with reasons
 * @param pendingCount objects not yet processed
 * @param pendings details of those
 */
public record Status(
    String id,
    String status,
    @Nullable Instant requestTimestamp,
    long totalCount,
    long successCount,
    List<StatusDetails> successes,
    long failureCount,
    List<StatusDetails> failures,
    long pendingCount,
    List<StatusDetails> pendings) {

  /** The value of {@link #status()} once every object is processed. */
  public static final String COMPLETE = "complete";

  /** The value of {@link #status()} while objects are still pending. */
  public static final String PENDING = "pending";

  /**
   * Checks the invariants TAXII 2.1 states for the resource.
   *
   * @throws IllegalArgumentException when {@code status} is neither {@code complete} nor
   *     {@code pending}, a count is negative, {@code total_count} is not the sum of the other
   *     three, a detail list is present with another length than its count, or a complete status
   *     still has pending objects
   */
  public Status {
    successes = List.copyOf(successes);
    failures = List.copyOf(failures);
    pendings = List.copyOf(pendings);
    if (!status.equals(COMPLETE) && !status.equals(PENDING)) {
      throw new IllegalArgumentException("status must be complete or pending: " + status);
    }
    if (totalCount < 0 || successCount < 0 || failureCount < 0 || pendingCount < 0) {
      throw new IllegalArgumentException("status counts must not be negative");
    }
    if (totalCount != successCount + failureCount + pendingCount) {
      throw new IllegalArgumentException("total_count " + totalCount + " is not success_count + "
          + "failure_count + pending_count (" + successCount + " + " + failureCount + " + "
          + pendingCount + ")");
    }
    checkList("successes", successes, successCount);
    checkList("failures", failures, failureCount);
    checkList("pendings", pendings, pendingCount);
    if (status.equals(COMPLETE) && pendingCount != 0) {
      throw new IllegalArgumentException(
          "a complete status must have pending_count 0, not " + pendingCount);
    }
  }

  private static void checkList(String name, List<StatusDetails> list, long count) {
    if (!list.isEmpty() && list.size() != count) {
      throw new IllegalArgumentException(name + " lists " + list.size() + " objects but its count"
          + " is " + count);
    }
  }

  /**
   * Returns a status whose {@code pendings} are still being processed; it is {@code complete}
   * when there are none.
   */
  public static Status of(String id, Instant requestTimestamp, List<StatusDetails> successes,
      List<StatusDetails> failures, List<StatusDetails> pendings) {
    return new Status(id, pendings.isEmpty() ? COMPLETE : PENDING, requestTimestamp,
        successes.size() + failures.size() + pendings.size(), successes.size(), successes,
        failures.size(), failures, pendings.size(), pendings);
  }

  /** Returns whether every object has been processed. */
  public boolean isComplete() {
    return status.equals(COMPLETE);
  }

  /** Returns a complete status with these successes and failures. */
  public static Status complete(
      String id, Instant requestTimestamp, List<StatusDetails> successes,
      List<StatusDetails> failures) {
    return new Status(id, COMPLETE, requestTimestamp, successes.size() + failures.size(),
        successes.size(), successes, failures.size(), failures, 0, List.of());
  }

  /** Returns the resource as JSON (detail lists omitted when empty). */
  public ObjectNode toJson() {
    ObjectNode o = Wire.F.objectNode();
    o.put("id", id);
    o.put("status", status);
    if (requestTimestamp != null) {
      o.put("request_timestamp", Timestamps.formatMicros(requestTimestamp));
    }
    o.put("total_count", totalCount);
    o.put("success_count", successCount);
    details(o, "successes", successes);
    o.put("failure_count", failureCount);
    details(o, "failures", failures);
    o.put("pending_count", pendingCount);
    details(o, "pendings", pendings);
    return o;
  }

  private static void details(ObjectNode o, String name, List<StatusDetails> list) {
    if (!list.isEmpty()) {
      ArrayNode a = o.putArray(name);
      list.forEach(d -> a.add(d.toJson()));
    }
  }

  /** Reads the resource; throws IllegalArgumentException naming a missing required property. */
  public static Status fromJson(JsonNode json) {
    ObjectNode o = Wire.object(json, "status");
    String ts = Wire.optString(o, "request_timestamp");
    return new Status(
        Wire.string(o, "id", "status"),
        Wire.string(o, "status", "status"),
        ts == null ? null : Wire.instant(ts, "request_timestamp"),
        Wire.requiredLong(o, "total_count", "status"),
        Wire.requiredLong(o, "success_count", "status"),
        readDetails(o, "successes"),
        Wire.requiredLong(o, "failure_count", "status"),
        readDetails(o, "failures"),
        Wire.requiredLong(o, "pending_count", "status"),
        readDetails(o, "pendings"));
  }

  private static List<StatusDetails> readDetails(ObjectNode o, String name) {
    List<StatusDetails> out = new ArrayList<>();
    JsonNode a = o.get(name);
    if (a != null && a.isArray()) {
      a.forEach(d -> out.add(StatusDetails.fromJson(d)));
    }
    return out;
  }
}
