package org.kuroshio.sharing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.StixJson;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Tlp;
import org.kuroshio.store.CollectionInfo;
import org.kuroshio.store.Contribution;
import org.kuroshio.store.NewVersion;
import org.kuroshio.store.ObjectQuery;
import org.kuroshio.store.Page;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.StoredVersion;
import org.kuroshio.store.VersionMatch;
import org.kuroshio.store.WriteResult;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link NodeData} over a {@link StixStore}: collections resolved from the sharing state, every
 * version that leaves checked by {@link ReleaseRule} (relationships and sightings also on their
 * ends) and recorded in the {@link AuditLog}; every write through
 * {@link #add(Principal, String, ValidatedBatch)} or {@link #addReceived}.
 */
final class StoreNodeData implements NodeData {
  private static final int MAX_MESSAGES = 5;
  /** Store pages read at most to fill one page of released versions. */
  private static final int MAX_ROUNDS = 20;
  /** Versions a search or count scans at most. */
  private static final int MAX_SCAN = 200_000;
  private static final int MAX_SEARCH_TEXT = 200;
  private static final int SCAN_PAGE = 1_000;
  /** Versions read ahead per store page to learn whether anything after a full page is left. */
  private static final int LOOK_AHEAD = 1_000;

  private final StixStore store;
  private final Governance governance;
  private final AuditLog audit;
  private final IngestSettings settings;
  private final Clock clock;
  private final Derivation derivation;

  StoreNodeData(StixStore store, Governance governance, AuditLog audit, IngestSettings settings,
      Clock clock) {
    this.store = store;
    this.governance = governance;
    this.audit = audit;
    this.settings = settings;
    this.clock = clock;
    this.derivation = new Derivation(settings.strictValidation());
  }

  @Override
  public Governance governance() {
    return governance;
  }

  // ---- collections ----

  /** A collection as resolved for one principal. */
  private record Target(CollectionInfo info, Purpose purpose, @Nullable Agreement agreement,
      Permission permission) {}

  private static Permission rights(Principal p) {
    return p.has(Role.READ_ONLY) ? Permission.READ : Permission.READ_WRITE;
  }

  private Optional<Target> target(Principal p, String collectionId, SharingState s, Instant now) {
    String org = p.organisation();
    if (collectionId.equals(SharingState.localCollectionId(org))
        && s.organisation(org).isPresent()) {
      return store.collection(collectionId)
          .map(c -> new Target(c, Purpose.local(), null, rights(p)));
    }
    Agreement a = s.agreementOfCollection(collectionId).orElse(null);
    if (a != null && a.hasParty(org) && a.inForce(now)) {
      return store.collection(collectionId)
          .map(c -> new Target(c, Purpose.agreement(a.id()), a, rights(p)));
    }
    return Optional.empty();
  }

  private Target visible(Principal p, String collectionId, SharingState s, Instant now) {
    return target(p, collectionId, s, now)
        .orElseThrow(() -> new NotFoundException("collection", collectionId));
  }

  @Override
  public List<CollectionView> collections(Principal principal) {
    SharingState s = governance.state();
    Instant now = clock.instant();
    List<CollectionView> out = new ArrayList<>();
    target(principal, SharingState.localCollectionId(principal.organisation()), s, now)
        .ifPresent(t -> out.add(new CollectionView(t.info(), t.permission())));
    List<CollectionView> agreements = new ArrayList<>();
    for (Agreement a : s.agreementsOf(principal.organisation())) {
      target(principal, a.collectionId(), s, now)
          .ifPresent(t -> agreements.add(new CollectionView(t.info(), t.permission())));
    }
    agreements.sort(java.util.Comparator.comparing((CollectionView c) -> c.info().title())
        .thenComparing(CollectionView::id));
    out.addAll(agreements);
    return out;
  }

  @Override
  public Optional<CollectionView> collection(Principal principal, String collectionId) {
    return target(principal, collectionId, governance.state(), clock.instant())
        .map(t -> new CollectionView(t.info(), t.permission()));
  }

  // ---- reads through the rule ----

  /** Decides releases for one principal and one read, caching the ends it looked up. */
  private final class Releaser {
    final Principal principal;
    final SharingState state;
    final Instant now;
    final Purpose purpose;
    final Map<String, Boolean> endVisible = new HashMap<>();
    final List<AuditEntry.Item> items = new ArrayList<>();

    Releaser(Principal principal, Purpose purpose) {
      this.principal = principal;
      this.state = governance.state();
      this.now = clock.instant();
      this.purpose = purpose;
    }

    Decision decide(StoredVersion v) {
      return ReleaseRule.decide(state, ReleaseSubject.of(v), principal.organisation(), purpose,
          now);
    }

    /** Returns the released versions of a batch, in order, recording each for the audit. */
    List<StoredVersion> filter(List<StoredVersion> batch) {
      return filter(batch, true);
    }

    /** As {@link #filter(List)}; {@code record} false for a look ahead that releases nothing. */
    List<StoredVersion> filter(List<StoredVersion> batch, boolean record) {
      List<StoredVersion> allowed = new ArrayList<>(batch.size());
      List<Decision> decisions = new ArrayList<>(batch.size());
      List<StoredVersion> withEnds = new ArrayList<>();
      for (StoredVersion v : batch) {
        Decision d = decide(v);
        if (d.allowed()) {
          allowed.add(v);
          decisions.add(d);
          if (hasEnds(v) && d.reason() != Decision.Reason.OWNER) {
            withEnds.add(v);
          }
        }
      }
      Set<StoredVersion> blocked = withEnds.isEmpty() ? Set.of() : blockedByEnds(withEnds);
      List<StoredVersion> out = new ArrayList<>(allowed.size());
      for (int i = 0; i < allowed.size(); i++) {
        StoredVersion v = allowed.get(i);
        if (blocked.contains(v)) {
          continue;
        }
        out.add(v);
        if (record) {
          Decision d = decisions.get(i);
          items.add(new AuditEntry.Item(v.id(), v.versionText(), d.reason().name(),
              d.agreementId()));
        }
      }
      return out;
    }

    /** Returns the versions with an end (or sighting reference) the principal may not see. */
    private Set<StoredVersion> blockedByEnds(List<StoredVersion> versions) {
      Map<StoredVersion, @Nullable List<String>> refs = new java.util.IdentityHashMap<>();
      Map<String, String> bodies = bodies(versions);
      Set<String> unknown = new HashSet<>();
      for (StoredVersion v : versions) {
        String json = v.json() != null ? v.json() : bodies.get(v.id() + "|" + v.versionText());
        List<String> r = json == null ? null : ends(json);
        refs.put(v, r);
        if (r == null) {
          continue;
        }
        for (String id : r) {
          if (!endVisible.containsKey(id)) {
            unknown.add(id);
          }
        }
      }
      lookUpEnds(unknown);
      Set<StoredVersion> blocked = java.util.Collections.newSetFromMap(
          new java.util.IdentityHashMap<>());
      for (Map.Entry<StoredVersion, @Nullable List<String>> e : refs.entrySet()) {
        List<String> r = e.getValue();
        if (r == null || r.stream().anyMatch(id -> !endVisible.getOrDefault(id, false))) {
          blocked.add(e.getKey());
        }
      }
      return blocked;
    }

    private void lookUpEnds(Set<String> ids) {
      List<String> all = new ArrayList<>(ids);
      for (int from = 0; from < all.size(); from += SCAN_PAGE) {
        List<String> chunk = all.subList(from, Math.min(all.size(), from + SCAN_PAGE));
        for (String id : chunk) {
          endVisible.put(id, false);
        }
        for (StoredVersion end : store.versionsOf(chunk, VersionMatch.LAST, false)) {
          Decision d = ReleaseRule.decide(state, ReleaseSubject.of(end),
              principal.organisation(), Purpose.any(), now);
          endVisible.put(end.id(), d.allowed());
        }
      }
    }

    void record(String action, @Nullable String collection) {
      audit.append(new AuditEntry(now, principal.user(), principal.organisation(), action,
          collection, items));
    }

    /** Records the release of exactly these versions (decided again for their reasons). */
    void record(String action, @Nullable String collection, List<StoredVersion> released) {
      items.clear();
      for (StoredVersion v : released) {
        Decision d = decide(v);
        items.add(new AuditEntry.Item(v.id(), v.versionText(), d.reason().name(),
            d.agreementId()));
      }
      record(action, collection);
    }
  }

  /** Returns the ends of a relationship or sighting, or null when its JSON cannot be read. */
  private static @Nullable List<String> ends(String json) {
    try {
      return org.kuroshio.stix.Ends.of(StixJson.mapper().readTree(json), Integer.MAX_VALUE);
    } catch (JacksonException e) {
      return null;
    }
  }

  private static boolean hasEnds(StoredVersion v) {
    return v.type().equals("relationship") || v.type().equals("sighting");
  }

  /** Returns the JSON of versions read without bodies, keyed by id and version text. */
  private Map<String, String> bodies(List<StoredVersion> versions) {
    Map<String, String> out = new HashMap<>();
    List<String> ids = new ArrayList<>();
    for (StoredVersion v : versions) {
      if (v.json() == null) {
        ids.add(v.id());
      }
    }
    for (int from = 0; from < ids.size(); from += SCAN_PAGE) {
      for (StoredVersion v : store.versionsOf(ids.subList(from, Math.min(ids.size(),
          from + SCAN_PAGE)), VersionMatch.ALL, true)) {
        out.put(v.id() + "|" + v.versionText(), Objects.requireNonNull(v.json()));
      }
    }
    return out;
  }

  @Override
  public Page<StoredVersion> query(Principal principal, String collectionId, ObjectQuery query,
      String action) {
    SharingState s = governance.state();
    Target t = visible(principal, collectionId, s, clock.instant());
    if (!t.permission().canRead()) {
      throw new PolicyViolationException("no read right on collection " + collectionId);
    }
    Releaser r = new Releaser(principal, t.purpose());
    Page<StoredVersion> page = released(r, collectionId, query);
    r.record(action, collectionId);
    return page;
  }

  /**
   * Fills one page of released versions, reading store pages until it is full or the collection
   * is exhausted. {@code more} and {@code next} are computed after the rule: when the page is
   * full, the versions after it are read ahead (without releasing them) until one that the rule
   * releases is found, so that a page followed only by withheld versions says {@code more:
   * false}. The reading is bounded ({@link #MAX_ROUNDS} store pages per request); when the bound
   * is reached first, the answer says {@code more: true} with a cursor past everything read, so
   * the next request goes on from there.
   */
  private Page<StoredVersion> released(Releaser r, String collectionId, ObjectQuery query) {
    List<StoredVersion> out = new ArrayList<>(Math.min(query.limit(), 1024));
    String cursor = query.after();
    int rounds = 0;
    int peeks = 0;
    while (true) {
      boolean full = out.size() == query.limit();
      // Until full, ask for exactly what is missing, so that when every entry of the last store
      // page is released, that page's cursor is right after the last version returned. Once
      // full, look at the next version alone (usually released), then at larger runs.
      int want = full ? (peeks++ == 0 ? 1 : LOOK_AHEAD) : query.limit() - out.size();
      ObjectQuery q = new ObjectQuery(query.addedAfter(), query.ids(), query.types(),
          query.versions(), query.specVersions(), want, cursor, query.withBody() && !full);
      Page<StoredVersion> page = store.query(collectionId, q);
      rounds++;
      if (full) {
        if (!r.filter(page.items(), false).isEmpty()) {
          return new Page<>(out, true, cursor);
        }
      } else {
        out.addAll(r.filter(page.items()));
      }
      if (!page.more()) {
        return new Page<>(out, false, null);
      }
      String after = page.next();
      if (rounds >= MAX_ROUNDS || after == null) {
        // Bounded: everything up to here is either returned or withheld.
        return new Page<>(out, true, after);
      }
      cursor = after;
    }
  }

  @Override
  public long count(Principal principal, String collectionId, ObjectQuery query) {
    SharingState s = governance.state();
    Target t = visible(principal, collectionId, s, clock.instant());
    if (!t.permission().canRead()) {
      throw new PolicyViolationException("no read right on collection " + collectionId);
    }
    Releaser r = new Releaser(principal, t.purpose());
    long n = 0;
    String cursor = null;
    long scanned = 0;
    do {
      ObjectQuery q = new ObjectQuery(query.addedAfter(), query.ids(), query.types(),
          query.versions(), query.specVersions(), SCAN_PAGE, cursor, false);
      Page<StoredVersion> page = store.query(collectionId, q);
      n += r.filter(page.items()).size();
      scanned += page.items().size();
      r.items.clear();
      cursor = page.more() ? page.next() : null;
    } while (cursor != null && scanned < MAX_SCAN);
    return n;
  }

  @Override
  public boolean contains(Principal principal, String collectionId, String objectId) {
    SharingState s = governance.state();
    Target t = visible(principal, collectionId, s, clock.instant());
    if (!t.permission().canRead()) {
      throw new PolicyViolationException("no read right on collection " + collectionId);
    }
    ObjectQuery any = new ObjectQuery(null, Set.of(objectId), Set.of(), VersionMatch.ALL,
        Set.of(), 1, null, false);
    return !released(new Releaser(principal, t.purpose()), collectionId, any).items().isEmpty();
  }

  @Override
  public List<StoredVersion> object(Principal principal, String objectId, VersionMatch versions,
      String action) {
    Releaser r = new Releaser(principal, Purpose.any());
    // First and last are judged among the versions released to the principal, as a TAXII
    // collection does: the newest version may be withheld while an older one is released.
    List<StoredVersion> released = r.filter(store.versionsOf(List.of(objectId), VersionMatch.ALL,
        true), false);
    List<StoredVersion> out = new ArrayList<>();
    for (int i = 0; i < released.size(); i++) {
      StoredVersion v = released.get(i);
      if (versions.all() || (versions.first() && i == 0)
          || (versions.last() && i == released.size() - 1)
          || versions.exact().contains(v.version())) {
        out.add(v);
      }
    }
    r.record(action, null, out);
    return out;
  }

  @Override
  public List<Contribution> provenance(Principal principal, String objectId) {
    Releaser r = new Releaser(principal, Purpose.any());
    Set<String> released = new HashSet<>();
    for (StoredVersion v : r.filter(store.versionsOf(List.of(objectId), VersionMatch.ALL, false),
        false)) {
      released.add(v.versionText());
    }
    if (released.isEmpty()) {
      return List.of();
    }
    List<Contribution> out = new ArrayList<>();
    for (Contribution c : store.provenance(objectId)) {
      if (released.contains(c.version())) {
        out.add(c);
      }
    }
    return out;
  }

  @Override
  public List<StoredVersion> search(Principal principal, String text, Set<String> types,
      int limit) {
    Checks.require(text.length() <= MAX_SEARCH_TEXT,
        "search text longer than " + MAX_SEARCH_TEXT + " characters");
    Checks.require(limit >= 1 && limit <= SCAN_PAGE, "limit must be 1.." + SCAN_PAGE);
    String needle = text.toLowerCase(Locale.ROOT);
    Map<String, StoredVersion> found = new LinkedHashMap<>();
    long scanned = 0;
    List<AuditEntry.Item> items = new ArrayList<>();
    Instant now = clock.instant();
    for (CollectionView c : collections(principal)) {
      Target t = visible(principal, c.id(), governance.state(), now);
      Releaser r = new Releaser(principal, t.purpose());
      String cursor = null;
      do {
        ObjectQuery q = new ObjectQuery(null, Set.of(), types, VersionMatch.LAST, Set.of(),
            SCAN_PAGE, cursor, true);
        Page<StoredVersion> page = store.query(c.id(), q);
        scanned += page.items().size();
        List<StoredVersion> matching = new ArrayList<>();
        for (StoredVersion v : page.items()) {
          if (!found.containsKey(v.id()) && v.json() != null
              && v.json().toLowerCase(Locale.ROOT).contains(needle)) {
            matching.add(v);
          }
        }
        for (StoredVersion v : r.filter(matching)) {
          if (found.size() < limit) {
            found.putIfAbsent(v.id(), v);
          }
        }
        cursor = page.more() ? page.next() : null;
      } while (cursor != null && found.size() < limit && scanned < MAX_SCAN);
      for (AuditEntry.Item i : r.items) {
        if (found.containsKey(i.id())) {
          items.add(i);
        }
      }
      if (found.size() >= limit || scanned >= MAX_SCAN) {
        break;
      }
    }
    audit.append(new AuditEntry(now, principal.user(), principal.organisation(), "api.search",
        null, items));
    return new ArrayList<>(found.values());
  }

  /** Returns the latest version of an object the principal may ask about, or throws. */
  private StoredVersion askable(Principal principal, String objectId) {
    SharingState s = governance.state();
    List<StoredVersion> latest = store.versionsOf(List.of(objectId), VersionMatch.LAST, false);
    boolean nodeAdmin = principal.has(Role.ADMIN)
        && principal.organisation().equals(s.nodeOrganisation());
    if (latest.isEmpty()
        || !(nodeAdmin || latest.getFirst().owner().equals(principal.organisation()))) {
      throw new NotFoundException("object", objectId);
    }
    return latest.getFirst();
  }

  @Override
  public Decision explain(Principal principal, String objectId, String organisation) {
    StoredVersion v = askable(principal, objectId);
    return ReleaseRule.decide(governance.state(), ReleaseSubject.of(v), organisation,
        Purpose.any(), clock.instant());
  }

  @Override
  public Map<String, Decision> releasability(Principal principal, String objectId) {
    StoredVersion v = askable(principal, objectId);
    SharingState s = governance.state();
    Instant now = clock.instant();
    Map<String, Decision> out = new LinkedHashMap<>();
    List<Organisation> orgs = new ArrayList<>(s.organisations());
    orgs.sort(java.util.Comparator.comparing(Organisation::name));
    for (Organisation o : orgs) {
      out.put(o.id(), ReleaseRule.decide(s, ReleaseSubject.of(v), o.id(), Purpose.any(), now));
    }
    return out;
  }

  @Override
  public int delete(
      Principal principal,
      String collectionId,
      String objectId,
      VersionMatch versions,
      Set<String> specVersions) {
    SharingState s = governance.state();
    Target t = visible(principal, collectionId, s, clock.instant());
    if (!t.permission().canRead() || !t.permission().canWrite()) {
      throw new PolicyViolationException(
          "deleting from collection " + collectionId + " needs both read and write rights");
    }
    if (!contains(principal, collectionId, objectId)) {
      throw new NotFoundException("object", objectId);
    }
    List<StoredVersion> all = store.versionsOf(List.of(objectId), VersionMatch.LAST, false);
    if (all.isEmpty() || !all.getFirst().owner().equals(principal.organisation())) {
      throw new PolicyViolationException(
          "only the organisation that owns an object may delete it: " + objectId);
    }
    return store.delete(collectionId, objectId, versions, specVersions);
  }

  // ---- writes ----

  @Override
  public IngestResult add(Principal principal, String collectionId, List<StixObject> objects) {
    List<JsonNode> nodes = new ArrayList<>(objects.size());
    for (StixObject o : objects) {
      nodes.add(o.json());
    }
    // The objects themselves go along, so that what they cache (their JSON text) is reused.
    return add(principal, collectionId, validate(nodes, objects));
  }

  @Override
  public IngestResult addJson(Principal principal, String collectionId, List<JsonNode> objects) {
    return add(principal, collectionId, validate(objects, null));
  }

  @Override
  public ValidatedBatch validate(List<JsonNode> objects) {
    return validate(objects, null);
  }

  /**
   * The pipeline's first stage: validates every value and wraps the valid ones (serialising each
   * once, so the store writes the text made here). {@code wrapped}, when given, holds the values
   * already wrapped, in order.
   */
  private ValidatedBatch validate(List<JsonNode> objects, @Nullable List<StixObject> wrapped) {
    Checks.require(objects.size() <= settings.maxObjectsPerCall(),
        "too many objects in one call: " + objects.size() + " (at most "
            + settings.maxObjectsPerCall() + ")");
    List<ValidatedBatch.Entry> entries = new ArrayList<>(objects.size());
    for (int i = 0; i < objects.size(); i++) {
      JsonNode node = objects.get(i);
      String id = stringOr(node, "id", "objects[" + i + "]");
      String version = stringOr(node, "modified", stringOr(node, "created", ""));
      if (!(node instanceof ObjectNode object)) {
        entries.add(new ValidatedBatch.Entry(id, version, null, "not a JSON object"));
        continue;
      }
      List<String> errors = derivation.validate(object);
      if (!errors.isEmpty()) {
        entries.add(new ValidatedBatch.Entry(id, version, null, summarise(errors)));
        continue;
      }
      try {
        StixObject o = wrapped != null ? wrapped.get(i) : StixObject.of(object);
        o.toJson();
        entries.add(new ValidatedBatch.Entry(id, version, o, null));
      } catch (RuntimeException e) {
        // InvalidPropertyException: no string type or id (a lenient validator lets it through).
        entries.add(new ValidatedBatch.Entry(id, version, null, e.getMessage()));
      }
    }
    return new ValidatedBatch(derivation, entries);
  }

  /** The pipeline after validation: derive, store with the principal's organisation as owner. */
  @Override
  public IngestResult add(Principal principal, String collectionId, ValidatedBatch batch) {
    SharingState s = governance.state();
    Target t = visible(principal, collectionId, s, clock.instant());
    if (!t.permission().canWrite()) {
      throw new PolicyViolationException("no write right on collection " + collectionId);
    }
    Agreement a = t.agreement();
    String agreement = a == null ? null : a.id();
    String node = s.nodeOrganisation();
    if (a != null && principal.has(Role.MACHINE) && !principal.organisation().equals(node)
        && a.hasParty(node)) {
      // A peer node pushing under an agreement: what it sends is received by this node's
      // organisation, so the onward limits of rule 5 apply here as they would to a pull.
      return store(batch, collectionId, s, principal.organisation(),
          "push:" + principal.user(), node, agreement);
    }
    return store(batch, collectionId, s, principal.organisation(), null, null, agreement);
  }

  @Override
  public IngestResult addReceived(Principal principal, String agreementCollection,
      String peerOrganisation, String peerNode, List<JsonNode> objects) {
    SharingState s = governance.state();
    Target t = visible(principal, agreementCollection, s, clock.instant());
    Agreement a = t.agreement();
    if (a == null) {
      throw new NotFoundException("collection", agreementCollection);
    }
    if (!t.permission().canWrite()) {
      throw new PolicyViolationException("no write right on collection " + agreementCollection);
    }
    if (!a.hasParty(peerOrganisation) || peerOrganisation.equals(principal.organisation())) {
      throw new PolicyViolationException("organisation " + peerOrganisation
          + " is not another party to agreement " + a.id());
    }
    ValidatedBatch batch = validate(objects, null);
    // What the peer sends back that another organisation owns here (our own objects echoed by
    // the peer) is not its contribution: left out, so that provenance does not credit the peer.
    Map<String, String> owners = owners(batch);
    List<ValidatedBatch.Entry> mine = new ArrayList<>();
    @Nullable ObjectResult[] echoed = new ObjectResult[batch.entries().size()];
    for (int i = 0; i < batch.entries().size(); i++) {
      ValidatedBatch.Entry e = batch.entries().get(i);
      String owner = e.object() == null ? null : owners.get(e.id());
      if (owner != null && !owner.equals(peerOrganisation)) {
        echoed[i] = new ObjectResult(e.id(), e.version(), true,
            "unchanged: owned here by " + owner);
      } else {
        mine.add(e);
      }
    }
    IngestResult stored = store(new ValidatedBatch(derivation, mine), agreementCollection, s,
        peerOrganisation, peerNode, principal.organisation(), a.id());
    List<ObjectResult> out = new ArrayList<>(echoed.length);
    int k = 0;
    for (ObjectResult r : echoed) {
      out.add(r != null ? r : stored.results().get(k++));
    }
    return new IngestResult(out);
  }

  /** Returns the owner of each object of the batch already stored here. */
  private Map<String, String> owners(ValidatedBatch batch) {
    List<String> ids = new ArrayList<>();
    for (ValidatedBatch.Entry e : batch.entries()) {
      if (e.object() != null) {
        ids.add(e.id());
      }
    }
    Map<String, String> out = new HashMap<>();
    for (int from = 0; from < ids.size(); from += SCAN_PAGE) {
      for (StoredVersion v : store.versionsOf(ids.subList(from, Math.min(ids.size(),
          from + SCAN_PAGE)), VersionMatch.LAST, false)) {
        out.put(v.id(), v.owner());
      }
    }
    return out;
  }

  private IngestResult store(ValidatedBatch batch, String collectionId, SharingState s,
      String owner, @Nullable String receivedFrom, @Nullable String receivedBy,
      @Nullable String agreement) {
    Checks.require(batch.validatedBy() == derivation,
        "the batch was validated by another node's pipeline");
    List<ValidatedBatch.Entry> entries = batch.entries();
    @Nullable ObjectResult[] results = new ObjectResult[entries.size()];
    List<StixObject> accepted = new ArrayList<>(entries.size());
    List<Integer> positions = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      ValidatedBatch.Entry e = entries.get(i);
      if (e.object() == null) {
        results[i] = new ObjectResult(e.id(), e.version(), false, e.refusal());
      } else {
        accepted.add(e.object());
        positions.add(i);
      }
    }
    List<NewVersion> versions = new ArrayList<>(accepted.size());
    if (!accepted.isEmpty()) {
      List<Derivation.Derived> derived = derivation.derive(accepted, store, collectionId);
      String sharer = receivedBy != null ? receivedBy : owner;
      for (int k = 0; k < accepted.size(); k++) {
        Derivation.Derived d = derived.get(k);
        StixObject o = accepted.get(k);
        Tlp tlp = d.tlp() == null ? null : Tlp.fromName(d.tlp()).orElse(null);
        Set<String> also = Memberships.of(s, collectionId, sharer, o.type(), o.id(), tlp,
            d.domains(), receivedBy != null);
        versions.add(new NewVersion(o, owner, d.domains(), d.tlp(), d.releaseTo(), receivedFrom,
            receivedBy, agreement, also));
      }
    }
    if (!versions.isEmpty()) {
      List<WriteResult> written = store.add(collectionId, versions);
      List<String> added = new ArrayList<>();
      for (int k = 0; k < written.size(); k++) {
        WriteResult w = written.get(k);
        String note = w.outcome() == WriteResult.Outcome.UNCHANGED ? "unchanged" : w.message();
        results[positions.get(k)] = new ObjectResult(w.id(), w.version(), w.succeeded(), note);
        if (w.outcome() == WriteResult.Outcome.ADDED) {
          added.add(w.id());
        }
      }
      renewReferences(s, added);
    }
    List<ObjectResult> out = new ArrayList<>(results.length);
    for (ObjectResult r : results) {
      out.add(Objects.requireNonNull(r, "store returned fewer results than versions"));
    }
    return new IngestResult(out);
  }

  /**
   * Makes the relationships and sightings that reference objects which just got a new version
   * members of their agreement collections again, with new dates added: the new version may
   * make an end visible that was not, and a reader's {@code added_after} cursor is already past
   * the relationship's old date (docs/SHARING.md, "Relationships and sightings").
   */
  private void renewReferences(SharingState s, List<String> ids) {
    for (int from = 0; from < ids.size(); from += SCAN_PAGE) {
      List<StoredVersion> referencing =
          store.referencing(ids.subList(from, Math.min(ids.size(), from + SCAN_PAGE)));
      if (referencing.isEmpty()) {
        continue;
      }
      // The latest version of each referencing object, in the collections it belongs to.
      Map<String, StoredVersion> latest = new LinkedHashMap<>();
      for (StoredVersion v : referencing) {
        StoredVersion known = latest.get(v.id());
        if (known == null || v.version().isAfter(known.version())) {
          latest.put(v.id(), v);
        }
      }
      Map<String, List<StoredVersion>> byCollection = new LinkedHashMap<>();
      for (StoredVersion v : latest.values()) {
        ReleaseSubject r = ReleaseSubject.of(v);
        String sharer = r.receivedBy() != null ? r.receivedBy() : r.owner();
        for (String c : Memberships.of(s, SharingState.localCollectionId(sharer), sharer,
            r.type(), r.id(), r.tlp(), r.domains(), r.received())) {
          byCollection.computeIfAbsent(c, k -> new ArrayList<>()).add(v);
        }
      }
      byCollection.forEach(store::renew);
    }
  }

  private static String summarise(List<String> errors) {
    StringBuilder b = new StringBuilder("invalid: ");
    for (int i = 0; i < errors.size() && i < MAX_MESSAGES; i++) {
      if (i > 0) {
        b.append("; ");
      }
      b.append(errors.get(i));
    }
    if (errors.size() > MAX_MESSAGES) {
      b.append("; and ").append(errors.size() - MAX_MESSAGES).append(" more");
    }
    return b.toString();
  }

  private static String stringOr(JsonNode node, String name, String fallback) {
    JsonNode v = node.isObject() ? node.get(name) : null;
    return v != null && v.isString() ? v.asString() : fallback;
  }

  @Override
  public void saveStatus(Principal principal, String statusId, String json) {
    ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
    wrapper.put("organisation", principal.organisation());
    wrapper.set("status", StixJson.readTree(json, StixJson.mapper()));
    store.putStatus(statusId, StixJson.write(wrapper));
  }

  @Override
  public Optional<String> status(Principal principal, String statusId) {
    return store.status(statusId).flatMap(text -> {
      try {
        JsonNode wrapper = StixJson.mapper().readTree(text);
        JsonNode org = wrapper.get("organisation");
        JsonNode status = wrapper.get("status");
        if (org == null || status == null || !org.asString().equals(principal.organisation())) {
          return Optional.empty();
        }
        return Optional.of(StixJson.write(status));
      } catch (JacksonException e) {
        return Optional.empty();
      }
    });
  }

}
