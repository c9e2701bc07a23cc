package org.kuroshio.taxii.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kuroshio.sharing.Agreement;
import org.kuroshio.sharing.AgreementKind;
import org.kuroshio.sharing.AgreementStatus;
import org.kuroshio.sharing.Organisation;
import org.kuroshio.sharing.PeerRegistry;
import org.kuroshio.sharing.PeerRegistry.Peer;
import org.kuroshio.sharing.Principal;
import org.kuroshio.stix.Domains;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Tlp;
import org.kuroshio.store.Contribution;
import org.kuroshio.store.StoreException;
import org.kuroshio.store.StoredVersion;
import org.kuroshio.store.VersionMatch;
import org.kuroshio.testing.FixedClock;
import org.kuroshio.testing.StixFixtures;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two real nodes in one JVM, each with its own H2 store, door and TAXII server on port 0: the
 * Pacific office's node pulls the bureau's letter-of-intent collection through a real HTTP proxy
 * that can forward, answer garbage, hang or be down, and pushes its own objects back.
 */
class FederationTest {
  static final String NSB = "identity--0a000000-0000-4000-8000-000000000001";
  static final String PAC = "identity--0a000000-0000-4000-8000-000000000002";
  static final String COM = "identity--0a000000-0000-4000-8000-000000000003";
  static final String ISL = "identity--0a000000-0000-4000-8000-000000000005";
  static final int INTERVAL = 60;

  private final FixedClock clockA = new FixedClock();
  private final FixedClock clockB = new FixedClock();
  private final StixFixtures fx = new StixFixtures();
  private final List<AutoCloseable> open = new ArrayList<>();
  private FedNode a;
  private FedNode b;
  private Agreement loi;
  private Agreement pact;
  private PeerProxy proxy;
  private Peer peer;

  private StixObject green;
  private StixObject amber;
  private StixObject maritime;
  private StixObject unmarked;
  private StixObject red;
  private StixObject disaster;
  private StixObject comOnly;

  @BeforeEach
  void setUp() {
    Instant t0 = FixedClock.DEFAULT_INSTANT;
    Organisation nsb = new Organisation(NSB, "National security bureau", t0);
    Organisation pac = new Organisation(PAC, "Pacific security office", t0);
    Organisation com = new Organisation(COM, "Commerce department", t0);
    Organisation isl = new Organisation(ISL, "Island ministry", t0);

    a = keep(new FedNode(clockA, nsb, List.of(pac, com), List.of()));
    loi = a.governance.createAgreement(a.admin, AgreementKind.LETTER_OF_INTENT,
        "Letter of intent", List.of(NSB, PAC), Set.of(Domains.CYBER, Domains.MARITIME,
            Domains.FIMI), Tlp.AMBER, t0.minusSeconds(3600), null);
    loi = a.governance.changeStatus(a.admin, loi.id(), AgreementStatus.ACTIVE, "signed");
    Agreement soi = a.governance.createAgreement(a.admin, AgreementKind.STATEMENT_OF_INTENT,
        "Statement of intent", List.of(NSB, COM), Set.of(Domains.CYBER), Tlp.GREEN,
        t0.minusSeconds(3600), null);
    a.governance.changeStatus(a.admin, soi.id(), AgreementStatus.ACTIVE, "signed");

    b = keep(new FedNode(clockB, pac, List.of(nsb, isl), List.of(loi)));
    pact = b.governance.createAgreement(b.admin, AgreementKind.PACT, "Island pact",
        List.of(PAC, ISL), Set.of(Domains.CYBER), Tlp.GREEN, t0.minusSeconds(3600), null);
    pact = b.governance.changeStatus(b.admin, pact.id(), AgreementStatus.ACTIVE, "signed");

    String token = a.machineToken("pacific-node", PAC);
    proxy = keep(new PeerProxy(a.apiRoot));
    peer = new Peer("bureau", proxy.apiRoot(), new PeerRegistry.Bearer(token), NSB,
        List.of(loi.collectionId()), List.of(), INTERVAL, true);
    b.peers.putPeer(peer);

    green = fx.indicator().tlp(Tlp.GREEN).build();
    amber = fx.indicator().tlp(Tlp.AMBER).build();
    maritime = fx.indicator().tlp(Tlp.GREEN).domains(Domains.MARITIME).build();
    unmarked = fx.indicator().build();
    red = fx.indicator().tlp(Tlp.RED).build();
    disaster = fx.indicator().tlp(Tlp.GREEN).domains(Domains.DISASTER_RESPONSE).build();
    comOnly = fx.indicator().tlp(Tlp.GREEN).build();
    assertThat(a.data.add(FedNode.analyst(NSB), FedNode.local(NSB),
        List.of(green, amber, maritime, unmarked, red, disaster)).failures()).isEmpty();
    assertThat(a.data.add(FedNode.analyst(COM), soi.collectionId(), List.of(comOnly))
        .failures()).isEmpty();
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T keep(T c) {
    open.add(c);
    return c;
  }

  private Federation federation(FederationSettings settings) {
    return keep(new Federation(b.data, b.peers, b.custodian, clockB, settings,
        new SplittableRandom(7)));
  }

  private Federation federation() {
    return federation(FederationSettings.defaults());
  }

  /** What the bureau's node releases to the Pacific office under the letter of intent. */
  private Set<String> releasedByA() {
    return a.released(FedNode.analyst(PAC), loi.collectionId());
  }

  private Set<String> union(Set<String> x, Set<String> y) {
    Set<String> out = new HashSet<>(x);
    out.addAll(y);
    return out;
  }

  private String key(StixObject o) {
    return o.id() + "|" + o.json().get("modified").asString();
  }

  private void addGreenIndicators(int n) {
    List<StixObject> objects = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      objects.add(fx.indicator().tlp(Tlp.GREEN).build());
    }
    assertThat(a.data.add(FedNode.analyst(NSB), FedNode.local(NSB), objects).failures())
        .isEmpty();
  }

