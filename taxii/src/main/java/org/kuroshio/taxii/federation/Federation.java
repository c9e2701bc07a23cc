package org.kuroshio.taxii.federation;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.kuroshio.sharing.NodeData;
import org.kuroshio.sharing.NotFoundException;
import org.kuroshio.sharing.PeerRegistry;
import org.kuroshio.sharing.PeerRegistry.Health;
import org.kuroshio.sharing.PeerRegistry.Peer;
import org.kuroshio.sharing.Principal;
import org.kuroshio.sharing.Role;
import org.kuroshio.taxii.client.TaxiiClient;

/**
 * Exchanges objects with the peers in a {@link PeerRegistry}: pulls each peer's listed
 * collections into this node and pushes what the release rule lets go to each peer's listed
 * collections, on the peer's interval, retrying a failing link with exponential backoff.
 *
 * <p>A <em>link</em> is one (peer, collection, direction). Each link has a cursor in the registry
 * (so a restart continues where the last fully stored page ended) and its own health. A pass over
 * a link is bounded (pages and time, {@link FederationSettings}); a pass that stops at a bound
 * leaves the link due at the next tick. A failed pass (the peer down, slow, answering garbage or
 * refusing; the agreement not in force here) never moves the cursor; the link is tried again
 * after {@code interval x 2^failures}, capped at {@link FederationSettings#maxBackoff()}, with
 * jitter. Passes of one peer never overlap; different peers run in parallel on virtual threads,
 * at most {@link FederationSettings#maxConcurrentPeers()} at once. The pass algorithms are
 * described on {@code Exchange} and in docs/FEDERATION.md.
 *
 * <p>The <em>custodian</em> is the principal this node pulls as: received objects are owned by
 * the peer's organisation and received by the custodian's organisation (their first recipient,
 * which governs onward release). Only versions the custodian's organisation owns, and did not
 * receive, are pushed; the peer's credentials must belong to that organisation on the peer.
 */
