package org.kuroshio.maritime.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Helpers of the feed tests: expected lines, polling, thread-leak checks, checksums. */
final class FeedTestSupport {
  private FeedTestSupport() {}

  /** The non-empty lines of a file as the inputs deliver them (LF split, CR dropped). */
  static List<String> lines(Path file) throws IOException {
    String all = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    List<String> out = new ArrayList<>();
    for (String l : all.split("\n", -1)) {
      if (l.endsWith("\r")) {
        l = l.substring(0, l.length() - 1);
      }
      if (!l.isEmpty()) {
        out.add(l);
      }
    }
    return out;
  }

  /** Polls until {@code cond} holds; fails after 20 s. */
  static void await(String what, BooleanSupplier cond) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(5);
    }
  }

  /** Checks that no input or replay thread is left running. */
  static void assertNoFeedThreads() throws InterruptedException {
    // platform threads are listed by the JVM; virtual ones are checked through threads()
    long deadline = System.nanoTime() + 20_000_000_000L;
    List<String> alive;
    while (!(alive = feedThreads()).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("feed threads still running: " + alive);
      }
      Thread.sleep(5);
    }
  }

  private static List<String> feedThreads() {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && (t.getName().startsWith("ais-feed-")
          || t.getName().startsWith("ais-replay-"))) {
        names.add(t.getName() + " " + t.getState());
      }
    }
    return names;
  }

  /** Closes the input and checks that every one of its threads ended. */
  static void closeAndCheck(AisInput in) throws InterruptedException {
    List<Thread> before = ((BaseInput) in).threads();
    in.close();
    for (Thread t : before) {
      assertThat(t.isAlive()).as("thread %s alive after close", t.getName()).isFalse();
    }
    assertThat(((BaseInput) in).threads()).isEmpty();
    assertThat(in.awaitEnd(java.time.Duration.ZERO)).isTrue();
  }

  /** A thread-safe collecting consumer. */
  static final class Collector implements Consumer<String> {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void accept(String line) {
      lines.add(line);
    }

    synchronized List<String> lines() {
      return List.copyOf(lines);
    }

    synchronized int size() {
      return lines.size();
    }
  }

  /** A tag-block line {@code \c:SECS*hh\SENTENCE}. */
  static String tagged(long seconds, String sentence) {
    String body = "c:" + seconds;
    return "\\" + body + "*" + checksum(body) + "\\" + sentence;
  }

  /** A Gatehouse line for the given time. */
  static String pghp(int y, int mo, int d, int h, int mi, int s, int ms) {
    String body = "PGHP,1," + y + "," + mo + "," + d + "," + h + "," + mi + "," + s + "," + ms
        + ",219,,2190048,1,28";
    return "$" + body + "*" + checksum(body);
  }

  static String checksum(String body) {
    int sum = 0;
    for (int i = 0; i < body.length(); i++) {
      sum ^= body.charAt(i);
    }
    return String.format("%02X", sum);
  }
}
