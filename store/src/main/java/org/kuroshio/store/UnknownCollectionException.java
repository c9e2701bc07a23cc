package org.kuroshio.store;

/** Thrown when a call names a collection the store does not have. */
public final class UnknownCollectionException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final String collectionId;

  public UnknownCollectionException(String collectionId) {
    super("no such collection: " + collectionId);
    this.collectionId = collectionId;
  }

  /** Returns the id that was not found. */
  public String collectionId() {
    return collectionId;
  }
}
