package org.kuroshio.sharing;

import org.kuroshio.store.StixStore;

/** The audit log on PostgreSQL: the module's embedded server, one database per test. */
class AuditLogPostgresTest extends AuditLogContractTest {
  @Override
  StixStore newStore() {
    // Concurrent appenders: more connections than the default test pool.
    return TestPostgres.newStore(clock, 8);
  }
}
