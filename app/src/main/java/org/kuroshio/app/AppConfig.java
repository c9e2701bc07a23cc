package org.kuroshio.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.kuroshio.sharing.UserAccount;
import org.kuroshio.sharing.Organisation;
import org.kuroshio.sharing.SharingState;
import org.kuroshio.stix.Tlp;
import org.kuroshio.taxii.server.TaxiiSettings;

/**
 * Everything a node needs to run, loaded once in {@link Main} from a JSON file plus environment
 * variables (see {@link #load(Path, Map)} and {@code docs/CLI.md}) and passed down through
 * constructors.
 *
 * @param node who runs the node and what it is called
 * @param http where it listens and how large a request may be
 * @param database where objects are stored
 * @param dataDir the folder for the embedded database and other files
 * @param organisations partner organisations registered at start (when not yet known); the
 *     node's own organisation is always registered
 * @param users the accounts that may sign in, with hashes of their secrets only
 * @param maritime the maritime picture: reference geodata, AIS inputs, marking of detector output
 */
public record AppConfig(
    NodeSettings node,
    HttpSettings http,
    DatabaseSettings database,
    Path dataDir,
    List<Organisation> organisations,
    List<UserAccount> users,
    MaritimeSettings maritime) {

  /** The default HTTP port. */
  public static final int DEFAULT_PORT = 8080;

  /** The default largest request body: 10 MiB. */
  public static final long DEFAULT_MAX_CONTENT_LENGTH = 10L * 1024 * 1024;

  /** The organisation the node's own programs act for when the file names none. */
  public static final String DEFAULT_ORGANISATION = "identity--8b9e6f31-7c52-4f0a-9d5e-0c3a1b2d4e6f";

  public AppConfig {
    organisations = List.copyOf(organisations);
    users = List.copyOf(users);
    Objects.requireNonNull(maritime, "maritime");
  }

  /** A configuration without maritime settings (an empty maritime picture). */
  public AppConfig(NodeSettings node, HttpSettings http, DatabaseSettings database, Path dataDir,
      List<Organisation> organisations, List<UserAccount> users) {
    this(node, http, database, dataDir, organisations, users, MaritimeSettings.NONE);
  }

  /**
   * Returns the collection {@code import} and {@code export} use when none is named: the node
   * organisation's {@code local} collection.
   */
  public String defaultCollectionId() {
    return SharingState.localCollectionId(node.organisation());
  }

  /** Returns the configuration of a file-less node: port 8080, H2 under {@code ./data}. */
  public static AppConfig defaults() {
    return new AppConfig(
        new NodeSettings("Kuroshio node", null, DEFAULT_ORGANISATION, "Node operator"),
        new HttpSettings("0.0.0.0", DEFAULT_PORT, DEFAULT_MAX_CONTENT_LENGTH),
        new DatabaseSettings(null, null, null),
        Path.of("data"),
        List.of(),
        List.of());
  }

  /**
   * Loads the configuration from {@code file} (or the defaults when null), then applies the
   * {@code KUROSHIO_*} variables of {@code environment}.
   *
   * @throws ConfigException naming the file or variable, the key and the problem
   */
  public static AppConfig load(@Nullable Path file, Map<String, String> environment) {
    return ConfigLoader.load(file, environment);
  }

  /** Returns a copy listening on {@code port} (0 picks a free port). */
  public AppConfig withPort(int port) {
    return new AppConfig(node, new HttpSettings(http.host(), port, http.maxContentLength(),
        http.publicUrl()), database, dataDir, organisations, users, maritime);
  }

  /** Returns a copy listening on {@code host} and {@code port} (0 picks a free port). */
  public AppConfig withListener(String host, int port) {
    return new AppConfig(node, new HttpSettings(host, port, http.maxContentLength(),
        http.publicUrl()), database, dataDir, organisations, users, maritime);
  }

  /** Returns a copy with different HTTP settings. */
  public AppConfig withHttp(HttpSettings newHttp) {
    return new AppConfig(node, newHttp, database, dataDir, organisations, users, maritime);
  }

  /** Returns a copy storing objects in {@code newDatabase}. */
  public AppConfig withDatabase(DatabaseSettings newDatabase) {
    return new AppConfig(node, http, newDatabase, dataDir, organisations, users, maritime);
  }

  /** Returns a copy with {@code users} as its accounts. */
  public AppConfig withUsers(List<UserAccount> newUsers) {
    return new AppConfig(node, http, database, dataDir, organisations, newUsers, maritime);
  }

  /** Returns a copy storing its data (and its default embedded database) under {@code dir}. */
  public AppConfig withDataDir(Path dir) {
    return new AppConfig(node, http, database, dir, organisations, users, maritime);
  }

  /** Returns a copy registering {@code newOrganisations} at start. */
  public AppConfig withOrganisations(List<Organisation> newOrganisations) {
    return new AppConfig(node, http, database, dataDir, newOrganisations, users, maritime);
  }

  /** Returns a copy with different node settings. */
  public AppConfig withNode(NodeSettings newNode) {
    return new AppConfig(newNode, http, database, dataDir, organisations, users, maritime);
  }

  /** Returns a copy with different maritime settings. */
  public AppConfig withMaritime(MaritimeSettings newMaritime) {
    return new AppConfig(node, http, database, dataDir, organisations, users, newMaritime);
  }

  /**
   * The node's identity.
   *
   * @param title the title TAXII discovery and the API root report
   * @param description optional description
   * @param organisation the identity id of the operating organisation, the owner of what the
   *     node's own programs ({@code import}, the demo loader) contribute
   * @param organisationName that organisation's name
   */
  public record NodeSettings(String title, @Nullable String description, String organisation,
      String organisationName) {
    public NodeSettings {
      if (title.isBlank()) {
        throw new IllegalArgumentException("node title must not be blank");
      }
      if (!organisation.matches("identity--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
        throw new IllegalArgumentException(
            "node organisation must be an identity id (identity--<lower-case uuid>): " + organisation);
      }
      if (organisationName.isBlank()) {
        throw new IllegalArgumentException("node organisation name must not be blank");
      }
    }
  }

  /**
   * The HTTP listener.
   *
   * @param host the address to bind, such as {@code 0.0.0.0} or {@code 127.0.0.1}
   * @param port the port, 0 for any free port
   * @param maxContentLength the largest request body accepted, in bytes (TAXII
   *     {@code max_content_length})
   * @param publicUrl the URL clients reach the node at (behind a proxy or load balancer), such as
   *     {@code https://taxii.example.org}, without a trailing slash; TAXII discovery lists API
   *     roots under it. Null to use the request's scheme and {@code Host} header
   */
  public record HttpSettings(String host, int port, long maxContentLength,
      @Nullable String publicUrl) {
    public HttpSettings {
      if (host.isBlank()) {
        throw new IllegalArgumentException("bind host must not be blank");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be within 0-65535: " + port);
      }
      if (maxContentLength < 1) {
        throw new IllegalArgumentException("max content length must be positive");
      }
      if (publicUrl != null) {
        publicUrl = TaxiiSettings.checkPublicUrl(publicUrl);
      }
    }

    /** A listener without a public URL. */
    public HttpSettings(String host, int port, long maxContentLength) {
      this(host, port, maxContentLength, null);
    }

    /** Returns a copy with another public URL (null to follow the request). */
    public HttpSettings withPublicUrl(@Nullable String url) {
      return new HttpSettings(host, port, maxContentLength, url);
    }
  }

  /**
   * The database; with no URL the node uses an embedded H2 file under the data directory.
   *
   * @param url a JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql:...}), or null
   * @param user the database user, or null
   * @param password the database password, or null; never printed
   */
  public record DatabaseSettings(
      @Nullable String url, @Nullable String user, @Nullable String password) {

    /** Returns the JDBC URL when one is configured. */
    public Optional<String> jdbcUrl() {
      return Optional.ofNullable(url);
    }

    @Override
    public String toString() {
      return "DatabaseSettings[url=" + url + ", user=" + user + ", password="
          + (password == null ? "null" : "***") + "]";
    }
  }

  /**
   * The node's maritime picture ({@link MaritimeService}): every part optional, so a node without
   * maritime settings runs with an empty picture (no cables, seas or areas; no inputs).
   *
   * @param cables cable routes (GeoJSON, in the form of TeleGeography's cable-geo file), or null
   * @param landingPoints cable landing points (GeoJSON points), or null; only with cables
   * @param boundaries territorial sea polygons (GeoJSON files), possibly none
   * @param areas areas of interest and anchorages (GeoJSON), or null
   * @param corridorHalfWidthM the cable corridor's half-width: metres each side of the route
   * @param inputs AIS inputs the node reads while it runs ({@code AisInput.open} specs: files,
   *     {@code tcp://host:port}, {@code tcp://:port}, {@code udp://:port})
   * @param marking the TLP marking given to detector output that has none (the node's default
   *     marking for objects it creates, DESIGN.md rule 2)
   * @param flushInterval how often new detector events are written as STIX
   * @param shortGap the short AIS gap inside cable corridors and territorial seas, or null for
   *     the detectors' default (30 minutes)
   * @param watchedSeas ISO 3166 alpha-3 codes of the territorial seas whose entries are
   *     incursions; empty for every sea
   * @param owner the identity id of the organisation the node's maritime desk works for (it owns
   *     the detector output and its users see the live picture); it must be an organisation the
   *     node knows; null for the node's organisation
   */
  public record MaritimeSettings(
      @Nullable Path cables,
      @Nullable Path landingPoints,
      List<Path> boundaries,
      @Nullable Path areas,
      double corridorHalfWidthM,
      List<String> inputs,
      Tlp marking,
      Duration flushInterval,
      @Nullable Duration shortGap,
      Set<String> watchedSeas,
      @Nullable String owner) {

    /** Default corridor half-width: one nautical mile each side of the route. */
    public static final double DEFAULT_CORRIDOR_HALF_WIDTH_M = 1_852.0;
    /** Default interval of the periodic flush. */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(2);
    /** The most AIS inputs one node reads. */
    public static final int MAX_INPUTS = 32;
    /** The longest owner id accepted. */
    public static final int MAX_OWNER_LENGTH = 200;

    /** No geodata, no inputs, TLP:AMBER, a flush every 2 seconds. */
    public static final MaritimeSettings NONE = new MaritimeSettings(null, null, List.of(), null,
        DEFAULT_CORRIDOR_HALF_WIDTH_M, List.of(), Tlp.AMBER, DEFAULT_FLUSH_INTERVAL, null,
        Set.of(), null);

    public MaritimeSettings {
      boundaries = List.copyOf(boundaries);
      inputs = List.copyOf(inputs);
      watchedSeas = Set.copyOf(watchedSeas);
      Objects.requireNonNull(marking, "marking");
      Objects.requireNonNull(flushInterval, "flushInterval");
      if (owner != null && (owner.isBlank() || owner.length() > MAX_OWNER_LENGTH)) {
        throw new IllegalArgumentException("the owner must be an organisation's identity id"
            + " (1 to " + MAX_OWNER_LENGTH + " characters)");
      }
      if (landingPoints != null && cables == null) {
        throw new IllegalArgumentException("landing points need the cable routes (cables)");
      }
      if (!(corridorHalfWidthM >= 1.0 && corridorHalfWidthM <= 50_000.0)) {
        throw new IllegalArgumentException(
            "the corridor half-width must be 1 to 50,000 metres, got " + corridorHalfWidthM);
      }
      if (inputs.size() > MAX_INPUTS) {
        throw new IllegalArgumentException("at most " + MAX_INPUTS + " AIS inputs, got "
            + inputs.size());
      }
      if (flushInterval.toMillis() < 100 || flushInterval.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(
            "the flush interval must be 100 ms to 1 hour, got " + flushInterval);
      }
      if (shortGap != null && (shortGap.toMinutes() < 1 || shortGap.toHours() > 24)) {
        throw new IllegalArgumentException("the short gap must be 1 minute to 24 hours, got "
            + shortGap);
      }
      for (String sea : watchedSeas) {
        if (!sea.matches("[A-Z]{3}")) {
          throw new IllegalArgumentException(
              "a watched sea must be an ISO 3166 alpha-3 code such as TWN, got \"" + sea + "\"");
        }
      }
    }

    /** Returns a copy with these geodata files (any may be null). */
    public MaritimeSettings withGeodata(@Nullable Path newCables, @Nullable Path newLandingPoints,
        List<Path> newBoundaries, @Nullable Path newAreas) {
      return new MaritimeSettings(newCables, newLandingPoints, newBoundaries, newAreas,
          corridorHalfWidthM, inputs, marking, flushInterval, shortGap, watchedSeas, owner);
    }

    /** Returns a copy reading these AIS inputs. */
    public MaritimeSettings withInputs(List<String> newInputs) {
      return new MaritimeSettings(cables, landingPoints, boundaries, areas, corridorHalfWidthM,
          newInputs, marking, flushInterval, shortGap, watchedSeas, owner);
    }

    /** Returns a copy marking detector output with {@code newMarking}. */
    public MaritimeSettings withMarking(Tlp newMarking) {
      return new MaritimeSettings(cables, landingPoints, boundaries, areas, corridorHalfWidthM,
          inputs, newMarking, flushInterval, shortGap, watchedSeas, owner);
    }

    /** Returns a copy flushing every {@code interval}. */
    public MaritimeSettings withFlushInterval(Duration interval) {
      return new MaritimeSettings(cables, landingPoints, boundaries, areas, corridorHalfWidthM,
          inputs, marking, interval, shortGap, watchedSeas, owner);
    }

    /** Returns a copy with another corridor half-width. */
    public MaritimeSettings withCorridorHalfWidth(double metres) {
      return new MaritimeSettings(cables, landingPoints, boundaries, areas, metres, inputs,
          marking, flushInterval, shortGap, watchedSeas, owner);
    }

    /**
     * Returns a copy whose maritime desk works for the organisation {@code newOwner} (an identity
     * id), or for the node's organisation when null.
     */
    public MaritimeSettings withOwner(@Nullable String newOwner) {
      return new MaritimeSettings(cables, landingPoints, boundaries, areas, corridorHalfWidthM,
          inputs, marking, flushInterval, shortGap, watchedSeas, newOwner);
    }
  }
}
