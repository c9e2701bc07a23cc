package org.kuroshio.sharing;

/**
 * How the ingest pipeline treats what it is given.
 *
 * @param strictValidation validate with the strict validator (any error refuses the object);
 *     when false, the lenient validator is used
 * @param maxObjectsPerCall most objects one ingest call may carry (larger calls are refused
 *     whole with {@link IllegalArgumentException})
 */
public record IngestSettings(boolean strictValidation, int maxObjectsPerCall) {

  /** Strict validation, at most 10,000 objects per call. */
  public static final IngestSettings DEFAULT = new IngestSettings(true, 10_000);

  public IngestSettings {
    Checks.require(maxObjectsPerCall > 0, "maxObjectsPerCall must be positive");
  }
}
