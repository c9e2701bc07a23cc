package org.kuroshio.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the project's shared data folder ({@code ../shared/data} beside the checkout), which a
 * user's clone may not have: tests that need it skip with a message saying so.
 */
public final class SharedData {
  private SharedData() {}

  /** Returns {@code shared/data/<relative>}, or skips the calling test when it is absent. */
  public static Path require(String relative) {
    String root = System.getProperty("kuroshio.shared", "../shared");
    Path path = Path.of(root).resolve("data").resolve(relative).normalize();
    Assumptions.assumeTrue(
        Files.exists(path),
        () -> "skipped: shared data not found at " + path
            + " (clone the project beside its shared/ folder, or set -Dkuroshio.shared)");
    return path;
  }
}
