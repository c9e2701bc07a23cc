package org.kuroshio.sharing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.kuroshio.store.Database;

/**
 * The node's persistent register of organisations, users, API tokens and agreements, kept in the
 * node's database beside the store. Implementations are thread-safe.
 */
public interface Directory {

  /**
   * Opens the directory in the node's database, first bringing the sharing module's tables up to
   * date (migrations {@code classpath:db/sharing}, history table {@code sharing_schema_history}).
   *
   * @param clock gives the creation times of users and tokens and the instant token expiries are
   *     checked against when issuing
   * @throws org.kuroshio.store.StoreException when a migration fails
   */
  static Directory open(Database database, Clock clock) {
    database.migrate(JdbcDirectory.MIGRATIONS, JdbcDirectory.HISTORY_TABLE,
        Directory.class.getClassLoader());
    return new JdbcDirectory(database.dataSource(), clock, JdbcDirectory.Limits.DEFAULT);
  }

  /** Adds or renames an organisation. */
  void putOrganisation(Organisation organisation);

  /** Returns every organisation, ordered by name. */
  List<Organisation> organisations();

  /**
   * Creates a user.
   *
   * @param passwordHash a {@link Credentials#hashPassword} result, or null (tokens only)
   * @throws IllegalArgumentException when the name is taken, the organisation unknown, or a
   *     value is out of bounds
   */
  void createUser(String name, String organisation, Set<Role> roles, @Nullable String passwordHash);

  /** Changes a user's roles, password hash or disabled flag; absent values stay as they are. */
  void updateUser(String name, @Nullable Set<Role> roles, @Nullable String passwordHash,
      @Nullable Boolean disabled);

  /** Returns one user. */
  Optional<User> user(String name);

  /** Returns every user, or those of one organisation, ordered by name. */
  List<User> users(@Nullable String organisation);

  /**
   * Issues an API token for a user: returns the secret (shown once) and the token's record; only
   * its SHA-256 is kept.
   *
   * @param expires when it stops working, or null for never
   */
  IssuedToken issueToken(String user, String label, @Nullable Instant expires);

  /** Returns the tokens of a user (never secrets), newest first. */
  List<Token> tokens(String user);

  /** Revokes a token; returns false when no such token exists. */
  boolean revokeToken(String tokenId, Instant at);

  /** Returns the live user owning the token with this SHA-256 (lower-case hex), if valid now. */
  Optional<User> userByTokenHash(String sha256Hex, Instant now);

  /** Saves an agreement (new, or a new version of one), keeping the versions before. */
  void putAgreement(Agreement agreement);

  /** Returns the current version of every agreement. */
  List<Agreement> agreements();

  /**
   * A user account.
   *
   * @param name login name
   * @param organisation the organisation it acts for
   * @param roles its roles
   * @param passwordHash the password hash, or null
   * @param disabled whether it may not authenticate
   * @param created when it was made
   */
  record User(String name, String organisation, Set<Role> roles, @Nullable String passwordHash,
      boolean disabled, Instant created) {

    public User {
      roles = Set.copyOf(roles);
    }

    /** Returns the principal the user authenticates as. */
    public Principal principal() {
      return new Principal(name, organisation, roles);
    }
  }

  /**
   * An API token without its secret.
   *
   * @param id the token's id (a UUID), used to revoke it
   * @param user its user
   * @param label what it is for
   * @param created when issued
   * @param expires when it stops working, or null
   * @param revoked when it was revoked, or null
   */
  record Token(String id, String user, String label, Instant created, @Nullable Instant expires,
      @Nullable Instant revoked) {}

  /**
   * A newly issued token.
   *
   * @param secret the token to give the user, shown once
   * @param token its record
   */
  record IssuedToken(String secret, Token token) {}
}
