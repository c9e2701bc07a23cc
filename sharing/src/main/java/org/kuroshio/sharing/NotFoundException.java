package org.kuroshio.sharing;

/**
 * The thing asked for does not exist, or the principal may not know that it exists: the two are
 * deliberately indistinguishable (same type, same message), so callers answer both with the same
 * 404.
 */
public final class NotFoundException extends SharingException {
  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String id;

  public NotFoundException(String kind, String id) {
    super("no " + kind + " with id " + id);
    this.kind = kind;
    this.id = id;
  }

  /** Returns what was looked for: {@code collection}, {@code object} or {@code status}. */
  public String kind() {
    return kind;
  }

  /** Returns the id that was looked for. */
  public String id() {
    return id;
  }
}
