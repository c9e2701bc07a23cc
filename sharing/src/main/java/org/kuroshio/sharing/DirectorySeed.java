package org.kuroshio.sharing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Seeds a node's directory from users configured the old way ({@link UserAccount}), so that a
 * node configuration written before the directory keeps working.
 *
 * <p>The directory is the authority once a user is in it: an existing user keeps its roles,
 * password and disabled flag (the configured ones are ignored and said so), and a configured
 * token that an administrator revoked stays revoked. Per-collection rights of a configured user
 * no longer apply (the release rule decides what an organisation sees) and are ignored.
 */
public final class DirectorySeed {
  /** The label given to tokens registered from configuration. */
  public static final String TOKEN_LABEL = "configured";

  private DirectorySeed() {}

  /**
   * What {@link #apply} did.
   *
   * @param usersCreated how many users it created
   * @param tokensRegistered how many token hashes it registered
   * @param notes configured values it left alone, and why, one sentence each
   */
  public record Result(int usersCreated, int tokensRegistered, List<String> notes) {
    public Result {
      notes = List.copyOf(notes);
    }
  }

  /**
   * Creates the configured users the directory lacks and registers their token hashes (label
   * {@value #TOKEN_LABEL}, no expiry). Organisations must be registered first.
   *
   * @param directory a directory from {@link Directory#open}
   * @param clock tells whether an already registered token is still live (for the notes)
   * @throws IllegalArgumentException when a user names an unknown organisation, has no role, or
   *     a token hash is not SHA-256 hex or belongs to another user; users and tokens before the
   *     bad one stay created, so the seed can be run again once the configuration is fixed
   */
  public static Result apply(Directory directory, List<UserAccount> users, Clock clock) {
    if (!(directory instanceof JdbcDirectory jdbc)) {
      throw new IllegalArgumentException(
          "only the node's database directory (Directory.open) can be seeded");
    }
    Set<String> known = directory.organisations().stream().map(Organisation::id)
        .collect(Collectors.toSet());
    for (UserAccount u : users) {
      Checks.require(known.contains(u.organisation()), "configured user " + u.name()
          + " names organisation " + u.organisation()
          + ", which the directory does not hold: register the organisation first");
    }
    int created = 0;
    int registered = 0;
    List<String> notes = new ArrayList<>();
    Instant now = clock.instant();
    for (UserAccount u : users) {
      Optional<Directory.User> existing = directory.user(u.name());
      if (existing.isEmpty()) {
        Checks.require(!u.roles().isEmpty(), "configured user " + u.name() + " has no role");
        directory.createUser(u.name(), u.organisation(), u.roles(), u.passwordHash());
        created++;
      } else if (!existing.get().organisation().equals(u.organisation())) {
        throw new IllegalArgumentException("configured user " + u.name() + " acts for "
            + u.organisation() + " but the directory's user of that name acts for "
            + existing.get().organisation());
      } else {
        notes.add("user " + u.name() + " exists in the directory: its configured roles and"
            + " password are ignored");
      }
      for (String hash : u.tokenHashes()) {
        Optional<Directory.Token> token = jdbc.tokenByHash(hash);
        if (token.isEmpty()) {
          jdbc.registerTokenHash(u.name(), hash, TOKEN_LABEL, null);
          registered++;
        } else if (!token.get().user().equals(u.name())) {
          throw new IllegalArgumentException("a token hash configured for user " + u.name()
              + " is registered to user " + token.get().user());
        } else if (!live(token.get(), now)) {
          notes.add("a configured token of user " + u.name() + " (id " + token.get().id()
              + ") was revoked or has expired in the directory and stays so");
        }
      }
    }
    return new Result(created, registered, notes);
  }

  private static boolean live(Directory.Token token, Instant now) {
    Instant expires = token.expires();
    return token.revoked() == null && (expires == null || expires.isAfter(now));
  }
}
