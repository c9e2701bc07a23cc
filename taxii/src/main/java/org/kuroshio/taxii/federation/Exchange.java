package org.kuroshio.taxii.federation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.kuroshio.sharing.Agreement;
import org.kuroshio.sharing.IngestResult;
import org.kuroshio.sharing.NodeData;
import org.kuroshio.sharing.PeerRegistry;
import org.kuroshio.sharing.Principal;
import org.kuroshio.sharing.Role;
import org.kuroshio.sharing.SharingException;
import org.kuroshio.stix.Timestamps;
import org.kuroshio.store.ObjectQuery;
import org.kuroshio.store.Page;
import org.kuroshio.store.StoreException;
import org.kuroshio.store.StoredVersion;
import org.kuroshio.store.VersionMatch;
import org.kuroshio.taxii.Envelope;
import org.kuroshio.taxii.Status;
import org.kuroshio.taxii.StatusDetails;
import org.kuroshio.taxii.TaxiiException;
import org.kuroshio.taxii.TaxiiFilter;
import org.kuroshio.taxii.client.TaxiiClient;
import org.kuroshio.taxii.client.TaxiiPage;
import tools.jackson.databind.JsonNode;

/**
 * One pass of one link with one peer: the pull and push algorithms.
 *
 * <p><b>Pull.</b> GET the peer's collection with {@code added_after} = the saved cursor (none the
 * first time) and {@code match[version]=all}, following {@code next} while {@code more}. Each page
 * is checked whole before anything is stored (every item a JSON object, the
 * {@code X-TAXII-Date-Added-Last} header present and later than the cursor), then stored through
 * {@link NodeData#addReceived} (owned by the peer's organisation, received by the custodian's,
 * with the peer's URL as provenance), and only then is the cursor moved to that header. A crash
 * between the store and the cursor fetches the page again; identical versions are no-ops in the
 * store, so nothing is stored twice. Objects the store refuses one by one (invalid, a clashing
 * version) are logged and passed: they would be refused again.
 *
 * <p><b>Push.</b> Read, as the peer's organisation, the versions the release rule lets go to it
 * in the agreement's collection after the push cursor (so the decision and the audit name the
 * peer), keep those the custodian's organisation owns and made here (never what came from a
 * peer: no echo, and the peer would record it under the wrong owner), POST them in envelopes
 * within the peer's {@code max_content_length}, and move the push cursor past the page.
 *
 * <p>Agreement objects ({@code kuroshio-agreement}) are never exchanged: each node's
 * administrators record their agreements themselves.
 */
final class Exchange {
  private static final System.Logger LOG = System.getLogger(Exchange.class.getName());
  private static final String AGREEMENT_TYPE =
      Agreement.PREFIX.substring(0, Agreement.PREFIX.length() - 2);
  private static final int LOGGED_REFUSALS = 5;
  /** Bytes of {@code {"objects":[]}}. */
  private static final int EMPTY_ENVELOPE = 14;

  private final PeerRegistry.Peer peer;
  private final TaxiiClient client;
  private final NodeData data;
  private final PeerRegistry registry;
  private final Principal custodian;
  private final Clock clock;
  private final FederationSettings settings;
  private final BooleanSupplier stopping;

  Exchange(PeerRegistry.Peer peer, TaxiiClient client, NodeData data, PeerRegistry registry,
      Principal custodian, Clock clock, FederationSettings settings, BooleanSupplier stopping) {
    this.peer = peer;
    this.client = client;
    this.data = data;
    this.registry = registry;
    this.custodian = custodian;
    this.clock = clock;
    this.settings = settings;
    this.stopping = stopping;
  }

  /** Returns the registry key of a link's cursor and health. */
  static String key(Direction direction, String collection) {
    return direction == Direction.PULL ? collection : Links.pushKey(collection);
  }

  /** Counts of one pass, filled as pages go by. */
  private static final class Tally {
    int pages;
    int objects;
    int accepted;
    int refused;
    boolean more;
    /** Whether the cursor moved in this pass. */
    boolean moved;
  }

