package org.kuroshio.sharing;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.Timestamps;
import org.kuroshio.store.Database;

/**
 * {@link PeerRegistry} in the node's database (tables {@code peers} and {@code peer_state} of
 * {@code V2__audit_federation.sql}). Writes are few (one per page or failure), so they are simply
 * serialised on the instance, which makes update-then-insert a safe upsert on both databases.
 */
final class JdbcPeerRegistry implements PeerRegistry {
  private static final String PEER_COLUMNS = "id, base_url, auth_kind, auth_user, auth_secret,"
      + " organisation, pull_collections, push_collections, interval_seconds, enabled";
  private static final String STATE_COLUMNS = "peer_id, collection_id, added_after,"
      + " cursor_micros, failures, last_error, last_failure_micros, last_success_micros,"
      + " next_attempt_micros";

  private final DataSource dataSource;
  private final Clock clock;

  JdbcPeerRegistry(Database database, Clock clock) {
    this.dataSource = database.dataSource();
    this.clock = clock;
  }

  /** Checks a peer's collection id: 1 to 100 of {@code A-Z a-z 0-9 . _ ~ -}. */
  static void checkCollection(String id) {
    Checks.require(id.length() >= 1 && id.length() <= 100
        && id.chars().allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '.'
            || c == '_' || c == '~' || c == '-')),
        "collection id must be 1 to 100 of A-Z, a-z, 0-9, '.', '_', '~' and '-': " + id);
  }

  @Override
  public synchronized void putPeer(Peer peer) {
    long now = AuditJson.micros(clock.instant());
    String user = peer.auth() instanceof Basic b ? b.user() : null;
    String secret = switch (peer.auth()) {
      case Bearer t -> t.token();
      case Basic b -> b.password();
    };
    String kind = peer.auth() instanceof Bearer ? "bearer" : "basic";
    try (Connection c = dataSource.getConnection()) {
      int updated;
      try (PreparedStatement s = c.prepareStatement("UPDATE peers SET base_url = ?, auth_kind = ?,"
          + " auth_user = ?, auth_secret = ?, organisation = ?, pull_collections = ?,"
          + " push_collections = ?, interval_seconds = ?, enabled = ?, updated_micros = ?"
          + " WHERE id = ?")) {
        s.setString(1, peer.baseUrl().toString());
        s.setString(2, kind);
        s.setString(3, user);
        s.setString(4, secret);
        s.setString(5, peer.organisation());
        s.setString(6, String.join(" ", peer.pull()));
        s.setString(7, String.join(" ", peer.push()));
        s.setInt(8, peer.intervalSeconds());
        s.setBoolean(9, peer.enabled());
        s.setLong(10, now);
        s.setString(11, peer.id());
        updated = s.executeUpdate();
      }
      if (updated == 0) {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO peers (" + PEER_COLUMNS
            + ", created_micros, updated_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          s.setString(1, peer.id());
          s.setString(2, peer.baseUrl().toString());
          s.setString(3, kind);
          s.setString(4, user);
          s.setString(5, secret);
          s.setString(6, peer.organisation());
          s.setString(7, String.join(" ", peer.pull()));
          s.setString(8, String.join(" ", peer.push()));
          s.setInt(9, peer.intervalSeconds());
          s.setBoolean(10, peer.enabled());
          s.setLong(11, now);
          s.setLong(12, now);
          s.executeUpdate();
        }
      }
    } catch (SQLException e) {
      throw failure("cannot save peer " + peer.id(), e);
    }
  }

  @Override
  public synchronized boolean removePeer(String id) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        int removed;
        try (PreparedStatement s = c.prepareStatement("DELETE FROM peers WHERE id = ?")) {
          s.setString(1, id);
          removed = s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM peer_state WHERE peer_id = ?")) {
          s.setString(1, id);
          s.executeUpdate();
        }
        c.commit();
        return removed > 0;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure("cannot remove peer " + id, e);
    }
  }

  @Override
  public List<Peer> peers() {
    return readPeers("SELECT " + PEER_COLUMNS + " FROM peers ORDER BY id", null);
  }

  @Override
  public Optional<Peer> peer(String id) {
    return readPeers("SELECT " + PEER_COLUMNS + " FROM peers WHERE id = ?", id).stream()
        .findFirst();
  }

  private List<Peer> readPeers(String sql, @Nullable String id) {
    List<Peer> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      if (id != null) {
        s.setString(1, id);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(peerOf(r));
        }
      }
    } catch (SQLException e) {
      throw failure("cannot read peers", e);
    }
    return out;
  }

  private static Peer peerOf(ResultSet r) throws SQLException {
    String id = r.getString(1);
    try {
      Auth auth = "bearer".equals(r.getString(3)) ? new Bearer(r.getString(5))
          : new Basic(r.getString(4), r.getString(5));
      return new Peer(id, URI.create(r.getString(2)), auth, r.getString(6),
          split(r.getString(7)), split(r.getString(8)), r.getInt(9), r.getBoolean(10));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new SharingException("stored peer " + id + " is damaged: " + e.getMessage(), e);
    }
  }

  private static List<String> split(String joined) {
    return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(" "));
  }

  @Override
  public Optional<String> cursor(String peer, String collection) {
    checkCollection(collection);
    try (Connection c = dataSource.getConnection()) {
      requirePeer(c, peer);
      try (PreparedStatement s = c.prepareStatement(
          "SELECT added_after FROM peer_state WHERE peer_id = ? AND collection_id = ?")) {
        s.setString(1, peer);
        s.setString(2, collection);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
        }
      }
    } catch (SQLException e) {
      throw failure("cannot read the cursor of " + peer + "/" + collection, e);
    }
  }

  @Override
  public synchronized void saveCursor(String peer, String collection, String addedAfter,
      Instant at) {
    checkCollection(collection);
    Checks.require(Timestamps.tryParse(addedAfter).isPresent(),
        "added_after must be a TAXII timestamp (YYYY-MM-DDTHH:MM:SS[.s+]Z): " + cut(addedAfter));
    long when = micros(at, "cursor time");
    upsert(peer, collection,
        "UPDATE peer_state SET added_after = ?, cursor_micros = ?",
        "INSERT INTO peer_state (added_after, cursor_micros, failures, peer_id, collection_id)"
            + " VALUES (?, ?, 0, ?, ?)",
        s -> {
          s.setString(1, addedAfter);
          s.setLong(2, when);
          return 3;
        });
  }

  @Override
  public synchronized void recordFailure(String peer, String collection, String message,
      Instant at, Instant nextAttempt) {
    checkCollection(collection);
    String text = cleanError(message);
    long when = micros(at, "failure time");
    long next = micros(nextAttempt, "next attempt time");
    upsert(peer, collection,
        "UPDATE peer_state SET failures = failures + 1, last_error = ?, last_failure_micros = ?,"
            + " next_attempt_micros = ?",
        "INSERT INTO peer_state (last_error, last_failure_micros, next_attempt_micros, failures,"
            + " peer_id, collection_id) VALUES (?, ?, ?, 1, ?, ?)",
        s -> {
          s.setString(1, text);
          s.setLong(2, when);
          s.setLong(3, next);
          return 4;
        });
  }

  @Override
  public synchronized void recordSuccess(String peer, String collection, Instant at) {
    checkCollection(collection);
    long when = micros(at, "success time");
    upsert(peer, collection,
        "UPDATE peer_state SET failures = 0, last_success_micros = ?, next_attempt_micros = NULL",
        "INSERT INTO peer_state (last_success_micros, failures, peer_id, collection_id)"
            + " VALUES (?, 0, ?, ?)",
        s -> {
          s.setLong(1, when);
          return 2;
        });
  }

  /** Binds the values of an upsert's statements; returns the next parameter index. */
  @FunctionalInterface
  private interface Values {
    int bind(PreparedStatement s) throws SQLException;
  }

  /**
   * Runs {@code update} (to which the key condition is appended) or, when it touches no row,
   * {@code insert}; both take {@code values} then the peer and collection ids. Callers hold the
   * instance's lock, which makes this a safe upsert.
   */
  private void upsert(String peer, String collection, String update, String insert,
      Values values) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        requirePeer(c, peer);
        int updated;
        try (PreparedStatement s =
            c.prepareStatement(update + " WHERE peer_id = ? AND collection_id = ?")) {
          int i = values.bind(s);
          s.setString(i, peer);
          s.setString(i + 1, collection);
          updated = s.executeUpdate();
        }
        if (updated == 0) {
          try (PreparedStatement s = c.prepareStatement(insert)) {
            int i = values.bind(s);
            s.setString(i, peer);
            s.setString(i + 1, collection);
            s.executeUpdate();
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure("cannot save the state of " + peer + "/" + collection, e);
    }
  }

  @Override
  public List<Health> health(String peer) {
    List<Health> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      requirePeer(c, peer);
      try (PreparedStatement s = c.prepareStatement("SELECT " + STATE_COLUMNS
          + " FROM peer_state WHERE peer_id = ? ORDER BY collection_id")) {
        s.setString(1, peer);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            out.add(new Health(r.getString(1), r.getString(2), r.getString(3), instant(r, 4),
                r.getInt(5), r.getString(6), instant(r, 7), instant(r, 8), instant(r, 9)));
          }
        }
      }
    } catch (SQLException e) {
      throw failure("cannot read the health of " + peer, e);
    }
    return out;
  }

  private static @Nullable Instant instant(ResultSet r, int column) throws SQLException {
    long v = r.getLong(column);
    return r.wasNull() ? null : AuditJson.instant(v);
  }

  private static void requirePeer(Connection c, String peer) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM peers WHERE id = ?")) {
      s.setString(1, peer);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new NotFoundException("peer", cut(peer));
        }
      }
    }
  }

  private static long micros(Instant at, String what) {
    Checks.require(!at.isBefore(AuditJson.MIN_AT) && !at.isAfter(AuditJson.MAX_AT),
        what + " must be within years 0001 to 9999: " + at);
    return AuditJson.micros(at);
  }

  /** Returns a message fit to keep: control characters as spaces, at most MAX_ERROR chars. */
  static String cleanError(String message) {
    StringBuilder b = new StringBuilder(Math.min(message.length(), MAX_ERROR));
    for (int i = 0; i < message.length() && b.length() < MAX_ERROR; i++) {
      char c = message.charAt(i);
      b.append(Character.isISOControl(c) ? ' ' : c);
    }
    if (b.length() > 0 && Character.isHighSurrogate(b.charAt(b.length() - 1))) {
      b.setLength(b.length() - 1);
    }
    return b.toString();
  }

  private static String cut(String s) {
    return s.length() <= 100 ? s : s.substring(0, 100) + "...";
  }

  private static SharingException failure(String what, SQLException e) {
    return new SharingException(what + ": " + e.getMessage(), e);
  }
}
