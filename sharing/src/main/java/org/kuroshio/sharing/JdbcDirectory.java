package org.kuroshio.sharing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.StixJson;
import org.kuroshio.stix.StixObject;
import org.kuroshio.store.StoreException;

/**
 * {@link Directory} in the node's database (tables of {@code db/sharing/V1__directory.sql}).
 *
 * <p>Writers are serialised in this process (one lock), so the count limits below hold exactly
 * and references (a user's organisation, a token's user) are checked inside the transaction that
 * writes them; the tables have no foreign keys, as the store's. Readers take no lock. Times are
 * kept as whole microseconds.
 *
 * <p>Limits ({@link Limits#DEFAULT}): 10,000 organisations, 100,000 users, 100 live tokens per
 * user (at most 1,000 token records per user are kept: issuing past that forgets the oldest revoked
 * or expired ones), 10,000 agreements of at most 2,000 versions and 4,000,000 characters of JSON
 * each.
 */
final class JdbcDirectory implements Directory {
  /** Where the sharing module's migrations live on the class path. */
  static final String MIGRATIONS = "classpath:db/sharing";
  /** The Flyway history table of the sharing module's schema. */
  static final String HISTORY_TABLE = "sharing_schema_history";

  static final int MAX_LABEL = 200;
  static final int MAX_USER_NAME = 64;