  /**
   * Runs one pass; never throws for a failure of the peer, the data or the network, but returns
   * it (with what was done before it) for the caller to record.
   */
  PassResult run(Direction direction, String collection) {
    Tally t = new Tally();
    try {
      if (direction == Direction.PULL) {
        pull(collection, t);
      } else {
        push(collection, t);
      }
      // A pass that hit a bound without moving its cursor (a peer paging in circles) waits for
      // the interval instead of running again at the next tick.
      return new PassResult(peer.id(), collection, direction, true, t.pages, t.objects,
          t.accepted, t.refused, t.more && t.moved, null);
    } catch (TaxiiException | SharingException | StoreException e) {
      String message = describe(e);
      LOG.log(System.Logger.Level.WARNING, "federation: " + direction.name().toLowerCase(
          Locale.ROOT) + " " + peer.id() + "/" + collection + " failed: " + message);
      return failed(direction, collection, t, message);
    } catch (RuntimeException e) {
      // A defect or a shape of garbage nobody foresaw: still a failed pass, retried with backoff.
      LOG.log(System.Logger.Level.ERROR, "federation: " + peer.id() + "/" + collection
          + " failed unexpectedly", e);
      return failed(direction, collection, t, describe(e));
    }
  }

  private PassResult failed(Direction direction, String collection, Tally t, String message) {
    return new PassResult(peer.id(), collection, direction, false, t.pages, t.objects,
        t.accepted, t.refused, false, message);
  }

  private static String describe(Throwable e) {
    StringBuilder b = new StringBuilder(e.getClass().getSimpleName()).append(": ")
        .append(e.getMessage());
    Throwable cause = e.getCause();
    if (cause != null && cause != e) {
      b.append(" (").append(cause.getClass().getSimpleName());
      if (cause.getMessage() != null) {
        b.append(": ").append(cause.getMessage());
      }
      b.append(')');
    }
    return b.toString();
  }

  private boolean bounded(Tally t, Instant deadline) {
    return t.pages >= settings.maxPagesPerPass() || !clock.instant().isBefore(deadline)
        || stopping.getAsBoolean();
  }

  // ---- pull ----

  private void pull(String collection, Tally t) {
    Instant deadline = clock.instant().plus(settings.maxPassTime());
    Instant cursor = cursor(collection);
    TaxiiFilter filter = TaxiiFilter.none().withAddedAfter(cursor)
        .withLimit(settings.pageSize()).withVersions("all");
    String next = null;
    while (true) {
      if (t.pages > 0 && bounded(t, deadline)) {
        t.more = true;
        return;
      }
      TaxiiPage<Envelope> page = client.getObjects(collection, filter.withNext(next));
      t.pages++;
      Envelope envelope = page.body();
      List<JsonNode> items = envelope.objects();
      Instant last = checkPage(collection, items, page.dateAddedLast(), cursor);
      t.objects += items.size();
      store(collection, items, t);
      if (last != null) {
        registry.saveCursor(peer.id(), collection, Timestamps.formatMicros(last),
            clock.instant());
        cursor = last;
        t.moved = true;
      }
      if (!envelope.more() || envelope.next() == null) {
        return;
      }
      next = envelope.next();
    }
  }

  private @Nullable Instant cursor(String key) {
    Optional<String> saved = registry.cursor(peer.id(), key);
    return saved.map(Timestamps::parse).orElse(null);
  }

  /**
   * Checks a page before anything of it is stored; returns its date-added-last, or null for an
   * empty page.
   */
  private @Nullable Instant checkPage(String collection, List<JsonNode> items,
      @Nullable Instant last, @Nullable Instant cursor) {
    for (int i = 0; i < items.size(); i++) {
      JsonNode o = items.get(i);
      if (!o.isObject() || !(o.get("type") instanceof JsonNode type) || !type.isString()) {
        throw garbage(collection, "objects[" + i + "] is not a STIX object");
      }
    }
    if (items.isEmpty()) {
      return null;
    }
    if (last == null) {
      throw garbage(collection, "a page of " + items.size()
          + " objects came without a valid X-TAXII-Date-Added-Last header");
    }
    if (cursor != null && !last.isAfter(cursor)) {
      throw garbage(collection, "X-TAXII-Date-Added-Last " + Timestamps.formatMicros(last)
          + " is not after added_after " + Timestamps.formatMicros(cursor));
    }
    return last;
  }

  private TaxiiException garbage(String collection, String what) {
    return new TaxiiException(200, null, "peer " + peer.id() + " collection " + collection
        + ": " + what);
  }

  private void store(String collection, List<JsonNode> items, Tally t) {
    List<JsonNode> keep = new ArrayList<>(items.size());
    for (JsonNode o : items) {
      if (!AGREEMENT_TYPE.equals(o.get("type").asString())) {
        keep.add(o);
      }
    }
    String node = peer.baseUrl().toString();
    for (int from = 0; from < keep.size(); from += settings.pageSize()) {
      List<JsonNode> chunk = keep.subList(from, Math.min(keep.size(), from + settings.pageSize()));
      IngestResult r = data.addReceived(custodian, collection, peer.organisation(), node,
          List.copyOf(chunk));
      t.accepted += r.successCount();
      t.refused += r.failureCount();
      logRefusals(collection, "refused from", r.failures().stream()
          .map(f -> f.id() + " " + f.version() + ": " + f.message()).toList());
    }
  }

