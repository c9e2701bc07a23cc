package org.kuroshio.sharing;

import java.util.List;

/**
 * The outcome of one ingest call, one {@link ObjectResult} per object in input order.
 *
 * @param results per-object results
 */
public record IngestResult(List<ObjectResult> results) {
  public IngestResult {
    results = List.copyOf(results);
  }

  /** Returns the objects that are in the collection now. */
  public List<ObjectResult> successes() {
    return results.stream().filter(ObjectResult::success).toList();
  }

  /** Returns the objects that were refused, with reasons. */
  public List<ObjectResult> failures() {
    return results.stream().filter(r -> !r.success()).toList();
  }

  /** Returns how many objects succeeded. */
  public int successCount() {
    return (int) results.stream().filter(ObjectResult::success).count();
  }

  /** Returns how many objects failed. */
  public int failureCount() {
    return results.size() - successCount();
  }
}
