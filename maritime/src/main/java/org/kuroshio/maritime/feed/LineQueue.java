package org.kuroshio.maritime.feed;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A bounded queue of line batches between reader threads and one consumer thread: the
 * backpressure point of the network inputs. {@link #put} blocks while the queue is full (TCP
 * readers: the sender is then slowed by TCP flow control); {@link #offer} fails instead (UDP:
 * the datagram is dropped). {@link #finish()} ends the input once the queue is drained;
 * {@link #close()} ends it at once, discarding what is queued.
 */
final class LineQueue {
  /** A wait without time limit. */
  private static final long FOREVER = Long.MAX_VALUE;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notFull = lock.newCondition();
  private final Condition notEmpty = lock.newCondition();
  private final ArrayDeque<List<String>> batches;
  private final int capacity;
  private boolean finished;
  private boolean closed;

  /** A queue holding at most {@code capacity} batches. */
  LineQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("queue capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
    this.batches = new ArrayDeque<>(capacity);
  }

  int capacity() {
    return capacity;
  }

  /** Batches queued now. */
  int size() {
    lock.lock();
    try {
      return batches.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Adds a batch, waiting while the queue is full; returns false (the batch not added) when the
   * queue is closed or finished, or the thread is interrupted.
   */
  boolean put(List<String> batch) {
    return put(batch, FOREVER);
  }

  /** As {@link #put} but waits at most {@code timeoutNanos}; false when it timed out. */
  boolean put(List<String> batch, long timeoutNanos) {
    lock.lock();
    try {
      long left = timeoutNanos;
      while (batches.size() >= capacity && !closed && !finished) {
        if (left <= 0) {
          return false;
        }
        left = await(notFull, left);
      }
      return add(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** Adds a batch if there is room now; false when full, closed or finished. */
  boolean offer(List<String> batch) {
    lock.lock();
    try {
      return batches.size() < capacity && add(batch);
    } finally {
      lock.unlock();
    }
  }

  private boolean add(List<String> batch) {
    if (closed || finished) {
      return false;
    }
    batches.addLast(batch);
    notEmpty.signal();
    return true;
  }

  /**
   * The next batch, waiting for one; null when the queue is closed, or finished and drained, or
   * the thread is interrupted.
   */
  @Nullable List<String> take() {
    return next(FOREVER);
  }

  /** As {@link #take()} but waits at most {@code timeout}; null also when it timed out. */
  @Nullable List<String> poll(long timeout, TimeUnit unit) {
    return next(unit.toNanos(timeout));
  }

  private @Nullable List<String> next(long timeoutNanos) {
    lock.lock();
    try {
      long left = timeoutNanos;
      while (batches.isEmpty() && !closed && !finished) {
        if (left <= 0) {
          return null;
        }
        left = await(notEmpty, left);
      }
      if (closed) {
        return null;
      }
      List<String> b = batches.pollFirst();
      if (b != null) {
        notFull.signal();
      }
      return b;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits on {@code c} (the lock held) at most {@code left} ns, or until signalled when
   * {@code left} is {@link #FOREVER}; returns the time left ({@code FOREVER} stays).
   */
  private static long await(Condition c, long left) throws InterruptedException {
    if (left == FOREVER) {
      c.await();
      return FOREVER;
    }
    return c.awaitNanos(left);
  }

  /** No more batches will be added: takers drain what is queued, then get null. */
  void finish() {
    lock.lock();
    try {
      finished = true;
      notEmpty.signalAll();
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Ends the queue at once: waiting producers and takers return, queued batches are discarded.
   * Returns how many lines were discarded.
   */
  long close() {
    lock.lock();
    try {
      closed = true;
      long n = 0;
      for (List<String> b : batches) {
        n += b.size();
      }
      batches.clear();
      notEmpty.signalAll();
      notFull.signalAll();
      return n;
    } finally {
      lock.unlock();
    }
  }

  boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }
}
