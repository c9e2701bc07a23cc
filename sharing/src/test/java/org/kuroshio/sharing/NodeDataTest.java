package org.kuroshio.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kuroshio.stix.Domains;
import org.kuroshio.stix.Markings;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Tlp;
import org.kuroshio.store.CollectionInfo;
import org.kuroshio.store.ObjectQuery;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.StoredVersion;
import org.kuroshio.store.Stores;
import org.kuroshio.store.VersionMatch;
import org.kuroshio.testing.FixedClock;
import org.kuroshio.testing.StixFixtures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class NodeDataTest {
  private static final String C1 = "11111111-1111-4111-8111-111111111111";
  private static final String C2 = "22222222-2222-4222-8222-222222222222";
  private static final String C3 = "33333333-3333-4333-8333-333333333333";

  private final FixedClock clock = new FixedClock();
  private final StixFixtures fx = new StixFixtures();
  private StixStore store;
  private NodeData data;
  private Principal alice;
  private Principal bob;
  private Principal admin;

  @BeforeEach
  void setUp() {
    store = Stores.h2InMemory("nodedata-" + UUID.randomUUID());
    store.putCollection(CollectionInfo.of(C1, "One", null));
    store.putCollection(CollectionInfo.of(C2, "Two", null));
    store.putCollection(CollectionInfo.of(C3, "Three", null));
    UserAccount a = new UserAccount("alice", "org-a", Set.of(Role.ANALYST), null, List.of(),
        Map.of(C1, Permission.READ_WRITE, C2, Permission.READ));
    UserAccount b = new UserAccount("bob", "org-b", Set.of(Role.ANALYST), null, List.of(),
        Map.of(C1, Permission.READ_WRITE, C3, Permission.WRITE));
    UserAccount root = new UserAccount("root", "org-a", Set.of(Role.ADMIN), null, List.of(),
        Map.of());
    alice = a.principal();
    bob = b.principal();
    admin = root.principal();
    data = NodeData.open(store, Accounts.of(List.of(a, b, root), clock), IngestSettings.DEFAULT,
        clock);
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private List<StoredVersion> all(String collection) {
    return store.query(collection, new ObjectQuery(null, Set.of(), Set.of(), VersionMatch.ALL,
        Set.of(), 1000, null, true)).items();
  }

  @Test
  void collections_showOnlyWhatThePrincipalMayReadOrWrite() {
    assertThat(data.collections(alice)).extracting(CollectionView::id, CollectionView::permission)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(C1, Permission.READ_WRITE),
            org.assertj.core.groups.Tuple.tuple(C2, Permission.READ));
    assertThat(data.collection(alice, C3)).isEmpty();
    assertThat(data.collection(alice, "no-such-collection")).isEmpty();
    assertThat(data.collections(admin)).hasSize(3);
  }

  @Test
  void query_invisibleCollectionLooksExactlyLikeAMissingOne() {
    ObjectQuery q = ObjectQuery.all(10);
    NotFoundException hidden = org.junit.jupiter.api.Assertions.assertThrows(
        NotFoundException.class, () -> data.query(alice, C3, q));
    NotFoundException missing = org.junit.jupiter.api.Assertions.assertThrows(
        NotFoundException.class, () -> data.query(alice, "no-such", q));

    assertThat(hidden.getMessage()).isEqualTo("no collection with id " + C3);
    assertThat(missing.getMessage()).isEqualTo("no collection with id no-such");
    assertThat(hidden.kind()).isEqualTo(missing.kind());
  }

  @Test
  void query_writeOnlyCollectionIsForbidden() {
    assertThatThrownBy(() -> data.query(bob, C3, ObjectQuery.all(10)))
        .isInstanceOf(PolicyViolationException.class).hasMessageContaining("read");
    assertThatThrownBy(() -> data.count(bob, C3, ObjectQuery.all(10)))
        .isInstanceOf(PolicyViolationException.class);
  }

  @Test
  void add_storesValidObjectsWithTheOrganisationAsOwnerAndRefusesInvalidOnes() {
    StixObject good = fx.indicator().tlp(Tlp.AMBER).build();
    ObjectNode badPrefix = fx.indicator().json();
    badPrefix.put("id", "malware--" + UUID.randomUUID());
    ObjectNode badTime = fx.malware().json();
    badTime.put("created", "yesterday");

    IngestResult result = data.addJson(alice, C1, List.of(good.json(), badPrefix, badTime));

    assertThat(result.results()).extracting(ObjectResult::success)
        .containsExactly(true, false, false);
    assertThat(result.failures().get(0).message()).contains("id");
    assertThat(result.failures().get(1).message()).contains("created");
    assertThat(result.successes().get(0).version()).isEqualTo(good.modified().orElseThrow());
    List<StoredVersion> stored = all(C1);
    assertThat(stored).singleElement().satisfies(v -> {
      assertThat(v.id()).isEqualTo(good.id());
      assertThat(v.owner()).isEqualTo("org-a");
      assertThat(v.tlp()).isEqualTo("amber");
      assertThat(v.domains()).containsExactly(Domains.CYBER);
    });
  }

  @Test
  void add_nonObjectsAndObjectsWithoutIdAreFailuresNamedByPosition() {
    ObjectNode noId = fx.indicator().json();
    noId.remove("id");

    IngestResult result = data.addJson(alice, C1,
        List.of(JsonNodeFactory.instance.stringNode("x"), noId));

    assertThat(result.failures()).extracting(ObjectResult::id)
        .containsExactly("objects[0]", "objects[1]");
    assertThat(all(C1)).isEmpty();
  }

  @Test
  void add_sameVersionTwiceIsUnchangedSuccess() {
    StixObject o = fx.malware().build();
    data.add(alice, C1, List.of(o));

    IngestResult again = data.add(alice, C1, List.of(o));

    assertThat(again.successes()).singleElement()
        .satisfies(r -> assertThat(r.message()).isEqualTo("unchanged"));
    assertThat(all(C1)).hasSize(1);
  }

  @Test
  void add_anotherOrganisationCannotVersionMyObject() {
    StixObject mine = fx.malware().build();
    data.add(alice, C1, List.of(mine));
    ObjectNode next = mine.toJsonNode();
    next.put("modified", "2026-02-01T00:00:00.000Z");

    IngestResult result = data.addJson(bob, C1, List.of(next));

    assertThat(result.failureCount()).isEqualTo(1);
    assertThat(all(C1)).hasSize(1);
  }

  @Test
  void add_withoutWriteRightWritesNothing() {
    List<StixObject> objects = List.of(fx.malware().build());

    assertThatThrownBy(() -> data.add(alice, C2, objects))
        .isInstanceOf(PolicyViolationException.class).hasMessageContaining("write");
    assertThatThrownBy(() -> data.add(alice, C3, objects))
        .isInstanceOf(NotFoundException.class);
    assertThat(all(C2)).isEmpty();
    assertThat(all(C3)).isEmpty();
  }

  @Test
  void add_tooManyObjectsIsRefusedWhole() {
    NodeData small = NodeData.open(store, Accounts.of(List.of(), clock),
        new IngestSettings(true, 2), clock);
    List<StixObject> three = List.of(fx.malware().build(), fx.malware().build(),
        fx.malware().build());

    assertThatThrownBy(() -> small.add(Principal.system("org-a"), C1, three))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 2");
    assertThat(all(C1)).isEmpty();
  }

  @Test
  void add_aggregatesTakeTheDomainsOfWhatTheyReference() {
    StixObject vessel = fx.identity().domains(Domains.MARITIME).build();
    data.add(alice, C1, List.of(vessel));
    StixObject campaign = fx.campaign().build();
    StixObject rel = fx.relationship(campaign.id(), "targets", vessel.id()).build();

    data.add(alice, C1, List.of(rel, campaign));

    StoredVersion storedRel = all(C1).stream().filter(v -> v.id().equals(rel.id()))
        .findFirst().orElseThrow();
    assertThat(storedRel.domains()).containsExactlyInAnyOrder(Domains.MARITIME, Domains.CYBER);
  }

  @Test
  void add_releaseListComesFromTheReferencedMarkingDefinition() {
    String partner = fx.id("identity");
    StixObject list = Markings.releaseList(fx.id("marking-definition"), fx.now(),
        fx.identity().id(), List.of(partner));
    StixObject red = fx.indicator().markings(Tlp.RED.markingId(), list.id()).build();

    IngestResult r = data.add(alice, C1, List.of(list, red));

    assertThat(r.failures()).isEmpty();
    StoredVersion stored = all(C1).stream().filter(v -> v.id().equals(red.id())).findFirst()
        .orElseThrow();
    assertThat(stored.tlp()).isEqualTo("red");
    assertThat(stored.releaseTo()).containsExactly(partner);
  }

  @Test
  void status_isVisibleOnlyToTheOrganisationThatSavedIt() {
    data.saveStatus(alice, "s1", "{\"id\":\"s1\",\"status\":\"complete\"}");

    assertThat(data.status(alice, "s1")).hasValueSatisfying(
        s -> assertThat(s).contains("\"status\":\"complete\""));
    assertThat(data.status(admin, "s1")).isPresent();
    assertThat(data.status(bob, "s1")).isEmpty();
    assertThat(data.status(alice, "s2")).isEmpty();
  }

  @Test
  void delete_needsReadAndWrite() {
    StixObject o = fx.malware().build();
    data.add(bob, C3, List.of(o));

    assertThatThrownBy(() -> data.delete(bob, C3, o.id(), VersionMatch.ALL, Set.of()))
        .isInstanceOf(PolicyViolationException.class);
    StixObject mine = fx.malware().build();
    data.add(alice, C1, List.of(mine));
    assertThat(data.delete(alice, C1, mine.id(), VersionMatch.ALL, Set.of())).isEqualTo(1);
    assertThat(data.contains(alice, C1, mine.id())).isFalse();
  }

  @Test
  void putCollection_onlyForAdministrators() {
    CollectionInfo c = CollectionInfo.of("44444444-4444-4444-8444-444444444444", "Four", null);

    assertThatThrownBy(() -> data.putCollection(alice, c))
        .isInstanceOf(PolicyViolationException.class);
    data.putCollection(admin, c);
    assertThat(data.collection(admin, c.id())).isPresent();
  }

  @Test
  void contains_andCountGoThroughRights() {
    List<JsonNode> objects = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      objects.add(fx.malware().json());
    }
    data.addJson(alice, C1, objects);

    assertThat(data.count(alice, C1, ObjectQuery.all(1))).isEqualTo(5);
    assertThat(data.contains(alice, C1, objects.get(0).get("id").asString())).isTrue();
    assertThatThrownBy(() -> data.contains(alice, C3, "x"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void validateThenAdd_storesTheValidAndReportsTheRestInOrder() {
    StixObject good = fx.indicator().tlp(Tlp.GREEN).build();
    ObjectNode noPattern = fx.indicator().json();
    noPattern.remove("pattern");
    ValidatedBatch batch = data.validate(List.of(noPattern, good.json()));
    assertThat(batch.size()).isEqualTo(2);
    assertThat(all(C1)).isEmpty(); // validating writes nothing

    IngestResult result = data.add(alice, C1, batch);

    assertThat(result.results()).extracting(ObjectResult::success).containsExactly(false, true);
    assertThat(result.results().get(0).message()).contains("pattern");
    assertThat(all(C1)).extracting(StoredVersion::id).containsExactly(good.id());
  }

  @Test
  void add_refusesABatchValidatedByAnotherNode() {
    NodeData other = NodeData.open(store, Accounts.of(List.of(), clock), IngestSettings.DEFAULT,
        clock);
    ValidatedBatch foreign = other.validate(List.of(fx.indicator().tlp(Tlp.GREEN).build().json()));
    assertThatThrownBy(() -> data.add(alice, C1, foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another node");
    assertThat(all(C1)).isEmpty();
  }

  @Test
  void add_ofAValidatedBatch_stillChecksTheRightToWrite() {
    ValidatedBatch batch = data.validate(List.of(fx.indicator().tlp(Tlp.GREEN).build().json()));
    assertThatThrownBy(() -> data.add(alice, C2, batch))
        .isInstanceOf(PolicyViolationException.class);
    assertThat(all(C2)).isEmpty();
  }
}
