package org.kuroshio.maritime.feed;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A UDP receiver. A datagram is one batch; when the queue is full the datagram is dropped and
 * counted (UDP senders cannot be slowed). A line never spans datagrams.
 */
final class UdpInput extends QueuedInput {
  private static final int MAX_DATAGRAM = 65_535;
  private volatile @Nullable DatagramSocket socket;

  UdpInput(FeedSpec spec, FeedSettings settings) {
    super(spec, settings);
  }

  @Override
  void begin(Consumer<String> consumer) {
    DatagramSocket ds;
    try {
      ds = new DatagramSocket(null);
      if (settings.socketBufferBytes() > 0) {
        ds.setReceiveBufferSize(settings.socketBufferBytes());
      }
      String host = spec.host();
      ds.bind(host == null ? new InetSocketAddress(spec.port())
          : new InetSocketAddress(host, spec.port()));
    } catch (IOException e) {
      throw new FeedException("cannot bind " + spec + ": " + e.getMessage(), e);
    }
    socket = ds;
    startDispatcher(consumer);
    spawn("udp " + spec, false, () -> receive(ds));
  }

  @Override
  public int localPort() {
    DatagramSocket ds = socket;
    return ds == null ? -1 : ds.getLocalPort();
  }

  private void receive(DatagramSocket ds) {
    LineSplitter splitter = new LineSplitter(settings.maxLineLength(), stats);
    byte[] buf = new byte[MAX_DATAGRAM];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    while (!closing()) {
      try {
        p.setLength(buf.length);
        ds.receive(p);
      } catch (IOException e) {
        if (!closing()) {
          fail(new FeedException("receive failed on " + spec + ": " + e.getMessage(), e));
        }
        return;
      }
      stats.datagrams.increment();
      ArrayList<String> batch = new ArrayList<>();
      splitter.feed(p.getData(), p.getOffset(), p.getLength(), batch::add);
      splitter.end(batch::add);
      if (!batch.isEmpty() && !queue.offer(batch)) {
        stats.droppedDatagrams.increment();
        stats.droppedLines.add(batch.size());
      }
    }
  }

  @Override
  void shutdown() {
    TcpClientInput.closeQuietly(socket);
    closeQueue();
  }
}
