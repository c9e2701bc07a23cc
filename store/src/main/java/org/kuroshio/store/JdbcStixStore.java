package org.kuroshio.store;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.StixJson;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Timestamps;

/**
 * The JDBC store, one implementation for H2 2.x and PostgreSQL.
 *
 * <p><b>Writers.</b> Every write ({@code add}, {@code delete}) runs under one writer lock: a JVM
 * lock, then the {@code store_clock} row locked with {@code SELECT ... FOR UPDATE} for the whole
 * transaction (so two processes on one database also take turns). Inside it the writer hands out
 * dates added as {@code max(clock now, last + 1 µs)} and commits before the next writer starts.
 * Dates added are therefore unique, strictly increasing, and become visible in order: a reader
 * that resumes after the last date it saw cannot miss a version that was still being written.
 *
 * <p><b>One batch, few round trips.</b> {@code add} reads the existing versions and the collection
 * memberships of all the batch's ids with one query each (chunked), decides every object in
 * memory, then writes with batched inserts and updates. Bodies of existing versions are read only
 * when a new version collides with one.
 *
 * <p><b>First and last.</b> Each membership row carries the object's first/last flags within its
 * collection, recomputed for the touched objects by every write, so {@code match[version]=first}
 * or {@code last} is a plain predicate on the paging index scan.
 *
 * <p><b>Several collections, provenance.</b> A version's first membership and its first
 * contribution are keyed by the version's own number (its first date added), so a bulk import of
 * new objects writes one row each in {@code object_versions}, {@code collection_objects} and
 * {@code contributions}, all keyed in insertion order. Further memberships ({@code alsoIn},
 * {@link #addMembers}) and further contributions get dates of their own from the same clock and
 * are listed in {@code collection_extra_members} and {@code contribution_extras}, the only tables
 * indexed by version.
 */
final class JdbcStixStore implements StixStore {
  private static final System.Logger LOG = System.getLogger(JdbcStixStore.class.getName());

  /** Most entries one page returns, whatever limit was asked. */
  static final int MAX_PAGE = 10_000;

  /** Most values one {@code match[...]} filter may carry. */
  static final int MAX_FILTER_VALUES = 1_000;

  /** Most versions one {@code add} or {@code addMembers} call may carry. */
  static final int MAX_BATCH = 100_000;

  /** Most further collections ({@link NewVersion#alsoIn()}) one version may name. */
  static final int MAX_ALSO_IN = 1_000;

  private static final int IN_CHUNK = 500;
  private static final int MAX_ID = 300;
  private static final int MAX_TYPE = 250;
  private static final int MAX_SPEC = 20;
  private static final int MAX_OWNER = 300;
  private static final int MAX_TLP = 20;
  private static final int MAX_DOMAINS = 1000;
  private static final int MAX_COLLECTION_ID = 100;

  private static final String VERSION_COLUMNS =
      "v.object_id, v.object_type, v.spec_version, v.version_key, v.version_text, v.revoked,"
          + " v.owner, v.domains, v.tlp, v.release_to, v.received_from, v.received_by";

  private final HikariDataSource dataSource;
  private final Dialect dialect;
  private final Clock clock;
  private final String jdbcUrl;
  private final ReentrantLock writer = new ReentrantLock();

  // Guarded by writer: the kind codes (see object_kinds) known to this writer, by type NUL spec.
  // Cleared when a write rolls back, since the codes it allocated are gone with it.
  private final Map<String, Integer> kindCodes = new HashMap<>();

  // Guarded by writer: rows written since the planner's statistics were last refreshed, and how
  // many more to write before refreshing them again (doubling, up to a million).
  private long rowsSinceAnalyze;
  private long analyzeThreshold = 1_000;
  private int rowsWritten;

