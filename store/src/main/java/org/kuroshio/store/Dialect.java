package org.kuroshio.store;

import com.zaxxer.hikari.HikariConfig;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Everything that differs between the two databases, in one place: URL recognition, driver
 * settings, how "column is one of these values" is written, and shutdown. The rest of the SQL is
 * common to H2 2.x and PostgreSQL.
 */
enum Dialect {
  H2 {
    @Override
    void configure(HikariConfig config) {
      config.setDriverClassName("org.h2.Driver");
    }

    @Override
    void appendIn(StringBuilder sql, String column, Collection<String> values,
        List<Object> params) {
      sql.append(column).append(" IN (");
      for (int i = 0; i < values.size(); i++) {
        sql.append(i == 0 ? "?" : ", ?");
      }
      sql.append(')');
      params.addAll(values);
    }

    @Override
    String useIndex(String index) {
      // H2's planner otherwise sometimes walks the paging index of the whole collection.
      return " USE INDEX (" + index + ")";
    }

    @Override
    @Nullable String analyzeStatement() {
      // H2 re-analyzes by itself after enough changed rows (ANALYZE_AUTO).
      return null;
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
    void appendIn(StringBuilder sql, String column, Collection<String> values,
        List<Object> params) {
      // One array parameter: one plan whatever the count, and the planner estimates it as a few
      // rows, so it keeps using the index. A long IN list of parameters made it misjudge a
      // freshly loaded table and scan it whole, once per value.
      sql.append(column).append(" = ANY (?)");
      params.add(values.toArray(String[]::new));
    }

    @Override
    String useIndex(String index) {
      // No hints; with fresh statistics the planner picks the selective index by itself.
      return "";
    }

    @Override
    @Nullable String analyzeStatement() {
      return "ANALYZE object_versions, collection_objects";
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

  /** Appends "{@code column} is one of {@code values}" and adds the parameters it needs. */
  abstract void appendIn(
      StringBuilder sql, String column, Collection<String> values, List<Object> params);

  /**
   * Returns the hint, placed after a table alias in FROM, that makes the planner read that table
   * through {@code index}; empty where the database takes no hints.
   */
  abstract String useIndex(String index);

  /**
   * Returns the statement that refreshes the planner's statistics after bulk writes, or null when
   * the database keeps them fresh itself. PostgreSQL's autovacuum runs about once a minute; until
   * it does, a table bulk-loaded since the last analysis looks tiny to the planner, which then
   * sorts a whole collection for one page instead of walking the paging index.
   */
  abstract @Nullable String analyzeStatement();

  /** Returns whether closing the store must run {@code SHUTDOWN} to free the database. */
  abstract boolean shutdownOnClose(String jdbcUrl);
}
