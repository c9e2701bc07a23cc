package org.kuroshio.maritime.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kuroshio.maritime.feed.FeedTestSupport.await;
import static org.kuroshio.maritime.feed.FeedTestSupport.closeAndCheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kuroshio.maritime.feed.FeedTestSupport.Collector;
import org.kuroshio.testing.SharedData;

class TcpInputTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @AfterEach
  void noFeedThreadLeft() throws InterruptedException {
    FeedTestSupport.assertNoFeedThreads();
  }

  private static FeedSettings fastReconnect(int attempts) {
    return FeedSettings.DEFAULTS.withReconnect(Duration.ofMillis(10), Duration.ofMillis(40),
        attempts);
  }

  @Test
  void clientReceivesARealRecordingInOrder() throws Exception {
    Path file = SharedData.require("ais/dma-aislib/stream_example.txt");
    byte[] bytes = Files.readAllBytes(file);
    List<String> expected = FeedTestSupport.lines(file);
    try (ServerSocket ss = new ServerSocket(0, 5, LOOPBACK)) {
      Thread server = Thread.ofPlatform().start(() -> {
        try (Socket s = ss.accept(); OutputStream out = s.getOutputStream()) {
          // random chunk sizes: lines are cut across writes
          Random rnd = new Random(42);
          int p = 0;
          while (p < bytes.length) {
            int n = Math.min(bytes.length - p, 1 + rnd.nextInt(700));
            out.write(bytes, p, n);
            p += n;
          }
          s.shutdownOutput();
          s.getInputStream().read(); // hold the connection until the client closes it
        } catch (IOException e) {
          // client closed
        }
      });
      Collector got = new Collector();
      AisInput in = AisInput.open("tcp://127.0.0.1:" + ss.getLocalPort(), fastReconnect(-1));
      in.start(got);
      await("all lines", () -> got.size() >= expected.size());
      assertThat(got.lines()).isEqualTo(expected);
      InputStats.Snapshot st = in.stats();
      assertThat(st.lines()).isEqualTo(expected.size());
      assertThat(st.delivered()).isEqualTo(expected.size());
      assertThat(st.bytes()).isEqualTo(bytes.length);
      assertThat(st.connections()).isEqualTo(1);
      assertThat(st.overlong()).isZero();
      assertThat(st.nonAscii()).isZero();
      assertThat(in.failure()).isEmpty();
      closeAndCheck(in);
      server.join(10_000);
    }
  }

  @Test
  void clientReconnectsAfterTheServerDropsIt() throws Exception {
    try (ServerSocket ss = new ServerSocket(0, 5, LOOPBACK)) {
      CountDownLatch done = new CountDownLatch(1);
      Thread server = Thread.ofPlatform().start(() -> {
        try {
          for (int conn = 0; conn < 2; conn++) {
            Socket s = ss.accept();
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < 10; i++) {
              out.write(("line " + (conn * 10 + i) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            if (conn == 0) {
              s.close(); // the feed drops
            } else {
              done.await();
              s.close();
            }
          }
        } catch (IOException | InterruptedException e) {
          // test over
        }
      });
      Collector got = new Collector();
      AisInput in = AisInput.open("tcp://127.0.0.1:" + ss.getLocalPort(), fastReconnect(-1));
      in.start(got);
      await("20 lines", () -> got.size() >= 20);
      List<String> want = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        want.add("line " + i);
      }
      assertThat(got.lines()).isEqualTo(want);
      assertThat(in.stats().connections()).isEqualTo(2);
      assertThat(in.stats().reconnects()).isGreaterThanOrEqualTo(1);
      assertThat(in.awaitEnd(Duration.ZERO)).as("a client does not end on a drop").isFalse();
      done.countDown();
      closeAndCheck(in);
      server.join(10_000);
    }
  }

  @Test
  void clientGivesUpAfterTheBoundedAttempts() throws Exception {
    int port;
    try (ServerSocket ss = new ServerSocket(0, 1, LOOPBACK)) {
      port = ss.getLocalPort(); // closed again: nothing listens there now
    }
    AisInput in = AisInput.open("tcp://127.0.0.1:" + port, fastReconnect(3));
    in.start(line -> { });
    assertThat(in.awaitEnd(Duration.ofSeconds(20))).isTrue();
    assertThat(in.stats().reconnects()).isEqualTo(3);
    assertThat(in.stats().connections()).isZero();
    closeAndCheck(in);
  }

  @Test
  void serverTakesConcurrentSendersKeepingEachOnesOrder() throws Exception {
    Collector got = new Collector();
    AisInput in = AisInput.open("tcp://127.0.0.1:0?listen");
    in.start(got);
    int port = in.localPort();
    assertThat(port).isPositive();
    int senders = 3;
    int perSender = 3000;
    CyclicBarrier go = new CyclicBarrier(senders);
    List<Thread> threads = new ArrayList<>();
    for (int k = 0; k < senders; k++) {
      int id = k;
      threads.add(Thread.ofPlatform().start(() -> {
        try (Socket s = new Socket(LOOPBACK, port)) {
          OutputStream out = s.getOutputStream();
          go.await();
          for (int i = 0; i < perSender; i++) {
            out.write(("S" + id + "," + i + ",!AIVDM,1,1,,A,padding\r\n")
                .getBytes(StandardCharsets.US_ASCII));
          }
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }));
    }
    for (Thread t : threads) {
      t.join(20_000);
    }
    await("all lines", () -> got.size() >= senders * perSender);
    int[] next = new int[senders];
    for (String line : got.lines()) {
      String[] f = line.split(",");
      int id = Integer.parseInt(f[0].substring(1));
      assertThat(Integer.parseInt(f[1])).as("order of sender %d", id).isEqualTo(next[id]);
      next[id]++;
    }
    assertThat(next).containsOnly(perSender);
    await("connections counted", () -> in.stats().connections() == senders
        && in.stats().activeConnections() == 0);
    closeAndCheck(in);
  }

  @Test
  void serverRejectsSendersBeyondTheBound() throws Exception {
    Collector got = new Collector();
    AisInput in = AisInput.open("tcp://127.0.0.1:0?listen",
        FeedSettings.DEFAULTS.withMaxConnections(1));
    in.start(got);
    try (Socket first = new Socket(LOOPBACK, in.localPort())) {
      first.getOutputStream().write("one\n".getBytes(StandardCharsets.US_ASCII));
      await("first connection", () -> got.size() == 1);
      try (Socket second = new Socket(LOOPBACK, in.localPort())) {
        second.setSoTimeout(10_000);
        // the server closes it at once: end of stream
        assertThat(second.getInputStream().read()).isEqualTo(-1);
      }
      assertThat(in.stats().rejected()).isEqualTo(1);
      first.getOutputStream().write("two\n".getBytes(StandardCharsets.US_ASCII));
      await("first still served", () -> got.size() == 2);
    }
    // near miss: once the first sender left, a new one is accepted
    await("slot freed", () -> in.stats().activeConnections() == 0);
    try (Socket third = new Socket(LOOPBACK, in.localPort())) {
      third.getOutputStream().write("three\n".getBytes(StandardCharsets.US_ASCII));
      await("third served", () -> got.size() == 3);
    }
    assertThat(got.lines()).containsExactly("one", "two", "three");
    assertThat(in.stats().rejected()).isEqualTo(1);
    closeAndCheck(in);
  }

  @Test
  void overlongLinesAndBinaryGarbageAreCountedNotBuffered() throws Exception {
    Collector got = new Collector();
    AisInput in = AisInput.open("tcp://127.0.0.1:0?listen");
    in.start(got);
    byte[] garbage = new byte[2_000_000];
    new Random(7).nextBytes(garbage);
    for (int i = 0; i < garbage.length; i++) {
      if (garbage[i] == '\n') {
        garbage[i] = 0;
      }
    }
    String exact = "!" + "A".repeat(1023); // exactly the 1024-char limit
    try (Socket s = new Socket(LOOPBACK, in.localPort())) {
      OutputStream out = s.getOutputStream();
      out.write("!AIVDM,1,1,,A,first,0*00\n".getBytes(StandardCharsets.US_ASCII));
      out.write(("!" + "X".repeat(5000) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(garbage); // 2 MB without a line end: one overlong "line"
      out.write('\n');
      out.write(new byte[] {'b', 'a', 'd', 0, (byte) 0xff, (byte) 0x80, 0x7f, '\n'});
      out.write((exact + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(("!" + "B".repeat(1024) + "\n").getBytes(StandardCharsets.US_ASCII));
      out.write("!AIVDM,1,1,,A,last,0*00".getBytes(StandardCharsets.US_ASCII));
    }
    await("last line", () -> got.lines().contains("!AIVDM,1,1,,A,last,0*00"));
    assertThat(got.lines()).containsExactly("!AIVDM,1,1,,A,first,0*00",
        new String(new byte[] {'b', 'a', 'd', 0, (byte) 0xff, (byte) 0x80, 0x7f},
            StandardCharsets.ISO_8859_1),
        exact, "!AIVDM,1,1,,A,last,0*00");
    InputStats.Snapshot st = in.stats();
    assertThat(st.overlong()).isEqualTo(3);
    long odd = 4;
    for (byte b : garbage) {
      if (b < 0x20 && b != '\t' && b != '\r' || b == 0x7f) {
        odd++;
      }
    }
    assertThat(st.nonAscii()).isEqualTo(odd);
    assertThat(st.lines()).isEqualTo(4);
    closeAndCheck(in);
  }

  @Test
  void slowConsumerBlocksTheSenderThroughTcpFlowControl() throws Exception {
    int queueBatches = 2;
    int batchLines = 8;
    FeedSettings settings = FeedSettings.DEFAULTS.withQueue(queueBatches, batchLines)
        .withSocketBuffer(4096);
    CountDownLatch release = new CountDownLatch(1);
    Collector got = new Collector();
    AisInput in = AisInput.open("tcp://127.0.0.1:0?listen", settings);
    in.start(line -> {
      try {
        release.await(); // the consumer stalls
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      got.accept(line);
    });
    int total = 40_000;
    byte[][] lines = new byte[total][];
    for (int i = 0; i < total; i++) {
      lines[i] = String.format("!AIVDM,1,1,,A,%08d,0*00 padding to sixty bytes..\n", i)
          .getBytes(StandardCharsets.US_ASCII);
    }
    int lineLen = lines[0].length;
    AtomicLong written = new AtomicLong();
    Socket s = new Socket();
    s.setSendBufferSize(4096);
    s.connect(new InetSocketAddress(LOOPBACK, in.localPort()));
    int sndbuf = s.getSendBufferSize();
    Thread producer = Thread.ofPlatform().start(() -> {
      try (OutputStream out = s.getOutputStream()) {
        for (byte[] l : lines) {
          out.write(l);
          written.addAndGet(l.length);
        }
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
    // wait until the producer stalls: no progress for 500 ms
    long last = -1;
    while (written.get() != last) {
      last = written.get();
      Thread.sleep(500);
    }
    long queuedBytes = (long) (queueBatches + 2) * batchLines * lineLen; // queue + 2 in hand
    long bound = queuedBytes + QueuedInput.READ_BUFFER + 4L * (sndbuf + 2 * 4096);
    assertThat(written.get()).as("producer ran ahead only by the buffers")
        .isLessThanOrEqualTo(bound);
    assertThat(written.get()).isLessThan((long) total * lineLen);
    assertThat(producer.isAlive()).isTrue();
    assertThat(got.size()).isZero();
    release.countDown();
    producer.join(30_000);
    await("all lines", () -> got.size() == total);
    List<String> list = got.lines();
    for (int i = 0; i < total; i++) {
      assertThat(list.get(i)).startsWith(String.format("!AIVDM,1,1,,A,%08d,", i));
    }
    assertThat(in.stats().droppedLines()).isZero();
    closeAndCheck(in);
  }

  @Test
  void closeStopsAnIdleServerAndClientPromptly() throws Exception {
    AisInput server = AisInput.open("tcp://127.0.0.1:0?listen");
    server.start(line -> { });
    Socket idle = new Socket(LOOPBACK, server.localPort());
    await("connected", () -> server.stats().activeConnections() == 1);
    AisInput client = AisInput.open("tcp://127.0.0.1:" + server.localPort());
    client.start(line -> { });
    await("client connected", () -> client.stats().connections() == 1);
    closeAndCheck(client);
    closeAndCheck(server);
    idle.setSoTimeout(10_000);
    InputStream is = idle.getInputStream();
    assertThat(is.read()).isEqualTo(-1);
    idle.close();
    assertThat(server.stats().connections()).isEqualTo(2);
  }

  @Test
  void aConsumerThatThrowsStopsTheInputWithTheFailure() throws Exception {
    AisInput in = AisInput.open("tcp://127.0.0.1:0?listen");
    in.start(line -> {
      throw new IllegalStateException("boom on " + line);
    });
    try (Socket s = new Socket(LOOPBACK, in.localPort())) {
      s.getOutputStream().write("x\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(in.awaitEnd(Duration.ofSeconds(20))).isTrue();
    }
    assertThat(in.failure()).get().asString().contains("boom on x");
    closeAndCheck(in);
  }
}
