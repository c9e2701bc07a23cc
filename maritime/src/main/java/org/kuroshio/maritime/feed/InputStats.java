package org.kuroshio.maritime.feed;

import java.util.concurrent.atomic.LongAdder;

/** Live counters of one input; {@link #snapshot()} copies them. Thread-safe. */
public final class InputStats {
  final LongAdder bytes = new LongAdder();
  final LongAdder lines = new LongAdder();
  final LongAdder delivered = new LongAdder();
  final LongAdder droppedLines = new LongAdder();
  final LongAdder droppedDatagrams = new LongAdder();
  final LongAdder datagrams = new LongAdder();
  final LongAdder overlong = new LongAdder();
  final LongAdder nonAscii = new LongAdder();
  final LongAdder connections = new LongAdder();
  final LongAdder activeConnections = new LongAdder();
  final LongAdder rejected = new LongAdder();
  final LongAdder reconnects = new LongAdder();

  /** Returns a copy of the counters. */
  public Snapshot snapshot() {
    return new Snapshot(bytes.sum(), lines.sum(), delivered.sum(), droppedLines.sum(),
        datagrams.sum(), droppedDatagrams.sum(), overlong.sum(), nonAscii.sum(),
        connections.sum(), activeConnections.sum(), rejected.sum(), reconnects.sum());
  }

  @Override
  public String toString() {
    return snapshot().toString();
  }

  /**
   * The counters at one moment. When an input is idle, {@code lines = delivered + droppedLines}.
   *
   * @param bytes bytes received (files: read after decompression)
   * @param lines non-empty lines received, overlong ones excluded
   * @param delivered lines handed to the consumer
   * @param droppedLines lines received but not delivered: in UDP datagrams dropped on a full
   *     queue, or still queued when the input was closed
   * @param datagrams UDP datagrams received
   * @param droppedDatagrams UDP datagrams dropped because the queue was full
   * @param overlong lines longer than the limit: cut and not delivered
   * @param nonAscii bytes outside printable ASCII (not TAB, CR, LF): counted, the line is still
   *     delivered (the decoder counts it as malformed)
   * @param connections TCP connections made (client) or accepted (server), in total
   * @param activeConnections TCP connections open now
   * @param rejected TCP server: connections refused because {@code maxConnections} were open
   * @param reconnects TCP client: reconnect attempts
   */
  public record Snapshot(long bytes, long lines, long delivered, long droppedLines,
      long datagrams, long droppedDatagrams, long overlong, long nonAscii, long connections,
      long activeConnections, long rejected, long reconnects) {}
}
