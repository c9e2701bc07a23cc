package org.kuroshio.sharing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.kuroshio.store.Database;

/**
 * The audit log in the node's database (tables {@code audit_log}, {@code audit_agreements},
 * {@code audit_objects}, {@code audit_indexed}, {@code audit_head}; migration
 * {@code V2__audit_federation.sql}).
 *
 * <p>Appends run on every release, so they are kept to one transaction of three statements:
 * move the head (a conditional UPDATE that also locks it), insert the entry, insert its distinct
 * agreements (usually one). Appends are serialised by a lock in the process, and the last head is
 * cached, so an append reads nothing. Should another writer have moved the head (a second
 * instance on the same database), the conditional UPDATE touches no row: the append reloads the
 * head and tries again, so the chain never forks.
 *
 * <p>The object index ({@code audit_objects}, one row per distinct object of an entry) is not
 * written by appends: a B-tree insert per released object costs several times the rest of an
 * append on H2. It is filled behind the log, before every query by object id, for all entries
 * since the last such query ({@code audit_indexed} records how far), in transactions of its own.
 *
 * <p>{@link #verify} reads the log in pages by sequence number (constant memory, no long
 * transaction) and finally compares the last entry with the head, which was moved in the same
 * transaction as every append, so that removing trailing entries is detected too.
 */
final class JdbcAuditLog implements AuditLog {
  /** Most items one entry may hold. */
  static final int MAX_ITEMS = 100_000;
  static final int MAX_USER = 256;
  static final int MAX_ID = 300;
  static final int MAX_ACTION = 100;
  static final int MAX_VERSION = 64;
  static final int MAX_REASON = 64;

  private static final int VERIFY_PAGE = 1_000;
  private static final int VERIFY_FETCH = 16;
  private static final int INDEX_PAGE = 8;
  private static final int INDEX_BATCH = 5_000;
  private static final int APPEND_ATTEMPTS = 5;
  private static final String COLUMNS =
      "seq, at_micros, user_name, organisation, action, collection, agreements, items, prev_hash,"
          + " hash";

  private final DataSource dataSource;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final ReentrantLock indexLock = new ReentrantLock();
  private @Nullable Head head;

  private record Head(long seq, String hash) {}

  JdbcAuditLog(Database database, Clock clock) {
    this.dataSource = database.dataSource();
    this.clock = clock;
  }

