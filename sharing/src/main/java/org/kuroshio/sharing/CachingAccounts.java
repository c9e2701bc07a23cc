package org.kuroshio.sharing;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link Accounts} over a fixed list, with a short cache of verified Basic credentials.
 *
 * <p>The cache maps a user to an HMAC of the password under a key made at start-up and an expiry
 * instant. A request whose password HMAC equals the cached one (compared in constant time) skips
 * PBKDF2. Wrong passwords are never cached, so guessing still pays the full hash each time.
 */
final class CachingAccounts implements Accounts {
  private static final int MAX_CACHED = 10_000;

  private final Map<String, UserAccount> byName;
  private final Map<String, UserAccount> byTokenHash;
  private final Clock clock;
  private final Duration ttl;
  private final byte[] cacheKey = new byte[32];
  private final ConcurrentHashMap<String, Cached> verified = new ConcurrentHashMap<>();

  private record Cached(byte[] mac, Instant expires) {}

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
    this.clock = clock;
    this.ttl = ttl;
    new SecureRandom().nextBytes(cacheKey);
  }

  @Override
  public Optional<Principal> authenticateBasic(String user, char[] password) {
    UserAccount account = byName.get(user);
    if (account == null || account.passwordHash() == null || password.length == 0) {
      return Optional.empty();
    }
    byte[] mac = mac(user, password);
    Instant now = clock.instant();
    Cached cached = verified.get(user);
    if (cached != null && now.isBefore(cached.expires()) && MessageDigest.isEqual(cached.mac(), mac)) {
      return Optional.of(account.principal());
    }
    if (!Credentials.verifyPassword(password, account.passwordHash())) {
      return Optional.empty();
    }
    if (verified.size() >= MAX_CACHED) {
      verified.clear();
    }
    verified.put(user, new Cached(mac, now.plus(ttl)));
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

  private byte[] mac(String user, char[] password) {
    byte[] pw = Credentials.utf8(password);
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
      hmac.update(user.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      hmac.update((byte) 0);
      return hmac.doFinal(pw);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has HmacSHA256", e);
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
  }
}
