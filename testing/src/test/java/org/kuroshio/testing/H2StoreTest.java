package org.kuroshio.testing;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.StoreSettings;
import org.kuroshio.store.Stores;

/** The store contract on H2 in memory, one fresh database per test. */
class H2StoreTest extends StoreContract {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  @Override
  protected StixStore newStore(Clock clock) {
    return Stores.open(StoreSettings.h2InMemory("contract" + DATABASES.incrementAndGet())
        .withClock(clock));
  }
}