public final class Federation implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Federation.class.getName());

  private final NodeData data;
  private final PeerRegistry registry;
  private final Principal custodian;
  private final Clock clock;
  private final FederationSettings settings;
  private final RandomGenerator random;
  private final HttpClient http;
  private final Map<String, Client> clients = new ConcurrentHashMap<>();
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  /** Links (peer id, registry key) whose last pass stopped at a bound with more to do. */
  private final Set<String> backlog = ConcurrentHashMap.newKeySet();
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private @Nullable ScheduledExecutorService ticker;
  private @Nullable ExecutorService workers;

  private record Client(Peer peer, TaxiiClient client) {}

  private record Link(Direction direction, String collection) {
    String key() {
      return Exchange.key(direction, collection);
    }
  }

  /**
   * Creates a federation with random jitter.
   *
   * @param custodian the principal this node pulls as (an organisation on this node, usually
   *     with role {@link Role#MACHINE}); it must be able to write
   * @throws IllegalArgumentException when the custodian is read-only
   */
  public Federation(NodeData data, PeerRegistry registry, Principal custodian, Clock clock,
      FederationSettings settings) {
    this(data, registry, custodian, clock, settings, RandomGenerator.getDefault());
  }

  /** As the other constructor, with the source of backoff jitter (tests pass a seeded one). */
  public Federation(NodeData data, PeerRegistry registry, Principal custodian, Clock clock,
      FederationSettings settings, RandomGenerator random) {
    if (custodian.has(Role.READ_ONLY)) {
      throw new IllegalArgumentException("the federation custodian " + custodian.user()
          + " is read-only; it must be able to store what it receives");
    }
    this.data = data;
    this.registry = registry;
    this.custodian = custodian;
    this.clock = clock;
    this.settings = settings;
    this.random = random;
    this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /**
   * Starts exchanging in the background: every {@link FederationSettings#tick()}, each enabled
   * peer's due links run (peers added to the registry later are picked up). Calling it again does
   * nothing.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("federation is closed");
    }
    if (ticker != null) {
      return;
    }
    workers = Executors.newThreadPerTaskExecutor(
        Thread.ofVirtual().name("kuroshio-federation-", 0).factory());
    ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("kuroshio-federation-tick").daemon().factory());
    ticker = t;
    long tick = Math.max(1, settings.tick().toMillis());
    t.scheduleWithFixedDelay(this::tick, 0, tick, TimeUnit.MILLISECONDS);
  }

  /**
   * Runs one pass over every link of a peer now, in the caller's thread, whatever its backoff:
   * its pull collections first, then its push collections. Waits for a pass of the same peer
   * already running. Failures are recorded (with backoff) and returned, not thrown.
   *
   * @throws NotFoundException when there is no such peer
   * @throws IllegalArgumentException when the peer is disabled
   * @throws IllegalStateException after {@link #close()}
   */
  public List<PassResult> syncNow(String peerId) {
    if (closed) {
      throw new IllegalStateException("federation is closed");
    }
    Peer peer = registry.peer(peerId).orElseThrow(() -> new NotFoundException("peer", peerId));
    if (!peer.enabled()) {
      throw new IllegalArgumentException("peer " + peerId + " is disabled");
    }
    return runLinks(peer, links(peer), true);
  }

  /**
   * Returns the health of every configured link of every peer, ordered by peer, then pull links
   * before push links, in the peer's order.
   */
  public List<LinkHealth> health() {
    List<LinkHealth> out = new ArrayList<>();
    for (Peer p : registry.peers()) {
      out.addAll(health(p));
    }
    return out;
  }

  /**
   * Returns the health of one peer's links.
   *
   * @throws NotFoundException when there is no such peer
   */
  public List<LinkHealth> health(String peerId) {
    Peer peer = registry.peer(peerId).orElseThrow(() -> new NotFoundException("peer", peerId));
    return health(peer);
  }

  private List<LinkHealth> health(Peer peer) {
    Map<String, Health> states;
    try {
      states = states(peer);
    } catch (NotFoundException e) {
      return List.of(); // removed meanwhile
    }
    List<LinkHealth> out = new ArrayList<>();
    for (Link link : links(peer)) {
      Health h = states.get(link.key());
      if (h == null) {
        out.add(new LinkHealth(peer.id(), link.collection(), link.direction(), peer.enabled(),
            LinkHealth.State.NEW, 0, null, null, null, null, null));
      } else {
        LinkHealth.State state = h.consecutiveFailures() > 0 ? LinkHealth.State.FAILING
            : h.lastSuccess() != null ? LinkHealth.State.UP : LinkHealth.State.NEW;
        out.add(new LinkHealth(peer.id(), link.collection(), link.direction(), peer.enabled(),
            state, h.consecutiveFailures(), h.lastError(), h.lastFailure(), h.lastSuccess(),
            h.nextAttempt(), h.cursor()));
      }
    }
    return out;
  }

  /**
   * Stops the scheduler and waits for running passes to stop after their current page (at most
   * about the request timeout); passes still running then are interrupted. Cursors stay where
   * the last stored page put them. {@link #syncNow} and {@link #start} then refuse.
   */
  @Override
  public void close() {
    ScheduledExecutorService t;
    ExecutorService w;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      t = ticker;
      w = workers;
    }
    if (t != null) {
      t.shutdownNow();
    }
    if (w != null) {
      w.shutdown();
      try {
        long grace = settings.requestTimeout().toMillis() + 5_000;
        if (!w.awaitTermination(grace, TimeUnit.MILLISECONDS)) {
          w.shutdownNow();
          if (!w.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.log(System.Logger.Level.WARNING, "federation: passes still running after close");
          }
        }
      } catch (InterruptedException e) {
        w.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    http.shutdownNow();
  }

  // ---- scheduling ----

  /** One scheduler tick: hands each enabled peer with due links to a worker. */
  private void tick() {
    ExecutorService w = workers;
    if (closed || w == null) {
      return;
    }
    try {
      Instant now = clock.instant();
      for (Peer p : registry.peers()) {
        if (!p.enabled() || running.contains(p.id())
            || running.size() >= settings.maxConcurrentPeers()) {
          continue;
        }
        List<Link> due = due(p, now);
        if (due.isEmpty() || !running.add(p.id())) {
          continue;
        }
        try {
          w.execute(() -> {
            try {
              runLinks(p, due, false);
            } finally {
              running.remove(p.id());
            }
          });
        } catch (RejectedExecutionException e) {
          running.remove(p.id());
          return; // closing
        }
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "federation: scheduler tick failed", e);
    }
  }

  /**
   * Runs the due links of every enabled peer in the caller's thread (what one tick starts), and
   * returns what they did. For tests with a fixed clock.
   */
  List<PassResult> runDue() {
    List<PassResult> out = new ArrayList<>();
    Instant now = clock.instant();
    for (Peer p : registry.peers()) {
      if (p.enabled()) {
        List<Link> due = due(p, now);
        if (!due.isEmpty()) {
          out.addAll(runLinks(p, due, true));
        }
      }
    }
    return out;
  }

  private static List<Link> links(Peer peer) {
    List<Link> out = new ArrayList<>(peer.pull().size() + peer.push().size());
    for (String c : peer.pull()) {
      out.add(new Link(Direction.PULL, c));
    }
    for (String c : peer.push()) {
      out.add(new Link(Direction.PUSH, c));
    }
    return out;
  }

  private Map<String, Health> states(Peer peer) {
    Map<String, Health> out = new HashMap<>();
    for (Health h : registry.health(peer.id())) {
      out.put(h.collection(), h);
    }
    return out;
  }

  /**
   * Returns the links due now: those with more to do, never tried, past their backoff, or whose
   * interval has passed since their last success.
   */
  private List<Link> due(Peer peer, Instant now) {
    Map<String, Health> states;
    try {
      states = states(peer);
    } catch (NotFoundException e) {
      return List.of();
    }
    Duration interval = Duration.ofSeconds(peer.intervalSeconds());
    List<Link> out = new ArrayList<>();
    for (Link link : links(peer)) {
      Health h = states.get(link.key());
      boolean due;
      if (backlog.contains(peer.id() + "|" + link.key())) {
        due = h == null || h.nextAttempt() == null || !now.isBefore(h.nextAttempt());
      } else if (h == null) {
        due = true;
      } else if (h.nextAttempt() != null) {
        due = !now.isBefore(h.nextAttempt());
      } else {
        Instant last = h.lastSuccess();
        due = last == null || !now.isBefore(last.plus(interval));
      }
      if (due) {
        out.add(link);
      }
    }
    return out;
  }

  // ---- passes ----

  private List<PassResult> runLinks(Peer peer, List<Link> links, boolean wait) {
    ReentrantLock lock = locks.computeIfAbsent(peer.id(), k -> new ReentrantLock());
    if (wait) {
      lock.lock();
    } else if (!lock.tryLock()) {
      return List.of();
    }
    try {
      Exchange exchange = new Exchange(peer, client(peer), data, registry, custodian, clock,
          settings, () -> closed || Thread.currentThread().isInterrupted());
      List<PassResult> out = new ArrayList<>(links.size());
      for (Link link : links) {
        if (closed) {
          break;
        }
        PassResult r = exchange.run(link.direction(), link.collection());
        if (closed && !r.ok()) {
          break; // interrupted by close: not the peer's fault, record nothing
        }
        record(peer, link, r);
        out.add(r);
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  private void record(Peer peer, Link link, PassResult r) {
    String key = link.key();
    String backlogKey = peer.id() + "|" + key;
    Instant now = clock.instant();
    try {
      if (r.ok()) {
        registry.recordSuccess(peer.id(), key, now);
        if (r.more()) {
          backlog.add(backlogKey);
        } else {
          backlog.remove(backlogKey);
        }
      } else {
        int failures = 1;
        for (Health h : registry.health(peer.id())) {
          if (h.collection().equals(key)) {
            failures = h.consecutiveFailures() + 1;
          }
        }
        Duration wait = Backoff.delay(Duration.ofSeconds(peer.intervalSeconds()), failures,
            settings.maxBackoff(), random.nextDouble());
        registry.recordFailure(peer.id(), key, String.valueOf(r.error()), now, now.plus(wait));
      }
    } catch (NotFoundException e) {
      backlog.remove(backlogKey); // the peer was removed during the pass
    }
  }

  private TaxiiClient client(Peer peer) {
    Client c = clients.get(peer.id());
    if (c != null && c.peer().equals(peer)) {
      return c.client();
    }
    TaxiiClient.Builder b = TaxiiClient.builder(peer.baseUrl()).httpClient(http)
        .requestTimeout(settings.requestTimeout())
        .maxResponseBytes(settings.maxResponseBytes());
    switch (peer.auth()) {
      case PeerRegistry.Bearer t -> b.bearerToken(t.token());
      case PeerRegistry.Basic basic -> b.basicAuth(basic.user(), basic.password().toCharArray());
    }
    TaxiiClient built = b.build();
    clients.put(peer.id(), new Client(peer, built));
    return built;
  }

  @Override
  public String toString() {
    return "Federation[custodian=" + custodian.user() + "@" + custodian.organisation() + "]";
  }
}
