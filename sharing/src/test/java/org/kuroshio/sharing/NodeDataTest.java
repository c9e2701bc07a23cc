package org.kuroshio.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
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
import org.kuroshio.store.ObjectQuery;
import org.kuroshio.store.Page;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.StoredVersion;
import org.kuroshio.store.Stores;
import org.kuroshio.store.VersionMatch;
import org.kuroshio.testing.FixedClock;
import org.kuroshio.testing.StixFixtures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The door with the release rule: collections per agreement, reads through the rule, audit. */
class NodeDataTest {
  private static final String NSB = "identity--0a000000-0000-4000-8000-000000000001";
  private static final String PAC = "identity--0a000000-0000-4000-8000-000000000002";
  private static final String COM = "identity--0a000000-0000-4000-8000-000000000003";
  private static final String OUT = "identity--0a000000-0000-4000-8000-000000000004";

  private final FixedClock clock = new FixedClock();
  private final StixFixtures fx = new StixFixtures();
  private StixStore store;
  private AuditLog audit;
  private Governance governance;
  private NodeData data;
  private final Principal admin = new Principal("root", NSB, Set.of(Role.ADMIN));
  private final Principal nsb = new Principal("ana", NSB, Set.of(Role.ANALYST));
  private final Principal pac = new Principal("pia", PAC, Set.of(Role.ANALYST));
  private final Principal pacReader = new Principal("pete", PAC, Set.of(Role.READ_ONLY));
  private final Principal com = new Principal("cora", COM, Set.of(Role.ANALYST));
  private final Principal out = new Principal("otto", OUT, Set.of(Role.ANALYST));
  private Agreement loi;
  private Agreement soi;

