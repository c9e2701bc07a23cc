package org.kuroshio.sharing;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link Accounts} over a {@link Directory}: every request reads the user (or token) from the
 * directory, so disabling a user, changing a password or revoking a token takes effect on the next
 * request. Only the PBKDF2 check of a Basic password is cached ({@link VerifiedPasswords}, keyed
 * by the stored hash as well); token lookups are one indexed query each and are not cached.
 *
 * <p>Collection visibility is the release rule's business; accounts only say whether a role may
 * write: {@link Role#READ_ONLY} reads, every other role reads and writes.
 */
final class DirectoryAccounts implements Accounts {
  /** Longest bearer token looked up; issued tokens are 43 characters. */
  static final int MAX_TOKEN = 1024;

  private final Directory directory;
  private final Clock clock;
  private final VerifiedPasswords passwords;

  DirectoryAccounts(Directory directory, Clock clock, Duration basicCacheTtl) {
    this(directory, clock, new VerifiedPasswords(clock, basicCacheTtl));
  }

  DirectoryAccounts(Directory directory, Clock clock, VerifiedPasswords passwords) {
    this.directory = directory;
    this.clock = clock;
    this.passwords = passwords;
  }

  @Override
  public Optional<Principal> authenticateBasic(String user, char[] password) {
    if (password.length == 0) {
      return Optional.empty();
    }
    Directory.User account = directory.user(user).orElse(null);
    String hash = account == null ? null : account.passwordHash();
    if (account == null || hash == null || account.disabled()
        || !passwords.verify(user, hash, password)) {
      return Optional.empty();
    }
    return Optional.of(account.principal());
  }

  @Override
  public Optional<Principal> authenticateToken(String token) {
    if (token.isEmpty() || token.length() > MAX_TOKEN) {
      return Optional.empty();
    }
    return directory.userByTokenHash(Credentials.hashToken(token), clock.instant())
        .map(Directory.User::principal);
  }

  @Override
  public Permission permission(Principal principal, String collectionId) {
    return principal.has(Role.READ_ONLY) ? Permission.READ : Permission.READ_WRITE;
  }
}
