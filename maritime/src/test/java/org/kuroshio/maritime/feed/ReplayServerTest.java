package org.kuroshio.maritime.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kuroshio.maritime.feed.FeedTestSupport.await;
import static org.kuroshio.maritime.feed.FeedTestSupport.closeAndCheck;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kuroshio.maritime.feed.FeedTestSupport.Collector;
import org.kuroshio.testing.SharedData;

class ReplayServerTest {

  @AfterEach
  void noFeedThreadLeft() throws InterruptedException {
    FeedTestSupport.assertNoFeedThreads();
  }

  @Test
  void aReplayServedOverTcpReachesEveryClientInOrder() throws Exception {
    Path file = SharedData.require("ais/dma-aislib/stream_example.txt");
    List<String> want = FeedTestSupport.lines(file);
    ReplayServer server = ReplayServer.serve(FeedSpec.parse("tcp://127.0.0.1:0?listen"),
        FeedSettings.DEFAULTS.withQueue(4, 64), Duration.ofSeconds(10));
    Collector a = new Collector();
    Collector b = new Collector();
    AisInput inA = AisInput.open("tcp://127.0.0.1:" + server.localPort());
    AisInput inB = AisInput.open("tcp://127.0.0.1:" + server.localPort());
    inA.start(a);
    inB.start(b);
    assertThat(server.awaitClients(2, Duration.ofSeconds(20))).isTrue();
    AisReplay.Result res = new AisReplay(0).run(file, server);
    assertThat(res.lines()).isEqualTo(want.size());
    server.close();
    await("both clients have every line", () -> a.size() == want.size()
        && b.size() == want.size());
    assertThat(a.lines()).isEqualTo(want);
    assertThat(b.lines()).isEqualTo(want);
    ReplayServer.Stats st = server.stats();
    assertThat(st.lines()).isEqualTo(want.size());
    assertThat(st.unsent()).isZero();
    assertThat(st.connections()).isEqualTo(2);
    assertThat(st.droppedClients()).isZero();
    assertThat(server.threads()).isEmpty();
    assertThat(server.acceptorAlive()).isFalse();
    closeAndCheck(inA);
    closeAndCheck(inB);
  }

  @Test
  void aClientThatDoesNotReadIsDroppedAndTheReplayGoesOn() throws Exception {
    ReplayServer server = ReplayServer.serve(FeedSpec.parse("tcp://127.0.0.1:0?listen"),
        FeedSettings.DEFAULTS.withQueue(1, 1), Duration.ofMillis(200));
    try (java.net.Socket stuck = new java.net.Socket()) {
      stuck.setReceiveBufferSize(4096);
      stuck.connect(new java.net.InetSocketAddress("127.0.0.1", server.localPort()));
      assertThat(server.awaitClients(1, Duration.ofSeconds(20))).isTrue();
      String line = "!AIVDM,1,1,,A," + "0".repeat(60) + ",0*00";
      for (int i = 0; i < 100_000 && server.stats().droppedClients() == 0; i++) {
        server.accept(line);
      }
      assertThat(server.stats().droppedClients()).isEqualTo(1);
      assertThat(server.clientCount()).isZero();
    }
    server.close();
    assertThat(server.threads()).isEmpty();
  }

  @Test
  void linesWithoutClientsAreCountedAsUnsent() {
    ReplayServer server = ReplayServer.serve("tcp://127.0.0.1:0?listen");
    server.accept("nobody listens");
    assertThat(server.stats().unsent()).isEqualTo(1);
    assertThat(server.awaitClients(1, Duration.ofMillis(10))).isFalse();
    server.close();
    assertThat(server.acceptorAlive()).isFalse();
  }

  @Test
  void onlyTcpServerSpecsAreServed() {
    assertThatThrownBy(() -> ReplayServer.serve("udp://:0"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TCP only");
    assertThatThrownBy(() -> ReplayServer.serve("tcp://example.org:10110"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