  @Override
  public void append(AuditEntry entry) {
    check(entry);
    long at = AuditJson.micros(entry.at());
    AuditJson.Encoded encoded = AuditJson.encode(entry.items());
    lock.lock();
    try {
      for (int attempt = 1; ; attempt++) {
        Head last = head != null ? head : loadHead();
        long seq = last.seq() + 1;
        String hash = AuditJson.hash(last.hash(), seq, at, entry.user(), entry.organisation(),
            entry.action(), entry.collection(), encoded.agreements(), encoded.items());
        head = null;
        if (write(last, seq, at, entry, encoded, hash)) {
          head = new Head(seq, hash);
          return;
        }
        if (attempt == APPEND_ATTEMPTS) {
          throw new SharingException("audit append failed: the audit head kept moving under "
              + "another writer (" + attempt + " attempts)");
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private boolean write(Head last, long seq, long at, AuditEntry entry, AuditJson.Encoded encoded,
      String hash) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement s = c.prepareStatement(
            "UPDATE audit_head SET seq = ?, hash = ?, updated_micros = ? WHERE id = 1 AND seq = ?"
                + " AND hash = ?")) {
          s.setLong(1, seq);
          s.setString(2, hash);
          s.setLong(3, AuditJson.micros(clock.instant()));
          s.setLong(4, last.seq());
          s.setString(5, last.hash());
          if (s.executeUpdate() != 1) {
            c.rollback();
            return false;
          }
        }
        try (PreparedStatement s = c.prepareStatement(
            "INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          s.setLong(1, seq);
          s.setLong(2, at);
          s.setString(3, entry.user());
          s.setString(4, entry.organisation());
          s.setString(5, entry.action());
          s.setString(6, entry.collection());
          s.setString(7, encoded.agreements());
          s.setString(8, encoded.items());
          s.setString(9, last.hash());
          s.setString(10, hash);
          s.executeUpdate();
        }
        if (!encoded.agreementIds().isEmpty()) {
          try (PreparedStatement s = c.prepareStatement(
              "INSERT INTO audit_agreements (agreement, seq) VALUES (?, ?)")) {
            for (String agreement : encoded.agreementIds()) {
              s.setString(1, agreement);
              s.setLong(2, seq);
              s.addBatch();
            }
            s.executeBatch();
          }
        }
        c.commit();
        return true;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new SharingException("audit append failed: " + e.getMessage(), e);
    }
  }

  /** Brings the object index up to the last entry. */
  private void indexObjects() {
    indexLock.lock();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        while (indexPage(c)) {
          // next page
        }
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new SharingException("audit object index failed: " + e.getMessage(), e);
    } finally {
      indexLock.unlock();
    }
  }

  /** Indexes the next few entries in one transaction; returns false when there were none. */
  private boolean indexPage(Connection c) throws SQLException {
    long done;
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT seq FROM audit_indexed WHERE id = 1")) {
      if (!r.next()) {
        throw new SharingException("the audit_indexed row is missing: the audit tables were "
            + "tampered with");
      }
      done = r.getLong(1);
    }
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
        + " FROM audit_log WHERE seq > ? ORDER BY seq LIMIT " + INDEX_PAGE)) {
      s.setLong(1, done);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(Row.read(r));
        }
      }
    }
    if (rows.isEmpty()) {
      c.commit();
      return false;
    }
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE audit_indexed SET seq = ? WHERE id = 1 AND seq = ?")) {
      s.setLong(1, rows.get(rows.size() - 1).seq());
      s.setLong(2, done);
      if (s.executeUpdate() != 1) {
        c.rollback();
        return true;
      }
    }
    // Sorted by object id, the inserts walk the index in order: about a third cheaper on H2.
    List<Map.Entry<String, Long>> keys = new ArrayList<>();
    for (Row row : rows) {
      Set<String> objects = new HashSet<>();
      for (AuditEntry.Item item : items(row)) {
        if (objects.add(item.id())) {
          keys.add(Map.entry(item.id(), row.seq()));
        }
      }
    }
    keys.sort(Map.Entry.comparingByKey());
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO audit_objects (object_id, seq) VALUES (?, ?)")) {
      int batched = 0;
      for (Map.Entry<String, Long> key : keys) {
        s.setString(1, key.getKey());
        s.setLong(2, key.getValue());
        s.addBatch();
        if (++batched % INDEX_BATCH == 0) {
          s.executeBatch();
        }
      }
      s.executeBatch();
    }
    c.commit();
    return true;
  }

  private static List<AuditEntry.Item> items(Row row) {
    try {
      return AuditJson.decode(row.agreements(), row.items());
    } catch (IllegalArgumentException e) {
      throw new SharingException("audit entry " + row.seq() + " is damaged (" + e.getMessage()
          + "); run audit verify", e);
    }
  }

  private Head loadHead() {
    try (Connection c = dataSource.getConnection()) {
      Head h = readHead(c);
      if (h == null) {
        throw new SharingException("the audit head row is missing: the audit log was tampered "
            + "with; run audit verify");
      }
      return h;
    } catch (SQLException e) {
      throw new SharingException("cannot read the audit head: " + e.getMessage(), e);
    }
  }

  private static @Nullable Head readHead(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT seq, hash FROM audit_head WHERE id = 1")) {
      return r.next() ? new Head(r.getLong(1), r.getString(2)) : null;
    }
  }

  private static void check(AuditEntry e) {
    text(e.user(), MAX_USER, "user");
    text(e.organisation(), MAX_ID, "organisation");
    text(e.action(), MAX_ACTION, "action");
    if (e.collection() != null) {
      text(e.collection(), MAX_ID, "collection");
    }
    Checks.require(!e.at().isBefore(AuditJson.MIN_AT) && !e.at().isAfter(AuditJson.MAX_AT),
        "audit entry time must be within years 0001 to 9999: " + e.at());
    Checks.require(e.items().size() <= MAX_ITEMS,
        "an audit entry holds at most " + MAX_ITEMS + " items, not " + e.items().size());
    for (AuditEntry.Item item : e.items()) {
      text(item.id(), MAX_ID, "item id");
      text(item.version(), MAX_VERSION, "item version");
      text(item.reason(), MAX_REASON, "item reason");
      if (item.agreement() != null) {
        text(item.agreement(), MAX_ID, "item agreement");
      }
    }
  }

  private static void text(String value, int max, String what) {
    if (value.isEmpty() || value.length() > max) {
      throw new IllegalArgumentException("audit " + what + " must be 1 to " + max
          + " characters long, not " + value.length());
    }
  }

  @Override
  public List<Recorded> query(Query q) {
    if (q.objectId() != null) {
      indexObjects();
    }
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS)
        .append(" FROM audit_log WHERE seq > ?");
    List<Object> params = new ArrayList<>();
    params.add(q.afterSeq());
    if (q.organisation() != null) {
      sql.append(" AND organisation = ?");
      params.add(q.organisation());
    }
    if (q.user() != null) {
      sql.append(" AND user_name = ?");
      params.add(q.user());
    }
    if (q.from() != null) {
      sql.append(" AND at_micros >= ?");
      params.add(clampedMicros(q.from()));
    }
    if (q.until() != null) {
      sql.append(" AND at_micros < ?");
      params.add(clampedMicros(q.until()));
    }
    if (q.objectId() != null) {
      sql.append(" AND seq IN (SELECT seq FROM audit_objects WHERE object_id = ? AND seq > ?)");
      params.add(q.objectId());
      params.add(q.afterSeq());
    }
    if (q.agreement() != null) {
      sql.append(" AND seq IN (SELECT seq FROM audit_agreements WHERE agreement = ? AND seq > ?)");
      params.add(q.agreement());
      params.add(q.afterSeq());
    }
    sql.append(" ORDER BY seq LIMIT ").append(q.limit());
    List<Recorded> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < params.size(); i++) {
        s.setObject(i + 1, params.get(i));
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Row row = Row.read(r);
          List<AuditEntry.Item> items = items(row);
          out.add(new Recorded(row.seq(), new AuditEntry(AuditJson.instant(row.at()),
              row.user(), row.organisation(), row.action(), row.collection(), items),
              row.hash()));
        }
      }
    } catch (SQLException e) {
      throw new SharingException("audit query failed: " + e.getMessage(), e);
    }
    return out;
  }

  private static long clampedMicros(Instant at) {
    if (at.isBefore(AuditJson.MIN_AT)) {
      return AuditJson.micros(AuditJson.MIN_AT);
    }
    if (at.isAfter(AuditJson.MAX_AT)) {
      return AuditJson.micros(AuditJson.MAX_AT) + 1;
    }
    return AuditJson.micros(at);
  }

  @Override
  public Verification verify() {
    String prev = AuditJson.ZERO_HASH;
    long expected = 1;
    long checked = 0;
    try (Connection c = dataSource.getConnection();
        PreparedStatement page = c.prepareStatement("SELECT " + COLUMNS
            + " FROM audit_log WHERE seq > ? ORDER BY seq LIMIT " + VERIFY_PAGE)) {
      // PostgreSQL's driver streams a result only inside a transaction and with a fetch size;
      // each page commits, so no transaction stays open for the whole log.
      c.setAutoCommit(false);
      page.setFetchSize(VERIFY_FETCH);
      while (true) {
        int read = 0;
        c.commit();
        page.setLong(1, expected - 1);
        try (ResultSet r = page.executeQuery()) {
          while (r.next()) {
            read++;
            Row row = Row.read(r);
            if (row.seq() != expected) {
              return bad(checked, expected, "entry " + expected + " is missing (the next stored"
                  + " entry is " + row.seq() + ")");
            }
            checked++;
            if (!prev.equals(row.prevHash())) {
              return bad(checked, expected, "entry " + expected + " does not link to entry "
                  + (expected - 1) + " (its prev_hash differs from that entry's hash)");
            }
            String hash = AuditJson.hash(prev, row.seq(), row.at(), row.user(), row.organisation(),
                row.action(), row.collection(), row.agreements(), row.items());
            if (!hash.equals(row.hash())) {
              return bad(checked, expected, "entry " + expected
                  + " does not match its hash (its content was changed)");
            }
            prev = row.hash();
            expected++;
          }
        }
        if (read == VERIFY_PAGE) {
          continue;
        }
        // Entries and head are committed together, so once the head is read every entry up to it
        // is visible: a head beyond the last entry read means entries appended meanwhile (read
        // on) or entries removed from the end.
        Head h = readHead(c);
        if (h == null) {
          return bad(checked, expected, "the audit head row is missing");
        }
        long last = expected - 1;
        if (h.seq() > last) {
          if (read > 0 || hasEntryAfter(c, last)) {
            continue;
          }
          return bad(checked, expected, "entries " + expected + " to " + h.seq()
              + " are missing (the log ends at " + last + " but its head records " + h.seq() + ")");
        }
        if (h.seq() < last) {
          return bad(checked, h.seq() + 1, "the head records " + h.seq()
              + " entries but the log holds " + last);
        }
        if (!h.hash().equals(prev)) {
          return bad(checked, last, "the head's hash differs from entry " + last + "'s hash");
        }
        return new Verification(true, checked, null, null);
      }
    } catch (SQLException e) {
      throw new SharingException("audit verify failed: " + e.getMessage(), e);
    }
  }

  private static boolean hasEntryAfter(Connection c, long seq) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM audit_log WHERE seq > ?")) {
      s.setMaxRows(1);
      s.setLong(1, seq);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private static Verification bad(long checked, long seq, String problem) {
    return new Verification(false, checked, seq, problem);
  }

  /** One row of {@code audit_log}. */
  private record Row(long seq, long at, String user, String organisation, String action,
      @Nullable String collection, String agreements, String items, String prevHash,
      String hash) {

    static Row read(ResultSet r) throws SQLException {
      return new Row(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5),
          r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10));
    }
  }
}
