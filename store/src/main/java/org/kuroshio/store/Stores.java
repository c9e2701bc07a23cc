package org.kuroshio.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/** Opens stores: an embedded H2 file, H2 in memory, or PostgreSQL. */
public final class Stores {
  private static final System.Logger LOG = System.getLogger(Stores.class.getName());

  /** Where the schema migrations live on the class path. */
  static final String MIGRATIONS = "classpath:db/migration";

  private Stores() {}

  /**
   * Opens a store: connects a pool, brings the schema up to date, and returns the store.
   *
   * @throws StoreException when the database cannot be reached or a migration fails
   */
  public static StixStore open(StoreSettings settings) {
    Dialect dialect = Dialect.of(settings.jdbcUrl());
    HikariDataSource dataSource = pool(settings, dialect);
    try {
      migrate(dataSource, settings);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new JdbcStixStore(dataSource, dialect, settings.clock(), settings.jdbcUrl());
  }

  /** Opens (creating when absent) an embedded H2 store in {@code dir}. */
  public static StixStore h2File(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new StoreException("cannot create the database directory " + dir + ": " + e, e);
    }
    return open(StoreSettings.h2File(dir));
  }

  /** Opens a named H2 store in memory; its data lives until the store closes. */
  public static StixStore h2InMemory(String name) {
    return open(StoreSettings.h2InMemory(name));
  }

  /** Opens a PostgreSQL store. */
  public static StixStore postgres(String jdbcUrl, String user, String password) {
    return open(StoreSettings.postgres(jdbcUrl, user, password));
  }

  private static HikariDataSource pool(StoreSettings settings, Dialect dialect) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("kuroshio-store");
    config.setJdbcUrl(settings.jdbcUrl());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.maxPoolSize());
    config.setMinimumIdle(1);
    config.setInitializationFailTimeout(1);
    dialect.configure(config);
    try {
      return new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new StoreException(
          "cannot connect to " + settings.redactedUrl() + ": " + cause.getMessage(), e);
    }
  }

  private static void migrate(HikariDataSource dataSource, StoreSettings settings) {
    try {
      MigrateResult result = Flyway.configure(Stores.class.getClassLoader())
          .dataSource(dataSource)
          .locations(MIGRATIONS)
          .failOnMissingLocations(true)
          .load()
          .migrate();
      if (result.migrationsExecuted > 0) {
        LOG.log(System.Logger.Level.INFO, "store schema at {0} migrated to version {1}",
            settings.redactedUrl(), result.targetSchemaVersion);
      }
    } catch (FlywayException e) {
      throw new StoreException(
          "schema migration failed on " + settings.redactedUrl() + ": " + e.getMessage(), e);
    }
  }
}
