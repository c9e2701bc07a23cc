package org.kuroshio.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Sends NMEA lines to a running node's {@code POST /api/maritime/ais} in batches: a batch goes
 * when it holds {@code batchLines} lines or its first line has waited {@link #MAX_WAIT}, so a
 * quiet live feed still reaches the node within a second. Lines pass through a bounded queue to
 * one poster thread: when the node is slower than the feed, {@link #accept} blocks
 * (backpressure). The first refusal or network failure stops the feed; {@link #accept} and
 * {@link #close} then throw it.
 */
final class AisNodeFeed implements Consumer<String>, AutoCloseable {
  /** The REST path lines are posted to, relative to the node's base URL. */
  static final String PATH = "api/maritime/ais";
  /** The longest a line waits in a partial batch. */
  static final Duration MAX_WAIT = Duration.ofSeconds(1);
  /** The longest one post may take. */
  static final Duration POST_TIMEOUT = Duration.ofMinutes(2);
  /** The most lines one post may carry. */
  static final int MAX_BATCH = 50_000;

  private final AdminClient client;
  private boolean verified;
  private final int batchLines;
  private final PrintWriter out;
  private final BlockingQueue<String> queue;
  private final Thread poster;
  private volatile boolean closing;
  private volatile @Nullable RuntimeException failure;
  private volatile long linesPosted;
  private volatile long batches;
  private volatile @Nullable JsonNode lastAnswer;

  /**
   * Starts the poster thread.
   *
   * @param out where one progress line per batch is printed
   */
  AisNodeFeed(AdminClient client, int batchLines, PrintWriter out) {
    if (batchLines < 1 || batchLines > MAX_BATCH) {
      throw new IllegalArgumentException("--batch-lines must be 1 to " + MAX_BATCH + ": "
          + batchLines);
    }
    this.client = client;
    this.batchLines = batchLines;
    this.out = out;
    this.queue = new ArrayBlockingQueue<>(Math.max(1_024, 2 * batchLines));
    this.poster = Thread.ofPlatform().name("kuroshio-ais-post").daemon(true)
        .unstarted(this::postLoop);
    poster.start();
  }

  /** Queues one line, blocking while the queue is full. */
  @Override
  public void accept(String line) {
    try {
      while (!queue.offer(line, 100, TimeUnit.MILLISECONDS)) {
        throwIfFailed();
        if (closing) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Main.CommandFailure("interrupted while sending AIS lines to " + client.base(), e);
    }
    throwIfFailed();
  }

  /** Lines the node has accepted so far. */
  long linesPosted() {
    return linesPosted;
  }

  /** Batches posted so far. */
  long batches() {
    return batches;
  }

  /** The node's answer to the last batch, if any. */
  @Nullable JsonNode lastAnswer() {
    return lastAnswer;
  }

  /**
   * Sends what is queued, stops the poster and waits for it.
   *
   * @throws Main.CommandFailure when the node refused a batch or could not be reached
   */
  @Override
  public void close() {
    closing = true;
    try {
      poster.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      poster.interrupt();
    }
    throwIfFailed();
  }

  private void throwIfFailed() {
    RuntimeException f = failure;
    if (f != null) {
      throw f;
    }
  }

  private void postLoop() {
    List<String> batch = new ArrayList<>(Math.min(batchLines, 8_192));
    long firstAt = 0;
    try {
      while (true) {
        String line = queue.poll(50, TimeUnit.MILLISECONDS);
        if (line != null) {
          if (batch.isEmpty()) {
            firstAt = System.nanoTime();
          }
          batch.add(line);
          queue.drainTo(batch, batchLines - batch.size());
        }
        boolean drained = closing && queue.isEmpty();
        if (batch.size() >= batchLines || (!batch.isEmpty()
            && (drained || System.nanoTime() - firstAt >= MAX_WAIT.toNanos()))) {
          post(batch);
          batch.clear();
        }
        if (drained && batch.isEmpty()) {
          return;
        }
      }
    } catch (InterruptedException e) {
      failure = new Main.CommandFailure("interrupted while sending AIS lines to "
          + client.base(), e);
    } catch (RuntimeException e) {
      failure = e instanceof Main.CommandFailure ? e
          : new Main.CommandFailure("sending AIS lines to " + client.base() + " failed: " + e, e);
    } finally {
      if (failure != null) {
        closing = true;
        queue.clear();
      }
    }
  }

  private void post(List<String> batch) {
    if (!verified) {
      // An empty post first: credentials and rights are checked before a large body is sent (a
      // node refusing a request answers before reading the body and may close the connection
      // while the client is still writing it, which would hide the refusal).
      client.postText(PATH, "text/plain; charset=utf-8", "", POST_TIMEOUT);
      verified = true;
    }
    StringBuilder body = new StringBuilder(batch.size() * 80);
    for (String l : batch) {
      body.append(l).append('\n');
    }
    JsonNode answer = client.postText(PATH, "text/plain; charset=utf-8", body.toString(),
        POST_TIMEOUT);
    lastAnswer = answer;
    linesPosted += batch.size();
    batches++;
    out.println("posted " + batch.size() + " lines (" + linesPosted + " in all): "
        + describe(answer));
    out.flush();
  }

  /**
   * Returns a node's answer as one line: its top-level values as {@code name=value}, nested
   * objects in braces, cleaned of control characters and cut to 400 characters.
   */
  static String describe(JsonNode answer) {
    if (!answer.isObject()) {
      return AdminClient.Text.clip(answer.toString(), 400);
    }
    StringBuilder b = new StringBuilder();
    Iterator<Map.Entry<String, JsonNode>> it = answer.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!b.isEmpty()) {
        b.append(", ");
      }
      JsonNode v = e.getValue();
      b.append(e.getKey()).append('=');
      if (v.isObject()) {
        b.append('{').append(describe(v)).append('}');
      } else {
        b.append(v.isString() ? v.asString() : v.toString());
      }
    }
    return AdminClient.Text.clip(b.toString(), 400);
  }
}
