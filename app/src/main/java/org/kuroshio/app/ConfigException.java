package org.kuroshio.app;

/** A configuration that cannot be used, naming where it came from, which key, and what is wrong. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String key;
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param source the file, or {@code environment variable NAME}
   * @param key the configuration key, such as {@code server.port} (empty for the whole file)
   * @param problem what is wrong, as a sentence fragment a person can act on
   */
  public ConfigException(String source, String key, String problem) {
    super(source + (key.isEmpty() ? "" : ": " + key) + ": " + problem);
    this.source = source;
    this.key = key;
    this.problem = problem;
  }

  /** Returns the file or environment variable the bad value came from. */
  public String source() {
    return source;
  }

  /** Returns the configuration key, empty when the problem concerns the whole file. */
  public String key() {
    return key;
  }

  /** Returns what is wrong. */
  public String problem() {
    return problem;
  }
}
