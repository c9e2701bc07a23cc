package org.kuroshio.stix;

import java.security.SecureRandom;
import java.util.UUID;

/** Source of fresh UUIDs for new STIX identifiers; tests inject a sequential one. */
@FunctionalInterface
public interface IdGenerator {
  /** Returns the next UUID (version 4 shaped, so the OASIS schemas accept it). */
  UUID next();

  /** Returns a generator of random version 4 UUIDs. */
  static IdGenerator random() {
    return RandomIds.INSTANCE;
  }

  /** Returns {@code type--<next uuid>}. */
  default String nextId(String type) {
    return type + "--" + next();
  }
}

/** Random UUIDv4 from a shared {@link SecureRandom}. */
final class RandomIds implements IdGenerator {
  static final RandomIds INSTANCE = new RandomIds();

  private RandomIds() {}

  @Override
  public UUID next() {
    return UUID.randomUUID();
  }
}
