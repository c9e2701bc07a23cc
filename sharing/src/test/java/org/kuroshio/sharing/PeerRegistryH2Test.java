package org.kuroshio.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kuroshio.sharing.PeerRegistry.Health;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.Stores;

/** The federation register on H2, in memory and (for restarts) in a file. */
class PeerRegistryH2Test extends PeerRegistryContractTest {

  @Override
  StixStore newStore() {
    return Stores.h2InMemory("peers-" + UUID.randomUUID());
  }

  @Test
  void restart_keepsPeersCursorsAndHealth(@TempDir Path dir) {
    try (StixStore first = Stores.h2File(dir)) {
      PeerRegistry p = PeerRegistry.open(first.database(), clock);
      p.putPeer(peer("ally"));
      p.saveCursor("ally", C1, "2026-01-01T00:00:07.000001Z", T0);
      p.recordFailure("ally", C2, "timeout", T0, T0.plusSeconds(30));
    }
    try (StixStore second = Stores.h2File(dir)) {
      PeerRegistry p = PeerRegistry.open(second.database(), clock);

      assertThat(p.peers()).containsExactly(peer("ally"));
      assertThat(p.cursor("ally", C1)).contains("2026-01-01T00:00:07.000001Z");
      assertThat(p.health("ally")).containsExactly(
          new Health("ally", C1, "2026-01-01T00:00:07.000001Z", T0, 0, null, null, null, null),
          new Health("ally", C2, null, null, 1, "timeout", T0, null, T0.plusSeconds(30)));
    }
  }
}
