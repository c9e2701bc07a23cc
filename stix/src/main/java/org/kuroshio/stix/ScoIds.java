package org.kuroshio.stix;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deterministic identifiers of STIX cyber-observable objects: UUIDv5 in the STIX namespace over
 * the RFC 8785 canonical JSON of the type's id-contributing properties, with {@code hashes}
 * reduced to one hash by preference (MD5, SHA-1, SHA-256, SHA-512, else the first).
 */
public final class ScoIds {
  /** The STIX namespace for SCO UUIDv5 identifiers. */
  public static final UUID NAMESPACE = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");

  private static final String[] HASH_PREFERENCE = {"MD5", "SHA-1", "SHA-256", "SHA-512"};

  private static final Map<String, String[]> CONTRIBUTING = Map.ofEntries(
      Map.entry("artifact", new String[] {"hashes", "payload_bin"}),
      Map.entry("autonomous-system", new String[] {"number"}),
      Map.entry("directory", new String[] {"path"}),
      Map.entry("domain-name", new String[] {"value"}),
      Map.entry("email-addr", new String[] {"value"}),
      Map.entry("email-message", new String[] {"from_ref", "subject", "body"}),
      Map.entry("file", new String[] {"hashes", "name", "parent_directory_ref", "extensions"}),
      Map.entry("ipv4-addr", new String[] {"value"}),
      Map.entry("ipv6-addr", new String[] {"value"}),
      Map.entry("mac-addr", new String[] {"value"}),
      Map.entry("mutex", new String[] {"name"}),
      Map.entry("network-traffic", new String[] {
          "start", "end", "src_ref", "dst_ref", "src_port", "dst_port", "protocols", "extensions"}),
      Map.entry("process", new String[0]),
      Map.entry("software", new String[] {"name", "cpe", "swid", "vendor", "version"}),
      Map.entry("url", new String[] {"value"}),
      Map.entry("user-account", new String[] {"account_type", "user_id", "account_login"}),
      Map.entry("windows-registry-key", new String[] {"key", "values"}),
      Map.entry("x509-certificate", new String[] {"hashes", "serial_number"}));

  private ScoIds() {}

  /** Returns whether {@code type} is one of the 18 STIX 2.1 cyber-observable types. */
  public static boolean isScoType(String type) {
    return CONTRIBUTING.containsKey(type);
  }

  /**
   * Returns the deterministic id of an SCO.
   *
   * @throws IllegalArgumentException when the type is not a STIX SCO type or none of its
   *     id-contributing properties is present (then the id is a random UUIDv4)
   */
  public static String deterministicId(StixObject sco) {
    return deterministicId(sco.json());
  }

  /** Returns the deterministic id of an SCO given as JSON; see {@link #deterministicId(StixObject)}. */
  public static String deterministicId(JsonNode sco) {
    return tryDeterministicId(sco).orElseThrow(() -> new IllegalArgumentException(
        "no deterministic id: not a STIX SCO or none of its id-contributing properties is set"));
  }

  /**
   * Returns the deterministic id of an SCO, or empty when its type is not a STIX SCO type or none
   * of its id-contributing properties is present.
   */
  public static Optional<String> tryDeterministicId(JsonNode sco) {
    JsonNode typeNode = sco.get("type");
    if (typeNode == null || !typeNode.isString()) {
      return Optional.empty();
    }
    String type = typeNode.asString();
    String[] props = CONTRIBUTING.get(type);
    if (props == null) {
      return Optional.empty();
    }
    ObjectNode basis = JsonNodeFactory.instance.objectNode();
    for (String p : props) {
      JsonNode v = sco.get(p);
      if (v == null) {
        continue;
      }
      if (p.equals("hashes") && v.isObject()) {
        ObjectNode one = chooseOneHash(v);
        if (one == null) {
          continue;
        }
        v = one;
      }
      basis.set(p, v);
    }
    if (basis.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(type + "--" + uuid5(NAMESPACE, Jcs.canonicalize(basis)));
  }

  /** Returns a deterministic id when there is one, else {@code type--<generator uuid>}. */
  public static String idFor(JsonNode sco, IdGenerator fallback) {
    return tryDeterministicId(sco)
        .orElseGet(() -> sco.path("type").asString("") + "--" + fallback.next());
  }

  /** Returns the RFC 8785 canonical JSON text of a value. */
  public static String canonicalJson(JsonNode value) {
    return Jcs.canonicalize(value);
  }

  private static @org.jspecify.annotations.Nullable ObjectNode chooseOneHash(JsonNode hashes) {
    ObjectNode one = JsonNodeFactory.instance.objectNode();
    for (String algo : HASH_PREFERENCE) {
      JsonNode h = hashes.get(algo);
      if (h != null) {
        one.set(algo, h);
        return one;
      }
    }
    for (Map.Entry<String, JsonNode> e : hashes.properties()) {
      one.set(e.getKey(), e.getValue());
      return one;
    }
    return null;
  }

  /** Returns the name-based UUID (version 5, SHA-1) of {@code name} in {@code namespace}. */
  public static UUID uuid5(UUID namespace, String name) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    }
    byte[] ns = new byte[16];
    long msb = namespace.getMostSignificantBits();
    long lsb = namespace.getLeastSignificantBits();
    for (int i = 0; i < 8; i++) {
      ns[i] = (byte) (msb >>> (56 - 8 * i));
      ns[8 + i] = (byte) (lsb >>> (56 - 8 * i));
    }
    sha1.update(ns);
    byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    h[6] = (byte) ((h[6] & 0x0f) | 0x50);
    h[8] = (byte) ((h[8] & 0x3f) | 0x80);
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (h[i] & 0xff);
      lo = (lo << 8) | (h[8 + i] & 0xff);
    }
    return new UUID(hi, lo);
  }
}
