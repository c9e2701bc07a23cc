package org.kuroshio.maritime.feed;

/** An input that cannot be opened or served (file unreadable, address in use), with the cause. */
public final class FeedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public FeedException(String message, Throwable cause) {
    super(message, cause);
  }
}
