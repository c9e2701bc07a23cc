package org.kuroshio.sharing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.kuroshio.store.Database;

/**
 * The append-only, hash-chained record of every release. Entry {@code n} stores
 * SHA-256(hash of entry n-1, canonical JSON of entry n), so that editing, removing or reordering
 * any entry breaks the chain from there on, which {@link #verify} finds.
 */
public interface AuditLog {

  /**
   * Opens the audit log kept in the node's database, first bringing the sharing schema up to date
   * (idempotent). Appends are serialised and thread-safe; an entry holds at most 100,000 items,
   * its user at most 256 characters, its organisation, collection, item ids and agreements at
   * most 300, its action 100, item versions and reasons 64; times are kept to the microsecond.
   *
   * @param clock stamps when the chain's head last moved
   * @throws org.kuroshio.store.StoreException when the migration fails
   */
  static AuditLog open(Database database, Clock clock) {
    database.migrate("classpath:db/sharing", "sharing_schema_history",
        AuditLog.class.getClassLoader());
    return new JdbcAuditLog(database, clock);
  }

  /** Appends one entry (entries without items are recorded too: a read that released nothing). */
  void append(AuditEntry entry);

  /** Returns entries matching the query, ascending by sequence number. */
  List<Recorded> query(Query query);

  /** Recomputes the whole chain. */
  Verification verify();

  /**
   * A stored entry.
   *
   * @param seq its position in the chain, from 1
   * @param entry what was released
   * @param hash its chain hash, lower-case hex
   */
  record Recorded(long seq, AuditEntry entry, String hash) {}

  /**
   * Which entries to return; null fields do not filter.
   *
   * @param organisation only releases to this organisation
   * @param user only releases to this user
   * @param objectId only entries releasing this object
   * @param agreement only entries with an item released under this agreement
   * @param from only entries at or after this instant
   * @param until only entries before this instant
   * @param afterSeq only entries after this sequence number (paging)
   * @param limit most entries returned
   */
  record Query(
      @Nullable String organisation,
      @Nullable String user,
      @Nullable String objectId,
      @Nullable String agreement,
      @Nullable Instant from,
      @Nullable Instant until,
      long afterSeq,
      int limit) {

    /** Most entries one query returns. */
    public static final int MAX_LIMIT = 1_000;

    public Query {
      Checks.require(limit > 0 && limit <= MAX_LIMIT, "limit must be 1.." + MAX_LIMIT);
      Checks.require(afterSeq >= 0, "afterSeq must not be negative");
    }
  }

  /**
   * The outcome of {@link #verify}.
   *
   * @param intact whether every entry's hash matches its content and predecessor
   * @param entries how many entries were checked
   * @param firstBadSeq the first entry that does not match, or null
   * @param problem what is wrong there, or null
   */
  record Verification(boolean intact, long entries, @Nullable Long firstBadSeq,
      @Nullable String problem) {}
}
