package org.kuroshio.maritime.feed;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Consumer;

/** A recording, plain or gzip, read on one thread that also calls the consumer. */
final class FileInput extends BaseInput {

  FileInput(FeedSpec spec, FeedSettings settings) {
    super(spec, settings);
  }

  @Override
  void begin(Consumer<String> consumer) {
    spawn("file " + spec, false, () -> read(consumer));
  }

  private void read(Consumer<String> consumer) {
    try (InputStream in = Recordings.open(Objects.requireNonNull(spec.file()))) {
      LineSplitter splitter = new LineSplitter(settings.maxLineLength(), stats);
      Consumer<String> out = line -> {
        consumer.accept(line);
        stats.delivered.increment();
      };
      byte[] buf = new byte[Recordings.BUFFER];
      int n;
      while (!closing() && (n = in.read(buf)) >= 0) {
        splitter.feed(buf, 0, n, out);
      }
      if (!closing()) {
        splitter.end(out);
      }
    } catch (IOException e) {
      if (!closing()) {
        fail(new FeedException("cannot read " + spec.file() + ": " + e.getMessage(), e));
      }
    } catch (RuntimeException | Error e) {
      fail(e);
    } finally {
      markEnded();
    }
  }

  @Override
  void shutdown() {
    // the reader checks closing() between reads
  }
}
