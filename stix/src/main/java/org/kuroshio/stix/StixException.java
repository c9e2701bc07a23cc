package org.kuroshio.stix;

/** Root of every failure the STIX model reports. */
public class StixException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StixException(String message) {
    super(message);
  }

  public StixException(String message, Throwable cause) {
    super(message, cause);
  }
}
