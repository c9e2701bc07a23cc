package org.kuroshio.sharing;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Accounts} over a fixed list, with a short cache of verified Basic credentials.
 *
 * <p>The cache is {@link VerifiedPasswords}: a keyed digest of recently verified passwords, so a
 * request with the same password skips PBKDF2; wrong passwords are never cached.
 */
final class CachingAccounts implements Accounts {
  private final Map<String, UserAccount> byName;
  private final Map<String, UserAccount> byTokenHash;
  private final VerifiedPasswords passwords;

  CachingAccounts(List<UserAccount> users, Clock clock, Duration ttl) {
    Map<String, UserAccount> names = new HashMap<>();
    Map<String, UserAccount> tokens = new HashMap<>();
    for (UserAccount u : users) {
      Checks.require(names.put(u.name(), u) == null, "duplicate user name: " + u.name());
      String hash = u.passwordHash();
      Checks.require(
          hash == null || Credentials.isPasswordHash(hash),
          "password hash of user " + u.name() + " is not a " + Credentials.PASSWORD_SCHEME
              + " hash (make one with Credentials.hashPassword)");
      for (String t : u.tokenHashes()) {
        String key = t.toLowerCase(Locale.ROOT);
        Checks.require(key.matches("[0-9a-f]{64}"),
            "token hash of user " + u.name() + " is not SHA-256 hex");
        Checks.require(tokens.put(key, u) == null, "token hash given to two users: " + u.name());
      }
    }
    this.byName = Map.copyOf(names);
    this.byTokenHash = Map.copyOf(tokens);
    this.passwords = new VerifiedPasswords(clock, ttl);
  }

  @Override
  public Optional<Principal> authenticateBasic(String user, char[] password) {
    UserAccount account = byName.get(user);
    String hash = account == null ? null : account.passwordHash();
    if (account == null || hash == null || !passwords.verify(user, hash, password)) {
      return Optional.empty();
    }
    return Optional.of(account.principal());
  }

  @Override
  public Optional<Principal> authenticateToken(String token) {
    if (token.isEmpty() || token.length() > 1024) {
      return Optional.empty();
    }
    UserAccount account = byTokenHash.get(Credentials.hashToken(token));
    return Optional.ofNullable(account).map(UserAccount::principal);
  }

  @Override
  public Permission permission(Principal principal, String collectionId) {
    UserAccount account = byName.get(principal.user());
    if (account == null || !account.organisation().equals(principal.organisation())) {
      // A principal made by the node itself (Principal.system) is not a configured account.
      return principal.has(Role.ADMIN) && account == null ? Permission.READ_WRITE : Permission.NONE;
    }
    return account.permission(collectionId);
  }
}
