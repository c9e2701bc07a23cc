package org.kuroshio.stix;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** A fixed clock and sequential UUIDv4-shaped ids for the typed-record tests (stix cannot use
 * the testing module, which depends on it). */
final class TypedFixtures {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00.000Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private TypedFixtures() {}

  /** Returns ids 00000000-0000-4000-8000-000000000001, ...002, ... */
  static IdGenerator ids() {
    long[] n = {0};
    return () -> UUID.fromString(String.format("00000000-0000-4000-8000-%012d", ++n[0]));
  }

  static StixObject parse(String json) {
    return StixJson.parse(json);
  }
}
