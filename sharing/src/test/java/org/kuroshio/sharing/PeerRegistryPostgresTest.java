package org.kuroshio.sharing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.kuroshio.store.StixStore;

/** The federation register on PostgreSQL: one embedded server, one database per test. */
class PeerRegistryPostgresTest extends PeerRegistryContractTest {
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
    return AuditLogPostgresTest.postgresStore(postgres, "peers" + DATABASES.incrementAndGet(),
        clock);
  }
}
