package org.kuroshio.sharing;

/**
 * The principal may see the collection but lacks the right for this action (read or write): the
 * HTTP layer answers 403.
 */
public final class PolicyViolationException extends SharingException {
  private static final long serialVersionUID = 1L;

  public PolicyViolationException(String message) {
    super(message);
  }
}
