package org.kuroshio.sharing;

/**
 * What a principal may do with one collection: TAXII {@code can_read} and {@code can_write}.
 *
 * @param canRead may list and read objects, manifests and versions
 * @param canWrite may add and delete objects
 */
public record Permission(boolean canRead, boolean canWrite) {
  /** No access: the collection is invisible. */
  public static final Permission NONE = new Permission(false, false);
  /** Read only. */
  public static final Permission READ = new Permission(true, false);
  /** Write only (a drop box). */
  public static final Permission WRITE = new Permission(false, true);
  /** Read and write. */
  public static final Permission READ_WRITE = new Permission(true, true);

  /** Returns whether the collection is visible at all (either right). */
  public boolean any() {
    return canRead || canWrite;
  }

  /** Returns the rights both this and {@code other} grant. */
  public Permission and(Permission other) {
    return of(canRead && other.canRead, canWrite && other.canWrite);
  }

  /** Returns the constant for these rights. */
  public static Permission of(boolean canRead, boolean canWrite) {
    return canRead ? (canWrite ? READ_WRITE : READ) : (canWrite ? WRITE : NONE);
  }

  /**
   * Parses {@code none}, {@code read}, {@code write} or {@code read-write} (also {@code rw},
   * {@code r}, {@code w}), as configuration files write it.
   */
  public static Permission parse(String text) {
    return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "none", "" -> NONE;
      case "read", "r" -> READ;
      case "write", "w" -> WRITE;
      case "read-write", "read_write", "readwrite", "rw" -> READ_WRITE;
      default -> throw new IllegalArgumentException(
          "not a permission (none, read, write, read-write): " + text);
    };
  }
}
