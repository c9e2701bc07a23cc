package org.kuroshio.maritime.feed;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A source of raw NMEA lines (a recording, a TCP connection or server, a UDP port) that delivers
 * every line, in order per connection, to one consumer such as an
 * {@link org.kuroshio.maritime.ais.AisStream}. The consumer is called from one thread at a time
 * (it need not be thread-safe) and may block: that is the backpressure (see {@link LineQueue}).
 *
 * <p>Use: {@code try (AisInput in = AisInput.open("tcp://:10110")) { in.start(stream::accept);
 * ... }}. {@link #close()} stops every thread, closes every socket and waits for them.
 */
public interface AisInput extends AutoCloseable {

  /**
   * Opens the input {@code spec} names (see {@link FeedSpec}) with the default settings; nothing
   * is read, bound or connected before {@link #start}.
   *
   * @throws IllegalArgumentException naming what is wrong with the spec, or a missing file
   */
  static AisInput open(String spec) {
    return open(FeedSpec.parse(spec), FeedSettings.DEFAULTS);
  }

  /** As {@link #open(String)} with the given settings. */
  static AisInput open(String spec, FeedSettings settings) {
    return open(FeedSpec.parse(spec), settings);
  }

  /** As {@link #open(String)} for a parsed spec. */
  static AisInput open(FeedSpec spec, FeedSettings settings) {
    return switch (spec.kind()) {
      case FILE -> {
        var file = java.util.Objects.requireNonNull(spec.file());
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
          throw new IllegalArgumentException("no readable file at " + file);
        }
        yield new FileInput(spec, settings);
      }
      case TCP_CLIENT -> new TcpClientInput(spec, settings);
      case TCP_SERVER -> new TcpServerInput(spec, settings);
      case UDP -> new UdpInput(spec, settings);
    };
  }

  /** What this input reads. */
  FeedSpec spec();

  /**
   * Starts reading on background threads, delivering each line (without its terminator) to
   * {@code consumer}. Servers and UDP receivers are bound when this returns.
   *
   * @throws IllegalStateException when started twice or after close
   * @throws FeedException when a port cannot be bound
   */
  void start(Consumer<String> consumer);

  /**
   * Waits until the input has ended: a file at its end with every line delivered, a TCP client
   * that gave up reconnecting, any input after {@link #close()} or a failure. TCP servers and
   * UDP receivers end only on close. Returns false on timeout or interruption.
   */
  boolean awaitEnd(Duration timeout);

  /** The local port of a server or UDP receiver once started, else -1. */
  int localPort();

  /** The counters so far. */
  InputStats.Snapshot stats();

  /** Why the input ended early (the consumer threw, a file could not be read), if it did. */
  Optional<Throwable> failure();

  /** Stops reading, closes sockets and files, and joins every thread; idempotent. */
  @Override
  void close();
}
