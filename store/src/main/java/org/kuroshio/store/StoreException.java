package org.kuroshio.store;

/** Root of every failure the store reports (database unreachable, migration failed, ...). */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
