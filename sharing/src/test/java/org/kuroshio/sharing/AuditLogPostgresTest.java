package org.kuroshio.sharing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.StoreSettings;
import org.kuroshio.store.Stores;

/** The audit log on PostgreSQL: one embedded server for the class, one database per test. */
class AuditLogPostgresTest extends AuditLogContractTest {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Override
  StixStore newStore() {
    return postgresStore(postgres, "audit" + DATABASES.incrementAndGet(), clock);
  }

  /** Creates a database on the server and opens a store on it. */
  static StixStore postgresStore(EmbeddedPostgres server, String name, java.time.Clock clock) {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return Stores.open(new StoreSettings(server.getJdbcUrl("postgres", name), "postgres", "",
        8, clock));
  }
}
