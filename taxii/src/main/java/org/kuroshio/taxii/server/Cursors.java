package org.kuroshio.taxii.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * TAXII {@code next} values: the store's cursor, bound by an HMAC to the query it continues.
 *
 * <p>The store's cursors are opaque but not secret; signing them with a key made at start-up lets
 * the server answer an unknown, altered or foreign {@code next} (another collection, other
 * filters) with 400 without keeping any state. A restart makes earlier values unknown, which
 * TAXII allows ("expired"); clients resume with {@code added_after}.
 */
final class Cursors {
  private static final int MAC_BYTES = 16;
  private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DEC = Base64.getUrlDecoder();

  private final byte[] key = new byte[32];

  Cursors() {
    new SecureRandom().nextBytes(key);
  }

  /** Returns the {@code next} value for a store cursor under a query scope. */
  String encode(String storeCursor, String scope) {
    byte[] c = storeCursor.getBytes(StandardCharsets.UTF_8);
    return ENC.encodeToString(c) + "." + ENC.encodeToString(mac(c, scope));
  }

  /** Returns the store cursor of a {@code next} value, or null when it is not one of ours. */
  @Nullable String decode(String next, String scope) {
    int dot = next.indexOf('.');
    if (dot < 0 || next.length() > 4096) {
      return null;
    }
    try {
      byte[] c = DEC.decode(next.substring(0, dot));
      byte[] m = DEC.decode(next.substring(dot + 1));
      return MessageDigest.isEqual(m, mac(c, scope)) ? new String(c, StandardCharsets.UTF_8) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private byte[] mac(byte[] cursor, String scope) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
      hmac.update(scope.getBytes(StandardCharsets.UTF_8));
      hmac.update((byte) 0);
      byte[] full = hmac.doFinal(cursor);
      return java.util.Arrays.copyOf(full, MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has HmacSHA256", e);
    }
  }
}
