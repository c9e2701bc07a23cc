package org.kuroshio.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kuroshio.sharing.PeerRegistry.Basic;
import org.kuroshio.sharing.PeerRegistry.Bearer;
import org.kuroshio.sharing.PeerRegistry.Health;
import org.kuroshio.sharing.PeerRegistry.Peer;
import org.kuroshio.store.StixStore;
import org.kuroshio.testing.FixedClock;

/** The federation register's behaviour, run on each database by a subclass. */
abstract class PeerRegistryContractTest {
  static final String ORG = "identity--00000000-0000-4000-8000-00000000000a";
  static final String C1 = "11111111-1111-4111-8111-111111111111";
  static final String C2 = "22222222-2222-4222-8222-222222222222";
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  final FixedClock clock = new FixedClock();
  StixStore store;
  PeerRegistry peers;

  /** Returns a new, empty store. */
  abstract StixStore newStore();

  @BeforeEach
  void open() {
    store = newStore();
    peers = PeerRegistry.open(store.database(), clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  static Peer peer(String id) {
    return new Peer(id, URI.create("https://" + id + ".example/api1/"), new Bearer("tok-" + id),
        ORG, List.of(C1, C2), List.of(), 60, true);
  }

  @Test
  void putPeer_thenReadBack() {
    Peer basic = new Peer("pacific-ally", URI.create("http://127.0.0.1:9001/taxii2/api1/"),
        new Basic("machine", "pa:ss w\u00f6rd"), ORG, List.of(C1), List.of(C2), 5, false);
    peers.putPeer(peer("zeta"));
    peers.putPeer(basic);

    assertThat(peers.peers()).containsExactly(basic, peer("zeta"));
    assertThat(peers.peer("pacific-ally")).contains(basic);
    assertThat(peers.peer("nobody")).isEmpty();
  }

  @Test
  void putPeer_replacesAndKeepsCursors() {
    peers.putPeer(peer("a"));
    peers.saveCursor("a", C1, "2026-01-01T00:00:00.123456Z", T0);
    Peer changed = new Peer("a", URI.create("https://new.example/root"), new Basic("u", "p"), ORG,
        List.of(C2), List.of(C1), 3600, false);

    peers.putPeer(changed);

    assertThat(peers.peers()).containsExactly(changed);
    assertThat(changed.baseUrl()).isEqualTo(URI.create("https://new.example/root/"));
    assertThat(peers.cursor("a", C1)).contains("2026-01-01T00:00:00.123456Z");
  }

  @Test
  void removePeer_dropsItsState() {
    peers.putPeer(peer("a"));
    peers.putPeer(peer("b"));
    peers.saveCursor("a", C1, "2026-01-01T00:00:00Z", T0);
    peers.saveCursor("b", C1, "2026-01-02T00:00:00Z", T0);

    assertThat(peers.removePeer("a")).isTrue();
    assertThat(peers.removePeer("a")).isFalse();

    assertThat(peers.peers()).extracting(Peer::id).containsExactly("b");
    peers.putPeer(peer("a"));
    assertThat(peers.cursor("a", C1)).isEmpty();
    assertThat(peers.cursor("b", C1)).contains("2026-01-02T00:00:00Z");
  }

  @Test
  void cursor_isEmptyUntilSaved_thenTheLastSaved() {
    peers.putPeer(peer("a"));
    assertThat(peers.cursor("a", C1)).isEmpty();

    peers.saveCursor("a", C1, "2026-01-01T00:00:00.000Z", T0);
    peers.saveCursor("a", C1, "2026-01-01T00:00:05.000Z", T0.plusSeconds(5));

    assertThat(peers.cursor("a", C1)).contains("2026-01-01T00:00:05.000Z");
    assertThat(peers.cursor("a", C2)).isEmpty();
    assertThat(peers.health("a")).containsExactly(new Health("a", C1, "2026-01-01T00:00:05.000Z",
        T0.plusSeconds(5), 0, null, null, null, null));
  }

  @Test
  void failuresCount_untilASuccessResetsThem() {
    peers.putPeer(peer("a"));
    peers.recordFailure("a", C1, "connection refused", T0, T0.plusSeconds(10));
    peers.recordFailure("a", C1, "HTTP 502", T0.plusSeconds(10), T0.plusSeconds(30));

    assertThat(peers.health("a")).containsExactly(new Health("a", C1, null, null, 2, "HTTP 502",
        T0.plusSeconds(10), null, T0.plusSeconds(30)));

    peers.saveCursor("a", C1, "2026-01-01T00:01:00Z", T0.plusSeconds(40));
    peers.recordSuccess("a", C1, T0.plusSeconds(41));
    peers.recordSuccess("a", C2, T0.plusSeconds(42));

    assertThat(peers.health("a")).containsExactly(
        new Health("a", C1, "2026-01-01T00:01:00Z", T0.plusSeconds(40), 0, "HTTP 502",
            T0.plusSeconds(10), T0.plusSeconds(41), null),
        new Health("a", C2, null, null, 0, null, null, T0.plusSeconds(42), null));
  }

  @Test
  void recordFailure_keepsAtMostAThousandCharactersWithoutControls() {
    peers.putPeer(peer("a"));
    String huge = "line one\nline\ttwo " + "x".repeat(5_000);

    peers.recordFailure("a", C1, huge, T0, T0.plusSeconds(5));

    String kept = peers.health("a").get(0).lastError();
    assertThat(kept).hasSize(PeerRegistry.MAX_ERROR).startsWith("line one line two xxx");
  }

  @Test
  void recordFailure_doesNotSplitASurrogatePair() {
    peers.putPeer(peer("a"));

    peers.recordFailure("a", C1, "y".repeat(999) + "\uD83D\uDE00", T0, T0);

    assertThat(peers.health("a").get(0).lastError()).isEqualTo("y".repeat(999));
  }

  @Test
  void unknownPeer_isNotFound() {
    assertThatThrownBy(() -> peers.cursor("ghost", C1)).isInstanceOf(NotFoundException.class)
        .hasMessage("no peer with id ghost");
    assertThatThrownBy(() -> peers.saveCursor("ghost", C1, "2026-01-01T00:00:00Z", T0))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> peers.recordFailure("ghost", C1, "x", T0, T0))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> peers.recordSuccess("ghost", C1, T0))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> peers.health("ghost")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void saveCursor_rejectsWhatIsNotATaxiiTimestamp() {
    peers.putPeer(peer("a"));

    for (String bad : new String[] {"", "yesterday", "2026-01-01", "2026-01-01T00:00:00+01:00",
        "2026-13-01T00:00:00Z", "2026-01-01T00:00:00Z; DROP TABLE peers"}) {
      assertThatThrownBy(() -> peers.saveCursor("a", C1, bad, T0)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("added_after");
    }
    assertThatThrownBy(() -> peers.saveCursor("a", "bad/collection", "2026-01-01T00:00:00Z", T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("collection id");
    assertThat(peers.health("a")).isEmpty();
  }

  @Test
  void peer_rejectsBadInputWithClearMessages() {
    URI url = URI.create("https://peer.example/api1/");
    Bearer auth = new Bearer("t");
    expectBad(() -> new Peer("Peer", url, auth, ORG, List.of(), List.of(), 60, true),
        "peer id must be 1 to 64 of a-z, 0-9 and '-': Peer");
    expectBad(() -> new Peer("x".repeat(65), url, auth, ORG, List.of(), List.of(), 60, true),
        "peer id must be");
    expectBad(() -> new Peer("", url, auth, ORG, List.of(), List.of(), 60, true),
        "peer id must be");
    expectBad(() -> new Peer("p", URI.create("ftp://peer.example/"), auth, ORG, List.of(),
        List.of(), 60, true), "absolute http or https URL");
    expectBad(() -> new Peer("p", URI.create("/relative/"), auth, ORG, List.of(), List.of(), 60,
        true), "absolute http or https URL");
    expectBad(() -> new Peer("p", URI.create("https://user:secret@peer.example/"), auth, ORG,
        List.of(), List.of(), 60, true), "must not hold credentials");
    expectBad(() -> new Peer("p", URI.create("https://peer.example/?a=1"), auth, ORG, List.of(),
        List.of(), 60, true), "no query or fragment");
    expectBad(() -> new Peer("p", url, auth, "identity--nope", List.of(), List.of(), 60, true),
        "peer organisation must be an identity id");
    expectBad(() -> new Peer("p", url, auth, ORG, List.of(C1, C1), List.of(), 60, true),
        "collection " + C1 + " is listed twice to pull");
    expectBad(() -> new Peer("p", url, auth, ORG, List.of(), List.of("a b"), 60, true),
        "collection id must be");
    expectBad(() -> new Peer("p", url, auth, ORG, List.of(), List.of(), 4, true),
        "peer interval must be 5 to 604800 seconds: 4");
    expectBad(() -> new Peer("p", url, auth, ORG, List.of(), List.of(), 604_801, true),
        "peer interval must be");
    expectBad(() -> new Bearer("has space"), "bearer token must be visible ASCII");
    expectBad(() -> new Bearer(""), "bearer token must be 1 to 4096");
    expectBad(() -> new Basic("a:b", "p"), "must not contain ':'");
    expectBad(() -> new Basic("a", ""), "basic auth password must be 1 to 1024");
    expectBad(() -> new Basic("a", "p\r\n"), "password must not contain control characters");
  }

  private static void expectBad(Runnable r, String message) {
    assertThatThrownBy(r::run).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void peer_addsTheTrailingSlashOfAnApiRoot() {
    assertThat(new Peer("p", URI.create("HTTPS://peer.example:8443"), new Bearer("t"), ORG,
        List.of(), List.of(), 60, true).baseUrl())
        .isEqualTo(URI.create("https://peer.example:8443/"));
    assertThat(new Peer("p", URI.create("http://[::1]:9000/taxii2/api1"), new Bearer("t"), ORG,
        List.of(), List.of(), 60, true).baseUrl())
        .isEqualTo(URI.create("http://[::1]:9000/taxii2/api1/"));
  }

  @Test
  void secrets_neverAppearInToString() {
    Peer p = new Peer("p", URI.create("https://peer.example/"), new Basic("machine", "hunter2"),
        ORG, List.of(), List.of(), 60, true);

    assertThat(p.toString()).doesNotContain("hunter2").contains("machine");
    assertThat(new Bearer("s3cr3t-token").toString()).doesNotContain("s3cr3t");
  }
}
