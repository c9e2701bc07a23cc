package org.kuroshio.maritime.feed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** A TCP client that reconnects with doubling, capped backoff. */
final class TcpClientInput extends QueuedInput {
  private volatile @Nullable Socket socket;

  TcpClientInput(FeedSpec spec, FeedSettings settings) {
    super(spec, settings);
  }

  @Override
  void begin(Consumer<String> consumer) {
    startDispatcher(consumer);
    spawn("tcp-client " + spec, false, this::run);
  }

  private void run() {
    String host = Objects.requireNonNull(spec.host());
    Duration delay = settings.reconnectInitial();
    int failures = 0;
    boolean first = true;
    try {
      while (!closing()) {
        if (!first) {
          stats.reconnects.increment();
        }
        first = false;
        Socket s = new Socket();
        socket = s;
        boolean connected = false;
        try {
          if (closing()) {
            break;
          }
          if (settings.socketBufferBytes() > 0) {
            s.setReceiveBufferSize(settings.socketBufferBytes());
          }
          s.connect(new InetSocketAddress(host, spec.port()),
              (int) settings.connectTimeout().toMillis());
          connected = true;
          failures = 0;
          delay = settings.reconnectInitial();
          stats.connections.increment();
          stats.activeConnections.increment();
          readStream(s.getInputStream());
        } catch (IOException e) {
          if (!connected) {
            failures++;
          }
          if (!closing()) {
            LOG.log(System.Logger.Level.DEBUG, "input " + spec + ": " + e);
          }
        } finally {
          if (connected) {
            stats.activeConnections.decrement();
          }
          closeQuietly(s);
          socket = null;
        }
        if (closing()) {
          break;
        }
        if (settings.maxReconnects() >= 0 && failures > settings.maxReconnects()) {
          LOG.log(System.Logger.Level.WARNING, "input " + spec + ": giving up after "
              + failures + " failed connection attempts");
          break;
        }
        if (!sleepUnlessClosed(delay)) {
          break;
        }
        Duration next = delay.multipliedBy(2);
        delay = next.compareTo(settings.reconnectMax()) > 0 ? settings.reconnectMax() : next;
      }
    } finally {
      queue.finish();
    }
  }

  static void closeQuietly(@Nullable AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      // closing: nothing to do
    }
  }

  @Override
  void shutdown() {
    closeQuietly(socket);
    closeQueue();
  }
}
