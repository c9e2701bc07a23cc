package org.kuroshio.maritime.feed;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A network input: readers put batches of lines into a {@link LineQueue}; one dispatcher thread
 * takes them and calls the consumer.
 */
abstract class QueuedInput extends BaseInput {
  static final int READ_BUFFER = 8 * 1024;

  final LineQueue queue;

  QueuedInput(FeedSpec spec, FeedSettings settings) {
    super(spec, settings);
    this.queue = new LineQueue(settings.queueBatches());
  }

  final void startDispatcher(Consumer<String> consumer) {
    spawn("dispatch " + spec, false, () -> dispatch(consumer));
  }

  private void dispatch(Consumer<String> consumer) {
    try {
      List<String> batch;
      while ((batch = queue.take()) != null) {
        for (int i = 0, n = batch.size(); i < n; i++) {
          if (closing()) {
            stats.droppedLines.add(n - i);
            return;
          }
          consumer.accept(batch.get(i));
          stats.delivered.increment();
        }
      }
    } catch (RuntimeException | Error e) {
      fail(e);
    } finally {
      markEnded();
    }
  }

  /** Closes the queue, counting what it discarded. */
  final void closeQueue() {
    stats.droppedLines.add(queue.close());
  }

  /**
   * Reads a TCP byte stream to its end, handing batches to the queue (blocking while it is
   * full). Returns normally at end of stream or when the input closes.
   */
  final void readStream(InputStream in) throws IOException {
    LineSplitter splitter = new LineSplitter(settings.maxLineLength(), stats);
    Batcher batcher = new Batcher();
    byte[] buf = new byte[READ_BUFFER];
    int n;
    while (!closing() && (n = in.read(buf)) >= 0) {
      splitter.feed(buf, 0, n, batcher);
      if (!batcher.flush()) {
        return;
      }
    }
    splitter.end(batcher);
    batcher.flush();
  }

  /** Collects lines of one reader into batches of at most {@code batchLines}. */
  private final class Batcher implements Consumer<String> {
    private ArrayList<String> batch = new ArrayList<>();
    private boolean open = true;

    @Override
    public void accept(String line) {
      if (!open) {
        stats.droppedLines.increment();
        return;
      }
      batch.add(line);
      if (batch.size() >= settings.batchLines()) {
        flush();
      }
    }

    /** Hands the batch over; false once the queue refused one (closed). */
    boolean flush() {
      if (batch.isEmpty()) {
        return open;
      }
      ArrayList<String> b = batch;
      batch = new ArrayList<>(Math.min(b.size(), settings.batchLines()));
      if (open && !queue.put(b)) {
        open = false;
      }
      if (!open) {
        stats.droppedLines.add(b.size());
      }
      return open;
    }
  }
}
