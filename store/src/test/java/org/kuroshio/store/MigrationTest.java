package org.kuroshio.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kuroshio.stix.StixJson;
import org.kuroshio.stix.StixObject;

class MigrationTest {
  @TempDir Path dir;

  private static StixObject indicator(int n) {
    return StixJson.parse("""
        {"type":"indicator","spec_version":"2.1",
         "id":"indicator--00000000-0000-4000-8000-%012d",
         "created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z",
         "pattern":"[ipv4-addr:value = '10.0.0.1']","pattern_type":"stix",
         "valid_from":"2024-01-01T00:00:00Z"}""".formatted(n));
  }

  @Test
  void open_createsTheSchema() throws SQLException {
    StoreSettings settings = StoreSettings.h2InMemory("migration-schema");
    try (StixStore store = Stores.open(settings);
        Connection c = DriverManager.getConnection(settings.jdbcUrl(), "sa", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT LOWER(table_name) FROM information_schema.tables"
            + " WHERE table_schema = 'PUBLIC' ORDER BY 1")) {
      List<String> tables = new ArrayList<>();
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
      assertThat(tables).contains("collections", "object_versions", "collection_objects",
          "statuses", "store_clock", "flyway_schema_history");
      assertThat(store.collections()).isEmpty();
    }
  }

  @Test
  void reopen_keepsDataAndNeverReusesADateAdded() {
    Instant t0 = Instant.parse("2025-03-01T12:00:00Z");
    StoreSettings settings = StoreSettings.h2File(dir);
    try (StixStore store = Stores.open(settings.withClock(Clock.fixed(t0, ZoneOffset.UTC)))) {
      store.putCollection(CollectionInfo.of("c1", "One", null));
      store.add("c1", List.of(NewVersion.of(indicator(1), "org")));
    }
    // The clock went back an hour while the node was down.
    Clock earlier = Clock.fixed(t0.minusSeconds(3600), ZoneOffset.UTC);
    try (StixStore store = Stores.open(settings.withClock(earlier))) {
      store.add("c1", List.of(NewVersion.of(indicator(2), "org")));
      List<StoredVersion> all = store.query("c1", ObjectQuery.all(10)).items();
      assertThat(all).extracting(StoredVersion::dateAdded)
          .containsExactly(t0, t0.plusNanos(1000));
    }
  }

  @Test
  void open_unreachableDatabase_failsWithAStoreException() {
    StoreSettings settings = StoreSettings.postgres("jdbc:postgresql://127.0.0.1:1/none", "u",
        "p");
    assertThatThrownBy(() -> Stores.open(settings))
        .isInstanceOf(StoreException.class).hasMessageContaining("127.0.0.1:1");
  }

  @Test
  void closedStore_failsWithAStoreException() {
    StixStore store = Stores.h2InMemory("migration-closed");
    store.close();
    assertThatThrownBy(() -> store.collections()).isInstanceOf(StoreException.class);
  }
}
