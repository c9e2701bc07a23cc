package org.kuroshio.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.kuroshio.stix.StixJson;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Timestamps;
import org.kuroshio.store.CollectionInfo;
import org.kuroshio.store.NewVersion;
import org.kuroshio.store.ObjectQuery;
import org.kuroshio.store.Page;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.StoredVersion;
import org.kuroshio.store.UnknownCollectionException;
import org.kuroshio.store.VersionMatch;
import org.kuroshio.store.WriteResult;
import org.kuroshio.store.WriteResult.Outcome;

/**
 * The behaviour every {@link StixStore} must have. A store implementation's test extends this
 * class and says how to open a fresh, empty store on a given clock.
 *
 * <p>Each test gets a new store with two collections, {@link #RED} and {@link #BLUE}, and a clock
 * frozen at {@link #T0} that the test may move.
 */
public abstract class StoreContract {
  /** Id of the first collection every test starts with. */
  protected static final String RED = "00000000-0000-4000-8000-00000000c001";

  /** Id of the second collection every test starts with. */
  protected static final String BLUE = "00000000-0000-4000-8000-00000000c002";

  /** The owner organisation most objects are contributed by. */
  protected static final String ORG_A = "identity--00000000-0000-4000-8000-0000000000a1";

  /** Another organisation. */
  protected static final String ORG_B = "identity--00000000-0000-4000-8000-0000000000b2";

  /** Where each test's clock starts. */
  protected static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

  /** A clock that stands still until a test moves it. */
  protected static final class TestClock extends Clock {
    private volatile Instant now;

    public TestClock(Instant start) {
      this.now = start;
    }

    public void set(Instant t) {
      now = t;
    }

