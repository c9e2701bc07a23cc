package org.kuroshio.maritime.geo;

/**
 * Geodata that cannot be used: not JSON, not GeoJSON, over a limit, coordinates out of range or an
 * invalid area. The message names the source, the feature index where known, and the problem.
 */
public final class GeoDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public GeoDataException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public GeoDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
