package org.kuroshio.stix;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds shared/data for this module's tests. The stix module cannot use the testing module's
 * SharedData (testing depends on stix), so this is the same rule in miniature.
 */
final class Shared {
  private Shared() {}

  /** Returns {@code shared/data/<relative>}, or skips the calling test when it is absent. */
  static Path require(String relative) {
    String root = System.getProperty("kuroshio.shared", "../shared");
    Path path = Path.of(root).resolve("data").resolve(relative).normalize();
    Assumptions.assumeTrue(Files.exists(path),
        () -> "skipped: shared data not found at " + path
            + " (clone the project beside its shared/ folder, or set -Dkuroshio.shared)");
    return path;
  }
}
