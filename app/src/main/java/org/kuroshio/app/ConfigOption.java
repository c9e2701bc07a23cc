package org.kuroshio.app;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option shared by the commands that run or open a node. */
final class ConfigOption {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "JSON configuration file (default: $KUROSHIO_CONFIG, else built-in defaults;"
          + " KUROSHIO_* environment variables override it)")
  @Nullable Path file;

  /** Loads the configuration: the file (or $KUROSHIO_CONFIG), then the environment. */
  AppConfig load(Main main) {
    Path f = file;
    if (f == null) {
      String fromEnv = main.environment().get("KUROSHIO_CONFIG");
      if (fromEnv != null && !fromEnv.isBlank()) {
        f = Path.of(fromEnv);
      }
    }
    return AppConfig.load(f, main.environment());
  }
}
