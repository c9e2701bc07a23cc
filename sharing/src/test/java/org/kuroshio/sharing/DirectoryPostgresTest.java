package org.kuroshio.sharing;

import java.time.Clock;
import org.kuroshio.store.StixStore;

/** The directory contract on PostgreSQL (embedded), one fresh database per test. */
class DirectoryPostgresTest extends DirectoryContract {

  @Override
  protected StixStore newStore(Clock clock) {
    return TestPostgres.newStore(clock);
  }
}
