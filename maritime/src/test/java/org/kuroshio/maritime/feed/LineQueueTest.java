package org.kuroshio.maritime.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LineQueueTest {

  @Test
  void batchesComeOutInOrder() {
    LineQueue q = new LineQueue(3);
    assertThat(q.put(List.of("a", "b"))).isTrue();
    assertThat(q.offer(List.of("c"))).isTrue();
    assertThat(q.take()).containsExactly("a", "b");
    assertThat(q.take()).containsExactly("c");
  }

  @Test
  void offerFailsWhenFullButNotBefore() {
    LineQueue q = new LineQueue(2);
    assertThat(q.offer(List.of("1"))).isTrue();
    assertThat(q.offer(List.of("2"))).isTrue();
    assertThat(q.offer(List.of("3"))).isFalse();
    assertThat(q.size()).isEqualTo(2);
    q.take();
    assertThat(q.offer(List.of("3"))).isTrue();
  }

  @Test
  void putBlocksWhileFullUntilATake() throws Exception {
    LineQueue q = new LineQueue(1);
    q.put(List.of("first"));
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch started = new CountDownLatch(1);
    Thread producer = Thread.ofPlatform().start(() -> {
      started.countDown();
      done.set(q.put(List.of("second")));
    });
    started.await();
    producer.join(200);
    assertThat(producer.isAlive()).as("put must wait while the queue is full").isTrue();
    assertThat(q.take()).containsExactly("first");
    producer.join(10_000);
    assertThat(done).isTrue();
    assertThat(q.take()).containsExactly("second");
  }

  @Test
  void timedPutGivesUp() {
    LineQueue q = new LineQueue(1);
    q.put(List.of("x"));
    assertThat(q.put(List.of("y"), TimeUnit.MILLISECONDS.toNanos(20))).isFalse();
    assertThat(q.size()).isEqualTo(1);
  }

  @Test
  void finishDrainsThenEnds() {
    LineQueue q = new LineQueue(4);
    q.put(List.of("a"));
    q.finish();
    assertThat(q.put(List.of("late"))).isFalse();
    assertThat(q.take()).containsExactly("a");
    assertThat(q.take()).isNull();
  }

  @Test
  void closeDiscardsAndWakesWaiters() throws Exception {
    LineQueue q = new LineQueue(1);
    q.put(List.of("a", "b", "c"));
    AtomicBoolean result = new AtomicBoolean(true);
    Thread producer = Thread.ofPlatform().start(() -> result.set(q.put(List.of("d"))));
    producer.join(100);
    assertThat(q.close()).isEqualTo(3);
    producer.join(10_000);
    assertThat(producer.isAlive()).isFalse();
    assertThat(result).isFalse();
    assertThat(q.take()).isNull();
    LineQueue empty = new LineQueue(1);
    Thread taker = Thread.ofPlatform().start(empty::take);
    empty.close();
    taker.join(10_000);
    assertThat(taker.isAlive()).isFalse();
  }

  @Test
  void pollTimesOut() {
    LineQueue q = new LineQueue(1);
    assertThat(q.poll(10, TimeUnit.MILLISECONDS)).isNull();
    q.offer(List.of("z"));
    assertThat(q.poll(10, TimeUnit.MILLISECONDS)).containsExactly("z");
  }
}