    public void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("a test clock is always UTC");
    }
  }

  /** Returns a new, empty store whose dates added come from {@code clock}. */
  protected abstract StixStore newStore(Clock clock);

  protected TestClock clock = new TestClock(T0);
  protected StixStore store;

  @BeforeEach
  void openStore() {
    clock = new TestClock(T0);
    store = newStore(clock);
    store.putCollection(CollectionInfo.of(RED, "Red", "the first collection"));
    store.putCollection(CollectionInfo.of(BLUE, "Blue", null));
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  // -----------------------------------------------------------------------------------------
  // Object builders

  /** Returns a valid-looking STIX id of {@code type} with a sequential UUIDv4. */
  protected static String id(String type, int n) {
    return String.format("%s--00000000-0000-4000-8000-%012d", type, n);
  }

  /** Returns version {@code modified} of indicator {@code n}, named {@code name}. */
  protected static StixObject indicator(int n, String modified, String name) {
    return StixJson.parse("""
        {"type":"indicator","spec_version":"2.1","id":"%s","created":"2024-01-01T00:00:00.000Z",
         "modified":"%s","name":"%s","pattern":"[ipv4-addr:value = '198.51.100.%d']",
         "pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"}
        """.formatted(id("indicator", n), modified, name, n % 250));
  }

  /** Returns version {@code modified} of indicator {@code n}. */
  protected static StixObject indicator(int n, String modified) {
    return indicator(n, modified, "indicator " + n);
  }

  /** Returns a revocation of indicator {@code n} at {@code modified}. */
  protected static StixObject revokedIndicator(int n, String modified) {
    return StixJson.parse("""
        {"type":"indicator","spec_version":"2.1","id":"%s","created":"2024-01-01T00:00:00.000Z",
         "modified":"%s","name":"indicator %d","pattern":"[ipv4-addr:value = '198.51.100.1']",
         "pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z","revoked":true}
        """.formatted(id("indicator", n), modified, n));
  }

  /** Returns a malware SDO of the given spec version. */
  protected static StixObject malware(int n, String modified, String specVersion) {
    return StixJson.parse("""
        {"type":"malware","spec_version":"%s","id":"%s","created":"2024-01-01T00:00:00.000Z",
         "modified":"%s","name":"malware %d","is_family":false}
        """.formatted(specVersion, id("malware", n), modified, n));
  }

  /** Returns an SCO without created or modified. */
  protected static StixObject ipv4(int n, String value) {
    return StixJson.parse("""
        {"type":"ipv4-addr","spec_version":"2.1","id":"%s","value":"%s"}
        """.formatted(id("ipv4-addr", n), value));
  }

  protected static NewVersion by(String owner, StixObject o) {
    return NewVersion.of(o, owner);
  }

  protected List<WriteResult> addAll(String collection, StixObject... objects) {
    List<NewVersion> versions = new ArrayList<>();
    for (StixObject o : objects) {
      versions.add(NewVersion.of(o, ORG_A));
    }
    return store.add(collection, versions);
  }

  protected WriteResult add(String collection, StixObject o) {
    return store.add(collection, List.of(NewVersion.of(o, ORG_A))).get(0);
  }

  protected static ObjectQuery query(VersionMatch versions) {
    return new ObjectQuery(null, Set.of(), Set.of(), versions, Set.of(), 1000, null, true);
  }

  protected static VersionMatch exact(String... timestamps) {
    Set<Instant> set = new HashSet<>();
    for (String t : timestamps) {
      set.add(Instant.parse(t));
    }
    return new VersionMatch(false, false, false, set);
  }

  /** Returns every matching version, following {@code next} cursors. */
  protected List<StoredVersion> all(String collection, ObjectQuery q) {
    List<StoredVersion> out = new ArrayList<>();
    ObjectQuery page = q;
    for (int i = 0; i < 100_000; i++) {
      Page<StoredVersion> p = store.query(collection, page);
      out.addAll(p.items());
      if (!p.more()) {
        assertThat(p.next()).isNull();
        return out;
      }
      assertThat(p.next()).isNotNull();
      page = page.after(p.next());
    }
    throw new AssertionError("paging did not end");
  }

  /** Returns "id@versionText" for each entry, the compact form most assertions compare. */
  protected static List<String> keys(List<StoredVersion> versions) {
    return versions.stream().map(v -> v.id() + "@" + v.versionText()).toList();
  }

  protected static String key(StixObject o) {
    return o.id() + "@" + o.modified().or(o::created).orElseThrow();
  }

  protected static final String V1 = "2024-02-01T00:00:00.000Z";
  protected static final String V2 = "2024-03-01T00:00:00.000Z";
  protected static final String V3 = "2024-04-01T00:00:00.000Z";

  // -----------------------------------------------------------------------------------------
  // Collections and statuses

  @Nested
  class Collections {
    @Test
    void putCollection_thenReadBack() {
      assertThat(store.collection(RED)).contains(CollectionInfo.of(RED, "Red",
          "the first collection"));
      assertThat(store.collection("00000000-0000-4000-8000-00000000ffff")).isEmpty();
    }

    @Test
    void collections_orderedByTitle() {
      store.putCollection(new CollectionInfo("00000000-0000-4000-8000-00000000c003", "Amber",
          "third", "amber", List.of(CollectionInfo.STIX_21, "application/stix+json;version=2.0")));
      assertThat(store.collections()).extracting(CollectionInfo::title)
          .containsExactly("Amber", "Blue", "Red");
      assertThat(store.collection("00000000-0000-4000-8000-00000000c003").orElseThrow())
          .satisfies(c -> {
            assertThat(c.alias()).isEqualTo("amber");
            assertThat(c.mediaTypes()).containsExactly(
                CollectionInfo.STIX_21, "application/stix+json;version=2.0");
          });
    }

    @Test
    void putCollection_again_updatesIt() {
      store.putCollection(new CollectionInfo(RED, "Crimson", null, "c,r", List.of("a,b", "%")));
      assertThat(store.collection(RED)).contains(
          new CollectionInfo(RED, "Crimson", null, "c,r", List.of("a,b", "%")));
      assertThat(store.collections()).hasSize(2);
    }

    @Test
    void unknownCollection_isRefusedByEveryOperation() {
      String none = "00000000-0000-4000-8000-00000000dead";
      assertThatThrownBy(() -> add(none, indicator(1, V1)))
          .isInstanceOf(UnknownCollectionException.class).hasMessageContaining(none);
      assertThatThrownBy(() -> store.query(none, ObjectQuery.all(10)))
          .isInstanceOf(UnknownCollectionException.class);
      assertThatThrownBy(() -> store.count(none, ObjectQuery.all(10)))
          .isInstanceOf(UnknownCollectionException.class);
      assertThatThrownBy(() -> store.delete(none, id("indicator", 1), VersionMatch.ALL, Set.of()))
          .isInstanceOf(UnknownCollectionException.class);
      // Nothing of the refused add was written anywhere.
      assertThat(add(RED, indicator(1, V1)).outcome()).isEqualTo(Outcome.ADDED);
    }
  }

  @Nested
  class Statuses {
    @Test
    void putStatus_thenRead_thenOverwrite() {
      String sid = "2d086da7-4bdc-4f91-900e-d77486753710";
      assertThat(store.status(sid)).isEmpty();
      store.putStatus(sid, "{\"status\":\"pending\"}");
      assertThat(store.status(sid)).contains("{\"status\":\"pending\"}");
      store.putStatus(sid, "{\"status\":\"complete\"}");
      assertThat(store.status(sid)).contains("{\"status\":\"complete\"}");
    }

    @Test
    void bigStatus_roundTrips() {
      String body = "{\"failures\":[" + IntStream.range(0, 20_000)
          .mapToObj(i -> "{\"id\":\"indicator--" + i + "\"}").collect(Collectors.joining(","))
          + "]}";
      store.putStatus("big", body);
      assertThat(store.status("big")).contains(body);
    }
  }

  // -----------------------------------------------------------------------------------------
  // Writing versions

  @Nested
  class Writes {
    @Test
    void add_newObject_isAddedWithItsVersionAndBody() {
      StixObject o = indicator(1, V1);
      WriteResult r = add(RED, o);
      assertThat(r).isEqualTo(new WriteResult(o.id(), V1, Outcome.ADDED, null));
      List<StoredVersion> got = all(RED, ObjectQuery.all(10));
      assertThat(got).hasSize(1);
      StoredVersion v = got.get(0);
      assertThat(v.id()).isEqualTo(o.id());
      assertThat(v.type()).isEqualTo("indicator");
      assertThat(v.specVersion()).isEqualTo("2.1");
      assertThat(v.version()).isEqualTo(Instant.parse(V1));
      assertThat(v.versionText()).isEqualTo(V1);
      assertThat(v.revoked()).isFalse();
      assertThat(v.owner()).isEqualTo(ORG_A);
      assertThat(StixJson.parse(v.json())).isEqualTo(o);
    }

    @Test
    void add_keepsWhatTheNodeKnowsBesideTheJson() {
      StixObject o = indicator(1, V1);
      store.add(RED, List.of(new NewVersion(o, ORG_A, Set.of("cyber", "maritime"), "red",
          List.of(ORG_B, "identity--with,comma%"), "node-7", ORG_B, null, Set.of())));
      StoredVersion v = store.query(RED, ObjectQuery.all(10)).items().get(0);
      assertThat(v.domains()).containsExactlyInAnyOrder("cyber", "maritime");
      assertThat(v.tlp()).isEqualTo("red");
      assertThat(v.releaseTo()).containsExactly(ORG_B, "identity--with,comma%");
      assertThat(v.receivedFrom()).isEqualTo("node-7");
      assertThat(v.receivedBy()).isEqualTo(ORG_B);
    }

    @Test
    void add_identicalVersionAgain_isUnchangedAndStoredOnce() {
      StixObject o = indicator(1, V1);
      add(RED, o);
      Instant firstAdded = store.query(RED, ObjectQuery.all(1)).items().get(0).dateAdded();
      clock.advance(Duration.ofMinutes(1));
      assertThat(add(RED, o).outcome()).isEqualTo(Outcome.UNCHANGED);
      List<StoredVersion> got = all(RED, query(VersionMatch.ALL));
      assertThat(got).hasSize(1);
      assertThat(got.get(0).dateAdded()).isEqualTo(firstAdded);
    }

    @Test
    void add_sameJsonWithOtherKeyOrder_isUnchanged() {
      add(RED, indicator(1, V1));
      StixObject reordered = StixJson.parse("""
          {"valid_from":"2024-01-01T00:00:00Z","pattern_type":"stix",
           "pattern":"[ipv4-addr:value = '198.51.100.1']","name":"indicator 1",
           "modified":"%s","created":"2024-01-01T00:00:00.000Z","id":"%s",
           "spec_version":"2.1","type":"indicator"}
          """.formatted(V1, id("indicator", 1)));
      assertThat(add(RED, reordered).outcome()).isEqualTo(Outcome.UNCHANGED);
    }

    @Test
    void add_sameVersionTwiceInOneCall_storesItOnce() {
      List<WriteResult> r = addAll(RED, indicator(1, V1), indicator(1, V1));
      assertThat(r).extracting(WriteResult::outcome)
          .containsExactly(Outcome.ADDED, Outcome.UNCHANGED);
      assertThat(store.count(RED, query(VersionMatch.ALL))).isEqualTo(1);
    }

    @Test
    void add_differentBodyUnderExistingVersion_isRejectedAlone() {
      add(RED, indicator(1, V1, "original"));
      List<WriteResult> r = addAll(RED, indicator(1, V1, "tampered"), indicator(2, V1));
      assertThat(r.get(0).outcome()).isEqualTo(Outcome.REJECTED);
      assertThat(r.get(0).message()).contains(id("indicator", 1)).contains(V1);
      assertThat(r.get(0).succeeded()).isFalse();
      assertThat(r.get(1).outcome()).isEqualTo(Outcome.ADDED);
      List<StoredVersion> got = all(RED, query(VersionMatch.ALL));
      assertThat(keys(got)).containsExactly(id("indicator", 1) + "@" + V1,
          id("indicator", 2) + "@" + V1);
      assertThat(got.get(0).json()).contains("original").doesNotContain("tampered");
    }

    @Test
    void add_sameInstantWrittenWithOtherPrecision_isTheSameVersion() {
      add(RED, indicator(1, "2024-02-01T00:00:00.000Z", "a"));
      WriteResult r = add(RED, indicator(1, "2024-02-01T00:00:00.000000Z", "b"));
      assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void add_newerVersions_keepsEveryVersion() {
      add(RED, indicator(1, V1));
      add(RED, indicator(1, V2));
      add(RED, indicator(1, V3));
      assertThat(keys(all(RED, query(VersionMatch.ALL)))).containsExactly(
          id("indicator", 1) + "@" + V1, id("indicator", 1) + "@" + V2,
          id("indicator", 1) + "@" + V3);
    }

    @Test
    void add_byAnotherOrganisation_isRejected() {
      add(RED, indicator(1, V1));
      List<WriteResult> r = store.add(RED, List.of(by(ORG_B, indicator(1, V2)),
          by(ORG_B, indicator(2, V1))));
      assertThat(r.get(0).outcome()).isEqualTo(Outcome.REJECTED);
      assertThat(r.get(0).message()).contains("owner");
      assertThat(r.get(1).outcome()).isEqualTo(Outcome.ADDED);
      // Not into another collection either, and not under the existing version key.
      assertThat(store.add(BLUE, List.of(by(ORG_B, indicator(1, V2)))).get(0).outcome())
          .isEqualTo(Outcome.REJECTED);
      WriteResult otherBody = store.add(BLUE, List.of(by(ORG_B, indicator(1, V1, "changed"))))
          .get(0);
      assertThat(otherBody.outcome()).isEqualTo(Outcome.REJECTED);
      assertThat(otherBody.message()).contains("owner");
      assertThat(store.count(BLUE, query(VersionMatch.ALL))).isZero();
      assertThat(keys(all(RED, query(VersionMatch.ALL))))
          .containsExactly(id("indicator", 1) + "@" + V1, id("indicator", 2) + "@" + V1);
    }

    @Test
    void add_identicalVersionByAnotherOrganisation_isAcceptedAndKeepsItsOwner() {
      add(RED, indicator(1, V1));
      // Already in the collection: nothing to do, whoever sends it.
      WriteResult again = store.add(RED, List.of(by(ORG_B, indicator(1, V1)))).get(0);
      assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
      assertThat(again.message()).isNull();
      // Not yet in BLUE: it joins BLUE with a date of its own, still owned by its first sender.
      clock.advance(Duration.ofSeconds(3));
      WriteResult joined = store.add(BLUE, List.of(by(ORG_B, indicator(1, V1)))).get(0);
      assertThat(joined.outcome()).isEqualTo(Outcome.ADDED);
      assertThat(joined.version()).isEqualTo(V1);
      assertThat(store.add(BLUE, List.of(by(ORG_B, indicator(1, V1)))).get(0).outcome())
          .isEqualTo(Outcome.UNCHANGED);
      List<StoredVersion> blue = all(BLUE, query(VersionMatch.ALL));
      assertThat(keys(blue)).containsExactly(id("indicator", 1) + "@" + V1);
      assertThat(blue.get(0).owner()).isEqualTo(ORG_A);
      assertThat(blue.get(0).dateAdded()).isEqualTo(T0.plusSeconds(3));
      assertThat(blue.get(0).json()).isEqualTo(indicator(1, V1).toJson());
      // The owner rule still holds for new versions, in either collection.
      assertThat(store.add(BLUE, List.of(by(ORG_B, indicator(1, V2)))).get(0).outcome())
          .isEqualTo(Outcome.REJECTED);
      assertThat(add(BLUE, indicator(1, V2)).outcome()).isEqualTo(Outcome.ADDED);
      assertThat(keys(all(BLUE, query(VersionMatch.LAST))))
          .containsExactly(id("indicator", 1) + "@" + V2);
    }

    @Test
    void add_identicalVersionByAnotherOrganisation_ignoresKeyOrderAndCoversObjectsWithoutDates() {
      StixObject ip = ipv4(7, "198.51.100.7");
      addAll(RED, indicator(1, V1), ip);
      StixObject reordered = StixJson.parse("""
          {"name":"indicator 1","modified":"%s","id":"%s","type":"indicator",
           "spec_version":"2.1","created":"2024-01-01T00:00:00.000Z",
           "pattern":"[ipv4-addr:value = '198.51.100.1']","pattern_type":"stix",
           "valid_from":"2024-01-01T00:00:00Z"}
          """.formatted(V1, id("indicator", 1)));
      List<WriteResult> r = store.add(BLUE, List.of(by(ORG_B, reordered), by(ORG_B, ip),
          by(ORG_B, ipv4(7, "198.51.100.8"))));
      assertThat(r).extracting(WriteResult::outcome)
          .containsExactly(Outcome.ADDED, Outcome.ADDED, Outcome.REJECTED);
      assertThat(r.get(2).message()).contains("owner");
      assertThat(store.count(BLUE, query(VersionMatch.ALL))).isEqualTo(2);
      assertThat(store.count(RED, query(VersionMatch.ALL))).isEqualTo(2);
    }

    @Test
    void add_afterRevocation_isRejected() {
      add(RED, indicator(1, V1));
      assertThat(add(RED, revokedIndicator(1, V2)).outcome()).isEqualTo(Outcome.ADDED);
      WriteResult r = add(RED, indicator(1, V3));
      assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
      assertThat(r.message()).contains("revoked");
      assertThat(add(RED, revokedIndicator(1, V2)).outcome()).isEqualTo(Outcome.UNCHANGED);
      StoredVersion last = store.query(RED, query(VersionMatch.LAST)).items().get(0);
      assertThat(last.revoked()).isTrue();
      assertThat(last.versionText()).isEqualTo(V2);
    }

    @Test
    void add_revocationBeforeAnExistingVersion_isRejected() {
      add(RED, indicator(1, V3));
      assertThat(add(RED, revokedIndicator(1, V2)).outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void add_existingVersionToAnotherCollection_isAddedThereWithItsOwnDate() {
      StixObject o = indicator(1, V1);
      add(RED, o);
      clock.advance(Duration.ofSeconds(5));
      assertThat(add(BLUE, o).outcome()).isEqualTo(Outcome.ADDED);
      assertThat(add(BLUE, o).outcome()).isEqualTo(Outcome.UNCHANGED);
      Instant red = store.query(RED, ObjectQuery.all(1)).items().get(0).dateAdded();
      Instant blue = store.query(BLUE, ObjectQuery.all(1)).items().get(0).dateAdded();
      assertThat(red).isEqualTo(T0);
      assertThat(blue).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void add_objectWithoutTimestamps_isVersionedByTheDateFirstAdded() {
      clock.set(Instant.parse("2025-03-01T12:00:00.123456Z"));
      StixObject ip = ipv4(1, "198.51.100.7");
      WriteResult r = add(RED, ip);
      assertThat(r.outcome()).isEqualTo(Outcome.ADDED);
      assertThat(r.version()).isEqualTo("2025-03-01T12:00:00.123456Z");
      clock.advance(Duration.ofSeconds(1));
      assertThat(add(RED, ip)).isEqualTo(new WriteResult(ip.id(), "2025-03-01T12:00:00.123456Z",
          Outcome.UNCHANGED, null));
      assertThat(add(BLUE, ip).version()).isEqualTo("2025-03-01T12:00:00.123456Z");
      StoredVersion v = store.query(RED, ObjectQuery.all(5)).items().get(0);
      assertThat(v.version()).isEqualTo(Instant.parse("2025-03-01T12:00:00.123456Z"));
      assertThat(v.versionText()).isEqualTo("2025-03-01T12:00:00.123456Z");

      clock.advance(Duration.ofSeconds(1));
      WriteResult changed = add(RED, StixJson.parse("""
          {"type":"ipv4-addr","spec_version":"2.1","id":"%s","value":"198.51.100.7",
           "x_note":"seen again"}""".formatted(ip.id())));
      assertThat(changed.outcome()).isEqualTo(Outcome.ADDED);
      assertThat(changed.version()).isEqualTo("2025-03-01T12:00:02.123456Z");
      assertThat(store.count(RED, query(VersionMatch.ALL))).isEqualTo(2);
    }

    @Test
    void add_badTimestamp_isRejectedAlone() {
      StixObject bad = StixJson.parse("""
          {"type":"malware","spec_version":"2.1","id":"%s","created":"yesterday",
           "modified":"2024-01-01T00:00:00.000Z","name":"m","is_family":true}
          """.formatted(id("malware", 1)));
      StixObject worse = StixJson.parse("""
          {"type":"malware","spec_version":"2.1","id":"%s","created":"2024-01-01T00:00:00Z",
           "modified":"today","name":"m","is_family":true}
          """.formatted(id("malware", 2)));
      List<WriteResult> r = addAll(RED, bad, worse, indicator(1, V1));
      assertThat(r.get(0).outcome()).isEqualTo(Outcome.ADDED);
      assertThat(r.get(1).outcome()).isEqualTo(Outcome.REJECTED);
      assertThat(r.get(1).message()).contains("modified");
      assertThat(r.get(2).outcome()).isEqualTo(Outcome.ADDED);
    }

    @Test
    void add_oversizedFields_areRejectedAlone() {
      String longType = "x-" + "a".repeat(300);
      StixObject o = StixJson.parse("""
          {"type":"%s","spec_version":"2.1","id":"%s--00000000-0000-4000-8000-000000000001",
           "created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z"}
          """.formatted(longType, longType));
      List<WriteResult> r = store.add(RED, List.of(by(ORG_A, o),
          by("x".repeat(400), indicator(2, V1)), by(ORG_A, indicator(3, V1))));
      assertThat(r).extracting(WriteResult::outcome)
          .containsExactly(Outcome.REJECTED, Outcome.REJECTED, Outcome.ADDED);
    }

    @Test
    void add_emptyList_writesNothing() {
      assertThat(store.add(RED, List.of())).isEmpty();
      assertThat(store.count(RED, query(VersionMatch.ALL))).isZero();
    }

    @Test
    void add_largeBody_roundTrips() {
      String big = "x".repeat(2_000_000);
      StixObject o = StixJson.parse("""
          {"type":"note","spec_version":"2.1","id":"%s","created":"2024-01-01T00:00:00.000Z",
           "modified":"2024-01-01T00:00:00.000Z","content":"%s",
           "object_refs":["%s"]}""".formatted(id("note", 1), big, id("indicator", 1)));
      add(RED, o);
      assertThat(StixJson.parse(store.query(RED, ObjectQuery.all(1)).items().get(0).json()))
          .isEqualTo(o);
    }

    @Test
    void add_resultsFollowTheOrderOfTheCall() {
      List<WriteResult> r = addAll(RED, indicator(3, V1), indicator(1, V1), indicator(2, V1));
      assertThat(r).extracting(WriteResult::id)
          .containsExactly(id("indicator", 3), id("indicator", 1), id("indicator", 2));
      assertThat(keys(all(RED, query(VersionMatch.ALL)))).extracting(s -> s.split("@")[0])
          .containsExactly(id("indicator", 3), id("indicator", 1), id("indicator", 2));
    }
  }

  // -----------------------------------------------------------------------------------------
  // Dates added

  @Nested
  class DatesAdded {
    @Test
    void frozenClock_stillGivesStrictlyIncreasingMicroseconds() {
      List<StixObject> objects = new ArrayList<>();
      for (int i = 1; i <= 50; i++) {
        objects.add(indicator(i, V1));
      }
      addAll(RED, objects.toArray(StixObject[]::new));
      addAll(BLUE, objects.toArray(StixObject[]::new));
      List<Instant> dates = new ArrayList<>();
      all(RED, query(VersionMatch.ALL)).forEach(v -> dates.add(v.dateAdded()));
      all(BLUE, query(VersionMatch.ALL)).forEach(v -> dates.add(v.dateAdded()));
      for (int i = 0; i < dates.size(); i++) {
        assertThat(dates.get(i)).isEqualTo(T0.plusNanos(1000L * i));
      }
    }

    @Test
    void clockGoingBackwards_neverRepeatsADate() {
      add(RED, indicator(1, V1));
      clock.set(T0.minusSeconds(3600));
      add(RED, indicator(2, V1));
      clock.set(T0.plusSeconds(10));
      add(RED, indicator(3, V1));
      List<Instant> dates = all(RED, query(VersionMatch.ALL)).stream()
          .map(StoredVersion::dateAdded).toList();
      assertThat(dates).containsExactly(T0, T0.plusNanos(1000), T0.plusSeconds(10));
    }

    @Test
    void subMicrosecondClock_isTruncatedToMicroseconds() {
      clock.set(Instant.parse("2025-03-01T12:00:00.123456789Z"));
      add(RED, indicator(1, V1));
      assertThat(store.query(RED, ObjectQuery.all(1)).items().get(0).dateAdded())
          .isEqualTo(Instant.parse("2025-03-01T12:00:00.123456Z"));
    }
  }

  // -----------------------------------------------------------------------------------------
  // Filters

  @Nested
  class Filters {
    /** Three indicators with three versions each, added interleaved, plus two malware. */
    @BeforeEach
    void fill() {
      for (String v : List.of(V1, V2, V3)) {
        for (int n = 1; n <= 3; n++) {
          add(RED, indicator(n, v));
          clock.advance(Duration.ofSeconds(1));
        }
      }
      add(RED, malware(1, V1, "2.1"));
      clock.advance(Duration.ofSeconds(1));
      add(RED, malware(2, V1, "2.0"));
      clock.advance(Duration.ofSeconds(1));
    }

    private ObjectQuery q(@Nullable Instant addedAfter, Set<String> ids, Set<String> types,
        VersionMatch versions, Set<String> specs) {
      return new ObjectQuery(addedAfter, ids, types, versions, specs, 1000, null, true);
    }

    @Test
    void defaultQuery_returnsTheLatestVersionOfEach() {
      assertThat(keys(all(RED, ObjectQuery.all(100)))).containsExactly(
          id("indicator", 1) + "@" + V3, id("indicator", 2) + "@" + V3,
          id("indicator", 3) + "@" + V3, id("malware", 1) + "@" + V1,
          id("malware", 2) + "@" + V1);
    }

    @Test
    void versionFirst() {
      assertThat(keys(all(RED, query(new VersionMatch(true, false, false, Set.of())))))
          .containsExactly(id("indicator", 1) + "@" + V1, id("indicator", 2) + "@" + V1,
              id("indicator", 3) + "@" + V1, id("malware", 1) + "@" + V1,
              id("malware", 2) + "@" + V1);
    }

    @Test
    void versionFirstAndLast() {
      assertThat(all(RED, query(new VersionMatch(true, true, false, Set.of())))).hasSize(8);
    }

    @Test
    void versionAll_inDateAddedOrder() {
      List<StoredVersion> got = all(RED, query(VersionMatch.ALL));
      assertThat(got).hasSize(11);
      assertThat(got).isSortedAccordingTo(Comparator.comparing(StoredVersion::dateAdded));
    }

    @Test
    void versionExact_oneOrSeveralTimestamps() {
      assertThat(all(RED, query(exact(V2)))).hasSize(3)
          .allSatisfy(v -> assertThat(v.versionText()).isEqualTo(V2));
      assertThat(all(RED, query(exact(V2, V3)))).hasSize(6);
      assertThat(all(RED, query(exact("2000-01-01T00:00:00Z")))).isEmpty();
      // The same instant written with another precision selects the same version.
      assertThat(all(RED, query(exact("2024-03-01T00:00:00Z")))).hasSize(3);
    }

    @Test
    void versionExactCombinedWithFirst() {
      VersionMatch vm = new VersionMatch(true, false, false, Set.of(Instant.parse(V3)));
      assertThat(all(RED, query(vm))).hasSize(8);
    }

    @Test
    void matchId() {
      assertThat(keys(all(RED, q(null, Set.of(id("indicator", 2)), Set.of(),
          VersionMatch.ALL, Set.of())))).containsExactly(id("indicator", 2) + "@" + V1,
              id("indicator", 2) + "@" + V2, id("indicator", 2) + "@" + V3);
      assertThat(all(RED, q(null, Set.of(id("indicator", 2), id("malware", 1)), Set.of(),
          VersionMatch.LAST, Set.of()))).hasSize(2);
      assertThat(all(RED, q(null, Set.of(id("indicator", 99)), Set.of(), VersionMatch.ALL,
          Set.of()))).isEmpty();
    }

    @Test
    void matchType() {
      assertThat(all(RED, q(null, Set.of(), Set.of("malware"), VersionMatch.ALL, Set.of())))
          .extracting(StoredVersion::type).containsExactly("malware", "malware");
      assertThat(all(RED, q(null, Set.of(), Set.of("malware", "indicator"), VersionMatch.ALL,
          Set.of()))).hasSize(11);
      assertThat(all(RED, q(null, Set.of(), Set.of("tool"), VersionMatch.ALL, Set.of())))
          .isEmpty();
    }

    @Test
    void matchSpecVersion() {
      assertThat(keys(all(RED, q(null, Set.of(), Set.of(), VersionMatch.ALL, Set.of("2.0")))))
          .containsExactly(id("malware", 2) + "@" + V1);
      assertThat(all(RED, q(null, Set.of(), Set.of(), VersionMatch.ALL, Set.of("2.0", "2.1"))))
          .hasSize(11);
    }

    @Test
    void addedAfter_isExclusive() {
      List<StoredVersion> every = all(RED, query(VersionMatch.ALL));
      Instant fifth = every.get(4).dateAdded();
      List<StoredVersion> after = all(RED, q(fifth, Set.of(), Set.of(), VersionMatch.ALL,
          Set.of()));
      assertThat(after).isEqualTo(every.subList(5, every.size()));
      assertThat(all(RED, q(every.get(10).dateAdded(), Set.of(), Set.of(), VersionMatch.ALL,
          Set.of()))).isEmpty();
      assertThat(all(RED, q(fifth.minusNanos(1), Set.of(), Set.of(), VersionMatch.ALL,
          Set.of()))).isEqualTo(every.subList(4, every.size()));
    }

    @Test
    void addedAfterWithLast_returnsOnlyLatestVersionsAddedSince() {
      Instant afterSecondRound = all(RED, query(VersionMatch.ALL)).get(5).dateAdded();
      assertThat(keys(all(RED, q(afterSecondRound, Set.of(), Set.of(), VersionMatch.LAST,
          Set.of())))).containsExactly(id("indicator", 1) + "@" + V3,
              id("indicator", 2) + "@" + V3, id("indicator", 3) + "@" + V3,
              id("malware", 1) + "@" + V1, id("malware", 2) + "@" + V1);
    }

    @Test
    void everyFilterTogether() {
      Instant t = all(RED, query(VersionMatch.ALL)).get(2).dateAdded();
      ObjectQuery query = q(t, Set.of(id("indicator", 1), id("indicator", 3), id("malware", 2)),
          Set.of("indicator"), new VersionMatch(true, false, false, Set.of(Instant.parse(V2))),
          Set.of("2.1"));
      assertThat(keys(all(RED, query))).containsExactly(
          id("indicator", 1) + "@" + V2, id("indicator", 3) + "@" + V2);
      assertThat(store.count(RED, query)).isEqualTo(2);
    }

    @Test
    void limitAndNext_pageThroughEverything() {
      ObjectQuery q = new ObjectQuery(null, Set.of(), Set.of(), VersionMatch.ALL, Set.of(), 4,
          null, true);
      Page<StoredVersion> p1 = store.query(RED, q);
      assertThat(p1.items()).hasSize(4);
      assertThat(p1.more()).isTrue();
      Page<StoredVersion> p2 = store.query(RED, q.after(p1.next()));
      assertThat(p2.items()).hasSize(4);
      assertThat(p2.more()).isTrue();
      Page<StoredVersion> p3 = store.query(RED, q.after(p2.next()));
      assertThat(p3.items()).hasSize(3);
      assertThat(p3.more()).isFalse();
      assertThat(p3.next()).isNull();
      List<StoredVersion> joined = new ArrayList<>(p1.items());
      joined.addAll(p2.items());
      joined.addAll(p3.items());
      assertThat(joined).isEqualTo(all(RED, query(VersionMatch.ALL)));
    }

    @Test
    void more_isFalseWhenTheLimitIsExactlyReached() {
      Page<StoredVersion> p = store.query(RED, new ObjectQuery(null, Set.of(), Set.of(),
          VersionMatch.ALL, Set.of(), 11, null, true));
      assertThat(p.items()).hasSize(11);
      assertThat(p.more()).isFalse();
      assertThat(p.next()).isNull();
    }

    @Test
    void next_withFilters_continuesTheFilteredList() {
      ObjectQuery q = new ObjectQuery(null, Set.of(), Set.of("indicator"), VersionMatch.LAST,
          Set.of(), 2, null, false);
      Page<StoredVersion> p1 = store.query(RED, q);
      Page<StoredVersion> p2 = store.query(RED, q.after(p1.next()));
      assertThat(p1.more()).isTrue();
      assertThat(p2.more()).isFalse();
      assertThat(keys(p1.items())).containsExactly(id("indicator", 1) + "@" + V3,
          id("indicator", 2) + "@" + V3);
      assertThat(keys(p2.items())).containsExactly(id("indicator", 3) + "@" + V3);
    }

    @Test
    void withoutBody_hasNoJson() {
      assertThat(store.query(RED, new ObjectQuery(null, Set.of(), Set.of(), VersionMatch.ALL,
          Set.of(), 100, null, false)).items()).allSatisfy(v -> assertThat(v.json()).isNull());
    }

    @Test
    void badCursor_isRefusedAsBadInput() {
      assertThatThrownBy(() -> store.query(RED, ObjectQuery.all(5).after("bogus")))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("next");
    }

    @Test
    void tooManyFilterValues_areRefused() {
      Set<String> ids = IntStream.range(0, 5000).mapToObj(i -> id("indicator", i))
          .collect(Collectors.toSet());
      assertThatThrownBy(() -> store.query(RED, q(null, ids, Set.of(), VersionMatch.ALL,
          Set.of()))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("match[id]");
    }

    @Test
    void count_appliesTheFiltersButNotTheLimit() {
      assertThat(store.count(RED, ObjectQuery.all(1))).isEqualTo(5);
      assertThat(store.count(RED, query(VersionMatch.ALL).after(
          store.query(RED, ObjectQuery.all(1)).next()))).isEqualTo(11);
      assertThat(store.count(RED, q(null, Set.of(), Set.of("malware"), VersionMatch.ALL,
          Set.of()))).isEqualTo(2);
      assertThat(store.count(BLUE, ObjectQuery.all(1))).isZero();
    }

    @Test
    void collectionsAreSeparate() {
      assertThat(all(BLUE, query(VersionMatch.ALL))).isEmpty();
      add(BLUE, indicator(2, V2));
      assertThat(keys(all(BLUE, query(VersionMatch.ALL))))
          .containsExactly(id("indicator", 2) + "@" + V2);
      // In BLUE, V2 is both the first and the last version of indicator 2.
      assertThat(all(BLUE, query(new VersionMatch(true, false, false, Set.of())))).hasSize(1);
    }

    /** Pages through a query {@code limit} entries at a time, checking more/next on each page. */
    private List<String> paged(ObjectQuery q, int limit) {
      ObjectQuery page = new ObjectQuery(q.addedAfter(), q.ids(), q.types(), q.versions(),
          q.specVersions(), limit, null, q.withBody());
      List<String> out = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        Page<StoredVersion> p = store.query(RED, page);
        assertThat(p.items().size()).isLessThanOrEqualTo(limit);
        out.addAll(keys(p.items()));
        if (!p.more()) {
          assertThat(p.next()).isNull();
          return out;
        }
        assertThat(p.items()).hasSize(limit);
        page = page.after(p.next());
      }
      throw new AssertionError("paging did not end");
    }

    /** Every version in RED, filtered naively: the list a filtered query must return. */
    private List<String> expected(Instant after, java.util.function.Predicate<StoredVersion> p) {
      return keys(all(RED, query(VersionMatch.ALL)).stream()
          .filter(v -> v.dateAdded().isAfter(after) && p.test(v)).toList());
    }

    @Test
    void matchTypeWithAddedAfter_pagesAcrossTheFilteredList() {
      Instant t = all(RED, query(VersionMatch.ALL)).get(1).dateAdded();
      ObjectQuery q = q(t, Set.of(), Set.of("indicator"), VersionMatch.ALL, Set.of());
      List<String> want = expected(t, v -> v.type().equals("indicator"));
      assertThat(want).hasSize(7);
      for (int limit : List.of(1, 2, 3, 7, 8)) {
        assertThat(paged(q, limit)).as("limit " + limit).isEqualTo(want);
      }
      assertThat(store.count(RED, q)).isEqualTo(7);
    }

    @Test
    void severalTypesAndSpecVersions_mergeInDateAddedOrderAcrossPages() {
      // Kinds indicator/2.1, malware/2.1 and malware/2.0, interleaved by date added.
      add(RED, indicator(4, V1));
      add(RED, malware(3, V2, "2.0"));
      add(RED, indicator(5, V1));
      Instant t = all(RED, query(VersionMatch.ALL)).get(0).dateAdded();
      ObjectQuery both = q(t, Set.of(), Set.of("indicator", "malware", "tool"), VersionMatch.ALL,
          Set.of());
      List<String> want = expected(t, v -> !v.type().equals("tool"));
      assertThat(want).hasSize(13);
      for (int limit : List.of(1, 2, 5, 13)) {
        assertThat(paged(both, limit)).as("limit " + limit).isEqualTo(want);
      }
      ObjectQuery old = q(null, Set.of(), Set.of(), VersionMatch.LAST, Set.of("2.0"));
      assertThat(paged(old, 1)).containsExactly(id("malware", 2) + "@" + V1,
          id("malware", 3) + "@" + V2);
      assertThat(store.count(RED, old)).isEqualTo(2);
      ObjectQuery malware21 = q(null, Set.of(), Set.of("malware"), VersionMatch.ALL,
          Set.of("2.1", "9.9"));
      assertThat(paged(malware21, 1)).containsExactly(id("malware", 1) + "@" + V1);
      assertThat(store.count(RED, both)).isEqualTo(13);
    }

    @Test
    void unknownTypeOrSpecVersion_matchesNothing() {
      assertThat(store.query(RED, q(null, Set.of(), Set.of("identity"), VersionMatch.ALL,
          Set.of())).items()).isEmpty();
      assertThat(store.query(RED, q(null, Set.of(), Set.of("indicator"), VersionMatch.ALL,
          Set.of("2.0"))).items()).isEmpty();
      assertThat(store.count(RED, q(null, Set.of(), Set.of(), VersionMatch.ALL,
          Set.of("3.0")))).isZero();
      // A type present only in another collection matches nothing here.
      add(BLUE, ipv4(1, "198.51.100.1"));
      assertThat(store.query(RED, q(null, Set.of(), Set.of("ipv4-addr"), VersionMatch.ALL,
          Set.of())).items()).isEmpty();
    }

    @Test
    void matchIdWithSeveralIdsAndVersions_pagesInDateAddedOrder() {
      Set<String> ids = Set.of(id("indicator", 1), id("indicator", 3), id("malware", 2),
          id("tool", 9));
      ObjectQuery every = q(null, ids, Set.of(), VersionMatch.ALL, Set.of());
      List<String> want = expected(Instant.MIN, v -> ids.contains(v.id()));
      assertThat(want).hasSize(7);
      for (int limit : List.of(1, 2, 4, 7)) {
        assertThat(paged(every, limit)).as("limit " + limit).isEqualTo(want);
      }
      Instant t = all(RED, query(VersionMatch.ALL)).get(3).dateAdded();
      ObjectQuery after = q(t, ids, Set.of(), VersionMatch.ALL, Set.of());
      assertThat(paged(after, 2)).containsExactly(id("indicator", 3) + "@" + V2,
          id("indicator", 1) + "@" + V3, id("indicator", 3) + "@" + V3,
          id("malware", 2) + "@" + V1);
      VersionMatch firstOrV2 = new VersionMatch(true, false, false, Set.of(Instant.parse(V2)));
      ObjectQuery mixed = q(null, ids, Set.of(), firstOrV2, Set.of());
      assertThat(paged(mixed, 2)).containsExactly(id("indicator", 1) + "@" + V1,
          id("indicator", 3) + "@" + V1, id("indicator", 1) + "@" + V2,
          id("indicator", 3) + "@" + V2, id("malware", 2) + "@" + V1);
      assertThat(store.count(RED, mixed)).isEqualTo(5);
      assertThat(store.count(RED, after)).isEqualTo(4);
      // The same id in another collection is not this collection's.
      add(BLUE, indicator(1, V1));
      assertThat(paged(q(null, Set.of(id("indicator", 1)), Set.of(), VersionMatch.LAST,
          Set.of()), 5)).containsExactly(id("indicator", 1) + "@" + V3);
    }

    @Test
    void exactVersionNoTimestampCanWrite_matchesNothing() {
      VersionMatch never = new VersionMatch(false, false, false,
          Set.of(Instant.parse("+20000-01-01T00:00:00Z")));
      assertThat(store.query(RED, query(never)).items()).isEmpty();
      assertThat(store.count(RED, query(never))).isZero();
      assertThat(store.query(RED, q(null, Set.of(), Set.of("malware"), never, Set.of()))
          .items()).isEmpty();
    }
  }

  @Nested
  class FirstAndLast {
    @Test
    void olderVersionAddedLater_becomesFirst() {
      add(RED, indicator(1, V2));
      add(RED, indicator(1, V3));
      add(RED, indicator(1, V1));
      VersionMatch first = new VersionMatch(true, false, false, Set.of());
      assertThat(keys(all(RED, query(first)))).containsExactly(id("indicator", 1) + "@" + V1);
      assertThat(keys(all(RED, query(VersionMatch.LAST))))
          .containsExactly(id("indicator", 1) + "@" + V3);
    }

    @Test
    void severalVersionsInOneCall_flagsAreRight() {
      addAll(RED, indicator(1, V2), indicator(1, V1), indicator(1, V3), indicator(2, V1));
      assertThat(keys(all(RED, query(VersionMatch.LAST)))).containsExactly(
          id("indicator", 1) + "@" + V3, id("indicator", 2) + "@" + V1);
      assertThat(keys(all(RED, query(new VersionMatch(true, false, false, Set.of())))))
          .containsExactly(id("indicator", 1) + "@" + V1, id("indicator", 2) + "@" + V1);
    }
  }

  // -----------------------------------------------------------------------------------------
  // Delete

  @Nested
  class Delete {
    @BeforeEach
    void fill() {
      addAll(RED, indicator(1, V1), indicator(1, V2), indicator(1, V3), indicator(2, V1));
      addAll(BLUE, indicator(1, V1), indicator(1, V2), indicator(1, V3));
    }

    @Test
    void deleteAll_removesEveryVersionFromThatCollectionOnly() {
      assertThat(store.delete(RED, id("indicator", 1), VersionMatch.ALL, Set.of())).isEqualTo(3);
      assertThat(keys(all(RED, query(VersionMatch.ALL))))
          .containsExactly(id("indicator", 2) + "@" + V1);
      assertThat(all(BLUE, query(VersionMatch.ALL))).hasSize(3);
      assertThat(store.delete(RED, id("indicator", 1), VersionMatch.ALL, Set.of())).isZero();
    }

    @Test
    void deleteLast_makesThePreviousVersionLast() {
      assertThat(store.delete(RED, id("indicator", 1), VersionMatch.LAST, Set.of())).isEqualTo(1);
      assertThat(keys(all(RED, query(VersionMatch.LAST)))).containsExactly(
          id("indicator", 1) + "@" + V2, id("indicator", 2) + "@" + V1);
    }

    @Test
    void deleteFirst_makesTheNextVersionFirst() {
      store.delete(RED, id("indicator", 1), new VersionMatch(true, false, false, Set.of()),
          Set.of());
      assertThat(keys(all(RED, query(new VersionMatch(true, false, false, Set.of())))))
          .containsExactly(id("indicator", 1) + "@" + V2, id("indicator", 2) + "@" + V1);
    }

    @Test
    void deleteExact_removesThatVersionOnly() {
      assertThat(store.delete(RED, id("indicator", 1), exact(V2), Set.of())).isEqualTo(1);
      assertThat(keys(all(RED, query(VersionMatch.ALL)))).containsExactly(
          id("indicator", 1) + "@" + V1, id("indicator", 1) + "@" + V3,
          id("indicator", 2) + "@" + V1);
    }

    @Test
    void deleteWithSpecVersion_removesOnlyMatchingVersions() {
      assertThat(store.delete(RED, id("indicator", 1), VersionMatch.ALL, Set.of("2.0")))
          .isZero();
      assertThat(store.delete(RED, id("indicator", 1), VersionMatch.ALL, Set.of("2.1")))
          .isEqualTo(3);
    }

    @Test
    void deletedVersions_stayInTheStore() {
      store.delete(RED, id("indicator", 1), VersionMatch.ALL, Set.of());
      // Re-adding is not a conflict: the versions are still known, and they return.
      List<WriteResult> r = addAll(RED, indicator(1, V1), indicator(1, V2, "changed"));
      assertThat(r.get(0).outcome()).isEqualTo(Outcome.ADDED);
      assertThat(r.get(1).outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void deleteUnknownObject_removesNothing() {
      assertThat(store.delete(RED, id("indicator", 9), VersionMatch.ALL, Set.of())).isZero();
    }
  }

  // -----------------------------------------------------------------------------------------
  // Concurrency

  @Nested
  class Concurrency {
    @Test
    void concurrentWriters_readerFollowingAddedAfterSeesEveryVersionOnce() throws Exception {
      TestClock real = clock;
      int writers = 4;
      int batches = 25;
      int perBatch = 20;
      ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
      try {
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        Future<?> reader = pool.submit(() -> {
          start.await();
          Instant cursor = null;
          while (true) {
            boolean finished = done.get();
            while (true) {
              Page<StoredVersion> p = store.query(RED, new ObjectQuery(cursor, Set.of(),
                  Set.of(), VersionMatch.ALL, Set.of(), 37, null, false));
              for (StoredVersion v : p.items()) {
                seen.merge(v.id() + "@" + v.versionText(), 1, Integer::sum);
                cursor = v.dateAdded();
              }
              if (!p.more()) {
                break;
              }
            }
            if (finished) {
              return null;
            }
          }
        });
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          int writer = w;
          futures.add(pool.submit(() -> {
            start.await();
            for (int b = 0; b < batches; b++) {
              List<NewVersion> batch = new ArrayList<>();
              for (int i = 0; i < perBatch; i++) {
                int n = 1_000 + writer * 100_000 + b * perBatch + i;
                batch.add(NewVersion.of(indicator(n, V1), ORG_A));
                // Some objects every writer also versions, to contend on the same ids.
                batch.add(NewVersion.of(indicator(i, "2024-02-01T00:00:00.%03dZ"
                    .formatted(writer * batches + b)), ORG_A));
              }
              real.advance(Duration.ofNanos(500));
              store.add(RED, batch);
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> f : futures) {
          f.get(120, TimeUnit.SECONDS);
        }
        done.set(true);
        reader.get(120, TimeUnit.SECONDS);

        List<StoredVersion> every = all(RED, query(VersionMatch.ALL));
        assertThat(every).hasSize(writers * batches * perBatch * 2);
        assertThat(every).isSortedAccordingTo(Comparator.comparing(StoredVersion::dateAdded));
        assertThat(new HashSet<>(every.stream().map(StoredVersion::dateAdded).toList()))
            .hasSize(every.size());
        assertThat(seen.keySet()).isEqualTo(new HashSet<>(keys(every)));
        assertThat(seen.values()).allMatch(n -> n == 1);
        // Last flags survived the contention: one per object.
        assertThat(store.count(RED, query(VersionMatch.LAST)))
            .isEqualTo(writers * batches * perBatch + perBatch);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  // -----------------------------------------------------------------------------------------
  // Randomised: query agrees with a naive filter

  @Nested
  class AgreesWithNaiveFilter {
    /** A membership the model expects, in date-added order. */
    private record Row(String collection, String id, String type, String spec, Instant version,
        String versionText) {}

    @Test
    void randomOperations_queriesAgreeWithANaiveFilter() {
      long base = Long.getLong("kuroshio.store.seed", 20250301L);
      for (int round = 0; round < 12; round++) {
        long seed = base + round;
        try {
          runScenario(new Random(seed), round);
        } catch (AssertionError e) {
          throw new AssertionError("scenario failed with seed " + seed + ": " + e.getMessage(),
              e);
        }
      }
    }

    private void runScenario(Random rnd, int round) {
      String[] colls = {"round-" + round + "-a", "round-" + round + "-b"};
      for (String coll : colls) {
        store.putCollection(CollectionInfo.of(coll, coll, null));
      }
      String[] types = {"indicator", "malware", "tool"};
      List<String> stamps = List.of("2024-01-01T00:00:00.000Z", "2024-01-02T00:00:00.000Z",
          "2024-01-03T00:00:00.000Z", "2024-01-03T00:00:00.001Z", "2024-02-01T00:00:00.000Z",
          "2024-03-01T00:00:00.000Z");
      int base = (round + 1) * 1000;
      List<Row> model = new ArrayList<>();
      for (int op = 0; op < 60; op++) {
        String coll = colls[rnd.nextInt(2)];
        if (rnd.nextInt(10) == 0) {
          // Delete some versions of one object from one collection.
          int n = base + rnd.nextInt(8);
          String type = types[n % 3];
          String oid = id(type, n);
          VersionMatch vm = randomVersionMatch(rnd, stamps);
          Set<String> specs = rnd.nextBoolean() ? Set.of() : Set.of(rnd.nextBoolean()
              ? "2.1" : "2.0");
          List<Row> gone = model.stream().filter(r -> r.collection().equals(coll)
              && r.id().equals(oid) && versionMatches(model, r, vm)
              && (specs.isEmpty() || specs.contains(r.spec()))).toList();
          int removed = store.delete(coll, oid, vm, specs);
          assertThat(removed).as("delete count").isEqualTo(gone.size());
          model.removeAll(gone);
          continue;
        }
        List<NewVersion> batch = new ArrayList<>();
        int size = 1 + rnd.nextInt(6);
        for (int i = 0; i < size; i++) {
          int n = base + rnd.nextInt(8);
          String type = types[n % 3];
          String spec = n % 4 == 0 ? "2.0" : "2.1";
          String stamp = stamps.get(rnd.nextInt(stamps.size()));
          StixObject o = StixJson.parse("""
              {"type":"%s","spec_version":"%s","id":"%s","created":"2024-01-01T00:00:00.000Z",
               "modified":"%s","name":"n%d"}""".formatted(type, spec, id(type, n), stamp,
              rnd.nextInt(4) == 0 ? 1 : 0));
          batch.add(NewVersion.of(o, ORG_A));
        }
        clock.advance(Duration.ofNanos(rnd.nextInt(3000)));
        List<WriteResult> results = store.add(coll, batch);
        for (int i = 0; i < batch.size(); i++) {
          if (results.get(i).outcome() == Outcome.ADDED) {
            StixObject o = batch.get(i).object();
            model.add(new Row(coll, o.id(), o.type(), o.specVersion().orElseThrow(),
                Timestamps.parse(o.modified().orElseThrow()), o.modified().orElseThrow()));
          }
        }
      }
      for (String coll : colls) {
        List<Row> rows = model.stream().filter(r -> r.collection().equals(coll)).toList();
        List<StoredVersion> every = all(coll, query(VersionMatch.ALL));
        assertThat(keys(every)).as("every version in " + coll)
            .isEqualTo(rows.stream().map(r -> r.id() + "@" + r.versionText()).toList());
        for (int q = 0; q < 25; q++) {
          Instant after = null;
          if (!every.isEmpty() && rnd.nextInt(3) == 0) {
            after = every.get(rnd.nextInt(every.size())).dateAdded();
          }
          Set<String> ids = new HashSet<>();
          if (rnd.nextInt(3) == 0) {
            for (int k = rnd.nextInt(3); k >= 0; k--) {
              int n = base + rnd.nextInt(9);
              ids.add(id(types[n % 3], n));
            }
          }
          Set<String> typeSet = new HashSet<>();
          if (rnd.nextInt(3) == 0) {
            typeSet.add(types[rnd.nextInt(3)]);
            if (rnd.nextBoolean()) {
              typeSet.add("campaign");
            }
          }
          Set<String> specs = rnd.nextInt(4) == 0 ? Set.of(rnd.nextBoolean() ? "2.0" : "2.1")
              : Set.of();
          VersionMatch vm = randomVersionMatch(rnd, stamps);
          int limit = 1 + rnd.nextInt(5);
          ObjectQuery query = new ObjectQuery(after, ids, typeSet, vm, specs, limit, null,
              rnd.nextBoolean());
          List<Instant> dates = every.stream().map(StoredVersion::dateAdded).toList();
          Instant afterFinal = after;
          List<String> expected = new ArrayList<>();
          for (int k = 0; k < rows.size(); k++) {
            Row r = rows.get(k);
            if ((afterFinal == null || dates.get(k).isAfter(afterFinal))
                && (ids.isEmpty() || ids.contains(r.id()))
                && (typeSet.isEmpty() || typeSet.contains(r.type()))
                && (specs.isEmpty() || specs.contains(r.spec()))
                && versionMatches(rows, r, vm)) {
              expected.add(r.id() + "@" + r.versionText());
            }
          }
          String what = coll + " " + query;
          assertThat(keys(all(coll, query))).as(what).isEqualTo(expected);
          assertThat(store.count(coll, query)).as("count " + what).isEqualTo(expected.size());
        }
      }
    }

    private VersionMatch randomVersionMatch(Random rnd, List<String> stamps) {
      while (true) {
        boolean first = rnd.nextInt(3) == 0;
        boolean last = rnd.nextInt(2) == 0;
        boolean all = rnd.nextInt(5) == 0;
        Set<Instant> exact = new HashSet<>();
        if (rnd.nextInt(3) == 0) {
          exact.add(Instant.parse(stamps.get(rnd.nextInt(stamps.size()))));
        }
        if (first || last || all || !exact.isEmpty()) {
          return new VersionMatch(first, last, all, exact);
        }
      }
    }

    /** The naive rule: first and last are the lowest and highest version in the collection. */
    private boolean versionMatches(List<Row> rows, Row r, VersionMatch vm) {
      List<Instant> mine = rows.stream()
          .filter(o -> o.collection().equals(r.collection()) && o.id().equals(r.id()))
          .map(Row::version).sorted().toList();
      return vm.all()
          || (vm.first() && r.version().equals(mine.get(0)))
          || (vm.last() && r.version().equals(mine.get(mine.size() - 1)))
          || vm.exact().contains(r.version());
    }
  }
}
