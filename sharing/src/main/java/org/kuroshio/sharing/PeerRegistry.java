package org.kuroshio.sharing;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.kuroshio.store.Database;

/**
 * The node's federation state: the peers it pulls from and pushes to, and per peer and collection
 * the {@code added_after} cursor of the last page fully stored and the health of the exchange.
 * Kept in the node's database, so cursors survive restarts. Implementations are thread-safe.
 *
 * <p>A peer's credentials are kept in the database in clear: the node must present them to the
 * peer, so it cannot keep only a hash. Protect the database (and its backups) accordingly.
 */
public interface PeerRegistry {

  /**
   * Opens the registry kept in the node's database, first bringing the sharing schema up to date
   * (idempotent).
   *
   * @param clock stamps when a peer was added and last changed
   * @throws org.kuroshio.store.StoreException when the migration fails
   */
  static PeerRegistry open(Database database, Clock clock) {
    database.migrate("classpath:db/sharing", "sharing_schema_history",
        PeerRegistry.class.getClassLoader());
    return new JdbcPeerRegistry(database, clock);
  }

  /** Adds a peer, or replaces the one with its id (its cursors and health stay). */
  void putPeer(Peer peer);

  /** Removes a peer with its cursors and health; returns false when there was none. */
  boolean removePeer(String id);

  /** Returns every peer, ordered by id. */
  List<Peer> peers();

  /** Returns one peer. */
  Optional<Peer> peer(String id);

  /**
   * Returns the {@code added_after} value to resume pulling a peer's collection from, if any.
   *
   * @throws NotFoundException when the peer is unknown
   */
  Optional<String> cursor(String peer, String collection);

  /**
   * Records that every object up to {@code addedAfter} (the peer's
   * {@code X-TAXII-Date-Added-Last} of the last page stored) is stored.
   *
   * @throws IllegalArgumentException when {@code addedAfter} is not a TAXII timestamp
   * @throws NotFoundException when the peer is unknown
   */
  void saveCursor(String peer, String collection, String addedAfter, Instant at);

  /**
   * Records a failed exchange: counts one more consecutive failure and keeps the message (cut to
   * {@link #MAX_ERROR} characters, control characters replaced by spaces).
   *
   * @param nextAttempt when to try again (the caller's backoff)
   * @throws NotFoundException when the peer is unknown
   */
  void recordFailure(String peer, String collection, String message, Instant at,
      Instant nextAttempt);

  /**
   * Records a successful exchange: resets the consecutive failures and clears the next attempt
   * (back on the peer's interval). The last error and its time stay, for the record.
   *
   * @throws NotFoundException when the peer is unknown
   */
  void recordSuccess(String peer, String collection, Instant at);

  /**
   * Returns the state of each of a peer's collections that has any, ordered by collection id.
   *
   * @throws NotFoundException when the peer is unknown
   */
  List<Health> health(String peer);

  /** Longest error message kept. */
  int MAX_ERROR = 1_000;