  private void logRefusals(String collection, String what, List<String> refusals) {
    if (refusals.isEmpty()) {
      return;
    }
    List<String> shown = refusals.subList(0, Math.min(LOGGED_REFUSALS, refusals.size()));
    LOG.log(System.Logger.Level.WARNING, "federation: " + refusals.size() + " objects "
        + what + " peer " + peer.id() + " collection " + collection + ", such as " + shown);
  }

  // ---- push ----

  private void push(String collection, Tally t) {
    Instant deadline = clock.instant().plus(settings.maxPassTime());
    String key = Links.pushKey(collection);
    Instant cursor = cursor(key);
    Principal recipient = new Principal("federation:" + peer.id(), peer.organisation(),
        Set.of(Role.MACHINE));
    long maxBytes = Math.min(settings.maxPushBytes(), client.apiRoot().maxContentLength());
    String after = null;
    while (true) {
      if (t.pages > 0 && bounded(t, deadline)) {
        t.more = true;
        return;
      }
      ObjectQuery q = new ObjectQuery(cursor, Set.of(), Set.of(), VersionMatch.ALL, Set.of(),
          settings.pageSize(), after, true);
      Page<StoredVersion> page = data.query(recipient, collection, q, "federation.push");
      t.pages++;
      send(collection, ours(page.items()), maxBytes, t);
      if (!page.items().isEmpty()) {
        registry.saveCursor(peer.id(), key,
            Timestamps.formatMicros(page.items().getLast().dateAdded()), clock.instant());
        t.moved = true;
      }
      if (!page.more() || page.next() == null) {
        return;
      }
      after = page.next();
    }
  }

  /** Keeps the versions the custodian's organisation made here (not received, no agreements). */
  private List<StoredVersion> ours(List<StoredVersion> versions) {
    List<StoredVersion> out = new ArrayList<>(versions.size());
    for (StoredVersion v : versions) {
      if (v.owner().equals(custodian.organisation()) && v.receivedFrom() == null
          && !v.type().equals(AGREEMENT_TYPE) && v.json() != null) {
        out.add(v);
      }
    }
    return out;
  }

  private void send(String collection, List<StoredVersion> versions, long maxBytes, Tally t) {
    List<byte[]> batch = new ArrayList<>();
    long size = EMPTY_ENVELOPE;
    List<String> tooLarge = new ArrayList<>();
    for (StoredVersion v : versions) {
      byte[] body = Objects.requireNonNull(v.json()).getBytes(StandardCharsets.UTF_8);
      if (EMPTY_ENVELOPE + body.length > maxBytes) {
        tooLarge.add(v.id() + " " + v.versionText() + ": " + body.length + " bytes");
        continue;
      }
      if (!batch.isEmpty()
          && (batch.size() >= settings.pushBatch() || size + 1 + body.length > maxBytes)) {
        post(collection, batch, t);
        batch.clear();
        size = EMPTY_ENVELOPE;
      }
      size += (batch.isEmpty() ? 0 : 1) + body.length;
      batch.add(body);
    }
    if (!batch.isEmpty()) {
      post(collection, batch, t);
    }
    t.refused += tooLarge.size();
    logRefusals(collection, "too large (max_content_length " + maxBytes + ") to push to",
        tooLarge);
  }

  private void post(String collection, List<byte[]> bodies, Tally t) {
    int length = EMPTY_ENVELOPE + bodies.size() - 1;
    for (byte[] b : bodies) {
      length += b.length;
    }
    byte[] envelope = new byte[length];
    byte[] head = "{\"objects\":[".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, envelope, 0, head.length);
    int at = head.length;
    for (int i = 0; i < bodies.size(); i++) {
      if (i > 0) {
        envelope[at++] = ',';
      }
      byte[] b = bodies.get(i);
      System.arraycopy(b, 0, envelope, at, b.length);
      at += b.length;
    }
    envelope[at++] = ']';
    envelope[at] = '}';
    Status status = client.addRaw(collection, envelope);
    t.objects += bodies.size();
    t.accepted += (int) status.successCount();
    t.refused += (int) status.failureCount();
    List<String> refusals = new ArrayList<>();
    for (StatusDetails d : status.failures()) {
      refusals.add(d.id() + " " + d.version() + ": " + d.message());
    }
    logRefusals(collection, "refused by", refusals);
  }
}
