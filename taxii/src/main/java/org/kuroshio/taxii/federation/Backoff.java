package org.kuroshio.taxii.federation;

import java.time.Duration;

/**
 * How long to wait after failures: the peer's interval doubled per consecutive failure, capped,
 * with "equal jitter" (between half and all of that), so that nodes that lost the same peer do
 * not all come back at the same instant.
 */
final class Backoff {
  private Backoff() {}

  /**
   * Returns the wait before the next attempt.
   *
   * @param interval the peer's interval
   * @param failures consecutive failures, counting the one just seen (at least 1)
   * @param cap the longest wait
   * @param random a value in [0, 1)
   */
  static Duration delay(Duration interval, int failures, Duration cap, double random) {
    long capMillis = cap.toMillis();
    int doublings = Math.max(1, Math.min(failures, 40));
    long base = interval.toMillis();
    for (int i = 0; i < doublings && base < capMillis; i++) {
      base *= 2;
    }
    base = Math.min(base, capMillis);
    long half = base / 2;
    long jitter = (long) (half * Math.max(0.0, Math.min(random, 1.0)));
    return Duration.ofMillis(Math.min(capMillis, base - half + jitter));
  }
}
