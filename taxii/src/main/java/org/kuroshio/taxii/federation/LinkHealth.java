package org.kuroshio.taxii.federation;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The state of one link: a peer's collection this node pulls from or pushes to.
 *
 * @param peer the peer id
 * @param collection the collection id
 * @param direction pull or push
 * @param enabled whether the peer is enabled
 * @param state never tried, up, or failing
 * @param consecutiveFailures failures since the last success
 * @param lastError the last failure's message (kept after recovery, for the record), or null
 * @param lastFailure when it happened, or null
 * @param lastSuccess the last successful pass, or null
 * @param nextAttempt when a failing link is tried again, or null (on the peer's interval)
 * @param cursor the {@code added_after} the next pass starts from, or null before the first page
 */
public record LinkHealth(String peer, String collection, Direction direction, boolean enabled,
    State state, int consecutiveFailures, @Nullable String lastError,
    @Nullable Instant lastFailure, @Nullable Instant lastSuccess, @Nullable Instant nextAttempt,
    @Nullable String cursor) {

  /** Whether a link works. */
  public enum State {
    /** No pass has run yet. */
    NEW,
    /** The last pass succeeded. */
    UP,
    /** The last pass failed; the link is retried with backoff. */
    FAILING
  }
}
