package org.kuroshio.maritime.feed;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Threads, end and close bookkeeping shared by every input. */
abstract class BaseInput implements AisInput {
  static final System.Logger LOG = System.getLogger(AisInput.class.getName());
  private static final long JOIN_MILLIS = 5_000;

  final FeedSpec spec;
  final FeedSettings settings;
  final InputStats stats = new InputStats();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final CountDownLatch ended = new CountDownLatch(1);
  private final CountDownLatch closeSignal = new CountDownLatch(1);
  private volatile boolean closing;
  private volatile @Nullable Throwable failure;
  private boolean started;

  BaseInput(FeedSpec spec, FeedSettings settings) {
    this.spec = spec;
    this.settings = settings;
  }

  @Override
  public final FeedSpec spec() {
    return spec;
  }

  @Override
  public final synchronized void start(Consumer<String> consumer) {
    if (closing) {
      throw new IllegalStateException("input is closed: " + spec);
    }
    if (started) {
      throw new IllegalStateException("input already started: " + spec);
    }
    started = true;
    try {
      begin(consumer);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Binds and starts the threads. */
  abstract void begin(Consumer<String> consumer);

  /** Closes sockets and queues so that every thread returns; idempotent, never blocks long. */
  abstract void shutdown();

  @Override
  public int localPort() {
    return -1;
  }

  @Override
  public final InputStats.Snapshot stats() {
    return stats.snapshot();
  }

  @Override
  public final Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  final boolean closing() {
    return closing;
  }

  /** Records why the input ends early and stops it (without joining: may run on its threads). */
  final void fail(Throwable t) {
    if (failure == null) {
      failure = t;
    }
    LOG.log(System.Logger.Level.WARNING, "input " + spec + " stopped: " + t, t);
    closing = true;
    closeSignal.countDown();
    shutdown();
  }

  final void markEnded() {
    ended.countDown();
  }

  /** Sleeps unless the input closes first; false when it closed. */
  final boolean sleepUnlessClosed(Duration d) {
    try {
      return !closeSignal.await(d.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Joins the threads (interrupting laggards); false when this thread was interrupted. */
  private boolean joinAll(List<Thread> list) {
    for (Thread t : list) {
      try {
        t.join(JOIN_MILLIS);
        if (t.isAlive()) {
          t.interrupt();
          t.join(JOIN_MILLIS);
        }
        if (t.isAlive()) {
          LOG.log(System.Logger.Level.WARNING, "input " + spec + ": thread " + t.getName()
              + " did not stop (a consumer that does not return?)");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** Starts a named thread that this input joins on close. */
  final Thread spawn(String role, boolean virtual, Runnable body) {
    String name = "ais-feed-" + role;
    Runnable r = () -> {
      try {
        body.run();
      } finally {
        threads.remove(Thread.currentThread());
      }
    };
    Thread t = virtual ? Thread.ofVirtual().name(name).unstarted(r)
        : Thread.ofPlatform().name(name).daemon(true).unstarted(r);
    threads.add(t);
    t.start();
    return t;
  }

  /** The threads still registered (for tests: empty after close). */
  final List<Thread> threads() {
    return List.copyOf(threads);
  }

  @Override
  public final boolean awaitEnd(Duration timeout) {
    try {
      return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public final void close() {
    closing = true;
    closeSignal.countDown();
    shutdown();
    Thread self = Thread.currentThread();
    // repeat: a reader may have spawned a connection thread while the first joins ran
    java.util.Set<Thread> joined = new java.util.HashSet<>();
    joined.add(self);
    while (true) {
      List<Thread> left = new java.util.ArrayList<>(threads);
      left.removeAll(joined);
      if (left.isEmpty() || !joinAll(left)) {
        break;
      }
      joined.addAll(left);
    }
    ended.countDown();
  }
}
