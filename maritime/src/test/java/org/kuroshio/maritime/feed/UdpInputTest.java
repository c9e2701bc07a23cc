package org.kuroshio.maritime.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kuroshio.maritime.feed.FeedTestSupport.await;
import static org.kuroshio.maritime.feed.FeedTestSupport.closeAndCheck;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kuroshio.maritime.feed.FeedTestSupport.Collector;

class UdpInputTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @AfterEach
  void noFeedThreadLeft() throws InterruptedException {
    FeedTestSupport.assertNoFeedThreads();
  }

  private static void send(DatagramSocket out, int port, String text) throws Exception {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    out.send(new DatagramPacket(b, b.length, LOOPBACK, port));
  }

  @Test
  void datagramsWithSeveralLinesArriveInOrder() throws Exception {
    Collector got = new Collector();
    AisInput in = AisInput.open("udp://127.0.0.1:0");
    in.start(got);
    int port = in.localPort();
    assertThat(port).isPositive();
    try (DatagramSocket out = new DatagramSocket()) {
      send(out, port, "!AIVDM,a\r\n!AIVDM,b\r\n!AIVDM,c");
      await("first datagram", () -> got.size() == 3);
      // a line never spans datagrams: "par" and "tial" are two lines
      send(out, port, "par");
      await("second datagram", () -> got.size() == 4);
      send(out, port, "tial\n\n\r\n");
      await("third datagram", () -> got.size() == 5);
    }
    assertThat(got.lines()).containsExactly("!AIVDM,a", "!AIVDM,b", "!AIVDM,c", "par", "tial");
    InputStats.Snapshot st = in.stats();
    assertThat(st.datagrams()).isEqualTo(3);
    assertThat(st.lines()).isEqualTo(5);
    assertThat(st.droppedDatagrams()).isZero();
    closeAndCheck(in);
  }

  @Test
  void overloadDropsDatagramsAndCountsThem() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Collector got = new Collector();
    AisInput in = AisInput.open("udp://127.0.0.1:0", FeedSettings.DEFAULTS.withQueue(1, 16));
    in.start(line -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      got.accept(line);
    });
    int sent = 50;
    try (DatagramSocket out = new DatagramSocket()) {
      for (int i = 0; i < sent; i++) {
        send(out, in.localPort(), "d" + i + " l0\nd" + i + " l1\nd" + i + " l2\n");
      }
      await("datagrams received", () -> in.stats().datagrams() == sent);
      InputStats.Snapshot st = in.stats();
      // one batch held by the stalled consumer, one in the queue: the rest dropped
      assertThat(st.droppedDatagrams()).isBetween(48L, 49L);
      assertThat(st.droppedLines()).isEqualTo(3 * st.droppedDatagrams());
      release.countDown();
      await("idle", () -> {
        InputStats.Snapshot s = in.stats();
        return s.lines() == s.delivered() + s.droppedLines();
      });
      // near miss: once the consumer keeps up, nothing is dropped
      long dropped = in.stats().droppedDatagrams();
      send(out, in.localPort(), "after\n");
      await("after overload", () -> got.lines().contains("after"));
      assertThat(in.stats().droppedDatagrams()).isEqualTo(dropped);
    }
    assertThat(got.lines()).startsWith("d0 l0", "d0 l1", "d0 l2");
    assertThat(in.failure()).isEmpty();
    closeAndCheck(in);
  }

  @Test
  void bindingAPortInUseFailsWithFeedException() throws Exception {
    try (DatagramSocket taken = new DatagramSocket(0, LOOPBACK)) {
      AisInput in = AisInput.open("udp://127.0.0.1:" + taken.getLocalPort());
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> in.start(line -> { }))
          .isInstanceOf(FeedException.class)
          .hasMessageContaining("udp://127.0.0.1:" + taken.getLocalPort());
      closeAndCheck(in);
    }
  }
}
