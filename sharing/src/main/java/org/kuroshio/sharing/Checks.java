package org.kuroshio.sharing;

/** Argument checks at the door. */
final class Checks {
  private Checks() {}

  static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
