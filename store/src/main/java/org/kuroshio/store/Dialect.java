package org.kuroshio.store;

import com.zaxxer.hikari.HikariConfig;
import java.util.Locale;

/**
 * Everything that differs between the two databases, in one place: URL recognition, driver
 * settings and shutdown. The SQL itself is common to H2 2.x and PostgreSQL.
 */
enum Dialect {
  H2 {
    @Override
    void configure(HikariConfig config) {
      config.setDriverClassName("org.h2.Driver");
    }

    @Override
    boolean shutdownOnClose(String jdbcUrl) {
      // An in-memory database opened with DB_CLOSE_DELAY=-1 lives until told to shut down.
      return jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:mem:");
    }
  },
  POSTGRESQL {
    @Override
    void configure(HikariConfig config) {
      config.setDriverClassName("org.postgresql.Driver");
      // One multi-row INSERT per batch instead of one statement per row.
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    }

    @Override
    boolean shutdownOnClose(String jdbcUrl) {
      return false;
    }
  };

  /** Returns the dialect of a JDBC URL. */
  static Dialect of(String jdbcUrl) {
    String lower = jdbcUrl.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (lower.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException("unsupported JDBC URL: " + jdbcUrl);
  }

  /** Sets the driver and driver properties. */
  abstract void configure(HikariConfig config);

  /** Returns whether closing the store must run {@code SHUTDOWN} to free the database. */
  abstract boolean shutdownOnClose(String jdbcUrl);
}
