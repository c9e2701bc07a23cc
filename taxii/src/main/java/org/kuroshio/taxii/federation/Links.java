package org.kuroshio.taxii.federation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of links in the {@link org.kuroshio.sharing.PeerRegistry}: a pull link is kept under the
 * collection id, a push link under {@code push~} and the collection id (the registry allows
 * letters, digits, {@code . _ ~ -} and 100 characters; a longer id is shortened to a digest).
 */
final class Links {
  static final String PUSH_PREFIX = "push~";
  private static final int MAX_KEY = 100;

  private Links() {}

  static String pushKey(String collection) {
    String key = PUSH_PREFIX + collection;
    if (key.length() <= MAX_KEY) {
      return key;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(collection.getBytes(StandardCharsets.UTF_8));
      return PUSH_PREFIX + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
