package org.kuroshio.store;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/**
 * How to reach a store's database.
 *
 * @param jdbcUrl a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL
 * @param user database user ({@code ""} for none)
 * @param password database password ({@code ""} for none)
 * @param maxPoolSize most pooled connections (1 to 1,000)
 * @param clock the clock that stamps {@code date_added}
 */
public record StoreSettings(
    String jdbcUrl, String user, String password, int maxPoolSize, Clock clock) {

  /** Pool size used by the convenience factories. */
  public static final int DEFAULT_POOL_SIZE = 10;

  /** Name of the database file (without H2's {@code .mv.db} suffix) inside an H2 directory. */
  public static final String H2_FILE_NAME = "kuroshio";

  public StoreSettings {
    String lower = jdbcUrl.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "unsupported JDBC URL (expected jdbc:h2: or jdbc:postgresql:): " + jdbcUrl);
    }
    if (maxPoolSize < 1 || maxPoolSize > 1000) {
      throw new IllegalArgumentException("maxPoolSize must be 1 to 1000: " + maxPoolSize);
    }
  }

  /** Returns settings for an embedded H2 database file in {@code dir} (created when absent). */
  public static StoreSettings h2File(Path dir) {
    String file = dir.toAbsolutePath().resolve(H2_FILE_NAME).toString().replace('\\', '/');
    if (file.contains(";")) {
      throw new IllegalArgumentException("an H2 directory must not contain ';': " + dir);
    }
    return new StoreSettings(
        "jdbc:h2:file:" + file, "sa", "", DEFAULT_POOL_SIZE, Clock.systemUTC());
  }

  /** Returns settings for a named H2 database in memory, alive until the store closes. */
  public static StoreSettings h2InMemory(String name) {
    if (!name.matches("[A-Za-z0-9_-]{1,100}")) {
      throw new IllegalArgumentException(
          "an in-memory database name must be 1 to 100 letters, digits, '_' or '-': " + name);
    }
    return new StoreSettings(
        "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", DEFAULT_POOL_SIZE,
        Clock.systemUTC());
  }

  /** Returns settings for a PostgreSQL database. */
  public static StoreSettings postgres(String jdbcUrl, String user, String password) {
    if (!jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
    }
    return new StoreSettings(jdbcUrl, user, password, DEFAULT_POOL_SIZE, Clock.systemUTC());
  }

  /** Returns these settings with another clock. */
  public StoreSettings withClock(Clock newClock) {
    return new StoreSettings(jdbcUrl, user, password, maxPoolSize, newClock);
  }

  /** Returns these settings with another pool size. */
  public StoreSettings withMaxPoolSize(int size) {
    return new StoreSettings(jdbcUrl, user, password, size, clock);
  }

  /** Returns the URL with any password-like parameter hidden, for messages and logs. */
  public String redactedUrl() {
    return jdbcUrl.replaceAll("(?i)(password=)[^;&]*", "$1***");
  }

  @Override
  public String toString() {
    return "StoreSettings[" + redactedUrl() + ", user=" + user + ", maxPoolSize=" + maxPoolSize
        + "]";
  }
}
