package org.kuroshio.stix;

/**
 * Limits applied to hostile JSON input, in the manner of Jackson's {@code StreamReadConstraints}.
 *
 * @param maxNestingDepth deepest allowed nesting of arrays and objects
 * @param maxStringLength longest allowed string value, in characters
 * @param maxNameLength longest allowed property name, in characters
 * @param maxObjectBytes largest allowed single STIX object, in bytes of JSON
 * @param maxObjectsPerBundle most objects allowed in one bundle or envelope
 */
public record ParseLimits(
    int maxNestingDepth,
    int maxStringLength,
    int maxNameLength,
    long maxObjectBytes,
    long maxObjectsPerBundle) {

  /** Defaults for partner input: depth 64, strings of 10 MB, names of 250, objects of 32 MB. */
  public static final ParseLimits DEFAULT =
      new ParseLimits(64, 10_000_000, 250, 32L * 1024 * 1024, Long.MAX_VALUE);

  public ParseLimits {
    if (maxNestingDepth < 1 || maxStringLength < 1 || maxNameLength < 1 || maxObjectBytes < 1
        || maxObjectsPerBundle < 1) {
      throw new IllegalArgumentException("every parse limit must be positive");
    }
  }

  /** Returns a copy allowing at most {@code n} objects per bundle or envelope. */
  public ParseLimits withMaxObjectsPerBundle(long n) {
    return new ParseLimits(maxNestingDepth, maxStringLength, maxNameLength, maxObjectBytes, n);
  }
}
