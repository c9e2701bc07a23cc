package org.kuroshio.sharing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Partners' public keys, each bound to the one organisation whose bundles it may sign.
 *
 * <p>On disk it is a folder of files named {@code <anything>.pub}, each as {@code kuroshio key
 * export} writes it: a comment line {@code # organisation: identity--...} above an X.509
 * SubjectPublicKeyInfo PEM block of an Ed25519 key. An optional {@code # fingerprint:} line must
 * match the key. An organisation may have several keys (a key being replaced); one key may not
 * stand for two organisations. Other files in the folder are ignored. Limits: {@value #MAX_KEYS}
 * key files, {@value NodeKey#MAX_KEY_FILE_BYTES} bytes each.
 */
public final class TrustedKeys {
  /** The most key files a folder may hold. */
  public static final int MAX_KEYS = 1000;
  /** The suffix of key files in the folder. */
  public static final String SUFFIX = ".pub";

  /**
   * One trusted key.
   *
   * @param organisation the identity id of the organisation that signs with it
   * @param publicKey the Ed25519 public key
   * @param source where it came from (a file name), for messages
   */
  public record Key(String organisation, PublicKey publicKey, String source) {
    public Key {
      Checks.require(SigningFiles.IDENTITY_ID.matcher(organisation).matches(),
          "organisation must be an identity id (identity--<lower-case uuid>): " + organisation);
      Checks.require(publicKey.getEncoded() != null, "the public key has no encoding");
      SigningPem.publicKey(publicKey.getEncoded());
    }

    /** Returns the fingerprint: SHA-256 of the public key's DER, in lower-case hex. */
    public String fingerprint() {
      return NodeKey.fingerprint(publicKey);
    }
  }

  private final List<Key> keys;
  private final Map<String, List<Key>> bySigner;
  private final String description;

  private TrustedKeys(List<Key> keys, String description) {
    this.keys = List.copyOf(keys);
    this.description = description;
    Map<String, List<Key>> signers = new HashMap<>();
    Map<String, Key> byFingerprint = new HashMap<>();
    for (Key k : this.keys) {
      Key earlier = byFingerprint.putIfAbsent(k.fingerprint(), k);
      if (earlier != null && !earlier.organisation().equals(k.organisation())) {
        throw new IllegalArgumentException(k.source() + ": key " + k.fingerprint()
            + " is already trusted for " + earlier.organisation() + " (" + earlier.source()
            + "); one key may sign for one organisation only");
      }
      if (earlier == null) {
        signers.computeIfAbsent(k.organisation(), o -> new ArrayList<>()).add(k);
      }
    }
    Map<String, List<Key>> frozen = new LinkedHashMap<>();
    signers.forEach((org, list) -> frozen.put(org, List.copyOf(list)));
    this.bySigner = Map.copyOf(frozen);
  }

  /**
   * Returns a set of the given keys.
   *
   * @throws IllegalArgumentException when there are more than {@value #MAX_KEYS} or one key is
   *     given for two organisations
   */
  public static TrustedKeys of(Collection<Key> keys) {
    Checks.require(keys.size() <= MAX_KEYS,
        "at most " + MAX_KEYS + " trusted keys, got " + keys.size());
    return new TrustedKeys(List.copyOf(keys), "the trusted keys given");
  }

  /**
   * Reads every {@code *.pub} file of {@code dir}, in file-name order.
   *
   * @throws NodeKey.KeyException naming the folder or file when the folder is missing or holds
   *     too many keys, or when a key file is unreadable, malformed or contradicts another
   */
  public static TrustedKeys load(Path dir) {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
        p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p))) {
      for (Path p : entries) {
        if (files.size() == MAX_KEYS) {
          throw new NodeKey.KeyException(dir,
              "more than " + MAX_KEYS + " trusted key files (*" + SUFFIX + ")");
        }
        files.add(p);
      }
    } catch (NoSuchFileException e) {
      throw new NodeKey.KeyException(dir, "no such trusted keys folder");
    } catch (NotDirectoryException e) {
      throw new NodeKey.KeyException(dir, "not a folder");
    } catch (IOException e) {
      throw new NodeKey.KeyException(dir, "cannot list: " + e.getMessage(), e);
    }
    files.sort(Comparator.comparing(p -> p.getFileName().toString()));
    List<Key> keys = new ArrayList<>(files.size());
    for (Path f : files) {
      keys.add(read(f));
    }
    try {
      return new TrustedKeys(keys, dir.toString());
    } catch (IllegalArgumentException e) {
      throw new NodeKey.KeyException(dir, e.getMessage(), e);
    }
  }

  /**
   * Reads one partner key file.
   *
   * @throws NodeKey.KeyException naming the file and the problem
   */
  public static Key read(Path file) {
    SigningPem.Block block = NodeKey.readBlock(file, SigningPem.PUBLIC);
    String organisation = block.headers().get(NodeKey.ORGANISATION_HEADER);
    if (organisation == null) {
      throw new NodeKey.KeyException(file, "no '# " + NodeKey.ORGANISATION_HEADER
          + ": identity--...' line above the key: whose key is it?");
    }
    if (!SigningFiles.IDENTITY_ID.matcher(organisation).matches()) {
      throw new NodeKey.KeyException(file, "'# " + NodeKey.ORGANISATION_HEADER + ":' must name"
          + " an identity id (identity--<lower-case uuid>), got '" + organisation + "'");
    }
    PublicKey key = NodeKey.publicKey(block.der(), file);
    String fingerprint = NodeKey.fingerprint(key);
    String stated = block.headers().get(NodeKey.FINGERPRINT_HEADER);
    if (stated != null && !stated.equals(fingerprint)) {
      throw new NodeKey.KeyException(file, "'# " + NodeKey.FINGERPRINT_HEADER + ": " + stated
          + "' does not match the key, whose fingerprint is " + fingerprint);
    }
    return new Key(organisation, key, file.getFileName().toString());
  }

  /** Returns the keys trusted for {@code organisation}, empty when it is unknown. */
  public List<Key> forSigner(String organisation) {
    return bySigner.getOrDefault(organisation, List.of());
  }

  /** Returns every key, in the order read. */
  public List<Key> keys() {
    return keys;
  }

  /** Returns where the keys came from (a folder), for messages. */
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return "TrustedKeys[" + keys.size() + " keys from " + description + "]";
  }
}
