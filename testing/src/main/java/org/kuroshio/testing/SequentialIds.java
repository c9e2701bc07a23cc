package org.kuroshio.testing;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.kuroshio.stix.IdGenerator;

/**
 * Deterministic ids for tests: {@code 00000000-0000-4000-8000-000000000001}, then {@code ...0002}
 * and so on. They are valid version 4 UUIDs, so the OASIS schemas accept them. Thread-safe.
 */
public final class SequentialIds implements IdGenerator {
  private final AtomicLong counter;

  /** Starts at 1. */
  public SequentialIds() {
    this(1);
  }

  /** Starts at {@code first}. */
  public SequentialIds(long first) {
    if (first < 0 || first > 0xFFFF_FFFF_FFFFL) {
      throw new IllegalArgumentException("first must be within 0 and 2^48-1: " + first);
    }
    this.counter = new AtomicLong(first);
  }

  /** Returns the {@code n}th id of the sequence without advancing it. */
  public static UUID uuid(long n) {
    if (n < 0 || n > 0xFFFF_FFFF_FFFFL) {
      throw new IllegalArgumentException("n must be within 0 and 2^48-1: " + n);
    }
    return new UUID(0x0000_0000_0000_4000L, 0x8000_0000_0000_0000L | n);
  }

  @Override
  public UUID next() {
    return uuid(counter.getAndIncrement());
  }
}
