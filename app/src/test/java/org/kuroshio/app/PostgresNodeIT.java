package org.kuroshio.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The end-to-end scenario on PostgreSQL, the production store: an embedded server (zonky
 * binaries, started from Maven's test classpath) that lives as long as the test class.
 */
class PostgresNodeIT extends NodeScenario {
  private EmbeddedPostgres postgres;

  @Override
  protected AppConfig.DatabaseSettings database() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    return new AppConfig.DatabaseSettings(postgres.getJdbcUrl("postgres", "postgres"), "postgres",
        null);
  }

  @Override
  protected void closeDatabase() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }
}
