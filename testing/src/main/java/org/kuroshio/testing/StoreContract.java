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
import org.kuroshio.store.Contribution;
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
  // Several collections (alsoIn), provenance, versions across the store, backfilled members

  /** Id of a third collection that the sharing tests create. */
  protected static final String GREEN = "00000000-0000-4000-8000-00000000c003";

  /** An agreement id, as the sharing module writes it. */
  protected static final String AGREEMENT =
      "kuroshio-agreement--00000000-0000-4000-8000-0000000000e1";

  /** Returns a locally contributed version that also goes into {@code alsoIn}. */
  protected static NewVersion alsoIn(String owner, StixObject o, String... alsoIn) {
    return new NewVersion(o, owner, Set.of(), null, List.of(), null, null, null,
        Set.of(alsoIn));
  }

  /** Returns a version contributed under {@code agreement}, possibly received from a peer. */
  protected static NewVersion under(String owner, StixObject o, @Nullable String agreement,
      @Nullable String receivedFrom, @Nullable String receivedBy) {
    return new NewVersion(o, owner, Set.of(), null, List.of(), receivedFrom, receivedBy,
        agreement, Set.of());
  }

  /** Returns a reference to version {@code version} of {@code id}, as addMembers reads it. */
  protected static StoredVersion ref(String id, String version) {
    return new StoredVersion(id, id.substring(0, id.indexOf("--")), "2.1",
        Instant.parse(version), version, T0, false, ORG_A, Set.of(), null, List.of(), null, null,
        null);
  }

  protected static VersionMatch first() {
    return new VersionMatch(true, false, false, Set.of());
  }

  @Nested
  class AlsoIn {
    @BeforeEach
    void third() {
      store.putCollection(CollectionInfo.of(GREEN, "Green", null));
    }

    @Test
    void newVersion_becomesAMemberOfEveryCollectionWithALaterDateOfItsOwn() {
      Instant blueCursor = T0.minusSeconds(1);
      StixObject o = indicator(1, V1);
      List<WriteResult> r = store.add(RED, List.of(alsoIn(ORG_A, o, GREEN, BLUE)));
      assertThat(r).containsExactly(new WriteResult(o.id(), V1, Outcome.ADDED, null));
      StoredVersion red = all(RED, query(VersionMatch.ALL)).get(0);
      StoredVersion blue = all(BLUE, query(VersionMatch.ALL)).get(0);
      StoredVersion green = all(GREEN, query(VersionMatch.ALL)).get(0);
      assertThat(red.dateAdded()).isEqualTo(T0);
      assertThat(List.of(blue.dateAdded(), green.dateAdded()))
          .containsExactlyInAnyOrder(T0.plusNanos(1000), T0.plusNanos(2000));
      for (StoredVersion v : List.of(blue, green)) {
        assertThat(v.owner()).isEqualTo(ORG_A);
        assertThat(v.versionText()).isEqualTo(V1);
        assertThat(StixJson.parse(v.json())).isEqualTo(o);
      }
      // A reader of BLUE following added_after sees it.
      assertThat(keys(all(BLUE, new ObjectQuery(blueCursor, Set.of(), Set.of(),
          VersionMatch.LAST, Set.of(), 10, null, false)))).containsExactly(key(o));
      // One version in the store, one contribution.
      assertThat(store.versionsOf(List.of(o.id()), VersionMatch.ALL, false)).hasSize(1);
      assertThat(store.provenance(o.id())).hasSize(1);
    }

    @Test
    void unknownCollection_refusesThatObjectAloneAndWritesNothingOfIt() {
      String none = "00000000-0000-4000-8000-00000000dead";
      List<WriteResult> r = store.add(RED, List.of(alsoIn(ORG_A, indicator(1, V1), BLUE, none),
          alsoIn(ORG_A, indicator(2, V1), BLUE)));
      assertThat(r.get(0).outcome()).isEqualTo(Outcome.REJECTED);
      assertThat(r.get(0).message()).contains(none).contains(id("indicator", 1));
      assertThat(r.get(1).outcome()).isEqualTo(Outcome.ADDED);
      assertThat(keys(all(RED, query(VersionMatch.ALL)))).containsExactly(
          id("indicator", 2) + "@" + V1);
      assertThat(keys(all(BLUE, query(VersionMatch.ALL)))).containsExactly(
          id("indicator", 2) + "@" + V1);
      assertThat(store.versionsOf(List.of(id("indicator", 1)), VersionMatch.ALL, false))
          .isEmpty();
      assertThat(store.provenance(id("indicator", 1))).isEmpty();
      // An identical version already stored is refused the same way, and joins nothing.
      WriteResult again = store.add(BLUE, List.of(alsoIn(ORG_A, indicator(2, V1), GREEN, none)))
          .get(0);
      assertThat(again.outcome()).isEqualTo(Outcome.REJECTED);
      assertThat(again.message()).contains(none);
      assertThat(store.count(GREEN, query(VersionMatch.ALL))).isZero();
    }

    @Test
    void identicalReAdd_joinsOnlyTheCollectionsItIsNotInYet() {
      StixObject o = indicator(1, V1);
      add(RED, o);
      add(BLUE, o);
      clock.advance(Duration.ofSeconds(2));
      WriteResult r = store.add(RED, List.of(alsoIn(ORG_A, o, BLUE, GREEN))).get(0);
      assertThat(r.outcome()).isEqualTo(Outcome.UNCHANGED);
      assertThat(all(BLUE, query(VersionMatch.ALL))).extracting(StoredVersion::dateAdded)
          .containsExactly(T0.plusNanos(1000));
      assertThat(all(GREEN, query(VersionMatch.ALL))).extracting(StoredVersion::dateAdded)
          .containsExactly(T0.plusSeconds(2));
      // Once more: nothing anywhere changes.
      clock.advance(Duration.ofSeconds(2));
      assertThat(store.add(RED, List.of(alsoIn(ORG_A, o, BLUE, GREEN))).get(0).outcome())
          .isEqualTo(Outcome.UNCHANGED);
      for (String coll : List.of(RED, BLUE, GREEN)) {
        assertThat(store.count(coll, query(VersionMatch.ALL))).as(coll).isEqualTo(1);
      }
      assertThat(store.provenance(o.id())).hasSize(1);
    }

    @Test
    void identicalVersionByAnotherOrganisation_joinsTheCollectionsAndKeepsItsOwner() {
      StixObject o = indicator(1, V1);
      add(RED, o);
      clock.advance(Duration.ofSeconds(1));
      List<WriteResult> r = store.add(BLUE, List.of(alsoIn(ORG_B, o, GREEN)));
      assertThat(r.get(0).outcome()).isEqualTo(Outcome.ADDED);
      for (String coll : List.of(BLUE, GREEN)) {
        List<StoredVersion> got = all(coll, query(VersionMatch.ALL));
        assertThat(keys(got)).as(coll).containsExactly(key(o));
        assertThat(got.get(0).owner()).isEqualTo(ORG_A);
      }
      // A new version by the other organisation is still refused, and joins nothing.
      WriteResult foreign = store.add(RED, List.of(alsoIn(ORG_B, indicator(1, V2), GREEN)))
          .get(0);
      assertThat(foreign.outcome()).isEqualTo(Outcome.REJECTED);
      assertThat(keys(all(GREEN, query(VersionMatch.ALL)))).containsExactly(key(o));
    }

    @Test
    void firstAndLastFlags_followEveryCollection() {
      add(BLUE, indicator(1, V2));
      store.add(RED, List.of(alsoIn(ORG_A, indicator(1, V3), BLUE),
          alsoIn(ORG_A, indicator(1, V1), BLUE)));
      for (String coll : List.of(RED, BLUE)) {
        assertThat(keys(all(coll, query(VersionMatch.LAST)))).as(coll)
            .containsExactly(id("indicator", 1) + "@" + V3);
        assertThat(keys(all(coll, query(first())))).as(coll)
            .containsExactly(id("indicator", 1) + "@" + V1);
      }
      assertThat(store.count(BLUE, query(VersionMatch.ALL))).isEqualTo(3);
      assertThat(store.count(RED, query(VersionMatch.ALL))).isEqualTo(2);
    }

    @Test
    void targetCollectionNamedAgain_isOneMembership() {
      StixObject o = indicator(1, V1);
      assertThat(store.add(RED, List.of(alsoIn(ORG_A, o, RED))).get(0).outcome())
          .isEqualTo(Outcome.ADDED);
      assertThat(all(RED, query(VersionMatch.ALL))).hasSize(1);
    }

    @Test
    void datesStayUniqueAndIncreasingAcrossCollections() {
      List<NewVersion> batch = new ArrayList<>();
      for (int n = 1; n <= 20; n++) {
        batch.add(n % 2 == 0 ? alsoIn(ORG_A, indicator(n, V1), BLUE, GREEN)
            : by(ORG_A, indicator(n, V1)));
      }
      store.add(RED, batch);
      List<Instant> dates = new ArrayList<>();
      for (String coll : List.of(RED, BLUE, GREEN)) {
        all(coll, query(VersionMatch.ALL)).forEach(v -> dates.add(v.dateAdded()));
      }
      assertThat(dates).hasSize(40).doesNotHaveDuplicates();
      assertThat(store.count(BLUE, query(VersionMatch.ALL))).isEqualTo(10);
      // Each collection is in date order, and a later add comes after all of them.
      clock.set(T0);
      add(BLUE, indicator(99, V1));
      List<StoredVersion> blue = all(BLUE, query(VersionMatch.ALL));
      assertThat(blue.get(blue.size() - 1).dateAdded()).isAfter(java.util.Collections.max(dates));
    }
  }

  @Nested
  class Provenance {
    @Test
    void localContribution_isOneRowAtTheFirstDateAdded() {
      StixObject o = indicator(1, V1);
      add(RED, o);
      assertThat(store.provenance(o.id())).containsExactly(
          new Contribution(o.id(), V1, ORG_A, null, null, T0));
    }

    @Test
    void secondContributor_andAnotherAgreement_addRows_identicalOnesDoNot() {
      StixObject o = indicator(1, V1);
      add(RED, o);
      clock.advance(Duration.ofSeconds(1));
      assertThat(store.add(RED, List.of(by(ORG_B, o))).get(0).outcome())
          .isEqualTo(Outcome.UNCHANGED);
      clock.advance(Duration.ofSeconds(1));
      store.add(BLUE, List.of(by(ORG_B, o)));
      clock.advance(Duration.ofSeconds(1));
      store.add(BLUE, List.of(under(ORG_A, o, AGREEMENT, null, null)));
      store.add(RED, List.of(under(ORG_A, o, AGREEMENT, null, null)));
      assertThat(store.provenance(o.id())).containsExactly(
          new Contribution(o.id(), V1, ORG_A, null, null, T0),
          new Contribution(o.id(), V1, ORG_B, null, null, T0.plusSeconds(1)),
          new Contribution(o.id(), V1, ORG_A, null, AGREEMENT, T0.plusSeconds(3)));
      // BLUE's membership took its own date; the contributions did not reuse it.
      assertThat(all(BLUE, query(VersionMatch.ALL))).extracting(StoredVersion::dateAdded)
          .containsExactly(T0.plusSeconds(2));
    }

    @Test
    void receivedVersion_recordsTheNodeAndTheAgreement() {
      StixObject o = indicator(1, V1);
      store.add(RED, List.of(under(ORG_B, o, AGREEMENT, "node-7", ORG_A)));
      clock.advance(Duration.ofSeconds(1));
      // The same version pulled again from another peer, under no agreement.
      store.add(RED, List.of(under(ORG_B, o, null, "node-9", ORG_A)));
      assertThat(store.provenance(o.id())).containsExactly(
          new Contribution(o.id(), V1, ORG_B, "node-7", AGREEMENT, T0),
          new Contribution(o.id(), V1, ORG_B, "node-9", null, T0.plusSeconds(1)));
    }

    @Test
    void everyVersionHasItsRows_oldestFirst_andRefusalsWriteNone() {
      add(RED, indicator(1, V2));
      clock.advance(Duration.ofSeconds(1));
      List<WriteResult> r = store.add(RED, List.of(by(ORG_A, indicator(1, V1)),
          by(ORG_A, indicator(1, V1)), by(ORG_B, indicator(1, V3)),
          by(ORG_A, indicator(1, V2, "other body"))));
      assertThat(r).extracting(WriteResult::outcome).containsExactly(Outcome.ADDED,
          Outcome.UNCHANGED, Outcome.REJECTED, Outcome.REJECTED);
      assertThat(store.provenance(id("indicator", 1))).containsExactly(
          new Contribution(id("indicator", 1), V2, ORG_A, null, null, T0),
          new Contribution(id("indicator", 1), V1, ORG_A, null, null, T0.plusSeconds(1)));
      assertThat(store.provenance(id("indicator", 2))).isEmpty();
    }

    @Test
    void oversizedAgreement_isRefusedAlone() {
      List<WriteResult> r = store.add(RED, List.of(
          under(ORG_A, indicator(1, V1), "x".repeat(301), null, null),
          by(ORG_A, indicator(2, V1))));
      assertThat(r).extracting(WriteResult::outcome)
          .containsExactly(Outcome.REJECTED, Outcome.ADDED);
      assertThat(r.get(0).message()).contains("agreement");
    }
  }

  @Nested
  class VersionsOf {
    @BeforeEach
    void fill() {
      add(RED, indicator(1, V2));
      clock.advance(Duration.ofSeconds(1));
      add(BLUE, indicator(1, V1));
      clock.advance(Duration.ofSeconds(1));
      add(RED, indicator(1, V3));
      clock.advance(Duration.ofSeconds(1));
      add(BLUE, malware(2, V1, "2.1"));
      clock.advance(Duration.ofSeconds(1));
      // Added to a second collection later: its first date added does not change.
      add(RED, indicator(1, V1));
    }

    private List<StoredVersion> of(VersionMatch vm, String... ids) {
      return store.versionsOf(List.of(ids), vm, true);
    }

    @Test
    void last_isTheLatestVersionInTheWholeStore() {
      List<StoredVersion> got = of(VersionMatch.LAST, id("indicator", 1), id("malware", 2));
      assertThat(keys(got)).containsExactly(id("indicator", 1) + "@" + V3,
          id("malware", 2) + "@" + V1);
      assertThat(got.get(0).dateAdded()).isEqualTo(T0.plusSeconds(2));
      assertThat(StixJson.parse(got.get(0).json())).isEqualTo(indicator(1, V3));
      assertThat(got.get(1).type()).isEqualTo("malware");
      assertThat(got.get(1).owner()).isEqualTo(ORG_A);
    }

    @Test
    void first_andExact() {
      assertThat(keys(of(first(), id("indicator", 1))))
          .containsExactly(id("indicator", 1) + "@" + V1);
      assertThat(of(first(), id("indicator", 1)).get(0).dateAdded())
          .isEqualTo(T0.plusSeconds(1));
      assertThat(keys(of(exact(V2, "2000-01-01T00:00:00Z"), id("indicator", 1))))
          .containsExactly(id("indicator", 1) + "@" + V2);
      assertThat(keys(of(new VersionMatch(true, true, false, Set.of()), id("indicator", 1))))
          .containsExactly(id("indicator", 1) + "@" + V1, id("indicator", 1) + "@" + V3);
    }

    @Test
    void all_oldestVersionFirst_inTheOrderOfTheIds() {
      List<StoredVersion> got = of(VersionMatch.ALL, id("malware", 2), id("indicator", 1));
      assertThat(keys(got)).containsExactly(id("malware", 2) + "@" + V1,
          id("indicator", 1) + "@" + V1, id("indicator", 1) + "@" + V2,
          id("indicator", 1) + "@" + V3);
      assertThat(got).allSatisfy(v -> assertThat(v.json()).isNotNull());
      assertThat(got).extracting(StoredVersion::dateAdded).containsExactly(T0.plusSeconds(3),
          T0.plusSeconds(1), T0, T0.plusSeconds(2));
    }

    @Test
    void withoutBodies_unknownAndRepeatedIds() {
      List<StoredVersion> got = store.versionsOf(List.of(id("indicator", 1), id("tool", 9),
          id("indicator", 1)), VersionMatch.LAST, false);
      assertThat(keys(got)).containsExactly(id("indicator", 1) + "@" + V3);
      assertThat(got.get(0).json()).isNull();
      assertThat(store.versionsOf(List.of(), VersionMatch.ALL, true)).isEmpty();
    }

    @Test
    void versionsDeletedFromEveryCollection_areStillFound() {
      store.delete(RED, id("indicator", 1), VersionMatch.ALL, Set.of());
      store.delete(BLUE, id("indicator", 1), VersionMatch.ALL, Set.of());
      assertThat(of(VersionMatch.ALL, id("indicator", 1))).hasSize(3);
    }

    @Test
    void atMostAThousandIds() {
      List<String> ids = IntStream.range(0, 1000).mapToObj(i -> id("indicator", i)).toList();
      assertThat(keys(store.versionsOf(ids, VersionMatch.LAST, false)))
          .containsExactly(id("indicator", 1) + "@" + V3);
      List<String> more = IntStream.range(0, 1001).mapToObj(i -> id("indicator", i)).toList();
      assertThatThrownBy(() -> store.versionsOf(more, VersionMatch.LAST, false))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1001");
    }
  }

  @Nested
  class References {
    private StixObject relationship(int n, String modified, String source, String target) {
      return StixJson.parse("""
          {"type":"relationship","spec_version":"2.1","id":"%s",
           "created":"2024-01-01T00:00:00.000Z","modified":"%s","relationship_type":"indicates",
           "source_ref":"%s","target_ref":"%s"}
          """.formatted(id("relationship", n), modified, source, target));
    }

    private StixObject sighting(int n, String of, String where) {
      return StixJson.parse("""
          {"type":"sighting","spec_version":"2.1","id":"%s",
           "created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z",
           "sighting_of_ref":"%s","where_sighted_refs":["%s"]}
          """.formatted(id("sighting", n), of, where));
    }

    @Test
    void referencing_findsRelationshipsAndSightingsByAnyEnd() {
      String ind = id("indicator", 1);
      String mal = id("malware", 1);
      addAll(RED, indicator(1, V1), relationship(1, V1, ind, mal), relationship(1, V2, ind, mal),
          relationship(2, V1, mal, id("indicator", 9)), sighting(1, ind, ORG_B));

      assertThat(keys(store.referencing(List.of(ind)))).containsExactly(
          id("relationship", 1) + "@" + V1, id("relationship", 1) + "@" + V2,
          id("sighting", 1) + "@" + "2024-01-01T00:00:00.000Z");
      assertThat(store.referencing(List.of(mal))).extracting(StoredVersion::id)
          .containsOnly(id("relationship", 1), id("relationship", 2));
      assertThat(store.referencing(List.of(ORG_B))).extracting(StoredVersion::id)
          .containsExactly(id("sighting", 1));
      assertThat(store.referencing(List.of(id("indicator", 404)))).isEmpty();
      assertThat(store.referencing(List.of())).isEmpty();
      // an identical re-add indexes nothing twice
      addAll(BLUE, relationship(1, V1, ind, mal));
      assertThat(store.referencing(List.of(mal))).hasSize(3);
    }

    @Test
    void renew_givesMembersNewDatesAndLeavesOthersAlone() {
      addAll(RED, indicator(1, V1), indicator(2, V1));
      clock.advance(Duration.ofSeconds(1));
      Instant cursor = all(RED, query(VersionMatch.ALL)).getLast().dateAdded();
      List<StoredVersion> one = all(RED, query(VersionMatch.ALL)).subList(0, 1);
      clock.advance(Duration.ofSeconds(1));

      assertThat(store.renew(RED, one)).isEqualTo(1);
      assertThat(store.renew(BLUE, one)).isZero();
      List<StoredVersion> since = all(RED, new ObjectQuery(cursor, Set.of(), Set.of(),
          VersionMatch.ALL, Set.of(), 10, null, true));
      assertThat(since).extracting(StoredVersion::id).containsExactly(id("indicator", 1));
      assertThat(all(RED, query(VersionMatch.ALL))).hasSize(2);
    }
  }

  @Nested
  class AddMembers {
    @Test
    void addsTheVersionsThatAreNotMembers_visibleAfterAReadersCursor() {
      addAll(RED, indicator(1, V1), indicator(1, V2), indicator(2, V1));
      clock.advance(Duration.ofSeconds(1));
      add(BLUE, indicator(1, V1));
      Page<StoredVersion> seen = store.query(BLUE, ObjectQuery.all(1));
      Instant cursor = seen.items().get(0).dateAdded();
      clock.advance(Duration.ofSeconds(1));
      List<StoredVersion> red = all(RED, query(VersionMatch.ALL));
      assertThat(store.addMembers(BLUE, red)).isEqualTo(2);
      List<StoredVersion> since = all(BLUE, new ObjectQuery(cursor, Set.of(), Set.of(),
          VersionMatch.ALL, Set.of(), 10, null, true));
      assertThat(keys(since)).containsExactly(id("indicator", 1) + "@" + V2,
          id("indicator", 2) + "@" + V1);
      assertThat(since).extracting(StoredVersion::dateAdded)
          .containsExactly(T0.plusSeconds(2), T0.plusSeconds(2).plusNanos(1000));
      assertThat(StixJson.parse(since.get(0).json())).isEqualTo(indicator(1, V2));
      assertThat(keys(all(BLUE, query(VersionMatch.LAST)))).containsExactly(
          id("indicator", 1) + "@" + V2, id("indicator", 2) + "@" + V1);
      // Idempotent: the second call adds nothing and moves no date.
      clock.advance(Duration.ofSeconds(1));
      assertThat(store.addMembers(BLUE, red)).isZero();
      assertThat(all(BLUE, query(VersionMatch.ALL))).hasSize(3);
      assertThat(store.provenance(id("indicator", 2))).hasSize(1);
    }

    @Test
    void olderVersionAddedLater_becomesFirst_lastStays() {
      addAll(RED, indicator(1, V1), indicator(1, V3));
      add(BLUE, indicator(1, V3));
      assertThat(store.addMembers(BLUE, List.of(ref(id("indicator", 1), V1)))).isEqualTo(1);
      assertThat(keys(all(BLUE, query(first())))).containsExactly(
          id("indicator", 1) + "@" + V1);
      assertThat(keys(all(BLUE, query(VersionMatch.LAST)))).containsExactly(
          id("indicator", 1) + "@" + V3);
    }

    @Test
    void unknownVersions_repeatedEntries_andOtherPrecisions() {
      add(RED, indicator(1, V1));
      List<StoredVersion> refs = List.of(ref(id("indicator", 9), V1),
          ref(id("indicator", 1), V2), ref(id("indicator", 1), V1),
          ref(id("indicator", 1), "2024-02-01T00:00:00Z"));
      assertThat(store.addMembers(BLUE, refs)).isEqualTo(1);
      assertThat(keys(all(BLUE, query(VersionMatch.ALL)))).containsExactly(
          id("indicator", 1) + "@" + V1);
      assertThat(store.addMembers(BLUE, List.of())).isZero();
      assertThat(store.addMembers(BLUE, List.of(ref(id("indicator", 9), V1)))).isZero();
    }

    @Test
    void objectWithoutTimestamps_isFoundByItsFirstDateAdded() {
      clock.set(Instant.parse("2025-03-01T12:00:00.123456Z"));
      add(RED, ipv4(1, "198.51.100.7"));
      StoredVersion ip = store.query(RED, ObjectQuery.all(1)).items().get(0);
      clock.advance(Duration.ofSeconds(1));
      assertThat(store.addMembers(BLUE, List.of(ip))).isEqualTo(1);
      assertThat(all(BLUE, query(VersionMatch.ALL))).extracting(StoredVersion::versionText)
          .containsExactly("2025-03-01T12:00:00.123456Z");
    }

    @Test
    void unknownCollection_isRefused() {
      add(RED, indicator(1, V1));
      assertThatThrownBy(() -> store.addMembers("00000000-0000-4000-8000-00000000dead",
          List.of(ref(id("indicator", 1), V1))))
          .isInstanceOf(UnknownCollectionException.class);
    }

    @Test
    void aPageOfAThousand_getsUniqueIncreasingDates() {
      List<StixObject> objects = new ArrayList<>();
      for (int n = 1; n <= 1000; n++) {
        objects.add(indicator(n, V1));
      }
      addAll(RED, objects.toArray(StixObject[]::new));
      List<StoredVersion> page = store.query(RED, query(VersionMatch.ALL)).items();
      assertThat(page).hasSize(1000);
      assertThat(store.addMembers(BLUE, page)).isEqualTo(1000);
      List<StoredVersion> blue = all(BLUE, query(VersionMatch.ALL));
      assertThat(keys(blue)).isEqualTo(keys(page));
      assertThat(blue.get(0).dateAdded()).isAfter(page.get(999).dateAdded());
      assertThat(new HashSet<>(blue.stream().map(StoredVersion::dateAdded).toList()))
          .hasSize(1000);
      assertThat(store.count(BLUE, query(VersionMatch.LAST))).isEqualTo(1000);
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
        String other = coll.equals(colls[0]) ? colls[1] : colls[0];
        if (rnd.nextInt(10) == 0) {
          // Backfill: make some versions of the other collection members of this one.
          List<StoredVersion> refs = new ArrayList<>();
          List<Row> joined = new ArrayList<>();
          for (Row r : model.stream().filter(r -> r.collection().equals(other)).toList()) {
            if (rnd.nextBoolean()) {
              refs.add(new StoredVersion(r.id(), r.type(), r.spec(), r.version(),
                  r.versionText(), T0, false, ORG_A, Set.of(), null, List.of(), null, null,
                  null));
              Row row = new Row(coll, r.id(), r.type(), r.spec(), r.version(), r.versionText());
              if (!model.contains(row) && !joined.contains(row)) {
                joined.add(row);
              }
            }
          }
          clock.advance(Duration.ofNanos(rnd.nextInt(3000)));
          assertThat(store.addMembers(coll, refs)).as("addMembers count")
              .isEqualTo(joined.size());
          model.addAll(joined);
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
          batch.add(rnd.nextInt(4) == 0 ? alsoIn(ORG_A, o, other) : NewVersion.of(o, ORG_A));
        }
        clock.advance(Duration.ofNanos(rnd.nextInt(3000)));
        List<WriteResult> results = store.add(coll, batch);
        for (int i = 0; i < batch.size(); i++) {
          StixObject o = batch.get(i).object();
          Row row = new Row(coll, o.id(), o.type(), o.specVersion().orElseThrow(),
              Timestamps.parse(o.modified().orElseThrow()), o.modified().orElseThrow());
          if (results.get(i).outcome() == Outcome.ADDED) {
            model.add(row);
          }
          Row there = new Row(other, row.id(), row.type(), row.spec(), row.version(),
              row.versionText());
          if (results.get(i).succeeded() && !batch.get(i).alsoIn().isEmpty()
              && !model.contains(there)) {
            model.add(there);
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
