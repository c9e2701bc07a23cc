package org.kuroshio.sharing;

/** Root of every failure the sharing module reports. */
public class SharingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SharingException(String message) {
    super(message);
  }

  public SharingException(String message, Throwable cause) {
    super(message, cause);
  }
}
