package org.kuroshio.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kuroshio.sharing.AuditLog.Query;
import org.kuroshio.sharing.AuditLog.Recorded;
import org.kuroshio.sharing.AuditLog.Verification;
import org.kuroshio.store.StixStore;
import org.kuroshio.testing.FixedClock;

/** The audit log's behaviour, run on each database by a subclass. */
abstract class AuditLogContractTest {
  static final String ORG_A = "identity--00000000-0000-4000-8000-00000000000a";
  static final String ORG_B = "identity--00000000-0000-4000-8000-00000000000b";
  static final String AGR_1 = "kuroshio-agreement--00000000-0000-4000-8000-000000000001";
  static final String AGR_2 = "kuroshio-agreement--00000000-0000-4000-8000-000000000002";
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  final FixedClock clock = new FixedClock();
  StixStore store;
  AuditLog log;

  /** Returns a new, empty store. */
  abstract StixStore newStore();

  @BeforeEach
  void open() {
    store = newStore();
    log = AuditLog.open(store.database(), clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  static AuditEntry.Item item(int n, @Nullable String agreement) {
    return new AuditEntry.Item(String.format("indicator--00000000-0000-4000-8000-%012d", n),
        "2026-01-01T00:00:00.000Z", agreement == null ? "OWNER" : "AGREEMENT", agreement);
  }

  static AuditEntry entry(Instant at, String user, String org, List<AuditEntry.Item> items) {
    return new AuditEntry(at, user, org, "taxii.objects", "collection-1", items);
  }

  static Query all() {
    return new Query(null, null, null, null, null, null, 0, Query.MAX_LIMIT);
  }

  /** Appends {@code n} small entries, one second apart, alternating organisations. */
  void appendMany(int n) {
    for (int i = 1; i <= n; i++) {
      log.append(entry(T0.plusSeconds(i), "user" + (i % 3), i % 2 == 0 ? ORG_A : ORG_B,
          List.of(item(i, AGR_1), item(i + 1, null))));
    }
  }

  void sql(String statement) {
    try (Connection c = store.database().dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(statement, e);
    }
  }

  static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void append_isReturnedByQueryWithSequenceAndMicrosecondTime() {
    Instant at = Instant.parse("2026-03-04T05:06:07.123456789Z");
    log.append(new AuditEntry(at, "alice", ORG_A, "taxii.manifest", null,
        List.of(item(1, AGR_1), item(2, null), item(1, AGR_2))));
    log.append(new AuditEntry(at.plusSeconds(1), "bob", ORG_B, "api.object", "c-2", List.of()));

    List<Recorded> got = log.query(all());

    assertThat(got).extracting(Recorded::seq).containsExactly(1L, 2L);
    assertThat(got.get(0).entry()).isEqualTo(new AuditEntry(
        Instant.parse("2026-03-04T05:06:07.123456Z"), "alice", ORG_A, "taxii.manifest", null,
        List.of(item(1, AGR_1), item(2, null), item(1, AGR_2))));
    assertThat(got.get(1).entry().items()).isEmpty();
    assertThat(got.get(1).entry().collection()).isEqualTo("c-2");
    assertThat(got.get(0).hash()).hasSize(64).isNotEqualTo(got.get(1).hash());
  }

  @Test
  void hash_isSha256OfPreviousHashNewlineAndDocumentedCanonicalJson() throws Exception {
    log.append(new AuditEntry(Instant.parse("2026-01-02T03:04:05.5Z"), "al\"ice\\\u0001",
        ORG_A, "taxii.objects", null, List.of(
            new AuditEntry.Item("indicator--1", "2026-01-01T00:00:00.000Z", "AGREEMENT", AGR_1),
            new AuditEntry.Item("identity--2", "v\u00e9\uD83D\uDE00", "OWNER", null),
            new AuditEntry.Item("indicator--3", "v3", "AGREEMENT", AGR_2),
            new AuditEntry.Item("indicator--4", "v4\uD800", "AGREEMENT", AGR_1))));
    log.append(new AuditEntry(Instant.parse("2026-01-02T03:04:06Z"), "bob", ORG_B, "export",
        "c", List.of()));

    String first = "{\"seq\":1,\"at\":\"2026-01-02T03:04:05.500000Z\","
        + "\"user\":\"al\\\"ice\\\\\\u0001\",\"organisation\":\"" + ORG_A + "\","
        + "\"action\":\"taxii.objects\",\"collection\":null,"
        + "\"agreements\":[\"" + AGR_1 + "\",\"" + AGR_2 + "\"],\"items\":["
        + "[\"indicator--1\",\"2026-01-01T00:00:00.000Z\",\"AGREEMENT\",0],"
        + "[\"identity--2\",\"v\u00e9\uD83D\uDE00\",\"OWNER\",null],"
        + "[\"indicator--3\",\"v3\",\"AGREEMENT\",1],"
        + "[\"indicator--4\",\"v4\\ud800\",\"AGREEMENT\",0]]}";
    String h1 = sha256("0".repeat(64) + "\n" + first);
    String second = "{\"seq\":2,\"at\":\"2026-01-02T03:04:06.000000Z\",\"user\":\"bob\","
        + "\"organisation\":\"" + ORG_B + "\",\"action\":\"export\",\"collection\":\"c\","
        + "\"agreements\":[],\"items\":[]}";
    String h2 = sha256(h1 + "\n" + second);

    List<Recorded> got = log.query(all());
    assertThat(got).extracting(Recorded::hash).containsExactly(h1, h2);
    assertThat(got.get(0).entry().items()).extracting(AuditEntry.Item::version)
        .containsExactly("2026-01-01T00:00:00.000Z", "v\u00e9\uD83D\uDE00", "v3", "v4\uD800");
    assertThat(log.verify()).isEqualTo(new Verification(true, 2, null, null));
  }

  @Test
  void verify_emptyLog_isIntact() {
    assertThat(log.verify()).isEqualTo(new Verification(true, 0, null, null));
  }

  @Test
  void verify_intactAcrossSeveralPages() {
    appendMany(2_345);

    assertThat(log.verify()).isEqualTo(new Verification(true, 2_345, null, null));
  }

  @Test
  void verify_findsEditedUser() {
    appendMany(20);
    sql("UPDATE audit_log SET user_name = 'mallory' WHERE seq = 7");

    Verification v = log.verify();

    assertThat(v.intact()).isFalse();
    assertThat(v.firstBadSeq()).isEqualTo(7L);
    assertThat(v.entries()).isEqualTo(7);
    assertThat(v.problem()).contains("entry 7").contains("content was changed");
  }

  @Test
  void verify_findsEditedItemsTimeAndCollection() {
    appendMany(20);
    sql("UPDATE audit_log SET items = '[]' WHERE seq = 3");
    sql("UPDATE audit_log SET at_micros = at_micros + 1 WHERE seq = 9");
    sql("UPDATE audit_log SET collection = NULL WHERE seq = 15");

    assertThat(log.verify().firstBadSeq()).isEqualTo(3L);
  }

  @Test
  void verify_findsEditedAtAndCollectionEachAlone() {
    appendMany(20);
    sql("UPDATE audit_log SET at_micros = at_micros + 1 WHERE seq = 9");
    assertThat(log.verify().firstBadSeq()).isEqualTo(9L);
    sql("UPDATE audit_log SET at_micros = at_micros - 1 WHERE seq = 9");
    assertThat(log.verify().intact()).isTrue();

    sql("UPDATE audit_log SET collection = NULL WHERE seq = 15");
    assertThat(log.verify().firstBadSeq()).isEqualTo(15L);
  }

  @Test
  void verify_findsEditWhoseHashWasRecomputed_atTheNextLink() throws Exception {
    appendMany(10);
    Recorded five = log.query(new Query(null, null, null, null, null, null, 4, 1)).get(0);
    String prev = log.query(new Query(null, null, null, null, null, null, 3, 1)).get(0).hash();
    String forged = "{\"seq\":5,\"at\":\"2026-01-01T00:00:05.000000Z\",\"user\":\"mallory\","
        + "\"organisation\":\"" + five.entry().organisation() + "\",\"action\":\"taxii.objects\","
        + "\"collection\":\"collection-1\",\"agreements\":[],\"items\":[]}";
    sql("UPDATE audit_log SET user_name = 'mallory', agreements = '[]', items = '[]', hash = '"
        + sha256(prev + "\n" + forged) + "' WHERE seq = 5");

    Verification v = log.verify();

    assertThat(v.firstBadSeq()).isEqualTo(6L);
    assertThat(v.problem()).contains("does not link to entry 5");
  }

  @Test
  void verify_findsChangedPrevHash() {
    appendMany(10);
    sql("UPDATE audit_log SET prev_hash = '" + "1".repeat(64) + "' WHERE seq = 4");

    Verification v = log.verify();

    assertThat(v.firstBadSeq()).isEqualTo(4L);
    assertThat(v.problem()).contains("does not link");
  }

  @Test
  void verify_findsDeletedMiddleEntry() {
    appendMany(20);
    sql("DELETE FROM audit_log WHERE seq = 11");

    Verification v = log.verify();

    assertThat(v.intact()).isFalse();
    assertThat(v.firstBadSeq()).isEqualTo(11L);
    assertThat(v.entries()).isEqualTo(10);
    assertThat(v.problem()).isEqualTo("entry 11 is missing (the next stored entry is 12)");
  }

  @Test
  void verify_findsDeletedFirstEntry() {
    appendMany(5);
    sql("DELETE FROM audit_log WHERE seq = 1");

    assertThat(log.verify().firstBadSeq()).isEqualTo(1L);
  }

  @Test
  void verify_findsDeletedMiddleEntryRenumbered() {
    appendMany(20);
    sql("DELETE FROM audit_log WHERE seq = 11");
    for (int seq = 12; seq <= 20; seq++) {
      sql("UPDATE audit_log SET seq = " + (seq - 1) + " WHERE seq = " + seq);
    }
    sql("UPDATE audit_head SET seq = 19");

    Verification v = log.verify();

    assertThat(v.firstBadSeq()).isEqualTo(11L);
    assertThat(v.intact()).isFalse();
  }

  @Test
  void verify_findsTruncation() {
    appendMany(20);
    sql("DELETE FROM audit_log WHERE seq >= 19");

    Verification v = log.verify();

    assertThat(v.intact()).isFalse();
    assertThat(v.entries()).isEqualTo(18);
    assertThat(v.firstBadSeq()).isEqualTo(19L);
    assertThat(v.problem()).contains("entries 19 to 20 are missing");
  }

  @Test
  void verify_findsSwappedEntries() {
    appendMany(10);
    sql("UPDATE audit_log SET seq = -4 WHERE seq = 4");
    sql("UPDATE audit_log SET seq = 4 WHERE seq = 5");
    sql("UPDATE audit_log SET seq = 5 WHERE seq = -4");

    Verification v = log.verify();

    assertThat(v.intact()).isFalse();
    assertThat(v.firstBadSeq()).isEqualTo(4L);
  }

  @Test
  void verify_findsTamperedHead() {
    appendMany(5);
    sql("UPDATE audit_head SET hash = '" + "2".repeat(64) + "'");

    assertThat(log.verify().problem()).contains("head's hash differs from entry 5");

    sql("UPDATE audit_head SET seq = 3");
    assertThat(log.verify().firstBadSeq()).isEqualTo(4L);

    sql("DELETE FROM audit_head");
    assertThat(log.verify().problem()).isEqualTo("the audit head row is missing");
  }

  @Test
  void verify_seesEntriesAppendedAfterTruncationAsBroken() {
    appendMany(5);
    sql("DELETE FROM audit_log WHERE seq = 5");
    AuditLog reopened = AuditLog.open(store.database(), clock);
    reopened.append(entry(T0, "x", ORG_A, List.of()));

    Verification v = reopened.verify();

    assertThat(v.firstBadSeq()).isEqualTo(5L);
    assertThat(v.problem()).contains("entry 5 is missing");
  }

  @Test
  void query_filtersByEachField() {
    appendMany(30);
    log.append(new AuditEntry(T0.plusSeconds(100), "zed", ORG_A, "export", null,
        List.of(item(500, AGR_2))));

    assertThat(log.query(new Query(ORG_A, null, null, null, null, null, 0, 1000)))
        .hasSize(16).allMatch(r -> r.entry().organisation().equals(ORG_A));
    assertThat(log.query(new Query(null, "user1", null, null, null, null, 0, 1000)))
        .extracting(Recorded::seq).containsExactly(1L, 4L, 7L, 10L, 13L, 16L, 19L, 22L, 25L, 28L);
    assertThat(log.query(new Query(null, null, item(5, null).id(), null, null, null, 0, 1000)))
        .extracting(Recorded::seq).containsExactly(4L, 5L);
    assertThat(log.query(new Query(null, null, null, AGR_2, null, null, 0, 1000)))
        .extracting(Recorded::seq).containsExactly(31L);
    assertThat(log.query(new Query(null, null, null, AGR_1, null, null, 0, 1000))).hasSize(30);
    assertThat(log.query(new Query(null, null, null, null, T0.plusSeconds(10),
        T0.plusSeconds(13), 0, 1000))).extracting(Recorded::seq).containsExactly(10L, 11L, 12L);
    assertThat(log.query(new Query(null, null, null, null, null, null, 25, 3)))
        .extracting(Recorded::seq).containsExactly(26L, 27L, 28L);
    assertThat(log.query(new Query(ORG_A, "user1", null, AGR_1, T0.plusSeconds(5), null, 4,
        1000))).extracting(Recorded::seq).containsExactly(10L, 16L, 22L, 28L);
    assertThat(log.query(new Query(null, null, "indicator--nope", null, null, null, 0, 10)))
        .isEmpty();
  }

  @Test
  void query_byObject_seesEntriesAppendedAfterThePreviousQuery() {
    String id = item(1, null).id();
    log.append(entry(T0, "u", ORG_A, List.of(item(1, null), item(1, AGR_1), item(2, null))));
    assertThat(log.query(new Query(null, null, id, null, null, null, 0, 10)))
        .extracting(Recorded::seq).containsExactly(1L);

    for (int i = 0; i < 25; i++) {
      log.append(entry(T0, "u", ORG_A, List.of(item(i % 5, null))));
    }
    AuditLog other = AuditLog.open(store.database(), clock);

    assertThat(other.query(new Query(null, null, id, null, null, null, 1, 10)))
        .extracting(Recorded::seq).containsExactly(3L, 8L, 13L, 18L, 23L);
    assertThat(log.query(new Query(null, null, id, null, null, null, 0, 10)))
        .extracting(Recorded::seq).containsExactly(1L, 3L, 8L, 13L, 18L, 23L);
    assertThat(log.query(new Query(null, null, item(2, null).id(), null, null, null, 0, 10)))
        .extracting(Recorded::seq).containsExactly(1L, 4L, 9L, 14L, 19L, 24L);
  }

  @Test
  void query_extremeTimeBoundsAreAccepted() {
    appendMany(3);

    assertThat(log.query(new Query(null, null, null, null, Instant.MIN, Instant.MAX, 0, 10)))
        .hasSize(3);
  }

  @Test
  void query_rejectsBadLimits() {
    assertThatThrownBy(() -> new Query(null, null, null, null, null, null, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    assertThatThrownBy(() -> new Query(null, null, null, null, null, null, -1, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("afterSeq");
  }

  @Test
  void append_rejectsBadEntriesWithClearMessages() {
    assertThatThrownBy(() -> log.append(entry(T0, "", ORG_A, List.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("audit user must be 1 to 256 characters long, not 0");
    assertThatThrownBy(() -> log.append(entry(T0, "u", "o".repeat(301), List.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("organisation");
    assertThatThrownBy(() -> log.append(entry(T0, "u", ORG_A,
        List.of(new AuditEntry.Item("x".repeat(301), "v", "OWNER", null)))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("item id");
    assertThatThrownBy(() -> log.append(entry(T0, "u", ORG_A,
        List.of(new AuditEntry.Item("x", "v", "OWNER", "")))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("item agreement");
    assertThatThrownBy(() -> log.append(entry(Instant.parse("+10000-01-01T00:00:00Z"), "u",
        ORG_A, List.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("years 0001 to 9999");
    List<AuditEntry.Item> tooMany =
        Collections.nCopies(JdbcAuditLog.MAX_ITEMS + 1, item(1, AGR_1));
    assertThatThrownBy(() -> log.append(entry(T0, "u", ORG_A, tooMany)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 100000 items");

    assertThat(log.query(all())).isEmpty();
    assertThat(log.verify().intact()).isTrue();
  }

  @Test
  void append_concurrentCallersFormOneChain() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < 40; i++) {
            log.append(entry(T0.plusMillis(i), "t" + thread, ORG_A,
                List.of(item(thread * 1000 + i, AGR_1))));
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }

    assertThat(log.verify()).isEqualTo(new Verification(true, 320, null, null));
    assertThat(log.query(new Query(null, "t3", null, null, null, null, 0, 1000))).hasSize(40);
  }

  @Test
  void append_twoInstancesOnOneDatabaseDoNotForkTheChain() {
    AuditLog other = AuditLog.open(store.database(), clock);
    for (int i = 0; i < 30; i++) {
      (i % 3 == 0 ? other : log).append(entry(T0.plusSeconds(i), "u", ORG_A,
          List.of(item(i, null))));
    }

    assertThat(log.verify()).isEqualTo(new Verification(true, 30, null, null));
    assertThat(other.query(all())).extracting(Recorded::seq)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 30).boxed()
            .toList());
  }

  @Test
  void append_afterFailedAppendContinuesTheChain() {
    appendMany(3);
    // A row in the way of the next sequence number makes the next append fail half-way.
    sql("INSERT INTO audit_agreements (agreement, seq) VALUES ('" + AGR_2 + "', 4)");
    assertThatThrownBy(() -> log.append(entry(T0, "u", ORG_A, List.of(item(9, AGR_2)))))
        .isInstanceOf(SharingException.class).hasMessageContaining("audit append failed");
    sql("DELETE FROM audit_agreements WHERE seq = 4");

    log.append(entry(T0, "u", ORG_A, List.of(item(9, AGR_2))));

    assertThat(log.verify()).isEqualTo(new Verification(true, 4, null, null));
  }

  /** Prints (never asserts) the mean time of appending 1,000-item entries. */
  @Test
  void append_thousandItemEntries_timing() {
    List<AuditEntry.Item> items = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      items.add(item(i, i % 10 == 0 ? null : (i % 2 == 0 ? AGR_1 : AGR_2)));
    }
    AuditEntry big = entry(T0, "analyst", ORG_A, items);
    for (int i = 0; i < 200; i++) {
      log.append(big);
    }
    int runs = 300;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = System.nanoTime();
    long cpu = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < runs; i++) {
      log.append(big);
    }
    cpu = threads.getCurrentThreadCpuTime() - cpu;
    Duration each = Duration.ofNanos((System.nanoTime() - start) / runs);
    // On H2 the database works in the calling thread, so its CPU time is the append's cost
    // however busy the machine is; on PostgreSQL it leaves out the server's share.
    System.out.printf("audit append, 1,000 items, %s: %.3f ms per entry (%.3f ms CPU in the"
        + " caller)%n", getClass().getSimpleName(), each.toNanos() / 1e6, cpu / 1e6 / runs);
    long istart = System.nanoTime();
    long icpu = threads.getCurrentThreadCpuTime();
    assertThat(log.query(new Query(null, null, item(7, null).id(), null, null, null, 490, 50)))
        .hasSize(10);
    System.out.printf("audit object index catch-up, %d entries of 1,000 items, %s: %.1f ms (%.1f"
        + " ms CPU in the caller)%n", runs + 200, getClass().getSimpleName(),
        (System.nanoTime() - istart) / 1e6, (threads.getCurrentThreadCpuTime() - icpu) / 1e6);
    long vstart = System.nanoTime();
    Verification v = log.verify();
    System.out.printf("audit verify, %d entries of 1,000 items, %s: %.1f ms%n", v.entries(),
        getClass().getSimpleName(), (System.nanoTime() - vstart) / 1e6);
    assertThat(v.intact()).isTrue();
  }

  @Test
  void damagedItemsText_failsQueryWithSeq() throws Exception {
    appendMany(2);
    try (Connection c = store.database().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("UPDATE audit_log SET items = ? WHERE seq = 2")) {
      s.setString(1, "[[\"x\"");
      s.executeUpdate();
    }

    assertThatThrownBy(() -> log.query(all())).isInstanceOf(SharingException.class)
        .hasMessageContaining("audit entry 2 is damaged");
    assertThat(log.verify().firstBadSeq()).isEqualTo(2L);
  }
}