  /**
   * How much the directory holds at most.
   *
   * @param organisations organisations
   * @param users users
   * @param liveTokens tokens per user that are neither revoked nor expired
   * @param tokenRecords token records kept per user; past it the oldest dead ones are forgotten
   * @param agreements agreements
   * @param agreementVersions versions kept per agreement
   * @param agreementJson characters of one agreement version's JSON
   */
  record Limits(int organisations, int users, int liveTokens, int tokenRecords, int agreements,
      int agreementVersions, int agreementJson) {

    /** The limits of {@link Directory#open}. */
    static final Limits DEFAULT = new Limits(10_000, 100_000, 100, 1_000, 10_000, 2_000,
        4_000_000);

    Limits {
      Checks.require(organisations > 0 && users > 0 && liveTokens > 0 && agreements > 0
          && agreementVersions > 0 && agreementJson > 0, "every limit must be positive");
      Checks.require(tokenRecords >= liveTokens, "token records must cover the live tokens");
    }
  }

  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]{1," + MAX_USER_NAME
      + "}");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final String USER_COLUMNS =
      "u.name, u.organisation, u.roles, u.password_hash, u.disabled, u.created";
  private static final String TOKEN_COLUMNS =
      "id, user_name, label, created, expires, revoked";

  private final DataSource dataSource;
  private final Clock clock;
  private final Limits limits;
  private final Object writeLock = new Object();

  JdbcDirectory(DataSource dataSource, Clock clock, Limits limits) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.limits = limits;
  }

  // ---- organisations

  @Override
  public void putOrganisation(Organisation organisation) {
    synchronized (writeLock) {
      inTransaction("save organisation " + organisation.id(), c -> {
        if (exists(c, "SELECT 1 FROM organisations WHERE id = ?", organisation.id())) {
          update(c, "UPDATE organisations SET name = ? WHERE id = ?", organisation.name(),
              organisation.id());
          return null;
        }
        Checks.require(count(c, "SELECT COUNT(*) FROM organisations") < limits.organisations(),
            "the directory holds " + limits.organisations() + " organisations, the most allowed");
        update(c, "INSERT INTO organisations (id, name, created) VALUES (?, ?, ?)",
            organisation.id(), organisation.name(), micros(organisation.created()));
        return null;
      });
    }
  }

  @Override
  public List<Organisation> organisations() {
    return query("list organisations", c -> {
      List<Organisation> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
              "SELECT id, name, created FROM organisations ORDER BY name, id");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new Organisation(r.getString(1), r.getString(2), instant(r.getLong(3))));
        }
      }
      return out;
    });
  }

  // ---- users

  @Override
  public void createUser(String name, String organisation, Set<Role> roles,
      @Nullable String passwordHash) {
    checkUserName(name);
    checkRoles(roles);
    checkPasswordHash(passwordHash);
    Instant now = clock.instant();
    synchronized (writeLock) {
      inTransaction("create user " + name, c -> {
        Checks.require(exists(c, "SELECT 1 FROM organisations WHERE id = ?", organisation),
            "unknown organisation " + organisation + " for user " + name
                + " (register the organisation first)");
        Checks.require(!exists(c, "SELECT 1 FROM users WHERE name = ?", name),
            "user name is taken: " + name);
        Checks.require(count(c, "SELECT COUNT(*) FROM users") < limits.users(),
            "the directory holds " + limits.users() + " users, the most allowed");
        update(c, "INSERT INTO users (name, organisation, roles, password_hash, disabled, created)"
            + " VALUES (?, ?, ?, ?, ?, ?)", name, organisation, encodeRoles(roles), passwordHash,
            false, micros(now));
        return null;
      });
    }
  }

  @Override
  public void updateUser(String name, @Nullable Set<Role> roles, @Nullable String passwordHash,
      @Nullable Boolean disabled) {
    if (roles != null) {
      checkRoles(roles);
    }
    checkPasswordHash(passwordHash);
    synchronized (writeLock) {
      inTransaction("update user " + name, c -> {
        User current = findUser(c, name).orElseThrow(() -> new NotFoundException("user", name));
        update(c, "UPDATE users SET roles = ?, password_hash = ?, disabled = ? WHERE name = ?",
            encodeRoles(roles != null ? roles : current.roles()),
            passwordHash != null ? passwordHash : current.passwordHash(),
            disabled != null ? disabled : current.disabled(), name);
        return null;
      });
    }
  }

  @Override
  public Optional<User> user(String name) {
    if (!USER_NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    return query("read user " + name, c -> findUser(c, name));
  }

  @Override
  public List<User> users(@Nullable String organisation) {
    return query("list users", c -> {
      String sql = "SELECT " + USER_COLUMNS + " FROM users u"
          + (organisation == null ? "" : " WHERE u.organisation = ?") + " ORDER BY u.name";
      List<User> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(sql)) {
        if (organisation != null) {
          s.setString(1, organisation);
        }
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            out.add(user(r));
          }
        }
      }
      return out;
    });
  }

  // ---- tokens

  @Override
  public IssuedToken issueToken(String user, String label, @Nullable Instant expires) {
    String secret = Credentials.newToken();
    Token token = addToken(user, Credentials.hashToken(secret), label, expires);
    return new IssuedToken(secret, token);
  }

  /**
   * Registers a token whose secret is held elsewhere (a configured token hash, see
   * {@link DirectorySeed}); the same checks and limits as {@link #issueToken} apply.
   *
   * @param sha256Hex the {@link Credentials#hashToken} of the secret (hex, either case)
   * @throws IllegalArgumentException when the hash is not SHA-256 hex or is registered already
   */
  Token registerTokenHash(String user, String sha256Hex, String label,
      @Nullable Instant expires) {
    String hash = sha256Hex.toLowerCase(Locale.ROOT);
    Checks.require(SHA256_HEX.matcher(hash).matches(),
        "token hash of user " + user + " is not SHA-256 hex (64 hex digits)");
    return addToken(user, hash, label, expires);
  }

  /** Returns the token registered with this hash (SHA-256 hex), whatever its state. */
  Optional<Token> tokenByHash(String sha256Hex) {
    String hash = sha256Hex.toLowerCase(Locale.ROOT);
    if (!SHA256_HEX.matcher(hash).matches()) {
      return Optional.empty();
    }
    return query("find token", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT " + TOKEN_COLUMNS + " FROM tokens WHERE sha256 = ?")) {
        s.setString(1, hash);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(token(r)) : Optional.empty();
        }
      }
    });
  }

  private Token addToken(String user, String hash, String label, @Nullable Instant expires) {
    Checks.require(!label.isBlank(), "token label must not be blank");
    Checks.require(label.length() <= MAX_LABEL,
        "token label longer than " + MAX_LABEL + " characters");
    Checks.require(label.chars().noneMatch(Character::isISOControl),
        "token label must not contain control characters");
    Instant now = clock.instant();
    Checks.require(expires == null || expires.isAfter(now),
        "token expiry " + expires + " is not in the future");
    long nowMicros = micros(now);
    synchronized (writeLock) {
      return inTransaction("issue a token for " + user, c -> {
        if (!exists(c, "SELECT 1 FROM users WHERE name = ?", user)) {
          throw new NotFoundException("user", user);
        }
        Checks.require(!exists(c, "SELECT 1 FROM tokens WHERE sha256 = ?", hash),
            "this token hash is registered already");
        long live = count(c, "SELECT COUNT(*) FROM tokens WHERE user_name = ? AND revoked IS NULL"
            + " AND (expires IS NULL OR expires > ?)", user, nowMicros);
        Checks.require(live < limits.liveTokens(), "user " + user + " has " + limits.liveTokens()
            + " live tokens, the most allowed: revoke one first");
        forgetDeadTokens(c, user, nowMicros);
        UUID id = UUID.randomUUID();
        update(c, "INSERT INTO tokens (id, user_name, sha256, label, created, expires, revoked)"
            + " VALUES (?, ?, ?, ?, ?, ?, NULL)", id, user, hash, label, nowMicros,
            expires == null ? null : micros(expires));
        return new Token(id.toString(), user, label, instant(nowMicros),
            expires == null ? null : instant(micros(expires)), null);
      });
    }
  }

  /** Keeps a user's token records below the cap by deleting the oldest dead ones. */
  private void forgetDeadTokens(Connection c, String user, long nowMicros) throws SQLException {
    long records = count(c, "SELECT COUNT(*) FROM tokens WHERE user_name = ?", user);
    long excess = records - (limits.tokenRecords() - 1);
    if (excess <= 0) {
      return;
    }
    List<Object> dead = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM tokens WHERE user_name = ?"
        + " AND (revoked IS NOT NULL OR expires <= ?) ORDER BY created, num LIMIT ?")) {
      s.setString(1, user);
      s.setLong(2, nowMicros);
      s.setLong(3, excess);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          dead.add(r.getObject(1));
        }
      }
    }
    for (Object id : dead) {
      update(c, "DELETE FROM tokens WHERE id = ?", id);
    }
  }

  @Override
  public List<Token> tokens(String user) {
    return query("list tokens of " + user, c -> {
      List<Token> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT " + TOKEN_COLUMNS
          + " FROM tokens WHERE user_name = ? ORDER BY created DESC, num DESC")) {
        s.setString(1, user);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            out.add(token(r));
          }
        }
      }
      return out;
    });
  }

  @Override
  public boolean revokeToken(String tokenId, Instant at) {
    UUID id;
    try {
      id = UUID.fromString(tokenId);
    } catch (IllegalArgumentException e) {
      return false;
    }
    synchronized (writeLock) {
      return inTransaction("revoke token " + tokenId, c -> {
        if (!exists(c, "SELECT 1 FROM tokens WHERE id = ?", id)) {
          return false;
        }
        // A token revoked twice keeps its first revocation time.
        update(c, "UPDATE tokens SET revoked = ? WHERE id = ? AND revoked IS NULL", micros(at), id);
        return true;
      });
    }
  }

  @Override
  public Optional<User> userByTokenHash(String sha256Hex, Instant now) {
    String hash = sha256Hex.toLowerCase(Locale.ROOT);
    if (!SHA256_HEX.matcher(hash).matches()) {
      return Optional.empty();
    }
    return query("find the user of a token", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + USER_COLUMNS
          + " FROM tokens t JOIN users u ON u.name = t.user_name WHERE t.sha256 = ?"
          + " AND t.revoked IS NULL AND (t.expires IS NULL OR t.expires > ?)"
          + " AND u.disabled = FALSE")) {
        s.setString(1, hash);
        s.setLong(2, micros(now));
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(user(r)) : Optional.empty();
        }
      }
    });
  }

  // ---- agreements

  /**
   * {@inheritDoc}
   *
   * <p>Saving the current version again changes nothing; a different version must have a later
   * {@code modified} (at millisecond precision, as the STIX object writes it) than the current one.
   */
  @Override
  public void putAgreement(Agreement agreement) {
    StixObject stix = agreement.toStix();
    String json = stix.toJson();
    Checks.require(json.length() <= limits.agreementJson(), "agreement " + agreement.id()
        + " is longer than " + limits.agreementJson() + " characters of JSON");
    // The STIX object keeps milliseconds: key the row by what reading it back will say.
    long modified = micros(Agreement.fromStix(stix).modified());
    synchronized (writeLock) {
      inTransaction("save agreement " + agreement.id(), c -> {
        long versions = count(c, "SELECT COUNT(*) FROM agreements WHERE id = ?", agreement.id());
        if (versions == 0) {
          long agreements = count(c, "SELECT COUNT(DISTINCT id) FROM agreements");
          Checks.require(agreements < limits.agreements(), "the directory holds "
              + limits.agreements() + " agreements, the most allowed");
        } else {
          long latest;
          String latestJson;
          try (PreparedStatement s = c.prepareStatement("SELECT modified, body FROM agreements"
              + " WHERE id = ? ORDER BY modified DESC LIMIT 1")) {
            s.setString(1, agreement.id());
            try (ResultSet r = s.executeQuery()) {
              r.next();
              latest = r.getLong(1);
              latestJson = r.getString(2);
            }
          }
          if (latestJson.equals(json)) {
            return null;
          }
          Checks.require(modified > latest, "agreement " + agreement.id() + ": modified "
              + instant(modified) + " is not after the stored version's " + instant(latest));
          Checks.require(versions < limits.agreementVersions(), "agreement " + agreement.id()
              + " has " + limits.agreementVersions() + " versions, the most allowed");
        }
        update(c, "INSERT INTO agreements (id, modified, body) VALUES (?, ?, ?)", agreement.id(),
            modified, json);
        return null;
      });
    }
  }

  @Override
  public List<Agreement> agreements() {
    return query("list agreements", c -> {
      List<Agreement> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT a.body FROM agreements a"
          + " WHERE a.modified = (SELECT MAX(b.modified) FROM agreements b WHERE b.id = a.id)"
          + " ORDER BY a.id");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(agreement(r.getString(1)));
        }
      }
      return out;
    });
  }

  /** Returns every stored version of an agreement, oldest first (empty when unknown). */
  List<Agreement> agreementVersions(String id) {
    return query("list versions of agreement " + id, c -> {
      List<Agreement> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT body FROM agreements WHERE id = ? ORDER BY modified")) {
        s.setString(1, id);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            out.add(agreement(r.getString(1)));
          }
        }
      }
      return out;
    });
  }

  // ---- rows and checks

  private static Optional<User> findUser(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT " + USER_COLUMNS + " FROM users u WHERE u.name = ?")) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(user(r)) : Optional.empty();
      }
    }
  }

  private static User user(ResultSet r) throws SQLException {
    return new User(r.getString(1), r.getString(2), decodeRoles(r.getString(3)), r.getString(4),
        r.getBoolean(5), instant(r.getLong(6)));
  }

  private static Token token(ResultSet r) throws SQLException {
    long expires = r.getLong(5);
    Instant expiresAt = r.wasNull() ? null : instant(expires);
    long revoked = r.getLong(6);
    Instant revokedAt = r.wasNull() ? null : instant(revoked);
    return new Token(r.getObject(1).toString(), r.getString(2), r.getString(3),
        instant(r.getLong(4)), expiresAt, revokedAt);
  }

  private static Agreement agreement(String json) {
    return Agreement.fromStix(StixJson.parse(json));
  }

  private static void checkUserName(String name) {
    Checks.require(USER_NAME.matcher(name).matches(), "user name must be 1 to " + MAX_USER_NAME
        + " characters of A-Z a-z 0-9 . _ @ -: " + abbreviate(name));
  }

  private static void checkRoles(Set<Role> roles) {
    Checks.require(!roles.isEmpty(), "a user needs at least one role");
  }

  private static void checkPasswordHash(@Nullable String hash) {
    Checks.require(hash == null || Credentials.isPasswordHash(hash),
        "password hash is not a " + Credentials.PASSWORD_SCHEME
            + " hash (make one with Credentials.hashPassword)");
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }

  private static String encodeRoles(Set<Role> roles) {
    return EnumSet.copyOf(roles).stream().map(Role::name).collect(Collectors.joining(","));
  }

  private static Set<Role> decodeRoles(String text) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String r : text.split(",")) {
      roles.add(Role.valueOf(r));
    }
    return roles;
  }

  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  // ---- JDBC plumbing

  @FunctionalInterface
  private interface Work<T extends @Nullable Object> {
    T run(Connection c) throws SQLException;
  }

  private <T extends @Nullable Object> T query(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException("directory: cannot " + what + ": " + e.getMessage(), e);
    }
  }

  private <T extends @Nullable Object> T inTransaction(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new StoreException("directory: cannot " + what + ": " + e.getMessage(), e);
    }
  }

  private static boolean exists(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement s = prepare(c, sql, params); ResultSet r = s.executeQuery()) {
      return r.next();
    }
  }

  private static long count(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement s = prepare(c, sql, params); ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  private static void update(Connection c, String sql, @Nullable Object... params)
      throws SQLException {
    try (PreparedStatement s = prepare(c, sql, params)) {
      s.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, @Nullable Object... params)
      throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    try {
      for (int i = 0; i < params.length; i++) {
        Object p = params[i];
        if (p == null) {
          s.setNull(i + 1, Types.NULL);
        } else {
          s.setObject(i + 1, p);
        }
      }
      return s;
    } catch (SQLException e) {
      s.close();
      throw e;
    }
  }
}