  /**
   * A federation peer: another node's TAXII API root.
   *
   * @param id a short name, 1 to 64 of {@code a-z 0-9 -}
   * @param baseUrl the peer's API root, an absolute http or https URL without user info, query or
   *     fragment; a trailing {@code /} is added when missing (TAXII API roots end with one)
   * @param auth how the node authenticates to the peer
   * @param organisation the peer's organisation (identity id), the owner of what it sends
   * @param pull the peer's collections to pull, without repeats
   * @param push the peer's collections to push to, without repeats
   * @param intervalSeconds how often to exchange, 5 to 604,800 (a week)
   * @param enabled whether to exchange at all
   */
  record Peer(String id, URI baseUrl, Auth auth, String organisation, List<String> pull,
      List<String> push, int intervalSeconds, boolean enabled) {

    /** Shortest interval between exchanges. */
    public static final int MIN_INTERVAL = 5;

    /** Longest interval between exchanges. */
    public static final int MAX_INTERVAL = 604_800;

    /** Most collections in each direction. */
    public static final int MAX_COLLECTIONS = 1_000;

    /** Longest base URL. */
    public static final int MAX_URL = 2_000;

    private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern IDENTITY = Pattern.compile(
        "identity--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public Peer {
      Checks.require(ID.matcher(id).matches(),
          "peer id must be 1 to 64 of a-z, 0-9 and '-': " + id);
      baseUrl = apiRoot(baseUrl);
      Checks.require(IDENTITY.matcher(organisation).matches(),
          "peer organisation must be an identity id (identity--<lower-case uuid>): "
              + organisation);
      pull = collections(pull, "pull");
      push = collections(push, "push");
      Checks.require(intervalSeconds >= MIN_INTERVAL && intervalSeconds <= MAX_INTERVAL,
          "peer interval must be " + MIN_INTERVAL + " to " + MAX_INTERVAL + " seconds: "
              + intervalSeconds);
    }

    private static URI apiRoot(URI url) {
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      Checks.require(scheme.equals("http") || scheme.equals("https"),
          "peer base URL must be an absolute http or https URL: " + url);
      Checks.require(url.getHost() != null && !url.getHost().isEmpty(),
          "peer base URL has no host: " + url);
      Checks.require(url.getRawUserInfo() == null,
          "peer base URL must not hold credentials (give them as the peer's auth)");
      Checks.require(url.getRawQuery() == null && url.getRawFragment() == null,
          "peer base URL must have no query or fragment: " + url);
      String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/"
          : url.getRawPath();
      if (!path.endsWith("/")) {
        path = path + "/";
      }
      URI root;
      try {
        root = new URI(scheme + "://" + url.getRawAuthority() + path);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("peer base URL is malformed: " + url, e);
      }
      Checks.require(root.toString().length() <= MAX_URL,
          "peer base URL is longer than " + MAX_URL + " characters");
      return root;
    }

    private static List<String> collections(List<String> ids, String direction) {
      List<String> copy = List.copyOf(ids);
      Checks.require(copy.size() <= MAX_COLLECTIONS,
          "a peer has at most " + MAX_COLLECTIONS + " " + direction + " collections");
      Set<String> seen = new HashSet<>();
      for (String c : copy) {
        JdbcPeerRegistry.checkCollection(c);
        Checks.require(seen.add(c), "collection " + c + " is listed twice to " + direction);
      }
      return copy;
    }
  }

  /** How the node authenticates to a peer. Secrets never appear in {@code toString}. */
  sealed interface Auth permits Bearer, Basic {}

  /**
   * HTTP bearer authentication with an API token issued by the peer.
   *
   * @param token the token, 1 to 4,096 visible ASCII characters
   */
  record Bearer(String token) implements Auth {
    public Bearer {
      Checks.require(!token.isEmpty() && token.length() <= 4_096,
          "bearer token must be 1 to 4096 characters long");
      Checks.require(token.chars().allMatch(c -> c > 0x20 && c < 0x7f),
          "bearer token must be visible ASCII characters without spaces");
    }

    @Override
    public String toString() {
      return "Bearer[token=***]";
    }
  }

  /**
   * HTTP Basic authentication.
   *
   * @param user the user name, 1 to 256 characters, without ':' or control characters
   * @param password the password, 1 to 1,024 characters, without control characters
   */
  record Basic(String user, String password) implements Auth {
    public Basic {
      Checks.require(!user.isEmpty() && user.length() <= 256,
          "basic auth user must be 1 to 256 characters long");
      Checks.require(user.indexOf(':') < 0, "basic auth user must not contain ':'");
      Checks.require(user.chars().noneMatch(Character::isISOControl),
          "basic auth user must not contain control characters");
      Checks.require(!password.isEmpty() && password.length() <= 1_024,
          "basic auth password must be 1 to 1024 characters long");
      Checks.require(password.chars().noneMatch(Character::isISOControl),
          "basic auth password must not contain control characters");
    }

    @Override
    public String toString() {
      return "Basic[user=" + user + ", password=***]";
    }
  }

  /**
   * The exchange state of one of a peer's collections.
   *
   * @param peer the peer id
   * @param collection the collection id
   * @param cursor the {@code added_after} to resume from, or null before the first page stored
   * @param cursorSaved when the cursor was saved, or null
   * @param consecutiveFailures failures since the last success
   * @param lastError the last failure's message, or null if none ever
   * @param lastFailure when it happened, or null
   * @param lastSuccess the last success, or null if none yet
   * @param nextAttempt when to try again after failures, or null (on the peer's interval)
   */
  record Health(String peer, String collection, @Nullable String cursor,
      @Nullable Instant cursorSaved, int consecutiveFailures, @Nullable String lastError,
      @Nullable Instant lastFailure, @Nullable Instant lastSuccess,
      @Nullable Instant nextAttempt) {}
}
