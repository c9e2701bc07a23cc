package org.kuroshio.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The database under a store, for modules that keep tables of their own beside it (accounts,
 * agreements, audit, federation state). Each such module migrates its own schema with
 * {@link #migrate}, under a history table of its own, so the modules' schemas version apart.
 *
 * @param dataSource the store's connection pool (do not close it; the store does)
 * @param postgres true on PostgreSQL, false on H2
 */
public record Database(DataSource dataSource, boolean postgres) {

  /**
   * Brings a module's tables up to date from Flyway migrations at {@code location} (such as
   * {@code classpath:db/sharing}), recording them in {@code historyTable}.
   *
   * @throws StoreException when a migration fails
   */
  public void migrate(String location, String historyTable, ClassLoader loader) {
    try {
      Flyway.configure(loader)
          .dataSource(dataSource)
          .locations(location)
          .table(historyTable)
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StoreException("schema migration " + location + " failed: " + e.getMessage(), e);
    }
  }
}
