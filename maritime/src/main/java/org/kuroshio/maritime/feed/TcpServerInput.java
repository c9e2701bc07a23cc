package org.kuroshio.maritime.feed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** A TCP server: one virtual thread per sender, at most {@code maxConnections} at once. */
final class TcpServerInput extends QueuedInput {
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger active = new AtomicInteger();
  private volatile @Nullable ServerSocket server;

  TcpServerInput(FeedSpec spec, FeedSettings settings) {
    super(spec, settings);
  }

  @Override
  void begin(Consumer<String> consumer) {
    ServerSocket ss;
    try {
      ss = new ServerSocket();
      ss.setReuseAddress(true);
      if (settings.socketBufferBytes() > 0) {
        ss.setReceiveBufferSize(settings.socketBufferBytes());
      }
      String host = spec.host();
      ss.bind(host == null ? new InetSocketAddress(spec.port())
          : new InetSocketAddress(host, spec.port()), 128);
    } catch (IOException e) {
      throw new FeedException("cannot listen on " + spec + ": " + e.getMessage(), e);
    }
    server = ss;
    startDispatcher(consumer);
    spawn("tcp-accept " + spec, false, () -> accept(ss));
  }

  @Override
  public int localPort() {
    ServerSocket ss = server;
    return ss == null ? -1 : ss.getLocalPort();
  }

  private void accept(ServerSocket ss) {
    int n = 0;
    while (!closing()) {
      Socket s;
      try {
        s = ss.accept();
      } catch (IOException e) {
        if (!closing()) {
          fail(new FeedException("accept failed on " + spec + ": " + e.getMessage(), e));
        }
        return;
      }
      if (active.incrementAndGet() > settings.maxConnections()) {
        active.decrementAndGet();
        stats.rejected.increment();
        TcpClientInput.closeQuietly(s);
        continue;
      }
      sockets.add(s);
      if (closing()) {
        // shutdown() may have run before the add: do not leave this socket open
        release(s);
        return;
      }
      stats.connections.increment();
      stats.activeConnections.increment();
      n++;
      spawn("tcp-conn-" + n + " " + s.getRemoteSocketAddress(), true, () -> serve(s));
    }
  }

  private void serve(Socket s) {
    try {
      readStream(s.getInputStream());
    } catch (IOException e) {
      if (!closing()) {
        LOG.log(System.Logger.Level.DEBUG, "input " + spec + ": connection "
            + s.getRemoteSocketAddress() + ": " + e);
      }
    } finally {
      stats.activeConnections.decrement();
      release(s);
    }
  }

  private void release(Socket s) {
    if (sockets.remove(s)) {
      active.decrementAndGet();
    }
    TcpClientInput.closeQuietly(s);
  }

  @Override
  void shutdown() {
    TcpClientInput.closeQuietly(server);
    for (Socket s : sockets) {
      TcpClientInput.closeQuietly(s);
    }
    closeQueue();
  }
}
