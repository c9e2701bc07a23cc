package org.kuroshio.maritime.feed;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A small TCP server that writes every line it is given (CR LF terminated) to every connected
 * client: the sink of {@code replay --serve tcp://:PORT}, so that a node can ingest a replay as
 * if it were a live feed ({@code AisInput.open("tcp://host:PORT")}).
 *
 * <p>Each client has a bounded queue ({@code queueBatches x batchLines} lines) drained by its own
 * virtual thread. {@link #accept} blocks while a client's queue is full, so the slowest client
 * paces the replay; a client that takes no line for {@code slowClientTimeout} is disconnected
 * and counted. Lines given while no client is connected are counted as unsent. Thread-safe.
 */
public final class ReplayServer implements java.util.function.Consumer<String>, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ReplayServer.class.getName());

  private final FeedSpec spec;
  private final ServerSocket server;
  private final int maxClients;
  private final int clientQueue;
  private final long slowNanos;
  private final List<Client> clients = new CopyOnWriteArrayList<>();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition clientsChanged = lock.newCondition();
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong lines = new AtomicLong();
  private final AtomicLong unsent = new AtomicLong();
  private final Thread acceptor;
  private volatile boolean closing;

  private ReplayServer(FeedSpec spec, ServerSocket server, FeedSettings settings,
      Duration slowClientTimeout) {
    this.spec = spec;
    this.server = server;
    this.maxClients = settings.maxConnections();
    this.clientQueue = (int) Math.min(1 << 20,
        (long) settings.queueBatches() * settings.batchLines());
    this.slowNanos = slowClientTimeout.toNanos();
    this.acceptor = Thread.ofPlatform().name("ais-replay-accept " + spec).daemon(true)
        .unstarted(this::acceptLoop);
    acceptor.start();
  }

  /**
   * Listens on a {@code tcp://:PORT} or {@code tcp://HOST:PORT?listen} spec with default
   * settings and a 10 s slow-client timeout.
   *
   * @throws IllegalArgumentException when the spec is not a TCP server spec
   * @throws FeedException when the port cannot be bound
   */
  public static ReplayServer serve(String spec) {
    return serve(FeedSpec.parse(spec), FeedSettings.DEFAULTS, Duration.ofSeconds(10));
  }

  /**
   * Listens on {@code spec} (a TCP server spec); at most {@code settings.maxConnections()}
   * clients, each with a queue of {@code queueBatches x batchLines} lines.
   */
  public static ReplayServer serve(FeedSpec spec, FeedSettings settings,
      Duration slowClientTimeout) {
    if (spec.kind() != FeedSpec.Kind.TCP_SERVER) {
      throw new IllegalArgumentException(
          "replay serves TCP only (tcp://:PORT or tcp://HOST:PORT?listen): " + spec);
    }
    if (slowClientTimeout.isNegative() || slowClientTimeout.isZero()) {
      throw new IllegalArgumentException("slowClientTimeout must be positive");
    }
    try {
      ServerSocket ss = new ServerSocket();
      ss.setReuseAddress(true);
      String host = spec.host();
      ss.bind(host == null ? new InetSocketAddress(spec.port())
          : new InetSocketAddress(host, spec.port()), 64);
      return new ReplayServer(spec, ss, settings, slowClientTimeout);
    } catch (IOException e) {
      throw new FeedException("cannot listen on " + spec + ": " + e.getMessage(), e);
    }
  }

  /** The port listened on. */
  public int localPort() {
    return server.getLocalPort();
  }

  /** Clients connected now. */
  public int clientCount() {
    return clients.size();
  }

  /** Waits until at least {@code n} clients are connected; false on timeout or interrupt. */
  public boolean awaitClients(int n, Duration timeout) {
    lock.lock();
    try {
      long left = timeout.toNanos();
      while (clients.size() < n) {
        if (left <= 0 || closing) {
          return false;
        }
        left = clientsChanged.awaitNanos(left);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** Sends one line to every client (blocking while a client's queue is full). */
  @Override
  public void accept(String line) {
    lines.incrementAndGet();
    if (clients.isEmpty()) {
      unsent.incrementAndGet();
      return;
    }
    List<String> one = List.of(line);
    for (Client c : clients) {
      if (!c.queue.put(one, slowNanos) && !c.queue.isClosed()) {
        LOG.log(System.Logger.Level.WARNING, "replay " + spec + ": dropping slow client "
            + c.socket.getRemoteSocketAddress());
        dropped.incrementAndGet();
        c.close();
      }
    }
  }

  /** Counters so far. */
  public Stats stats() {
    return new Stats(lines.get(), unsent.get(), connections.get(), clients.size(),
        dropped.get());
  }

  /**
   * What the server did.
   *
   * @param lines lines given to the server
   * @param unsent lines given while no client was connected
   * @param connections clients accepted in total
   * @param clients clients connected now
   * @param droppedClients clients disconnected for being too slow
   */
  public record Stats(long lines, long unsent, long connections, int clients,
      long droppedClients) {}

  private void acceptLoop() {
    while (!closing) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        if (!closing) {
          LOG.log(System.Logger.Level.WARNING, "replay " + spec + ": accept failed: " + e);
        }
        return;
      }
      if (clients.size() >= maxClients || closing) {
        TcpClientInput.closeQuietly(s);
        continue;
      }
      connections.incrementAndGet();
      Client c = new Client(s, new LineQueue(clientQueue));
      Thread t = Thread.ofVirtual().name("ais-replay-client " + s.getRemoteSocketAddress())
          .unstarted(() -> c.write());
      threads.add(t);
      lock.lock();
      try {
        clients.add(c);
        clientsChanged.signalAll();
      } finally {
        lock.unlock();
      }
      t.start();
    }
  }

  /** A connected client and its queue. */
  private final class Client {
    final Socket socket;
    final LineQueue queue;

    Client(Socket socket, LineQueue queue) {
      this.socket = socket;
      this.queue = queue;
    }

    void write() {
      try (OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024)) {
        List<String> b;
        while ((b = queue.take()) != null) {
          for (String line : b) {
            out.write(line.getBytes(StandardCharsets.ISO_8859_1));
            out.write('\r');
            out.write('\n');
          }
          if (queue.size() == 0) {
            out.flush();
          }
        }
        out.flush();
      } catch (IOException e) {
        if (!closing) {
          LOG.log(System.Logger.Level.DEBUG, "replay " + spec + ": client "
              + socket.getRemoteSocketAddress() + " gone: " + e);
        }
      } finally {
        close();
        threads.remove(Thread.currentThread());
      }
    }

    void close() {
      queue.close();
      TcpClientInput.closeQuietly(socket);
      lock.lock();
      try {
        clients.remove(this);
        clientsChanged.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Stops accepting, lets every client's writer send what is queued (waiting up to the
   * slow-client timeout), then closes every socket and joins every thread.
   */
  @Override
  public void close() {
    closing = true;
    TcpClientInput.closeQuietly(server);
    lock.lock();
    try {
      clientsChanged.signalAll();
    } finally {
      lock.unlock();
    }
    long deadline = System.nanoTime() + slowNanos;
    try {
      acceptor.join(5_000);
      for (Client c : clients) {
        c.queue.finish();
      }
      for (Thread t : List.copyOf(threads)) {
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
        t.join(left);
      }
      for (Client c : clients) {
        c.close();
      }
      for (Thread t : List.copyOf(threads)) {
        t.join(5_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      for (Client c : clients) {
        c.close();
      }
    }
  }

  /** Threads still running (for tests: none after close). */
  List<Thread> threads() {
    return List.copyOf(threads);
  }

  boolean acceptorAlive() {
    return acceptor.isAlive();
  }
}