  private LinkHealth pullHealth(Federation f) {
    return f.health("bureau").getFirst();
  }

  // ---- pull ----

  @Test
  void pull_storesExactlyWhatThePeerReleases_withProvenance() {
    ObjectNode next = amber.toJsonNode();
    next.put("modified", "2026-01-02T00:00:00.000Z");
    next.put("name", "amended");
    StixObject amber2 = StixObject.of(next);
    assertThat(a.data.add(FedNode.analyst(NSB), FedNode.local(NSB), List.of(amber2))
        .failures()).isEmpty();
    Set<String> before = b.keys(loi.collectionId());
    Federation f = federation();

    List<PassResult> results = f.syncNow("bureau");

    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.ok()).as(r.error()).isTrue();
      assertThat(r.direction()).isEqualTo(Direction.PULL);
      assertThat(r.refused()).isZero();
    });
    Set<String> released = releasedByA();
    assertThat(released).contains(key(green), key(amber), key(amber2), key(maritime))
        .doesNotContain(key(unmarked), key(red), key(disaster), key(comOnly));
    assertThat(b.keys(loi.collectionId())).isEqualTo(union(before, released));
    for (StixObject o : List.of(unmarked, red, disaster, comOnly)) {
      assertThat(b.latest(o.id())).as(o.id()).isNull();
    }
    assertThat(b.store.versionsOf(List.of(amber.id()), VersionMatch.ALL, false))
        .as("every version, not only the last").hasSize(2);
    StoredVersion v = b.latest(amber.id());
    assertThat(v).isNotNull();
    assertThat(v.owner()).isEqualTo(NSB);
    assertThat(v.receivedBy()).isEqualTo(PAC);
    assertThat(v.receivedFrom()).isEqualTo(proxy.apiRoot().toString());
    assertThat(b.store.provenance(amber.id())).hasSize(2).allSatisfy(c -> {
      assertThat(c.organisation()).isEqualTo(NSB);
      assertThat(c.node()).isEqualTo(proxy.apiRoot().toString());
      assertThat(c.agreement()).isEqualTo(loi.id());
      assertThat(c.at()).isNotNull();
    });
  }

  @Test
  void pull_twice_addsNothing() {
    Federation f = federation();
    f.syncNow("bureau");
    Set<String> afterFirst = b.keys(loi.collectionId());
    int versions = b.stored(loi.collectionId()).size();
    List<Contribution> provenance = b.store.provenance(green.id());

    List<PassResult> second = f.syncNow("bureau");

    assertThat(second).singleElement().satisfies(r -> {
      assertThat(r.ok()).isTrue();
      assertThat(r.objects()).isZero();
    });
    assertThat(b.keys(loi.collectionId())).isEqualTo(afterFirst);
    assertThat(b.stored(loi.collectionId())).hasSize(versions);
    assertThat(b.store.provenance(green.id())).isEqualTo(provenance).hasSize(1);
    assertThat(proxy.requests().getLast()).contains("added_after=");
  }

  @Test
  void pull_newObjectsOnThePeer_arriveOnTheNextPass() {
    Federation f = federation();
    f.syncNow("bureau");
    StixObject later = fx.indicator().tlp(Tlp.AMBER).build();
    a.data.add(FedNode.analyst(NSB), FedNode.local(NSB), List.of(later));

    List<PassResult> r = f.syncNow("bureau");

    assertThat(r.getFirst().objects()).isEqualTo(1);
    assertThat(b.latest(later.id())).isNotNull();
    assertThat(b.keys(loi.collectionId())).containsAll(releasedByA());
  }

  @Test
  void receivedAmber_isNeverReleasedOnward_greenIsUnderTheFirstRecipientsAgreement() {
    federation().syncNow("bureau");
    Principal island = FedNode.analyst(ISL);

    Set<String> toIsland = b.released(island, pact.collectionId());

    assertThat(toIsland).contains(key(green)).doesNotContain(key(amber), key(maritime));
    assertThat(b.data.object(island, amber.id(), VersionMatch.ALL, "test"))
        .isEmpty();
  }

  @Test
  void pull_pagesThroughNext_andABoundedPassContinuesNextTime() {
    addGreenIndicators(20);
    Federation f = federation(FederationSettings.builder().pageSize(3).maxPagesPerPass(2)
        .build());
    Set<String> before = b.keys(loi.collectionId());

    PassResult first = f.syncNow("bureau").getFirst();

    assertThat(first.ok()).isTrue();
    assertThat(first.pages()).isEqualTo(2);
    assertThat(first.more()).isTrue();
    assertThat(proxy.requests()).anyMatch(r -> r.contains("next="));
    assertThat(b.peers.cursor("bureau", loi.collectionId())).isPresent();
    // A link with more to do is due at once; once drained, nothing is due before the interval.
    int passes = 1;
    List<PassResult> r = f.runDue();
    assertThat(r).as("due at once with more to do").isNotEmpty();
    while (!r.isEmpty()) {
      assertThat(r).allSatisfy(p -> assertThat(p.ok()).isTrue());
      assertThat(passes++).isLessThan(50);
      r = f.runDue();
    }
    assertThat(passes).isGreaterThan(3);
    assertThat(pullHealth(f).state()).isEqualTo(LinkHealth.State.UP);
    assertThat(b.keys(loi.collectionId())).isEqualTo(union(before, releasedByA()));
  }

  @Test
  void restart_continuesFromTheSavedCursor() {
    addGreenIndicators(12);
    FederationSettings small = FederationSettings.builder().pageSize(4).maxPagesPerPass(1)
        .build();
    Set<String> before = b.keys(loi.collectionId());
    try (Federation first = new Federation(b.data, b.peers, b.custodian, clockB, small)) {
      assertThat(first.syncNow("bureau").getFirst().more()).isTrue();
    }
    String cursor = b.peers.cursor("bureau", loi.collectionId()).orElseThrow();
    proxy.clearLog();

    Federation second = federation(small);
    second.syncNow("bureau");

    assertThat(proxy.requests().getFirst()).contains("added_after="
        + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8));
    while (second.syncNow("bureau").getFirst().more()) {
      // drain
    }
    assertThat(b.keys(loi.collectionId())).isEqualTo(union(before, releasedByA()));
    for (StoredVersion v : b.stored(loi.collectionId())) {
      assertThat(b.store.provenance(v.id()).stream()
          .filter(c -> c.version().equals(v.versionText())
              && proxy.apiRoot().toString().equals(c.node()))
          .count()).as("receipts of " + v.id()).isLessThan(2);
    }
  }

  @Test
  void crashBetweenStoreAndCursor_refetchesThePage_withoutDuplicates() {
    AtomicBoolean crash = new AtomicBoolean(true);
    PeerRegistry crashing = new CrashingRegistry(b.peers, crash);
    Federation f = keep(new Federation(b.data, crashing, b.custodian, clockB,
        FederationSettings.defaults()));
    Set<String> before = b.keys(loi.collectionId());

    PassResult failed = f.syncNow("bureau").getFirst();

    assertThat(failed.ok()).isFalse();
    assertThat(failed.error()).contains("simulated crash");
    assertThat(b.peers.cursor("bureau", loi.collectionId())).isEmpty();
    assertThat(b.latest(green.id())).as("the page was stored before the crash").isNotNull();

    crash.set(false);
    PassResult again = f.syncNow("bureau").getFirst();

    assertThat(again.ok()).isTrue();
    assertThat(again.objects()).isEqualTo(failed.objects());
    assertThat(b.keys(loi.collectionId())).isEqualTo(union(before, releasedByA()));
    assertThat(b.store.provenance(green.id())).hasSize(1);
    assertThat(b.peers.cursor("bureau", loi.collectionId())).isPresent();
  }

  // ---- failures ----

  @Test
  void peerDown_isRecordedWithBackoff_thenRecoversWithoutLossOrDuplicates() {
    Federation f = federation();
    Set<String> before = b.keys(loi.collectionId());
    proxy.down();

    PassResult r = f.syncNow("bureau").getFirst();

    assertThat(r.ok()).isFalse();
    LinkHealth h = pullHealth(f);
    assertThat(h.state()).isEqualTo(LinkHealth.State.FAILING);
    assertThat(h.consecutiveFailures()).isEqualTo(1);
    assertThat(h.lastError()).isNotBlank();
    Instant now = clockB.instant();
    assertThat(h.nextAttempt()).isBetween(now.plusSeconds(INTERVAL),
        now.plusSeconds(2L * INTERVAL));
    assertThat(f.runDue()).as("backing off").isEmpty();
    assertThat(b.keys(loi.collectionId())).isEqualTo(before);

    clockB.advance(Duration.ofSeconds(2L * INTERVAL + 1));
    assertThat(f.runDue()).singleElement().satisfies(p -> assertThat(p.ok()).isFalse());
    LinkHealth twice = pullHealth(f);
    assertThat(twice.consecutiveFailures()).isEqualTo(2);
    assertThat(twice.nextAttempt()).isBetween(clockB.instant().plusSeconds(2L * INTERVAL),
        clockB.instant().plusSeconds(4L * INTERVAL));

    proxy.up();
    clockB.advance(Duration.ofSeconds(4L * INTERVAL + 1));
    assertThat(f.runDue()).singleElement().satisfies(p -> assertThat(p.ok()).isTrue());

    LinkHealth up = pullHealth(f);
    assertThat(up.state()).isEqualTo(LinkHealth.State.UP);
    assertThat(up.consecutiveFailures()).isZero();
    assertThat(up.nextAttempt()).isNull();
    assertThat(up.lastError()).as("kept for the record").isNotNull();
    assertThat(b.keys(loi.collectionId())).isEqualTo(union(before, releasedByA()));
    assertThat(b.store.provenance(green.id())).hasSize(1);
  }

  @Test
  void garbageAnswers_areFailures_storeNothing_andTheLinkRecovers() {
    addGreenIndicators(3);
    Federation f = federation();
    Set<String> before = b.keys(loi.collectionId());
    int failures = 0;
    for (PeerProxy.Mode m : List.of(PeerProxy.Mode.NOT_JSON, PeerProxy.Mode.NOT_ENVELOPE,
        PeerProxy.Mode.NOT_OBJECTS, PeerProxy.Mode.NO_DATE_HEADERS)) {
      proxy.mode(m);

      PassResult r = f.syncNow("bureau").getFirst();

      failures++;
      assertThat(r.ok()).as(m.name()).isFalse();
      assertThat(r.error()).as(m.name()).isNotBlank();
      assertThat(pullHealth(f).consecutiveFailures()).as(m.name()).isEqualTo(failures);
      assertThat(b.keys(loi.collectionId())).as(m.name()).isEqualTo(before);
      assertThat(b.peers.cursor("bureau", loi.collectionId())).as(m.name()).isEmpty();
    }
    proxy.mode(PeerProxy.Mode.FORWARD);

    assertThat(f.syncNow("bureau").getFirst().ok()).isTrue();

    assertThat(pullHealth(f).state()).isEqualTo(LinkHealth.State.UP);
    assertThat(b.keys(loi.collectionId())).isEqualTo(union(before, releasedByA()));
  }

  @Test
  void slowPeer_timesOut_andIsRecordedFailing() {
    Federation f = federation(FederationSettings.builder()
        .requestTimeout(Duration.ofMillis(300)).build());
    proxy.mode(PeerProxy.Mode.HANG);

    PassResult r = f.syncNow("bureau").getFirst();

    assertThat(r.ok()).isFalse();
    assertThat(r.error()).containsIgnoringCase("timed out");
    assertThat(pullHealth(f).state()).isEqualTo(LinkHealth.State.FAILING);
  }

  @Test
  void agreementSuspendedHere_isAFailure_andResumesFromTheCursor() {
    Federation f = federation();
    f.syncNow("bureau");
    String cursor = b.peers.cursor("bureau", loi.collectionId()).orElseThrow();
    b.governance.changeStatus(b.admin, loi.id(), AgreementStatus.SUSPENDED, "review");
    StixObject during = fx.indicator().tlp(Tlp.GREEN).build();
    a.data.add(FedNode.analyst(NSB), FedNode.local(NSB), List.of(during));

    assertThat(f.syncNow("bureau").getFirst().ok()).isFalse();
    assertThat(b.peers.cursor("bureau", loi.collectionId())).contains(cursor);

    b.governance.changeStatus(b.admin, loi.id(), AgreementStatus.ACTIVE, "resumed");
    assertThat(f.syncNow("bureau").getFirst().ok()).isTrue();
    assertThat(b.latest(during.id())).isNotNull();
  }

  // ---- push ----

  @Test
  void push_sendsOnlyWhatTheRuleReleasesToThePeer_andNothingItReceived() {
    b.peers.putPeer(new Peer("bureau", peer.baseUrl(), peer.auth(), NSB,
        List.of(loi.collectionId()), List.of(loi.collectionId()), INTERVAL, true));
    StixObject pGreen = fx.indicator().tlp(Tlp.GREEN).build();
    StixObject pAmber = fx.indicator().tlp(Tlp.AMBER).build();
    StixObject pMaritime = fx.indicator().tlp(Tlp.GREEN).domains(Domains.MARITIME).build();
    StixObject pUnmarked = fx.indicator().build();
    StixObject pRed = fx.indicator().tlp(Tlp.RED).build();
    StixObject pDisaster = fx.indicator().tlp(Tlp.GREEN).domains(Domains.DISASTER_RESPONSE)
        .build();
    StixObject pIsland = fx.indicator().tlp(Tlp.GREEN).build();
    b.data.add(FedNode.analyst(PAC), FedNode.local(PAC),
        List.of(pGreen, pAmber, pMaritime, pUnmarked, pRed, pDisaster));
    b.data.add(FedNode.analyst(ISL), pact.collectionId(), List.of(pIsland));
    Federation f = federation();

    List<PassResult> results = f.syncNow("bureau");

    assertThat(results).extracting(PassResult::direction)
        .containsExactly(Direction.PULL, Direction.PUSH);
    PassResult push = results.get(1);
    assertThat(push.ok()).as(push.error()).isTrue();
    assertThat(push.refused()).isZero();
    String sent = String.join("\n", proxy.posted());
    assertThat(sent).contains(pGreen.id(), pAmber.id(), pMaritime.id())
        .doesNotContain(pUnmarked.id(), pRed.id(), pDisaster.id(), pIsland.id())
        .as("nothing received from the bureau goes back").doesNotContain(green.id(), amber.id());
    for (StixObject o : List.of(pGreen, pAmber, pMaritime)) {
      StoredVersion v = a.latest(o.id());
      assertThat(v).as(o.id()).isNotNull();
      assertThat(v.owner()).isEqualTo(PAC);
    }
    for (StixObject o : List.of(pUnmarked, pRed, pDisaster, pIsland)) {
      assertThat(a.latest(o.id())).as(o.id()).isNull();
    }
    assertThat(a.released(FedNode.analyst(NSB), loi.collectionId()))
        .contains(key(pGreen), key(pAmber), key(pMaritime));
    assertThat(b.peers.cursor("bureau", Links.pushKey(loi.collectionId()))).isPresent();

    proxy.clearLog();
    PassResult again = f.syncNow("bureau").get(1);
    assertThat(again.objects()).isZero();
    assertThat(proxy.posted()).isEmpty();
  }

  @Test
  void push_splitsEnvelopesToThePeersLimits() {
    b.peers.putPeer(new Peer("bureau", peer.baseUrl(), peer.auth(), NSB, List.of(),
        List.of(loi.collectionId()), INTERVAL, true));
    List<StixObject> many = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      many.add(fx.indicator().tlp(Tlp.GREEN).build());
    }
    b.data.add(FedNode.analyst(PAC), FedNode.local(PAC), many);
    Federation f = federation(FederationSettings.builder().pushBatch(2).pageSize(3).build());

    PassResult r = f.syncNow("bureau").getFirst();

    assertThat(r.ok()).as(r.error()).isTrue();
    assertThat(proxy.posted()).allSatisfy(body ->
        assertThat(body.split("\"type\":\"indicator\"", -1).length - 1).isLessThanOrEqualTo(2));
    for (StixObject o : many) {
      assertThat(a.latest(o.id())).as(o.id()).isNotNull();
    }
  }

  @Test
  void push_keepsEachEnvelopeWithinThePeersMaxContentLength() {
    b.peers.putPeer(new Peer("bureau", peer.baseUrl(), peer.auth(), NSB, List.of(),
        List.of(loi.collectionId()), INTERVAL, true));
    List<StixObject> many = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      many.add(fx.indicator().tlp(Tlp.GREEN).build());
    }
    b.data.add(FedNode.analyst(PAC), FedNode.local(PAC), many);
    proxy.advertiseMaxContentLength(2_000);
    Federation f = federation();

    PassResult r = f.syncNow("bureau").getFirst();

    assertThat(r.ok()).as(r.error()).isTrue();
    assertThat(proxy.posted()).hasSizeGreaterThan(1).allSatisfy(body ->
        assertThat(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
            .isLessThanOrEqualTo(2_000));
    for (StixObject o : many) {
      assertThat(a.latest(o.id())).as(o.id()).isNotNull();
    }
  }

  // ---- health and scheduling ----

  @Test
  void health_listsEveryLink_newBeforeTheFirstPass() {
    Federation f = federation();

    assertThat(f.health()).singleElement().satisfies(h -> {
      assertThat(h.peer()).isEqualTo("bureau");
      assertThat(h.collection()).isEqualTo(loi.collectionId());
      assertThat(h.state()).isEqualTo(LinkHealth.State.NEW);
      assertThat(h.cursor()).isNull();
    });
    f.syncNow("bureau");
    assertThat(f.health().getFirst().state()).isEqualTo(LinkHealth.State.UP);
    assertThat(f.health().getFirst().cursor()).isNotNull();
  }

  @Test
  void syncNow_refusesUnknownAndDisabledPeers() {
    Federation f = federation();
    b.peers.putPeer(new Peer("idle", peer.baseUrl(), peer.auth(), NSB, List.of(), List.of(),
        INTERVAL, false));

    assertThatThrownBy(() -> f.syncNow("nobody"))
        .isInstanceOf(org.kuroshio.sharing.NotFoundException.class);
    assertThatThrownBy(() -> f.syncNow("idle")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("disabled");
  }

  @Test
  void start_pullsInTheBackground() throws InterruptedException {
    Federation f = federation(FederationSettings.builder().tick(Duration.ofMillis(50)).build());
    Set<String> expected = union(b.keys(loi.collectionId()), releasedByA());

    f.start();

    // Waits for an event, not for a speed: the first tick finds the link due.
    for (int i = 0; i < 600 && !b.keys(loi.collectionId()).equals(expected); i++) {
      Thread.sleep(50);
    }
    assertThat(b.keys(loi.collectionId())).isEqualTo(expected);
    f.close();
    assertThatThrownBy(f::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void backoff_doublesPerFailure_withJitter_andIsCapped() {
    Duration interval = Duration.ofSeconds(60);
    Duration cap = Duration.ofHours(1);

    assertThat(Backoff.delay(interval, 1, cap, 0.0)).isEqualTo(Duration.ofSeconds(60));
    assertThat(Backoff.delay(interval, 1, cap, 0.999_999)).isBetween(Duration.ofSeconds(119),
        Duration.ofSeconds(120));
    assertThat(Backoff.delay(interval, 3, cap, 0.0)).isEqualTo(Duration.ofSeconds(240));
    assertThat(Backoff.delay(interval, 30, cap, 0.999_999)).isLessThanOrEqualTo(cap);
    assertThat(Backoff.delay(interval, 1_000, cap, 0.0)).isEqualTo(Duration.ofMinutes(30));
    RandomGenerator r = new SplittableRandom(1);
    for (int failures = 1; failures < 64; failures++) {
      Duration d = Backoff.delay(interval, failures, cap, r.nextDouble());
      assertThat(d).isPositive().isLessThanOrEqualTo(cap);
    }
  }

  @Test
  void pushKeys_fitTheRegistry() {
    assertThat(Links.pushKey(loi.collectionId())).isEqualTo("push~" + loi.collectionId());
    String longest = "c".repeat(100);
    assertThat(Links.pushKey(longest)).startsWith("push~").hasSizeLessThanOrEqualTo(100);
    b.peers.saveCursor("bureau", Links.pushKey(longest), "2026-01-01T00:00:00.000001Z",
        clockB.instant());
    assertThat(b.peers.cursor("bureau", Links.pushKey(longest))).isPresent();
  }

  /** A real registry whose cursor saves fail while {@code crash} is set (a crash after store). */
  private static final class CrashingRegistry implements PeerRegistry {
    private final PeerRegistry real;
    private final AtomicBoolean crash;

    CrashingRegistry(PeerRegistry real, AtomicBoolean crash) {
      this.real = real;
      this.crash = crash;
    }

    @Override
    public void putPeer(Peer p) {
      real.putPeer(p);
    }

    @Override
    public boolean removePeer(String id) {
      return real.removePeer(id);
    }

    @Override
    public List<Peer> peers() {
      return real.peers();
    }

    @Override
    public Optional<Peer> peer(String id) {
      return real.peer(id);
    }

    @Override
    public Optional<String> cursor(String p, String collection) {
      return real.cursor(p, collection);
    }

    @Override
    public void saveCursor(String p, String collection, String addedAfter, Instant at) {
      if (crash.get()) {
        throw new StoreException("simulated crash before the cursor was saved");
      }
      real.saveCursor(p, collection, addedAfter, at);
    }

    @Override
    public void recordFailure(String p, String collection, String message, Instant at,
        Instant nextAttempt) {
      real.recordFailure(p, collection, message, at, nextAttempt);
    }

    @Override
    public void recordSuccess(String p, String collection, Instant at) {
      real.recordSuccess(p, collection, at);
    }

    @Override
    public List<Health> health(String p) {
      return real.health(p);
    }
  }
}
