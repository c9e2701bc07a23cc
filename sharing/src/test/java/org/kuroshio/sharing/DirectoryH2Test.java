package org.kuroshio.sharing;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.StoreSettings;
import org.kuroshio.store.Stores;

/** The directory contract on H2 in memory, one fresh database per test. */
class DirectoryH2Test extends DirectoryContract {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  @Override
  protected StixStore newStore(Clock clock) {
    return h2Store(clock);
  }

  /** Opens a store on a new H2 database in memory (also used by the other directory tests). */
  static StixStore h2Store(Clock clock) {
    return Stores.open(StoreSettings.h2InMemory("directory" + DATABASES.incrementAndGet())
        .withClock(clock));
  }
}
