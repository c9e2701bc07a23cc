package org.kuroshio.maritime.feed;

import java.time.Duration;
import org.kuroshio.maritime.ais.AisLimits;

/**
 * Limits and timings of the inputs.
 *
 * @param maxLineLength longer lines are cut (the rest up to the line end is discarded unread),
 *     not delivered, and counted as {@code overlong}; default 1024, as
 *     {@link AisLimits#DEFAULTS}
 * @param queueBatches batches a network input holds between its readers and the consumer;
 *     default 64
 * @param batchLines lines per batch at most; default 256 (a batch is also handed over at the end
 *     of each read, so lines never wait for a batch to fill)
 * @param maxConnections TCP server: senders connected at once; more are accepted, closed at once
 *     and counted as {@code rejected}; default 64
 * @param connectTimeout TCP client: connect timeout; default 10 s
 * @param reconnectInitial TCP client: wait before the first reconnect; doubled after every failed
 *     attempt; default 250 ms
 * @param reconnectMax TCP client: the cap of that wait; default 30 s
 * @param maxReconnects TCP client: consecutive failed attempts after which the input gives up
 *     and ends; -1 = never give up (default)
 * @param socketBufferBytes TCP/UDP receive buffer (SO_RCVBUF) to ask for; 0 = system default
 *     (default)
 */
public record FeedSettings(
    int maxLineLength, int queueBatches, int batchLines, int maxConnections,
    Duration connectTimeout, Duration reconnectInitial, Duration reconnectMax, int maxReconnects,
    int socketBufferBytes) {

  /** The documented defaults. */
  public static final FeedSettings DEFAULTS = new FeedSettings(
      AisLimits.DEFAULTS.maxLineLength(), 64, 256, 64, Duration.ofSeconds(10),
      Duration.ofMillis(250), Duration.ofSeconds(30), -1, 0);

  /** Checks the values. */
  public FeedSettings {
    require(maxLineLength >= 20 && maxLineLength <= 1 << 20, "maxLineLength", maxLineLength);
    require(queueBatches >= 1 && queueBatches <= 1 << 16, "queueBatches", queueBatches);
    require(batchLines >= 1 && batchLines <= 1 << 16, "batchLines", batchLines);
    require(maxConnections >= 1 && maxConnections <= 1 << 16, "maxConnections", maxConnections);
    require(!connectTimeout.isNegative() && !connectTimeout.isZero()
        && connectTimeout.toMillis() <= Integer.MAX_VALUE, "connectTimeout", connectTimeout);
    require(!reconnectInitial.isNegative() && !reconnectInitial.isZero(), "reconnectInitial",
        reconnectInitial);
    require(reconnectMax.compareTo(reconnectInitial) >= 0, "reconnectMax", reconnectMax);
    require(maxReconnects >= -1, "maxReconnects", maxReconnects);
    require(socketBufferBytes >= 0, "socketBufferBytes", socketBufferBytes);
  }

  private static void require(boolean ok, String name, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("bad feed setting " + name + ": " + value);
    }
  }

  /** A copy with another queue size and batch size. */
  public FeedSettings withQueue(int batches, int lines) {
    return new FeedSettings(maxLineLength, batches, lines, maxConnections, connectTimeout,
        reconnectInitial, reconnectMax, maxReconnects, socketBufferBytes);
  }

  /** A copy with other reconnect timings. */
  public FeedSettings withReconnect(Duration initial, Duration max, int attempts) {
    return new FeedSettings(maxLineLength, queueBatches, batchLines, maxConnections,
        connectTimeout, initial, max, attempts, socketBufferBytes);
  }

  /** A copy with another connection bound. */
  public FeedSettings withMaxConnections(int max) {
    return new FeedSettings(maxLineLength, queueBatches, batchLines, max, connectTimeout,
        reconnectInitial, reconnectMax, maxReconnects, socketBufferBytes);
  }

  /** A copy with another receive buffer size. */
  public FeedSettings withSocketBuffer(int bytes) {
    return new FeedSettings(maxLineLength, queueBatches, batchLines, maxConnections,
        connectTimeout, reconnectInitial, reconnectMax, maxReconnects, bytes);
  }

  /** A copy with another line limit. */
  public FeedSettings withMaxLineLength(int chars) {
    return new FeedSettings(chars, queueBatches, batchLines, maxConnections, connectTimeout,
        reconnectInitial, reconnectMax, maxReconnects, socketBufferBytes);
  }
}