  JdbcStixStore(HikariDataSource dataSource, Dialect dialect, Clock clock, String jdbcUrl) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.clock = clock;
    this.jdbcUrl = jdbcUrl;
  }

  // ---------------------------------------------------------------------------------------------
  // Collections and statuses

  @Override
  public void putCollection(CollectionInfo c) {
    requireLength("collection id", c.id(), MAX_COLLECTION_ID);
    requireLength("collection title", c.title(), 1000);
    if (c.alias() != null) {
      requireLength("collection alias", c.alias(), 250);
    }
    String media = Codecs.encodeList(c.mediaTypes());
    requireLength("collection media types", media, 4000);
    upsert(
        "UPDATE collections SET title = ?, description = ?, alias = ?, media_types = ?"
            + " WHERE id = ?",
        "INSERT INTO collections (title, description, alias, media_types, id)"
            + " VALUES (?, ?, ?, ?, ?)",
        c.title(), c.description(), c.alias(), media, c.id());
  }

  @Override
  public Optional<CollectionInfo> collection(String id) {
    List<CollectionInfo> found =
        readCollections("SELECT id, title, description, alias, media_types FROM collections"
            + " WHERE id = ?", id);
    return found.stream().findFirst();
  }

  @Override
  public List<CollectionInfo> collections() {
    return readCollections(
        "SELECT id, title, description, alias, media_types FROM collections ORDER BY title, id",
        null);
  }

  private List<CollectionInfo> readCollections(String sql, @Nullable String id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      if (id != null) {
        ps.setString(1, id);
      }
      List<CollectionInfo> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new CollectionInfo(rs.getString(1), rs.getString(2), rs.getString(3),
              rs.getString(4), Codecs.decodeList(rs.getString(5))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("reading collections", e);
    }
  }

  @Override
  public void putStatus(String statusId, String json) {
    requireLength("status id", statusId, MAX_COLLECTION_ID);
    upsert("UPDATE statuses SET body = ?, updated = ? WHERE id = ?",
        "INSERT INTO statuses (body, updated, id) VALUES (?, ?, ?)",
        json, Codecs.micros(clock.instant()), statusId);
  }

  @Override
  public Optional<String> status(String statusId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT body FROM statuses WHERE id = ?")) {
      ps.setString(1, statusId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("reading status " + Codecs.abbreviate(statusId), e);
    }
  }

  /** Updates a row, or inserts it when absent; both statements take the same parameters. */
  private void upsert(String update, String insert, @Nullable Object... params) {
    try (Connection c = dataSource.getConnection()) {
      for (int attempt = 0; ; attempt++) {
        try (PreparedStatement ps = c.prepareStatement(update)) {
          bind(ps, params);
          if (ps.executeUpdate() > 0) {
            return;
          }
        }
        try (PreparedStatement ps = c.prepareStatement(insert)) {
          bind(ps, params);
          ps.executeUpdate();
          return;
        } catch (SQLException e) {
          // Another connection inserted the same key between our update and insert: update again.
          if (!"23505".equals(e.getSQLState()) || attempt > 2) {
            throw e;
          }
        }
      }
    } catch (SQLException e) {
      throw failure("writing a row", e);
    }
  }

  private static void bind(PreparedStatement ps, @Nullable Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Writes

  /** One object of an {@code add} call, prepared outside the writer lock. */
  private static final class Candidate {
    final int index;
    final NewVersion source;
    final StixObject object;
    final String id;
    final byte[] body;
    @Nullable String rejection;
    @Nullable String versionKey;
    @Nullable String versionText;
    String spec = "2.1";
    String domains = "";
    String releaseTo = "";
    // The numbers of the alsoIn collections other than the target, ascending; set by the writer.
    int[] alsoColls = new int[0];
    final Contributor contributor;

    Candidate(int index, NewVersion source) {
      this.index = index;
      this.source = source;
      this.object = source.object();
      this.id = object.id();
      this.contributor =
          new Contributor(source.owner(), source.receivedFrom(), source.agreement());
      // The object's compact text, cached on it: a caller that serialised it ahead (the import
      // pipeline does, on its reader thread) saves the writer that work.
      this.body = object.toJson().getBytes(StandardCharsets.UTF_8);
    }
  }

  /** A stored version of an object, as the writer sees it. */
  private static final class Version {
    final long vid;
    final String key;
    final String text;
    final String owner;
    final boolean revoked;
    final boolean keyedByDate;
    final String type;
    final String spec;
    byte @Nullable [] body;
    @Nullable StixObject object;
    // Its recorded contributions; loaded only for versions a candidate may be identical to.
    @Nullable List<Contributor> contributors;

    Version(long vid, String key, String text, String owner, boolean revoked,
        boolean keyedByDate, String type, String spec) {
      this.type = type;
      this.spec = spec;
      this.vid = vid;
      this.key = key;
      this.text = text;
      this.owner = owner;
      this.revoked = revoked;
      this.keyedByDate = keyedByDate;
    }
  }

  /** Who contributed a version: a provenance row without its version and date. */
  private record Contributor(
      String organisation, @Nullable String node, @Nullable String agreement) {}

  /** A provenance row: {@code at} is its key, {@code vid} the version's first_added. */
  private record ContributionRow(long at, long vid, Contributor by) {}

  /** A membership row, as the writer sees it. */
  private static final class Member {
    final int coll;
    final long dateAdded;
    final long vid;
    final String key;
    final String spec;
    final String type;
    final String objectId;
    final boolean wasFirst;
    final boolean wasLast;
    final boolean isNew;
    boolean first;
    boolean last;

    Member(int coll, long dateAdded, long vid, String objectId, String type, String spec,
        String key, boolean wasFirst, boolean wasLast, boolean isNew) {
      this.coll = coll;
      this.dateAdded = dateAdded;
      this.vid = vid;
      this.objectId = objectId;
      this.type = type;
      this.spec = spec;
      this.key = key;
      this.wasFirst = wasFirst;
      this.wasLast = wasLast;
      this.isNew = isNew;
    }
  }

  /**
   * The memberships of one collection that a write reads and changes: every membership there of
   * the objects it touches, by object id, and which objects gained one.
   */
  private static final class CollectionMembers {
    final int coll;
    final Map<String, List<Member>> byId;
    final Set<String> touched = new LinkedHashSet<>();

    CollectionMembers(int coll, Map<String, List<Member>> byId) {
      this.coll = coll;
      this.byId = byId;
    }

    List<Member> of(String objectId) {
      return byId.computeIfAbsent(objectId, k -> new ArrayList<>());
    }

    /** Adds a membership of version {@code v} of object {@code objectId}, dated {@code date}. */
    void join(String objectId, Version v, long date) {
      of(objectId).add(new Member(coll, date, v.vid, objectId, v.type, v.spec, v.key, false,
          false, true));
      touched.add(objectId);
    }
  }

  @Override
  public List<WriteResult> add(String collectionId, List<NewVersion> versions) {
    if (versions.size() > MAX_BATCH) {
      throw new IllegalArgumentException(
          "too many versions in one add: " + versions.size() + " (max " + MAX_BATCH + ")");
    }
    List<Candidate> candidates = new ArrayList<>(versions.size());
    for (int i = 0; i < versions.size(); i++) {
      candidates.add(prepare(i, versions.get(i)));
    }
    return underWriter("adding to collection " + Codecs.abbreviate(collectionId),
        c -> write(c, collectionId, candidates));
  }

  /** Work done in a writer's transaction. */
  @FunctionalInterface
  private interface WriterWork<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} as the one writer, in one transaction that it commits (or rolls back when
   * the work throws), then refreshes the planner's statistics when enough rows were written.
   */
  private <T> T underWriter(String what, WriterWork<T> work) {
    writer.lock();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        rowsWritten = 0;
        T result = work.run(c);
        c.commit();
        rowsSinceAnalyze += rowsWritten;
        if (rowsSinceAnalyze >= analyzeThreshold) {
          analyze(c);
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        kindCodes.clear();
        rollback(c, e);
        throw e;
      }
    } catch (SQLException e) {
      throw failure(what, e);
    } finally {
      writer.unlock();
    }
  }

  private static Candidate prepare(int index, NewVersion v) {
    Candidate c = new Candidate(index, v);
    StixObject o = c.object;
    String problem = null;
    if (c.id.length() > MAX_ID) {
      problem = "id longer than " + MAX_ID + " characters";
    } else if (o.type().length() > MAX_TYPE) {
      problem = "type longer than " + MAX_TYPE + " characters";
    } else if (v.owner().length() > MAX_OWNER) {
      problem = "owner longer than " + MAX_OWNER + " characters";
    } else if (v.tlp() != null && v.tlp().length() > MAX_TLP) {
      problem = "TLP name longer than " + MAX_TLP + " characters";
    } else if (v.receivedFrom() != null && v.receivedFrom().length() > MAX_OWNER) {
      problem = "received_from longer than " + MAX_OWNER + " characters";
    } else if (v.receivedBy() != null && v.receivedBy().length() > MAX_OWNER) {
      problem = "received_by longer than " + MAX_OWNER + " characters";
    } else if (v.agreement() != null && v.agreement().length() > MAX_OWNER) {
      problem = "agreement longer than " + MAX_OWNER + " characters";
    } else if (v.alsoIn().size() > MAX_ALSO_IN) {
      problem = "more than " + MAX_ALSO_IN + " further collections (" + v.alsoIn().size() + ")";
    }
    c.spec = o.specVersion().orElse("2.1");
    if (problem == null && c.spec.length() > MAX_SPEC) {
      problem = "spec_version longer than " + MAX_SPEC + " characters";
    }
    c.domains = Codecs.encodeSet(v.domains());
    if (problem == null && c.domains.length() > MAX_DOMAINS) {
      problem = "domains longer than " + MAX_DOMAINS + " characters in all";
    }
    c.releaseTo = Codecs.encodeList(v.releaseTo());
    Optional<String> text = o.modified().or(o::created);
    if (problem == null && text.isPresent()) {
      String key = Codecs.versionKey(text.get());
      if (key == null) {
        problem = (o.modified().isPresent() ? "modified" : "created")
            + " is not a STIX timestamp: " + Codecs.abbreviate(text.get());
      } else {
        c.versionText = text.get();
        c.versionKey = key;
      }
    }
    c.rejection = problem;
    return c;
  }

  private List<WriteResult> write(Connection c, String collectionId, List<Candidate> candidates)
      throws SQLException {
    int coll = requireCollection(c, collectionId);
    long last = lockClock(c);
    long now = Codecs.micros(clock.instant());
    resolveAlsoIn(c, coll, candidates);

    Set<String> ids = new LinkedHashSet<>();
    for (Candidate cand : candidates) {
      if (cand.rejection == null) {
        ids.add(cand.id);
      }
    }
    Map<String, List<Version>> stored = loadVersions(c, ids);
    Map<Integer, CollectionMembers> colls = loadMembers(c, coll, candidates, stored);
    CollectionMembers target = colls.get(coll);
    loadContributors(c, loadCollidingBodies(c, candidates, stored));

    List<WriteResult> results = new ArrayList<>(candidates.size());
    List<Candidate> newVersionRows = new ArrayList<>();
    List<Long> newVersionIds = new ArrayList<>();
    List<ContributionRow> contributions = new ArrayList<>();
    for (Candidate cand : candidates) {
      if (cand.rejection != null) {
        results.add(rejected(cand, cand.rejection));
        continue;
      }
      List<Version> versions = stored.computeIfAbsent(cand.id, k -> new ArrayList<>());
      // An identical version is a fact already stored, whoever sends it again (the standard
      // TLP marking-definitions, shared identities): it is not refused. Only new versions must
      // come from the object's owner.
      Version same = findSame(cand, versions);
      if (same == null && !versions.isEmpty()
          && !versions.get(0).owner.equals(cand.source.owner())) {
        results.add(rejected(cand,
            "object " + cand.id + " belongs to another organisation; only its owner may add"
                + " versions"));
        continue;
      }
      if (same == null && cand.versionKey != null) {
        Version clash = find(versions, cand.versionKey);
        if (clash != null) {
          results.add(rejected(cand, "a different object is already stored as version "
              + clash.text + " of " + cand.id));
          continue;
        }
      }
      Version accepted;
      if (same != null) {
        accepted = same;
        if (memberOf(target.of(cand.id), same.vid)) {
          results.add(new WriteResult(cand.id, same.text, WriteResult.Outcome.UNCHANGED, null));
        } else {
          last = Math.max(now, last + 1);
          target.join(cand.id, same, last);
          results.add(new WriteResult(cand.id, same.text, WriteResult.Outcome.ADDED, null));
        }
      } else {
        long dateAdded = Math.max(now, last + 1);
        String key = cand.versionKey != null
            ? cand.versionKey
            : Codecs.versionKey(Codecs.instant(dateAdded));
        Version revoked = laterThanRevocation(versions, key);
        if (revoked != null) {
          results.add(rejected(cand, "object " + cand.id + " was revoked in version "
              + revoked.text + "; no later version may be added"));
          continue;
        }
        if (cand.object.revoked()) {
          Version later = laterVersion(versions, key);
          if (later != null) {
            results.add(rejected(cand, "a revocation must be the last version of " + cand.id
                + ", but version " + later.text + " is later"));
            continue;
          }
        }
        last = dateAdded;
        String text = cand.versionText != null
            ? cand.versionText
            : Timestamps.formatMicros(Codecs.instant(dateAdded));
        Version v = new Version(dateAdded, key, text, cand.source.owner(), cand.object.revoked(),
            cand.versionText == null, cand.object.type(), cand.spec);
        v.body = cand.body;
        v.object = cand.object;
        versions.add(v);
        target.join(cand.id, v, dateAdded);
        cand.versionKey = key;
        cand.versionText = text;
        newVersionRows.add(cand);
        newVersionIds.add(dateAdded);
        results.add(new WriteResult(cand.id, text, WriteResult.Outcome.ADDED, null));
        accepted = v;
      }
      for (int other : cand.alsoColls) {
        CollectionMembers members = colls.get(other);
        if (!memberOf(members.of(cand.id), accepted.vid)) {
          last = Math.max(now, last + 1);
          members.join(cand.id, accepted, last);
        }
      }
      // The first contribution of a new version is implied by the version's row (owner, node,
      // agreement: see readContributions); a later one (another organisation, node or
      // agreement) is a provenance row keyed by a date of its own.
      if (accepted.contributors == null) {
        accepted.contributors = new ArrayList<>(1);
        accepted.contributors.add(cand.contributor);
      } else if (!accepted.contributors.contains(cand.contributor)) {
        last = Math.max(now, last + 1);
        accepted.contributors.add(cand.contributor);
        contributions.add(new ContributionRow(last, accepted.vid, cand.contributor));
      }
    }

    insertVersions(c, newVersionRows, newVersionIds);
    insertReferences(c, newVersionRows, newVersionIds);
    rowsWritten = writeMembers(c, colls.values());
    insertContributions(c, contributions);
    saveClock(c, last);
    return results;
  }

  /**
   * Resolves the alsoIn collections of the candidates to their numbers ({@link
   * Candidate#alsoColls}, without the target), and refuses the candidates that name a collection
   * that does not exist.
   */
  private void resolveAlsoIn(Connection c, int coll, List<Candidate> candidates)
      throws SQLException {
    Set<String> named = new LinkedHashSet<>();
    for (Candidate cand : candidates) {
      if (cand.rejection == null) {
        named.addAll(cand.source.alsoIn());
      }
    }
    if (named.isEmpty()) {
      return;
    }
    Map<String, Integer> nums = new HashMap<>();
    for (List<String> chunk : chunks(named)) {
      List<Object> params = new ArrayList<>();
      StringBuilder sql = new StringBuilder("SELECT id, num FROM collections WHERE ");
      dialect.appendIn(sql, "id", chunk, params);
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        bind(ps, params.toArray());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            nums.put(rs.getString(1), rs.getInt(2));
          }
        }
      }
    }
    for (Candidate cand : candidates) {
      if (cand.rejection != null || cand.source.alsoIn().isEmpty()) {
        continue;
      }
      Set<Integer> others = new TreeSet<>();
      for (String id : new TreeSet<>(cand.source.alsoIn())) {
        Integer num = nums.get(id);
        if (num == null) {
          cand.rejection = "cannot also add " + cand.id + " to collection "
              + Codecs.abbreviate(id) + ": no such collection";
          break;
        }
        if (num != coll) {
          others.add(num);
        }
      }
      cand.alsoColls = others.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /**
   * Recomputes the first/last flags of the objects that gained memberships, then inserts the new
   * membership rows (in date order) and updates the flags that changed.
   *
   * @return how many membership rows were inserted
   */
  private int writeMembers(Connection c, Collection<CollectionMembers> colls)
      throws SQLException {
    List<Member> inserts = new ArrayList<>();
    List<Member> updates = new ArrayList<>();
    for (CollectionMembers members : colls) {
      for (String id : members.touched) {
        List<Member> list = members.byId.get(id);
        recomputeFlags(list);
        for (Member m : list) {
          if (m.isNew) {
            inserts.add(m);
          } else if (m.first != m.wasFirst || m.last != m.wasLast) {
            updates.add(m);
          }
        }
      }
    }
    inserts.sort((a, b) -> Long.compare(a.dateAdded, b.dateAdded));
    insertMembers(c, inserts, kinds(c, inserts));
    updateFlags(c, updates);
    return inserts.size();
  }

  /** Refreshes the planner's statistics where the database needs it; failure is only logged. */
  private void analyze(Connection c) {
    String sql = dialect.analyzeStatement();
    rowsSinceAnalyze = 0;
    analyzeThreshold = Math.min(analyzeThreshold * 2, 1_000_000);
    if (sql == null) {
      return;
    }
    try (Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.execute(sql);
    } catch (SQLException e) {
      LOG.log(System.Logger.Level.WARNING, "refreshing table statistics failed", e);
    }
  }

  private static WriteResult rejected(Candidate cand, String message) {
    String version = cand.versionText != null ? cand.versionText : "";
    return new WriteResult(cand.id, version, WriteResult.Outcome.REJECTED, message);
  }

  private static @Nullable Version find(List<Version> versions, String key) {
    for (Version v : versions) {
      if (v.key.equals(key)) {
        return v;
      }
    }
    return null;
  }

  /** Returns the stored version identical to the candidate, if any. */
  private static @Nullable Version findSame(Candidate cand, List<Version> versions) {
    if (cand.versionKey != null) {
      Version v = find(versions, cand.versionKey);
      return v != null && sameBody(v, cand) ? v : null;
    }
    for (Version v : versions) {
      if (v.keyedByDate && sameBody(v, cand)) {
        return v;
      }
    }
    return null;
  }

  private static boolean sameBody(Version v, Candidate cand) {
    if (v.body == null) {
      throw new IllegalStateException("body of version " + v.vid + " was not loaded");
    }
    if (java.util.Arrays.equals(v.body, cand.body)) {
      return true;
    }
    if (v.object == null) {
      v.object = StixJson.parse(v.body);
    }
    return v.object.equals(cand.object);
  }

  private static @Nullable Version laterThanRevocation(List<Version> versions, String key) {
    for (Version v : versions) {
      if (v.revoked && v.key.compareTo(key) < 0) {
        return v;
      }
    }
    return null;
  }

  private static @Nullable Version laterVersion(List<Version> versions, String key) {
    for (Version v : versions) {
      if (v.key.compareTo(key) > 0) {
        return v;
      }
    }
    return null;
  }

  private static boolean memberOf(List<Member> members, long vid) {
    for (Member m : members) {
      if (m.vid == vid) {
        return true;
      }
    }
    return false;
  }

  /** Sets each member's first/last flags: the lowest and highest version key in the collection. */
  private static void recomputeFlags(List<Member> list) {
    Member first = null;
    Member last = null;
    for (Member m : list) {
      if (first == null || m.key.compareTo(first.key) < 0) {
        first = m;
      }
      if (last == null || m.key.compareTo(last.key) > 0) {
        last = m;
      }
    }
    for (Member m : list) {
      m.first = m == first;
      m.last = m == last;
    }
  }

  /** Returns the collection's compact number, or throws when there is no such collection. */
  private static int requireCollection(Connection c, String collectionId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT num FROM collections WHERE id = ?")) {
      ps.setString(1, collectionId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new UnknownCollectionException(collectionId);
        }
        return rs.getInt(1);
      }
    }
  }

  private static long lockClock(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
            "SELECT last_date_added FROM store_clock WHERE id = 1 FOR UPDATE");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new StoreException("store_clock row is missing: the schema is damaged");
      }
      return rs.getLong(1);
    }
  }

  private static void saveClock(Connection c, long last) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE store_clock SET last_date_added = ? WHERE id = 1")) {
      ps.setLong(1, last);
      ps.executeUpdate();
    }
  }

  /** Loads every stored version of these ids: one query per chunk of ids. */
  private Map<String, List<Version>> loadVersions(Connection c, Collection<String> ids)
      throws SQLException {
    Map<String, List<Version>> out = new HashMap<>();
    for (List<String> chunk : chunks(ids)) {
      StringBuilder sql = new StringBuilder("SELECT first_added, object_id, version_key,"
          + " version_text, owner, revoked, keyed_by_date, object_type, spec_version"
          + " FROM object_versions WHERE ");
      List<Object> params = new ArrayList<>();
      dialect.appendIn(sql, "object_id", chunk, params);
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        bind(ps, params.toArray());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                .add(new Version(rs.getLong(1), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getBoolean(6), rs.getBoolean(7), rs.getString(8),
                    rs.getString(9)));
          }
        }
      }
    }
    return out;
  }

  /**
   * Loads the memberships the candidates may change: those of their stored versions in the target
   * collection {@code coll} and, for the candidates with alsoIn collections, in those.
   */
  private static Map<Integer, CollectionMembers> loadMembers(Connection c, int coll,
      List<Candidate> candidates, Map<String, List<Version>> stored) throws SQLException {
    Map<Integer, CollectionMembers> out = new HashMap<>();
    out.put(coll, new CollectionMembers(coll, loadMembers(c, coll, stored)));
    Map<Integer, Map<String, List<Version>>> others = new HashMap<>();
    for (Candidate cand : candidates) {
      if (cand.rejection != null) {
        continue;
      }
      for (int other : cand.alsoColls) {
        Map<String, List<Version>> ofOther = others.computeIfAbsent(other, k -> new HashMap<>());
        List<Version> versions = stored.get(cand.id);
        if (versions != null) {
          ofOther.put(cand.id, versions);
        }
      }
    }
    for (Map.Entry<Integer, Map<String, List<Version>>> e : others.entrySet()) {
      out.put(e.getKey(), new CollectionMembers(e.getKey(), loadMembers(c, e.getKey(),
          e.getValue())));
    }
    return out;
  }

  /**
   * Loads the memberships in {@code coll} of these stored versions (by object id), reading their
   * membership rows by date added (see {@link #memberDates}).
   */
  private static Map<String, List<Member>> loadMembers(
      Connection c, int coll, Map<String, List<Version>> stored) throws SQLException {
    Map<Long, String> ids = new HashMap<>();
    Map<Long, Version> versions = new HashMap<>();
    for (Map.Entry<String, List<Version>> e : stored.entrySet()) {
      for (Version v : e.getValue()) {
        ids.put(v.vid, e.getKey());
        versions.put(v.vid, v);
      }
    }
    Map<String, List<Member>> out = new HashMap<>();
    for (List<Long> dates : chunks(memberDates(c, coll, versions.keySet()))) {
      try (PreparedStatement ps = c.prepareStatement(memberRows(dates.size()))) {
        int i = 1;
        for (long d : dates) {
          ps.setLong(i++, d);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Version v = versions.get(rs.getLong(2));
            if (v != null && rs.getInt(5) == coll) {
              String id = ids.get(v.vid);
              out.computeIfAbsent(id, k -> new ArrayList<>())
                  .add(new Member(coll, rs.getLong(1), v.vid, id, v.type, v.spec, v.key,
                      rs.getBoolean(3), rs.getBoolean(4), false));
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * Returns the query for membership rows by date added. Only the primary key in WHERE: with a
   * condition on coll (or a date range) as well, H2 may walk the paging index of the whole
   * collection instead; the caller checks coll.
   */
  private static String memberRows(int count) {
    return "SELECT date_added, version_ref, is_first, is_last, coll FROM collection_objects"
        + " WHERE date_added IN (" + marks(count) + ")";
  }

  /**
   * Returns the dates added under which these versions may be members of {@code coll}. A version's
   * first membership has the version's own number as its date added; only the others (the version
   * added to a second collection, or again after a delete) are listed in
   * {@code collection_extra_members}. So membership needs no (version_ref, coll) index on the big
   * table, and a bulk import writes no row there.
   */
  private static List<Long> memberDates(Connection c, int coll, Collection<Long> versions)
      throws SQLException {
    List<Long> out = new ArrayList<>(versions);
    for (List<Long> chunk : chunks(versions)) {
      try (PreparedStatement ps = c.prepareStatement("SELECT date_added FROM"
          + " collection_extra_members WHERE version_ref IN (" + marks(chunk.size())
          + ") AND coll = ?")) {
        int i = 1;
        for (long v : chunk) {
          ps.setLong(i++, v);
        }
        ps.setInt(i, coll);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getLong(1));
          }
        }
      }
    }
    return out;
  }

  /**
   * Loads the bodies of stored versions that a candidate might be identical to, and returns those
   * versions by number.
   */
  private static Map<Long, Version> loadCollidingBodies(
      Connection c, List<Candidate> candidates, Map<String, List<Version>> stored)
      throws SQLException {
    Map<Long, Version> wanted = new LinkedHashMap<>();
    for (Candidate cand : candidates) {
      List<Version> versions = stored.get(cand.id);
      if (cand.rejection != null || versions == null) {
        continue;
      }
      for (Version v : versions) {
        if (cand.versionKey != null ? v.key.equals(cand.versionKey) : v.keyedByDate) {
          wanted.put(v.vid, v);
        }
      }
    }
    for (List<Long> chunk : chunks(wanted.keySet())) {
      String sql = "SELECT first_added, body FROM object_versions WHERE first_added IN ("
          + marks(chunk.size()) + ")";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            wanted.get(rs.getLong(1)).body = rs.getBytes(2);
          }
        }
      }
    }
    return wanted;
  }

  /** Loads the recorded contributors of these stored versions. */
  private static void loadContributors(Connection c, Map<Long, Version> versions)
      throws SQLException {
    for (Version v : versions.values()) {
      v.contributors = new ArrayList<>(2);
    }
    for (ContributionRow row : readContributions(c, versions.keySet())) {
      List<Contributor> list = versions.get(row.vid()).contributors;
      if (list != null && !list.contains(row.by())) {
        list.add(row.by());
      }
    }
  }

  /**
   * Reads the contributions of these versions: each version's first from its own row (or, for
   * versions stored before V5, the provenance row keyed by its number), the others through
   * {@code contribution_extras}.
   */
  private static List<ContributionRow> readContributions(Connection c, Collection<Long> vids)
      throws SQLException {
    List<ContributionRow> out = new ArrayList<>();
    Set<Long> firstRecorded = new HashSet<>();
    for (List<Long> chunk : chunks(vids)) {
      String marks = marks(chunk.size());
      String sql = "SELECT p.at, p.version_ref, p.organisation, p.node, p.agreement"
          + " FROM contributions p WHERE p.at IN (" + marks + ")"
          + " UNION ALL SELECT p.at, p.version_ref, p.organisation, p.node, p.agreement"
          + " FROM contribution_extras e JOIN contributions p ON p.at = e.at"
          + " WHERE e.version_ref IN (" + marks + ")";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        for (int round = 0; round < 2; round++) {
          for (long vid : chunk) {
            ps.setLong(i++, vid);
          }
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ContributionRow row = new ContributionRow(rs.getLong(1), rs.getLong(2),
                new Contributor(rs.getString(3), rs.getString(4), rs.getString(5)));
            out.add(row);
            if (row.at() == row.vid()) {
              firstRecorded.add(row.vid());
            }
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT first_added, owner, received_from,"
          + " agreement FROM object_versions WHERE first_added IN (" + marks(chunk.size()) + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long vid = rs.getLong(1);
            if (!firstRecorded.contains(vid)) {
              out.add(new ContributionRow(vid, vid,
                  new Contributor(rs.getString(2), rs.getString(3), rs.getString(4))));
            }
          }
        }
      }
    }
    return out;
  }

  /** Inserts provenance rows, in date order; those not keyed by their version are listed too. */
  private static void insertContributions(Connection c, List<ContributionRow> rows)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    rows.sort((a, b) -> Long.compare(a.at(), b.at()));
    int extra = 0;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO contributions"
        + " (at, version_ref, organisation, node, agreement) VALUES (?, ?, ?, ?, ?)")) {
      for (ContributionRow r : rows) {
        ps.setLong(1, r.at());
        ps.setLong(2, r.vid());
        ps.setString(3, r.by().organisation());
        ps.setString(4, r.by().node());
        ps.setString(5, r.by().agreement());
        ps.addBatch();
        if (r.at() != r.vid()) {
          extra++;
        }
      }
      ps.executeBatch();
    }
    if (extra == 0) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO contribution_extras (at, version_ref) VALUES (?, ?)")) {
      for (ContributionRow r : rows) {
        if (r.at() != r.vid()) {
          ps.setLong(1, r.at());
          ps.setLong(2, r.vid());
          ps.addBatch();
        }
      }
      ps.executeBatch();
    }
  }

  /** Most references of one version indexed (a sighting may list many places). */
  private static final int MAX_REFS = 1_000;

  /** Indexes the ends of new relationship and sighting versions ({@code object_refs}). */
  private static void insertReferences(Connection c, List<Candidate> rows, List<Long> vids)
      throws SQLException {
    if (rows.stream().noneMatch(r -> r.object.type().equals("relationship")
        || r.object.type().equals("sighting"))) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO object_refs (ref_id, version_ref) VALUES (?, ?)")) {
      int n = 0;
      for (int i = 0; i < rows.size(); i++) {
        Candidate r = rows.get(i);
        String type = r.object.type();
        if (!type.equals("relationship") && !type.equals("sighting")) {
          continue;
        }
        for (String ref : org.kuroshio.stix.Ends.of(r.object.json(), MAX_REFS)) {
          if (ref.length() > MAX_ID) {
            continue;
          }
          ps.setString(1, ref);
          ps.setLong(2, vids.get(i));
          ps.addBatch();
          n++;
        }
      }
      if (n > 0) {
        ps.executeBatch();
      }
    }
  }

  @Override
  public List<StoredVersion> referencing(Collection<String> objectIds) {
    Set<String> ids = new LinkedHashSet<>(objectIds);
    requireFilterSize("object id", ids.size());
    if (ids.isEmpty()) {
      return List.of();
    }
    try (Connection c = dataSource.getConnection()) {
      Map<Long, StoredVersion> out = new java.util.TreeMap<>();
      for (List<String> chunk : chunks(ids)) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT v.first_added, ").append(VERSION_COLUMNS)
            .append(" FROM object_refs r JOIN object_versions v ON v.first_added = r.version_ref"
                + " WHERE ");
        dialect.appendIn(sql, "r.ref_id", chunk, params);
        for (StoredVersion v : readEntries(c, sql.toString(), params, false, 1024)) {
          out.put(Codecs.micros(v.dateAdded()), v);
        }
      }
      return new ArrayList<>(out.values());
    } catch (SQLException e) {
      throw failure("reading what references " + ids.size() + " objects", e);
    }
  }

  private static void insertVersions(Connection c, List<Candidate> rows, List<Long> vids)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO object_versions (first_added, object_id, object_type, spec_version,"
            + " version_key, version_text, keyed_by_date, revoked, owner, domains, tlp,"
            + " release_to, received_from, received_by, agreement, body) VALUES (?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < rows.size(); i++) {
        Candidate r = rows.get(i);
        ps.setLong(1, vids.get(i));
        ps.setString(2, r.id);
        ps.setString(3, r.object.type());
        ps.setString(4, r.spec);
        ps.setString(5, r.versionKey);
        ps.setString(6, r.versionText);
        ps.setBoolean(7, !r.object.modified().isPresent() && !r.object.created().isPresent());
        ps.setBoolean(8, r.object.revoked());
        ps.setString(9, r.source.owner());
        ps.setString(10, r.domains);
        ps.setString(11, r.source.tlp());
        ps.setString(12, r.releaseTo);
        ps.setString(13, r.source.receivedFrom());
        ps.setString(14, r.source.receivedBy());
        ps.setString(15, r.source.agreement());
        ps.setBytes(16, r.body);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void insertMembers(Connection c, List<Member> rows, int[] kinds)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO collection_objects (date_added, coll, version_ref, kind, is_first, is_last)"
            + " VALUES (?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < rows.size(); i++) {
        Member m = rows.get(i);
        ps.setLong(1, m.dateAdded);
        ps.setInt(2, m.coll);
        ps.setLong(3, m.vid);
        ps.setInt(4, kinds[i]);
        ps.setBoolean(5, m.first);
        ps.setBoolean(6, m.last);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO collection_extra_members"
        + " (date_added, coll, version_ref) VALUES (?, ?, ?)")) {
      int extra = 0;
      for (Member m : rows) {
        if (m.dateAdded != m.vid) {
          ps.setLong(1, m.dateAdded);
          ps.setInt(2, m.coll);
          ps.setLong(3, m.vid);
          ps.addBatch();
          extra++;
        }
      }
      if (extra > 0) {
        ps.executeBatch();
      }
    }
  }

  /**
   * Returns the kind code of each member, allocating codes for (type, spec_version) pairs never
   * seen. Runs under the writer lock and the clock row lock, so codes read from the table are
   * complete and a new code cannot collide with another process's.
   */
  private int[] kinds(Connection c, List<Member> rows) throws SQLException {
    int[] out = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      Member m = rows.get(i);
      String name = m.type + '\0' + m.spec;
      Integer code = kindCodes.get(name);
      if (code == null) {
        loadKinds(c);
        code = kindCodes.get(name);
      }
      if (code == null) {
        code = kindCodes.size() + 1;
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO object_kinds (code, object_type, spec_version) VALUES (?, ?, ?)")) {
          ps.setInt(1, code);
          ps.setString(2, m.type);
          ps.setString(3, m.spec);
          ps.executeUpdate();
        }
        kindCodes.put(name, code);
      }
      out[i] = code;
    }
    return out;
  }

  private void loadKinds(Connection c) throws SQLException {
    kindCodes.clear();
    try (PreparedStatement ps =
            c.prepareStatement("SELECT code, object_type, spec_version FROM object_kinds");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        kindCodes.put(rs.getString(2) + '\0' + rs.getString(3), rs.getInt(1));
      }
    }
  }

  private static void updateFlags(Connection c, List<Member> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE collection_objects SET is_first = ?, is_last = ? WHERE date_added = ?")) {
      for (Member m : rows) {
        ps.setBoolean(1, m.first);
        ps.setBoolean(2, m.last);
        ps.setLong(3, m.dateAdded);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  public int delete(
      String collectionId, String objectId, VersionMatch versions, Set<String> specVersions) {
    Set<String> exact = exactKeys(versions);
    return underWriter("deleting from collection " + Codecs.abbreviate(collectionId), c -> {
      int coll = requireCollection(c, collectionId);
      lockClock(c);
      List<Member> list = loadMembers(c, coll, loadVersions(c, List.of(objectId)))
          .getOrDefault(objectId, List.of());
      List<Member> removed = new ArrayList<>();
      List<Member> kept = new ArrayList<>();
      for (Member m : list) {
        boolean versionOk = versions.all() || (versions.first() && m.wasFirst)
            || (versions.last() && m.wasLast) || exact.contains(m.key);
        boolean specOk = specVersions.isEmpty() || specVersions.contains(m.spec);
        (versionOk && specOk ? removed : kept).add(m);
      }
      if (!removed.isEmpty()) {
        for (String table : List.of("collection_objects", "collection_extra_members")) {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM " + table + " WHERE date_added = ?")) {
            for (Member m : removed) {
              ps.setLong(1, m.dateAdded);
              ps.addBatch();
            }
            ps.executeBatch();
          }
        }
        recomputeFlags(kept);
        List<Member> updates = new ArrayList<>();
        for (Member m : kept) {
          if (m.first != m.wasFirst || m.last != m.wasLast) {
            updates.add(m);
          }
        }
        updateFlags(c, updates);
      }
      return removed.size();
    });
  }

  @Override
  public int addMembers(String collectionId, List<StoredVersion> versions) {
    if (versions.size() > MAX_BATCH) {
      throw new IllegalArgumentException("too many versions in one addMembers: "
          + versions.size() + " (max " + MAX_BATCH + ")");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (StoredVersion v : versions) {
      if (v.id().length() <= MAX_ID) {
        ids.add(v.id());
      }
    }
    return underWriter("adding members to collection " + Codecs.abbreviate(collectionId), c -> {
      int coll = requireCollection(c, collectionId);
      long last = lockClock(c);
      long now = Codecs.micros(clock.instant());
      Map<String, List<Version>> stored = loadVersions(c, ids);
      CollectionMembers members = new CollectionMembers(coll, loadMembers(c, coll, stored));
      int added = 0;
      for (StoredVersion sv : versions) {
        List<Version> known = stored.get(sv.id());
        String key = known == null ? null : versionKeyOrNull(sv.version());
        Version v = key == null ? null : find(known, key);
        if (v == null || memberOf(members.of(sv.id()), v.vid)) {
          continue;
        }
        last = Math.max(now, last + 1);
        members.join(sv.id(), v, last);
        added++;
      }
      rowsWritten = writeMembers(c, List.of(members));
      saveClock(c, last);
      return added;
    });
  }

  /** Returns the version key of an instant, or null for one no STIX timestamp can write. */
  private static @Nullable String versionKeyOrNull(Instant t) {
    try {
      return Codecs.versionKey(t);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  @Override
  public Page<StoredVersion> query(String collectionId, ObjectQuery query) {
    requireFilterSizes(query);
    int limit = Math.min(query.limit(), MAX_PAGE);
    long after = after(query);
    try (Connection c = dataSource.getConnection()) {
      int coll = requireCollection(c, collectionId);
      List<StoredVersion> items;
      if (!query.ids().isEmpty()) {
        items = fetch(c, keysById(c, coll, query, after, limit + 1), query.withBody());
      } else if (filtersKind(query)) {
        List<Integer> kinds = kindCodes(c, query);
        items = kinds.size() == 1
            ? scan(c, coll, query, after, kinds.get(0), limit + 1)
            : fetch(c, keysByKind(c, coll, query, after, kinds, limit + 1), query.withBody());
      } else {
        items = scan(c, coll, query, after, null, limit + 1);
      }
      boolean more = items.size() > limit;
      if (more) {
        items = items.subList(0, limit);
      }
      String next = more ? Codecs.cursor(Codecs.micros(items.get(limit - 1).dateAdded())) : null;
      return new Page<>(items, more, next);
    } catch (SQLException e) {
      throw failure("querying collection " + Codecs.abbreviate(collectionId), e);
    }
  }

  @Override
  public long count(String collectionId, ObjectQuery query) {
    requireFilterSizes(query);
    ObjectQuery q = query.after(null);
    long after = after(q);
    try (Connection c = dataSource.getConnection()) {
      int coll = requireCollection(c, collectionId);
      if (!q.ids().isEmpty()) {
        return keysById(c, coll, q, after, Integer.MAX_VALUE).size();
      }
      if (!filtersKind(q)) {
        return countKind(c, coll, q, after, null);
      }
      long total = 0;
      for (int kind : kindCodes(c, q)) {
        total += countKind(c, coll, q, after, kind);
      }
      return total;
    } catch (SQLException e) {
      throw failure("counting in collection " + Codecs.abbreviate(collectionId), e);
    }
  }

  @Override
  public List<StoredVersion> versionsOf(Collection<String> objectIds, VersionMatch versions,
      boolean withBody) {
    Set<String> ids = new LinkedHashSet<>(objectIds);
    requireFilterSize("object id", ids.size());
    requireFilterSize("match[version]", versions.exact().size());
    if (ids.isEmpty()) {
      return List.of();
    }
    // Bodies are read with the rows only when every version is wanted; otherwise only for the
    // versions selected, by primary key.
    boolean bodiesWithRows = withBody && versions.all();
    try (Connection c = dataSource.getConnection()) {
      Map<String, List<StoredVersion>> byId = new HashMap<>();
      for (List<String> chunk : chunks(ids)) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT v.first_added, ").append(VERSION_COLUMNS)
            .append(bodiesWithRows ? ", v.body" : "").append(" FROM object_versions v WHERE ");
        dialect.appendIn(sql, "v.object_id", chunk, params);
        for (StoredVersion v : readEntries(c, sql.toString(), params, bodiesWithRows, 1024)) {
          byId.computeIfAbsent(v.id(), k -> new ArrayList<>()).add(v);
        }
      }
      List<StoredVersion> out = new ArrayList<>();
      for (String id : ids) {
        List<StoredVersion> list = byId.get(id);
        if (list == null) {
          continue;
        }
        list.sort(Comparator.comparing(StoredVersion::version));
        for (int i = 0; i < list.size(); i++) {
          StoredVersion v = list.get(i);
          if (versions.all() || (versions.first() && i == 0)
              || (versions.last() && i == list.size() - 1)
              || versions.exact().contains(v.version())) {
            out.add(v);
          }
        }
      }
      return withBody && !bodiesWithRows ? withBodies(c, out) : out;
    } catch (SQLException e) {
      throw failure("reading versions of " + ids.size() + " objects", e);
    }
  }

  /** Returns the entries with their JSON bodies, read by primary key. */
  private static List<StoredVersion> withBodies(Connection c, List<StoredVersion> entries)
      throws SQLException {
    Map<Long, String> bodies = new HashMap<>();
    List<Long> keys = entries.stream().map(v -> Codecs.micros(v.dateAdded())).toList();
    for (List<Long> chunk : chunks(keys)) {
      try (PreparedStatement ps = c.prepareStatement("SELECT first_added, body FROM"
          + " object_versions WHERE first_added IN (" + marks(chunk.size()) + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            bodies.put(rs.getLong(1), body(rs.getBytes(2)));
          }
        }
      }
    }
    List<StoredVersion> out = new ArrayList<>(entries.size());
    for (StoredVersion v : entries) {
      out.add(new StoredVersion(v.id(), v.type(), v.specVersion(), v.version(), v.versionText(),
          v.dateAdded(), v.revoked(), v.owner(), v.domains(), v.tlp(), v.releaseTo(),
          v.receivedFrom(), v.receivedBy(), bodies.get(Codecs.micros(v.dateAdded()))));
    }
    return out;
  }

  @Override
  public List<Contribution> provenance(String objectId) {
    try (Connection c = dataSource.getConnection()) {
      Map<Long, String> texts = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT first_added, version_text FROM object_versions WHERE object_id = ?")) {
        ps.setString(1, objectId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            texts.put(rs.getLong(1), rs.getString(2));
          }
        }
      }
      List<ContributionRow> rows = new ArrayList<>(readContributions(c, texts.keySet()));
      rows.sort((a, b) -> Long.compare(a.at(), b.at()));
      List<Contribution> out = new ArrayList<>(rows.size());
      for (ContributionRow r : rows) {
        out.add(new Contribution(objectId, texts.get(r.vid()), r.by().organisation(),
            r.by().node(), r.by().agreement(), Codecs.instant(r.at())));
      }
      return out;
    } catch (SQLException e) {
      throw failure("reading the provenance of " + Codecs.abbreviate(objectId), e);
    }
  }

  private static boolean filtersKind(ObjectQuery q) {
    return !q.types().isEmpty() || !q.specVersions().isEmpty();
  }

  /** Returns the date_added the results must follow (added_after and cursor), or MIN_VALUE. */
  private static long after(ObjectQuery q) {
    long after = Long.MIN_VALUE;
    if (q.addedAfter() != null) {
      after = Codecs.micros(q.addedAfter());
    }
    if (q.after() != null) {
      after = Math.max(after, Codecs.fromCursor(q.after()));
    }
    return after;
  }

  /**
   * Reads up to {@code n} entries in date_added order straight from a membership index: the
   * paging index (coll, date_added) when {@code kind} is null, else (coll, kind, date_added).
   */
  private List<StoredVersion> scan(Connection c, int coll, ObjectQuery q, long after,
      @Nullable Integer kind, int n) throws SQLException {
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT c.date_added, ").append(VERSION_COLUMNS)
        .append(q.withBody() ? ", v.body" : "").append(" FROM collection_objects c");
    if (kind != null) {
      sql.append(dialect.useIndex("collection_objects_kind"));
    }
    sql.append(" JOIN object_versions v ON v.first_added = c.version_ref WHERE c.coll = ?");
    params.add(coll);
    if (kind != null) {
      sql.append(" AND c.kind = ?");
      params.add(kind);
    }
    conditions(sql, q.versions(), after, params);
    // ORDER BY names the index's leading columns, so that H2 sees the index gives the order
    // (with date_added alone it reads every match, sorts, then cuts the page).
    sql.append(kind != null ? " ORDER BY c.coll, c.kind, c.date_added"
        : " ORDER BY c.coll, c.date_added").append(" LIMIT ").append(n);
    return readEntries(c, sql.toString(), params, q.withBody(), n);
  }

  /** Reads the entries with these dates added, in the given order. */
  private List<StoredVersion> fetch(Connection c, List<Long> keys, boolean withBody)
      throws SQLException {
    Map<Long, StoredVersion> found = new HashMap<>();
    for (List<Long> chunk : chunks(keys)) {
      String sql = "SELECT c.date_added, " + VERSION_COLUMNS + (withBody ? ", v.body" : "")
          + " FROM collection_objects c JOIN object_versions v ON v.first_added = c.version_ref"
          + " WHERE c.date_added IN (" + marks(chunk.size()) + ")";
      for (StoredVersion v : readEntries(c, sql, new ArrayList<>(chunk), withBody, chunk.size())) {
        found.put(Codecs.micros(v.dateAdded()), v);
      }
    }
    List<StoredVersion> out = new ArrayList<>(keys.size());
    for (long key : keys) {
      StoredVersion v = found.get(key);
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  private static List<StoredVersion> readEntries(Connection c, String sql, List<Object> params,
      boolean withBody, int n) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params.toArray());
      ps.setFetchSize(n);
      List<StoredVersion> items = new ArrayList<>(Math.min(n, 1024));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          items.add(new StoredVersion(
              rs.getString(2),
              rs.getString(3),
              rs.getString(4),
              Codecs.fromVersionKey(rs.getString(5)),
              rs.getString(6),
              Codecs.instant(rs.getLong(1)),
              rs.getBoolean(7),
              rs.getString(8),
              Set.copyOf(Codecs.decodeList(rs.getString(9))),
              rs.getString(10),
              Codecs.decodeList(rs.getString(11)),
              rs.getString(12),
              rs.getString(13),
              withBody ? body(rs.getBytes(14)) : null));
        }
      }
      return items;
    }
  }

  /**
   * Returns the first {@code n} dates added of the matching entries of a query with ids, driven
   * by the ids: their versions through the object_id index (type, spec_version and exact version
   * filters applied there), then those versions' membership rows by primary key
   * ({@link #memberDates}). An id has few versions, and a query at most {@link #MAX_FILTER_VALUES} ids.
   */
  private List<Long> keysById(Connection c, int coll, ObjectQuery q, long after, int n)
      throws SQLException {
    VersionMatch vm = q.versions();
    Set<String> exact = exactKeys(vm);
    List<Long> refs = new ArrayList<>();
    Set<Long> exactRefs = new HashSet<>();
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder(
        "SELECT v.first_added, v.version_key FROM object_versions v WHERE ");
    dialect.appendIn(sql, "v.object_id", q.ids(), params);
    in(sql, params, "v.object_type", q.types());
    in(sql, params, "v.spec_version", q.specVersions());
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      bind(ps, params.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          refs.add(rs.getLong(1));
          if (exact.contains(rs.getString(2))) {
            exactRefs.add(rs.getLong(1));
          }
        }
      }
    }
    List<Long> keys = new ArrayList<>();
    for (List<Long> chunk : chunks(memberDates(c, coll, refs))) {
      try (PreparedStatement ps = c.prepareStatement(memberRows(chunk.size()))) {
        int i = 1;
        for (long date : chunk) {
          ps.setLong(i++, date);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (rs.getInt(5) != coll || rs.getLong(1) <= after) {
              continue;
            }
            if (vm.all() || (vm.first() && rs.getBoolean(3)) || (vm.last() && rs.getBoolean(4))
                || exactRefs.contains(rs.getLong(2))) {
              keys.add(rs.getLong(1));
            }
          }
        }
      }
    }
    keys.sort(null);
    return keys.size() > n ? keys.subList(0, n) : keys;
  }

  /**
   * Returns the first {@code n} dates added of the matching entries among several kinds: the
   * first {@code n} of each kind, each an index range in date_added order, merged.
   */
  private List<Long> keysByKind(Connection c, int coll, ObjectQuery q, long after,
      List<Integer> kinds, int n) throws SQLException {
    List<Long> keys = new ArrayList<>();
    for (int kind : kinds) {
      List<Object> params = new ArrayList<>();
      StringBuilder sql = new StringBuilder("SELECT c.date_added FROM collection_objects c")
          .append(dialect.useIndex("collection_objects_kind"));
      if (needsVersionRow(q.versions())) {
        sql.append(" JOIN object_versions v ON v.first_added = c.version_ref");
      }
      sql.append(" WHERE c.coll = ? AND c.kind = ?");
      params.add(coll);
      params.add(kind);
      conditions(sql, q.versions(), after, params);
      sql.append(" ORDER BY c.coll, c.kind, c.date_added LIMIT ").append(n);
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        bind(ps, params.toArray());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            keys.add(rs.getLong(1));
          }
        }
      }
    }
    keys.sort(null);
    return keys.size() > n ? keys.subList(0, n) : keys;
  }

  /** Counts the matching entries of one kind, or of every kind when {@code kind} is null. */
  private long countKind(Connection c, int coll, ObjectQuery q, long after,
      @Nullable Integer kind) throws SQLException {
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM collection_objects c");
    if (needsVersionRow(q.versions())) {
      sql.append(" JOIN object_versions v ON v.first_added = c.version_ref");
    }
    sql.append(" WHERE c.coll = ?");
    params.add(coll);
    if (kind != null) {
      sql.append(" AND c.kind = ?");
      params.add(kind);
    }
    conditions(sql, q.versions(), after, params);
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      bind(ps, params.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * Returns the kind codes a query's type and spec_version filters select, ascending; empty when
   * no stored version can match.
   */
  private List<Integer> kindCodes(Connection c, ObjectQuery q) throws SQLException {
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT code FROM object_kinds WHERE 1 = 1");
    in(sql, params, "object_type", q.types());
    in(sql, params, "spec_version", q.specVersions());
    sql.append(" ORDER BY code");
    List<Integer> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      bind(ps, params.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getInt(1));
        }
      }
    }
    return out;
  }

  private static boolean needsVersionRow(VersionMatch vm) {
    return !vm.all() && !vm.exact().isEmpty();
  }

  /**
   * Appends the date_added bound and the version match to a WHERE clause over
   * {@code collection_objects c} (joined to {@code object_versions v} when
   * {@link #needsVersionRow} says so).
   */
  private void conditions(StringBuilder w, VersionMatch vm, long after, List<Object> params) {
    if (after != Long.MIN_VALUE) {
      w.append(" AND c.date_added > ?");
      params.add(after);
    }
    if (vm.all()) {
      return;
    }
    List<String> parts = new ArrayList<>();
    if (vm.first()) {
      parts.add("c.is_first = TRUE");
    }
    if (vm.last()) {
      parts.add("c.is_last = TRUE");
    }
    Set<String> exact = exactKeys(vm);
    if (!exact.isEmpty()) {
      StringBuilder in = new StringBuilder();
      dialect.appendIn(in, "v.version_key", exact, params);
      parts.add(in.toString());
    }
    // Only exact instants that no STIX timestamp can write: nothing matches.
    w.append(parts.isEmpty() ? " AND 1 = 0" : " AND (" + String.join(" OR ", parts) + ")");
  }

  private static void requireFilterSizes(ObjectQuery q) {
    requireFilterSize("match[id]", q.ids().size());
    requireFilterSize("match[type]", q.types().size());
    requireFilterSize("match[spec_version]", q.specVersions().size());
    requireFilterSize("match[version]", q.versions().exact().size());
  }

  private static @Nullable String body(byte @Nullable [] utf8) {
    return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
  }

  private void in(StringBuilder w, List<Object> params, String column, Set<String> values) {
    if (values.isEmpty()) {
      return;
    }
    w.append(" AND ");
    dialect.appendIn(w, column, values, params);
  }

  private static Set<String> exactKeys(VersionMatch vm) {
    Set<String> keys = new HashSet<>();
    for (Instant t : vm.exact()) {
      try {
        keys.add(Codecs.versionKey(t));
      } catch (IllegalArgumentException e) {
        // An instant outside the years STIX can write matches no version.
      }
    }
    return keys;
  }

  private static void requireFilterSize(String name, int size) {
    if (size > MAX_FILTER_VALUES) {
      throw new IllegalArgumentException(
          "too many " + name + " values: " + size + " (max " + MAX_FILTER_VALUES + ")");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Plumbing

  private static String marks(int n) {
    StringBuilder b = new StringBuilder(n * 3);
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "?" : ", ?");
    }
    return b.toString();
  }

  private static <T> List<List<T>> chunks(Collection<T> values) {
    List<T> all = new ArrayList<>(values);
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += IN_CHUNK) {
      out.add(all.subList(i, Math.min(all.size(), i + IN_CHUNK)));
    }
    return out;
  }

  private static void requireLength(String what, String value, int max) {
    if (value.length() > max) {
      throw new IllegalArgumentException(
          what + " longer than " + max + " characters: " + Codecs.abbreviate(value));
    }
  }

  private static void rollback(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static StoreException failure(String what, SQLException e) {
    return new StoreException(
        "database failure while " + what + ": " + e.getMessage() + " [SQLState "
            + e.getSQLState() + "]", e);
  }

  @Override
  public Database database() {
    return new Database(dataSource, dialect == Dialect.POSTGRESQL);
  }

  @Override
  public void close() {
    if (dataSource.isClosed()) {
      return;
    }
    if (dialect.shutdownOnClose(jdbcUrl)) {
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      } catch (SQLException e) {
        LOG.log(System.Logger.Level.DEBUG, "H2 shutdown on close failed", e);
      }
    }
    dataSource.close();
  }

  @Override
  public String toString() {
    return "JdbcStixStore[" + dialect + "]";
  }
}
