package org.kuroshio.store;

import org.jspecify.annotations.Nullable;

/**
 * What happened to one object of a write.
 *
 * @param id the object id
 * @param version the version text (modified, else created, else the date added)
 * @param outcome what the store did
 * @param message why it refused, or null when it did not
 */
public record WriteResult(String id, String version, Outcome outcome, @Nullable String message) {

  /** The outcome of writing one object version. */
  public enum Outcome {
    /** A new version, or an existing version newly added to this collection. */
    ADDED,
    /** The identical version was already in the collection: nothing changed. */
    UNCHANGED,
    /** Refused: a different body under an existing version key, a foreign owner, a revoked id. */
    REJECTED
  }

  /** Returns whether the object is in the collection after the write. */
  public boolean succeeded() {
    return outcome != Outcome.REJECTED;
  }
}
