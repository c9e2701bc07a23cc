package org.kuroshio.app;

/** A node that cannot start or run: port in use, unusable data directory, and the like. */
public final class NodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NodeException(String message, Throwable cause) {
    super(message, cause);
  }

  public NodeException(String message) {
    super(message);
  }
}
