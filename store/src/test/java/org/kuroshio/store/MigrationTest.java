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
import org.flywaydb.core.Flyway;
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
  void v3_recordsTheFirstContributionOfVersionsStoredBefore() throws SQLException {
    StoreSettings settings = StoreSettings.h2File(dir);
    Flyway.configure(Stores.class.getClassLoader())
        .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
        .locations(Stores.MIGRATIONS)
        .target("2")
        .load()
        .migrate();
    long t0 = 1_740_830_400_000_000L;
    StixObject same = StixJson.parse(
        "{\"type\":\"indicator\",\"spec_version\":\"2.1\","
            + "\"id\":\"indicator--00000000-0000-4000-8000-000000000000\","
            + "\"modified\":\"2024-01-01T00:00:00.000Z\"}");
    String body = java.util.HexFormat.of()
        .formatHex(same.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), "sa", "");
        Statement s = c.createStatement()) {
      // Two versions as the V2 store wrote them: one local, one received from a peer.
      s.execute("INSERT INTO collections (id, title, media_types) VALUES ('c1', 'One', '')");
      for (int i = 0; i < 2; i++) {
        s.execute("INSERT INTO object_versions (first_added, object_id, object_type,"
            + " spec_version, version_key, version_text, keyed_by_date, revoked, owner,"
            + " domains, tlp, release_to, received_from, received_by, body) VALUES ("
            + (t0 + i) + ", 'indicator--00000000-0000-4000-8000-00000000000" + i + "',"
            + " 'indicator', '2.1', '2024-01-01T00:00:00.000000000Z', '2024-01-01T00:00:00.000Z',"
            + " FALSE, FALSE, 'org-" + i + "', 'cyber', NULL, '', "
            + (i == 0 ? "NULL, NULL" : "'node-7', 'org-0'") + ", X'" + body + "')");
        s.execute("INSERT INTO collection_objects (date_added, coll, version_ref, kind, is_first,"
            + " is_last) VALUES (" + (t0 + i) + ", 1, " + (t0 + i) + ", 1, TRUE, TRUE)");
      }
      s.execute("INSERT INTO object_kinds (code, object_type, spec_version)"
          + " VALUES (1, 'indicator', '2.1')");
      s.execute("UPDATE store_clock SET last_date_added = " + (t0 + 1));
    }
    try (StixStore store = Stores.open(settings)) {
      Instant at = Codecs.instant(t0);
      assertThat(store.provenance("indicator--00000000-0000-4000-8000-000000000000"))
          .containsExactly(new Contribution("indicator--00000000-0000-4000-8000-000000000000",
              "2024-01-01T00:00:00.000Z", "org-0", null, null, at));
      assertThat(store.provenance("indicator--00000000-0000-4000-8000-000000000001"))
          .containsExactly(new Contribution("indicator--00000000-0000-4000-8000-000000000001",
              "2024-01-01T00:00:00.000Z", "org-1", "node-7", null, at.plusNanos(1000)));
      // The backfilled row counts as recorded: the same contribution again adds none.
      assertThat(store.add("c1", List.of(NewVersion.of(same, "org-0"))).get(0).outcome())
          .isEqualTo(WriteResult.Outcome.UNCHANGED);
      assertThat(store.provenance(same.id())).hasSize(1);
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
