package org.kuroshio.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.kuroshio.stix.Timestamps;

/**
 * A clock for tests that stands still until told to move. The default instant is
 * {@link #DEFAULT_INSTANT}. Thread-safe.
 */
public final class FixedClock extends Clock {
  /** 2026-01-01T00:00:00.000Z, the instant a new {@code FixedClock()} shows. */
  public static final Instant DEFAULT_INSTANT = Instant.parse("2026-01-01T00:00:00Z");

  private volatile Instant now;
  private final ZoneId zone;

  /** A clock at {@link #DEFAULT_INSTANT} in UTC. */
  public FixedClock() {
    this(DEFAULT_INSTANT);
  }

  /** A clock at {@code now} in UTC. */
  public FixedClock(Instant now) {
    this(now, ZoneOffset.UTC);
  }

  private FixedClock(Instant now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** Moves the clock forward (or back, for a negative duration). */
  public FixedClock advance(Duration by) {
    now = now.plus(by);
    return this;
  }

  /** Sets the clock to {@code instant}. */
  public FixedClock set(Instant instant) {
    now = instant;
    return this;
  }

  /** Returns the current instant as a STIX timestamp with millisecond precision. */
  public String timestamp() {
    return Timestamps.formatMillis(now);
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new FixedClock(now, zone);
  }

  @Override
  public Instant instant() {
    return now;
  }
}
