package org.kuroshio.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kuroshio.sharing.AuditLog.Verification;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.Stores;

/** The audit log on H2, in memory and (for restarts) in a file. */
class AuditLogH2Test extends AuditLogContractTest {

  @Override
  StixStore newStore() {
    return Stores.h2InMemory("audit-" + UUID.randomUUID());
  }

  @Test
  void restart_chainContinuesFromStoredHead(@TempDir Path dir) {
    try (StixStore first = Stores.h2File(dir)) {
      AuditLog a = AuditLog.open(first.database(), clock);
      a.append(entry(T0, "alice", ORG_A, List.of(item(1, AGR_1))));
      a.append(entry(T0, "alice", ORG_A, List.of(item(2, AGR_1))));
    }
    try (StixStore second = Stores.h2File(dir)) {
      AuditLog a = AuditLog.open(second.database(), clock);
      a.append(entry(T0, "bob", ORG_B, List.of(item(3, null))));

      assertThat(a.verify()).isEqualTo(new Verification(true, 3, null, null));
      assertThat(a.query(all())).extracting(r -> r.entry().user())
          .containsExactly("alice", "alice", "bob");
    }
  }
}
