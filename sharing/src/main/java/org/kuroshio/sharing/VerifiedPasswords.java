package org.kuroshio.sharing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks passwords against stored hashes, remembering recent successes for a short while.
 *
 * <p>The cache maps a user to an HMAC of (user, stored hash, password) under a key made when the
 * cache is made, and an expiry instant. A check whose HMAC equals the remembered one (compared in
 * constant time) skips PBKDF2. Because the stored hash is part of the HMAC, a changed password
 * misses the cache at once. Wrong passwords are never remembered, so guessing still pays the full
 * hash every time. Shared by {@link CachingAccounts} and {@link DirectoryAccounts}.
 */
final class VerifiedPasswords {
  /** Most users remembered; past it the cache starts again empty. */
  static final int MAX_CACHED = 10_000;

  /** The slow check the cache saves: {@link Credentials#verifyPassword} outside tests. */
  @FunctionalInterface
  interface Verifier {
    boolean verify(char[] password, String hash);
  }

  private final Clock clock;
  private final Duration ttl;
  private final Verifier verifier;
  private final byte[] key = new byte[32];
  private final ConcurrentHashMap<String, Cached> verified = new ConcurrentHashMap<>();

  private record Cached(byte[] mac, Instant expires) {}

  VerifiedPasswords(Clock clock, Duration ttl) {
    this(clock, ttl, Credentials::verifyPassword);
  }

  VerifiedPasswords(Clock clock, Duration ttl, Verifier verifier) {
    Checks.require(!ttl.isNegative(), "cache lifetime must not be negative");
    this.clock = clock;
    this.ttl = ttl;
    this.verifier = verifier;
    new SecureRandom().nextBytes(key);
  }

  /** Returns whether the password matches the user's stored hash, from the cache when fresh. */
  boolean verify(String user, String passwordHash, char[] password) {
    if (password.length == 0) {
      return false;
    }
    byte[] mac = mac(user, passwordHash, password);
    Instant now = clock.instant();
    Cached cached = verified.get(user);
    if (cached != null && now.isBefore(cached.expires())
        && MessageDigest.isEqual(cached.mac(), mac)) {
      return true;
    }
    if (!verifier.verify(password, passwordHash)) {
      return false;
    }
    if (verified.size() >= MAX_CACHED) {
      verified.clear();
    }
    verified.put(user, new Cached(mac, now.plus(ttl)));
    return true;
  }

  private byte[] mac(String user, String passwordHash, char[] password) {
    byte[] pw = Credentials.utf8(password);
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
      hmac.update(user.getBytes(StandardCharsets.UTF_8));
      hmac.update((byte) 0);
      hmac.update(passwordHash.getBytes(StandardCharsets.UTF_8));
      hmac.update((byte) 0);
      return hmac.doFinal(pw);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has HmacSHA256", e);
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
  }
}
