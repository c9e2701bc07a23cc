package org.kuroshio.sharing;

import org.kuroshio.store.StixStore;

/** The federation register on PostgreSQL: the module's embedded server, one database per test. */
class PeerRegistryPostgresTest extends PeerRegistryContractTest {
  @Override
  StixStore newStore() {
    return TestPostgres.newStore(clock);
  }
}