  @BeforeEach
  void setUp() {
    store = Stores.h2InMemory("nodedata-" + UUID.randomUUID());
    Directory directory = Directory.open(store.database(), clock);
    audit = AuditLog.open(store.database(), clock);
    governance = Governance.open(store, directory, new Organisation(NSB, "Bureau",
        clock.instant()), clock);
    governance.addOrganisation(admin, "Pacific office", PAC);
    governance.addOrganisation(admin, "Commerce", COM);
    governance.addOrganisation(admin, "Outsider", OUT);
    Instant from = clock.instant().minusSeconds(3600);
    loi = governance.createAgreement(admin, AgreementKind.LETTER_OF_INTENT, "Letter of intent",
        List.of(NSB, PAC), Set.of(Domains.CYBER, Domains.MARITIME, Domains.FIMI), Tlp.AMBER, from,
        null);
    loi = governance.changeStatus(admin, loi.id(), AgreementStatus.ACTIVE, "signed");
    soi = governance.createAgreement(admin, AgreementKind.STATEMENT_OF_INTENT,
        "Statement of intent", List.of(NSB, COM), Set.of(Domains.CYBER), Tlp.GREEN, from, null);
    soi = governance.changeStatus(admin, soi.id(), AgreementStatus.ACTIVE, "signed");
    data = NodeData.open(store, governance, audit, IngestSettings.DEFAULT, clock);
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private static String local(String org) {
    return SharingState.localCollectionId(org);
  }

  private List<StoredVersion> stored(String collection) {
    return store.query(collection, new ObjectQuery(null, Set.of(), Set.of(), VersionMatch.ALL,
        Set.of(), 1000, null, true)).items();
  }

  private List<String> readIds(Principal p, String collection) {
    return data.query(p, collection, ObjectQuery.all(1000)).items().stream()
        .map(StoredVersion::id).toList();
  }

  @Test
  void collections_areLocalAndOnePerAgreementInForce() {
    assertThat(data.collections(pac)).extracting(CollectionView::id)
        .containsExactly(local(PAC), loi.collectionId());
    assertThat(data.collections(nsb)).extracting(CollectionView::id)
        .containsExactly(local(NSB), loi.collectionId(), soi.collectionId());
    assertThat(data.collections(out)).extracting(CollectionView::id).containsExactly(local(OUT));
    assertThat(data.collections(pacReader)).extracting(CollectionView::permission)
        .containsOnly(Permission.READ);
    assertThat(data.collection(com, loi.collectionId())).isEmpty();
  }

  @Test
  void agreementCollection_releasesOnlyWhatTheAgreementCovers() {
    StixObject green = fx.indicator().tlp(Tlp.GREEN).build();
    StixObject amber = fx.indicator().tlp(Tlp.AMBER).build();
    StixObject unmarked = fx.indicator().build();
    StixObject maritime = fx.indicator().tlp(Tlp.GREEN).domains(Domains.MARITIME).build();
    StixObject red = fx.indicator().tlp(Tlp.RED).build();
    IngestResult r = data.add(nsb, local(NSB), List.of(green, amber, unmarked, maritime, red));
    assertThat(r.failures()).isEmpty();

    assertThat(readIds(pac, loi.collectionId()))
        .contains(green.id(), amber.id(), maritime.id())
        .doesNotContain(unmarked.id(), red.id());
    assertThat(readIds(com, soi.collectionId()))
        .contains(green.id()).doesNotContain(amber.id(), maritime.id(), unmarked.id(), red.id());
    assertThat(readIds(nsb, local(NSB)))
        .contains(green.id(), amber.id(), unmarked.id(), maritime.id(), red.id());
    assertThat(readIds(pac, local(PAC))).doesNotContain(green.id());
  }

  @Test
  void definitionsIdentitiesAndTheAgreementGoToEveryParty() {
    List<String> ids = readIds(pac, loi.collectionId());
    assertThat(ids).contains(loi.id(), NSB, PAC, Tlp.AMBER.markingId());
    assertThat(readIds(com, soi.collectionId())).doesNotContain(PAC, loi.id());
  }

  @Test
  void suspension_stopsTheFlowAtOnce_andTheCollectionLooksMissing() {
    StixObject green = fx.indicator().tlp(Tlp.GREEN).build();
    data.add(nsb, local(NSB), List.of(green));
    assertThat(readIds(pac, loi.collectionId())).contains(green.id());

    governance.changeStatus(admin, loi.id(), AgreementStatus.SUSPENDED, "review");

    NotFoundException hidden = org.junit.jupiter.api.Assertions.assertThrows(
        NotFoundException.class, () -> data.query(pac, loi.collectionId(), ObjectQuery.all(10)));
    String unknown = UUID.randomUUID().toString();
    NotFoundException missing = org.junit.jupiter.api.Assertions.assertThrows(
        NotFoundException.class, () -> data.query(pac, unknown, ObjectQuery.all(10)));
    assertThat(hidden.getMessage().replace(loi.collectionId(), "X"))
        .isEqualTo(missing.getMessage().replace(unknown, "X"));
    assertThat(data.object(pac, green.id(), VersionMatch.ALL, "test")).isEmpty();
    assertThat(data.explain(nsb, green.id(), PAC).reason())
        .isEqualTo(Decision.Reason.AGREEMENT_STOPPED);

    governance.changeStatus(admin, loi.id(), AgreementStatus.ACTIVE, "resumed");
    assertThat(data.object(pac, green.id(), VersionMatch.ALL, "test")).hasSize(1);
  }

  @Test
  void objectsWrittenDuringSuspension_areSeenAfterTheCursorOnceResumed() {
    data.add(nsb, local(NSB), List.of(fx.indicator().tlp(Tlp.GREEN).build()));
    Page<StoredVersion> first = data.query(pac, loi.collectionId(), ObjectQuery.all(1000));
    Instant last = first.items().getLast().dateAdded();
    governance.changeStatus(admin, loi.id(), AgreementStatus.SUSPENDED, "review");
    StixObject during = fx.indicator().tlp(Tlp.GREEN).build();
    data.add(nsb, local(NSB), List.of(during));
    governance.changeStatus(admin, loi.id(), AgreementStatus.ACTIVE, "resumed");

    ObjectQuery after = new ObjectQuery(last, Set.of(), Set.of(), VersionMatch.LAST, Set.of(),
        1000, null, true);
    assertThat(data.query(pac, loi.collectionId(), after).items()).extracting(StoredVersion::id)
        .contains(during.id());
  }

  @Test
  void agreementMadeLater_releasesWhatWasAlreadyThere() {
    StixObject green = fx.indicator().tlp(Tlp.GREEN).build();
    data.add(nsb, local(NSB), List.of(green));
    Agreement late = governance.createAgreement(admin, AgreementKind.PACT, "Pact",
        List.of(NSB, OUT), Set.of(Domains.CYBER), Tlp.GREEN, clock.instant().minusSeconds(1),
        null);
    governance.changeStatus(admin, late.id(), AgreementStatus.ACTIVE, "");

    assertThat(readIds(out, late.collectionId())).contains(green.id());
  }

  @Test
  void relationship_isWithheldWhenAnEndIsNotVisible() {
    StixObject indicator = fx.indicator().tlp(Tlp.GREEN).build();
    StixObject malware = fx.malware().tlp(Tlp.AMBER).build();
    StixObject rel = fx.relationship(indicator.id(), "indicates", malware.id()).tlp(Tlp.GREEN)
        .build();
    data.add(nsb, local(NSB), List.of(indicator, malware, rel));

    assertThat(readIds(pac, loi.collectionId())).contains(rel.id());
    assertThat(readIds(com, soi.collectionId())).contains(indicator.id())
        .doesNotContain(malware.id(), rel.id());
    assertThat(data.object(com, rel.id(), VersionMatch.ALL, "test")).isEmpty();
    // manifests (no bodies) withhold it too
    ObjectQuery manifest = new ObjectQuery(null, Set.of(), Set.of(), VersionMatch.ALL, Set.of(),
        1000, null, false);
    assertThat(data.query(com, soi.collectionId(), manifest).items())
        .extracting(StoredVersion::id).doesNotContain(rel.id());
  }

  @Test
  void relationship_withheldForAnEnd_comesAfterTheCursorOnceTheEndIsReleased() {
    StixObject indicator = fx.indicator().tlp(Tlp.GREEN).build();
    StixObject malware = fx.malware().tlp(Tlp.AMBER).build();
    StixObject rel = fx.relationship(indicator.id(), "indicates", malware.id()).tlp(Tlp.GREEN)
        .build();
    data.add(nsb, local(NSB), List.of(indicator, malware, rel));
    StixObject later = fx.indicator().tlp(Tlp.GREEN).build();
    data.add(nsb, local(NSB), List.of(later));
    Page<StoredVersion> first = data.query(com, soi.collectionId(), ObjectQuery.all(1000));
    assertThat(first.items()).extracting(StoredVersion::id).doesNotContain(rel.id())
        .endsWith(later.id());
    Instant cursor = first.items().getLast().dateAdded();

    // The malware is re-marked GREEN: a new version, and the relationship's end is now visible.
    ObjectNode green = malware.toJsonNode();
    green.put("modified", "2030-01-01T00:00:00.000Z");
    green.putArray("object_marking_refs").add(Tlp.GREEN.markingId());
    data.addJson(nsb, local(NSB), List.of(green));

    ObjectQuery after = new ObjectQuery(cursor, Set.of(), Set.of(), VersionMatch.LAST, Set.of(),
        1000, null, true);
    assertThat(data.query(com, soi.collectionId(), after).items()).extracting(StoredVersion::id)
        .contains(malware.id(), rel.id());
  }

  @Test
  void writingIntoAnAgreement_contributesOwnedObjects() {
    StixObject green = fx.indicator().tlp(Tlp.GREEN).build();
    IngestResult r = data.add(pac, loi.collectionId(), List.of(green));
    assertThat(r.failures()).isEmpty();

    assertThat(readIds(nsb, loi.collectionId())).contains(green.id());
    assertThat(readIds(pac, local(PAC))).contains(green.id());
    assertThat(data.object(com, green.id(), VersionMatch.ALL, "test")).isEmpty();
    assertThat(store.provenance(green.id())).singleElement()
        .satisfies(c -> assertThat(c.agreement()).isEqualTo(loi.id()));
    assertThatThrownBy(() -> data.add(pacReader, loi.collectionId(), List.of(green)))
        .isInstanceOf(PolicyViolationException.class);
    assertThatThrownBy(() -> data.add(com, loi.collectionId(), List.of(green)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void received_greenGoesOnUnderTheFirstRecipientsAgreement_amberStops() {
    StixObject green = fx.indicator().tlp(Tlp.GREEN).build();
    StixObject amber = fx.indicator().tlp(Tlp.AMBER).build();
    IngestResult r = data.addReceived(nsb, loi.collectionId(), PAC, "https://pacific.example/api/",
        List.of(green.json(), amber.json()));
    assertThat(r.failures()).isEmpty();

    StoredVersion v = store.versionsOf(List.of(amber.id()), VersionMatch.LAST, false).getFirst();
    assertThat(v.owner()).isEqualTo(PAC);
    assertThat(v.receivedBy()).isEqualTo(NSB);
    assertThat(v.receivedFrom()).isEqualTo("https://pacific.example/api/");
    assertThat(readIds(nsb, loi.collectionId())).contains(green.id(), amber.id());
    assertThat(readIds(com, soi.collectionId())).contains(green.id()).doesNotContain(amber.id());
    assertThat(data.explain(admin, amber.id(), COM).reason())
        .isEqualTo(Decision.Reason.ONWARD_FORBIDDEN);
    assertThatThrownBy(() -> data.addReceived(nsb, loi.collectionId(), COM, "x",
        List.of(green.json()))).isInstanceOf(PolicyViolationException.class);
  }

  @Test
  void aPeerNodePushingUnderAnAgreement_isReceivedByThisNodesOrganisation() {
    Principal pacificNode = new Principal("pacific-node", PAC, Set.of(Role.MACHINE));
    StixObject amber = fx.indicator().tlp(Tlp.AMBER).build();
    IngestResult r = data.add(pacificNode, loi.collectionId(), List.of(amber));
    assertThat(r.failures()).isEmpty();

    StoredVersion v = store.versionsOf(List.of(amber.id()), VersionMatch.LAST, false).getFirst();
    assertThat(v.owner()).isEqualTo(PAC);
    assertThat(v.receivedBy()).isEqualTo(NSB);
    assertThat(v.receivedFrom()).isEqualTo("push:pacific-node");
    assertThat(data.explain(admin, amber.id(), COM).reason())
        .isEqualTo(Decision.Reason.ONWARD_FORBIDDEN);
    // An analyst of the partner working on this node contributes, it does not push.
    StixObject mine = fx.indicator().tlp(Tlp.AMBER).build();
    data.add(pac, loi.collectionId(), List.of(mine));
    assertThat(store.versionsOf(List.of(mine.id()), VersionMatch.LAST, false).getFirst()
        .receivedBy()).isNull();
  }

  @Test
  void governance_opensOverADirectoryThatAlreadyHoldsAgreements() {
    StixStore fresh = Stores.h2InMemory("reopen-" + UUID.randomUUID());
    try {
      Directory d = Directory.open(fresh.database(), clock);
      d.putOrganisation(new Organisation(NSB, "Bureau", clock.instant()));
      d.putOrganisation(new Organisation(PAC, "Pacific office", clock.instant()));
      d.putAgreement(loi);
      Governance g = Governance.open(fresh, d, new Organisation(NSB, "Bureau", clock.instant()),
          clock);
      assertThat(g.state().agreement(loi.id())).isPresent();
      assertThat(fresh.collection(loi.collectionId())).isPresent();
    } finally {
      fresh.close();
    }
  }

  @Test
  void object_unreleasedLooksExactlyLikeMissing() {
    StixObject amber = fx.indicator().tlp(Tlp.AMBER).build();
    data.add(nsb, local(NSB), List.of(amber));

    assertThat(data.object(com, amber.id(), VersionMatch.ALL, "test")).isEmpty();
    assertThat(data.object(com, fx.id("indicator"), VersionMatch.ALL, "test")).isEmpty();
    assertThat(data.object(pac, amber.id(), VersionMatch.ALL, "test")).hasSize(1);
  }

  @Test
  void explainAndReleasability_onlyForTheOwnerOrTheNodeAdministrator() {
    StixObject amber = fx.indicator().tlp(Tlp.AMBER).build();
    data.add(nsb, local(NSB), List.of(amber));

    Map<String, Decision> who = data.releasability(nsb, amber.id());
    assertThat(who.get(NSB).reason()).isEqualTo(Decision.Reason.OWNER);
    assertThat(who.get(PAC).agreementId()).isEqualTo(loi.id());
    assertThat(who.get(COM).reason()).isEqualTo(Decision.Reason.NO_AGREEMENT);
    assertThat(who.get(COM).explanation()).contains("above the ceiling");
    assertThat(data.explain(admin, amber.id(), PAC).allowed()).isTrue();
    assertThatThrownBy(() -> data.explain(pac, amber.id(), COM))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void everyRead_isAudited() {
    StixObject green = fx.indicator().tlp(Tlp.GREEN).build();
    data.add(nsb, local(NSB), List.of(green));
    data.query(com, soi.collectionId(), ObjectQuery.all(100), "taxii.objects");

    List<AuditLog.Recorded> entries = audit.query(new AuditLog.Query(COM, null, green.id(), null,
        null, null, 0, 100));
    assertThat(entries).singleElement().satisfies(e -> {
      assertThat(e.entry().action()).isEqualTo("taxii.objects");
      assertThat(e.entry().items()).anySatisfy(i -> {
        assertThat(i.id()).isEqualTo(green.id());
        assertThat(i.agreement()).isEqualTo(soi.id());
      });
    });
    assertThat(audit.verify().intact()).isTrue();
  }

  @Test
  void countAndContains_goThroughTheRule() {
    data.add(nsb, local(NSB), List.of(fx.indicator().tlp(Tlp.GREEN).build(),
        fx.indicator().tlp(Tlp.AMBER).build()));
    long forCom = data.count(com, soi.collectionId(), ObjectQuery.all(1));
    long forPac = data.count(pac, loi.collectionId(), ObjectQuery.all(1));
    assertThat(forPac - forCom).isGreaterThanOrEqualTo(1);
  }

  @Test
  void search_findsOnlyReleasedObjects() {
    StixObject green = fx.indicator().tlp(Tlp.GREEN).set("name", "Grey Current lure").build();
    StixObject amber = fx.indicator().tlp(Tlp.AMBER).set("name", "Grey Current staging").build();
    data.add(nsb, local(NSB), List.of(green, amber));

    assertThat(data.search(com, "grey current", Set.of(), 10)).extracting(StoredVersion::id)
        .containsExactly(green.id());
    assertThat(data.search(pac, "GREY CURRENT", Set.of("indicator"), 10))
        .extracting(StoredVersion::id).containsExactlyInAnyOrder(green.id(), amber.id());
  }

  @Test
  void delete_onlyTheOwnersObjects() {
    StixObject green = fx.indicator().tlp(Tlp.GREEN).build();
    data.add(nsb, local(NSB), List.of(green));

    assertThatThrownBy(() -> data.delete(pac, loi.collectionId(), green.id(), VersionMatch.ALL,
        Set.of())).isInstanceOf(PolicyViolationException.class);
    assertThat(data.delete(nsb, loi.collectionId(), green.id(), VersionMatch.ALL, Set.of()))
        .isEqualTo(1);
    assertThat(readIds(pac, loi.collectionId())).doesNotContain(green.id());
  }

  @Test
  void governance_onlyByTheNodesAdministrators() {
    Principal pacAdmin = new Principal("padmin", PAC, Set.of(Role.ADMIN));
    assertThatThrownBy(() -> governance.changeStatus(pacAdmin, loi.id(),
        AgreementStatus.SUSPENDED, "")).isInstanceOf(PolicyViolationException.class);
    assertThatThrownBy(() -> governance.addOrganisation(nsb, "X", null))
        .isInstanceOf(PolicyViolationException.class);
    assertThatThrownBy(() -> governance.createAgreement(admin, AgreementKind.PACT, "t",
        List.of(NSB, "identity--0a000000-0000-4000-8000-0000000000ff"), Set.of(Domains.CYBER),
        Tlp.GREEN, clock.instant(), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown organisation");
  }

  @Test
  void governance_survivesARestart() {
    Governance again = Governance.open(store, Directory.open(store.database(), clock),
        new Organisation(NSB, "Bureau", clock.instant()), clock);
    assertThat(again.state().agreement(loi.id())).hasValueSatisfying(
        a -> assertThat(a.status()).isEqualTo(AgreementStatus.ACTIVE));
    assertThat(again.state().organisation(COM)).isPresent();
  }

  // ---- the ingest pipeline, unchanged by the rule ----

  @Test
  void add_storesValidObjectsWithTheOrganisationAsOwnerAndRefusesInvalidOnes() {
    StixObject good = fx.indicator().tlp(Tlp.AMBER).build();
    ObjectNode badPrefix = fx.indicator().json();
    badPrefix.put("id", "malware--" + UUID.randomUUID());
    ObjectNode badTime = fx.malware().json();
    badTime.put("created", "yesterday");

    IngestResult result = data.addJson(nsb, local(NSB), List.of(good.json(), badPrefix, badTime));

    assertThat(result.results()).extracting(ObjectResult::success)
        .containsExactly(true, false, false);
    assertThat(result.failures().get(0).message()).contains("id");
    assertThat(result.failures().get(1).message()).contains("created");
    StoredVersion v = store.versionsOf(List.of(good.id()), VersionMatch.LAST, false).getFirst();
    assertThat(v.owner()).isEqualTo(NSB);
    assertThat(v.tlp()).isEqualTo("amber");
    assertThat(v.domains()).containsExactly(Domains.CYBER);
  }

  @Test
  void add_nonObjectsAndObjectsWithoutIdAreFailuresNamedByPosition() {
    ObjectNode noId = fx.indicator().json();
    noId.remove("id");
    int before = stored(local(NSB)).size();

    IngestResult result = data.addJson(nsb, local(NSB),
        List.of(JsonNodeFactory.instance.stringNode("x"), noId));

    assertThat(result.failures()).extracting(ObjectResult::id)
        .containsExactly("objects[0]", "objects[1]");
    assertThat(stored(local(NSB))).hasSize(before);
  }

  @Test
  void add_anotherOrganisationCannotVersionMyObject() {
    StixObject mine = fx.malware().tlp(Tlp.GREEN).build();
    data.add(nsb, local(NSB), List.of(mine));
    ObjectNode next = mine.toJsonNode();
    next.put("modified", "2026-02-01T00:00:00.000Z");

    IngestResult result = data.addJson(pac, loi.collectionId(), List.of(next));

    assertThat(result.failureCount()).isEqualTo(1);
    assertThat(store.versionsOf(List.of(mine.id()), VersionMatch.ALL, false)).hasSize(1);
  }

  @Test
  void add_tooManyObjectsIsRefusedWhole() {
    NodeData small = NodeData.open(store, governance, audit, new IngestSettings(true, 2), clock);
    List<StixObject> three = List.of(fx.malware().build(), fx.malware().build(),
        fx.malware().build());
    int before = stored(local(NSB)).size();

    assertThatThrownBy(() -> small.add(nsb, local(NSB), three))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 2");
    assertThat(stored(local(NSB))).hasSize(before);
  }

  @Test
  void add_aggregatesTakeTheDomainsOfWhatTheyReference() {
    StixObject vessel = fx.identity().domains(Domains.MARITIME).build();
    data.add(nsb, local(NSB), List.of(vessel));
    StixObject campaign = fx.campaign().build();
    StixObject rel = fx.relationship(campaign.id(), "targets", vessel.id()).build();

    data.add(nsb, local(NSB), List.of(rel, campaign));

    StoredVersion storedRel = store.versionsOf(List.of(rel.id()), VersionMatch.LAST, false)
        .getFirst();
    assertThat(storedRel.domains()).containsExactlyInAnyOrder(Domains.MARITIME, Domains.CYBER);
  }

  @Test
  void add_releaseListComesFromTheReferencedMarkingDefinition() {
    StixObject list = Markings.releaseList(fx.id("marking-definition"), fx.now(), NSB,
        List.of(PAC));
    StixObject red = fx.indicator().markings(Tlp.RED.markingId(), list.id()).build();

    IngestResult r = data.add(nsb, local(NSB), List.of(list, red));

    assertThat(r.failures()).isEmpty();
    StoredVersion stored = store.versionsOf(List.of(red.id()), VersionMatch.LAST, false)
        .getFirst();
    assertThat(stored.tlp()).isEqualTo("red");
    assertThat(stored.releaseTo()).containsExactly(PAC);
  }

  @Test
  void status_isVisibleOnlyToTheOrganisationThatSavedIt() {
    data.saveStatus(nsb, "s1", "{\"id\":\"s1\",\"status\":\"complete\"}");

    assertThat(data.status(nsb, "s1")).hasValueSatisfying(
        s -> assertThat(s).contains("\"status\":\"complete\""));
    assertThat(data.status(admin, "s1")).isPresent();
    assertThat(data.status(pac, "s1")).isEmpty();
    assertThat(data.status(nsb, "s2")).isEmpty();
  }

  @Test
  void validateThenAdd_storesTheValidAndReportsTheRestInOrder() {
    StixObject good = fx.indicator().tlp(Tlp.GREEN).build();
    ObjectNode noPattern = fx.indicator().json();
    noPattern.remove("pattern");
    ValidatedBatch batch = data.validate(List.of(noPattern, good.json()));
    assertThat(batch.size()).isEqualTo(2);

    IngestResult result = data.add(nsb, local(NSB), batch);

    assertThat(result.results()).extracting(ObjectResult::success).containsExactly(false, true);
    assertThat(result.results().get(0).message()).contains("pattern");
  }

  @Test
  void add_refusesABatchValidatedByAnotherNode() {
    NodeData other = NodeData.open(store, governance, audit, IngestSettings.DEFAULT, clock);
    ValidatedBatch foreign = other.validate(List.of(fx.indicator().tlp(Tlp.GREEN).build().json()));
    assertThatThrownBy(() -> data.add(nsb, local(NSB), foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another node");
  }

  @Test
  void contains_pagesPastUnreleasedVersions() {
    List<JsonNode> amber = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      amber.add(fx.indicator().tlp(Tlp.AMBER).json());
    }
    StixObject green = fx.indicator().tlp(Tlp.GREEN).build();
    data.addJson(nsb, local(NSB), amber);
    data.add(nsb, local(NSB), List.of(green));

    Page<StoredVersion> page = data.query(com, soi.collectionId(),
        new ObjectQuery(null, Set.of(), Set.of("indicator"), VersionMatch.LAST, Set.of(), 1, null,
            true));
    assertThat(page.items()).extracting(StoredVersion::id).containsExactly(green.id());
  }
}
