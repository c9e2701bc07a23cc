package org.kuroshio.sharing;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Authenticates users and answers what each principal may do with each collection. */
public interface Accounts {

  /** How long verified Basic credentials stay cached by {@link #of(List, Clock)}. */
  Duration BASIC_CACHE_TTL = Duration.ofMinutes(1);

  /** Returns the principal when the user exists, has a password and it matches. */
  Optional<Principal> authenticateBasic(String user, char[] password);

  /** Returns the principal owning this bearer token, when one does. */
  Optional<Principal> authenticateToken(String token);

  /**
   * Returns the principal's rights on a collection: {@link Role#ADMIN} may do everything,
   * {@link Role#READ_ONLY} never writes, others have their account's per-collection rights.
   */
  Permission permission(Principal principal, String collectionId);

  /**
   * Returns accounts over a fixed list of users. Verified Basic credentials are cached for
   * {@link #BASIC_CACHE_TTL} (as a keyed digest, never the password), so password hashing is paid
   * once per user and minute rather than per request; failures are never cached.
   *
   * @throws IllegalArgumentException on duplicate user names or token hashes, or a password hash
   *     that {@link Credentials#isPasswordHash} rejects
   */
  static Accounts of(List<UserAccount> users, Clock clock) {
    return new CachingAccounts(users, clock, BASIC_CACHE_TTL);
  }

  /**
   * Returns accounts over the node's directory. Each request reads the user or token from the
   * directory, so a disabled user, a changed password or a revoked or expired token fails at once;
   * only the password check of a Basic login is cached, for {@link #BASIC_CACHE_TTL} and only
   * while the stored hash is unchanged. {@link #permission} is {@link Permission#READ} for
   * {@link Role#READ_ONLY} and {@link Permission#READ_WRITE} otherwise: which collections an
   * organisation sees is the release rule's decision.
   */
  static Accounts of(Directory directory, Clock clock) {
    return new DirectoryAccounts(directory, clock, BASIC_CACHE_TTL);
  }
}
