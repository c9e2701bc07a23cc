package org.kuroshio.taxii;

import org.jspecify.annotations.Nullable;

/**
 * A TAXII request failed: the server answered with an error status (and usually an error body),
 * or its answer was not a TAXII resource.
 */
public class TaxiiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient @Nullable TaxiiError error;

  public TaxiiException(int status, @Nullable TaxiiError error, String message) {
    super(message);
    this.status = status;
    this.error = error;
  }

  public TaxiiException(int status, @Nullable TaxiiError error, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.error = error;
  }

  /** Returns the HTTP status, or 0 when no response arrived. */
  public int status() {
    return status;
  }

  /** Returns the server's error resource, when it sent one. */
  public @Nullable TaxiiError error() {
    return error;
  }
}
