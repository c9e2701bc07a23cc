package org.kuroshio.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.StixJson;
import org.kuroshio.app.AppConfig.DatabaseSettings;
import org.kuroshio.app.AppConfig.HttpSettings;
import org.kuroshio.app.AppConfig.NodeSettings;
import org.kuroshio.sharing.Credentials;
import org.kuroshio.sharing.Organisation;
import org.kuroshio.sharing.Role;
import org.kuroshio.sharing.UserAccount;
import org.kuroshio.store.CollectionInfo;
import org.kuroshio.taxii.server.TaxiiSettings;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads {@link AppConfig} from a JSON file and {@code KUROSHIO_*} environment variables.
 *
 * <p>Every key is checked: an unknown key is an error (a misspelt {@code prot} must not silently
 * leave the port at its default), and each message names the file or variable, the key path and
 * the problem.
 */
final class ConfigLoader {
  /** A configuration file is small; anything larger is a mistake. */
  static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(32)
                          .maxDocumentLength(MAX_FILE_BYTES)
                          .build())
                  .build())
          .build();

  private static final Set<String> TOP_KEYS = Set.of("node", "http", "database", "data_dir",
      "organisations", "users", "maritime");
  private static final Set<String> NODE_KEYS = Set.of("title", "description", "organisation", "organisation_name");
  private static final Set<String> HTTP_KEYS = Set.of("host", "port", "max_content_length", "public_url");
  private static final Set<String> DB_KEYS = Set.of("url", "user", "password");
  private static final Set<String> ORGANISATION_KEYS = Set.of("id", "name");
  private static final Set<String> MARITIME_KEYS = Set.of("cables", "landing_points",
      "boundaries", "areas", "corridor_half_width_m", "inputs", "marking", "flush_interval_ms",
      "short_gap_minutes", "watched_seas", "owner");
  private static final Set<String> USER_KEYS =
      Set.of("name", "organisation", "roles", "password_hash", "token_hashes");

  private ConfigLoader() {}

  static AppConfig load(@Nullable Path file, Map<String, String> env) {
    AppConfig base = file == null ? AppConfig.defaults() : fromFile(file);
    return applyEnvironment(base, env);
  }

  private static AppConfig fromFile(Path file) {
    String source = file.toString();
    JsonNode root;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new ConfigException(source, "", "file is larger than " + MAX_FILE_BYTES + " bytes");
      }
      root = MAPPER.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new ConfigException(source, "", "file not found");
    } catch (IOException e) {
      throw new ConfigException(source, "", "cannot read the file: " + e.getMessage());
    } catch (JacksonException e) {
      TokenStreamLocation loc = e.getLocation();
      String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column "
          + loc.getColumnNr();
      throw new ConfigException(source, "", "not valid JSON" + where + ": "
          + StixJson.describe(e));
    }
    return fromTree(source, root);
  }

  /** Builds a configuration from a parsed JSON tree; {@code source} names it in errors. */
  static AppConfig fromTree(String source, @Nullable JsonNode root) {
    Reader r = new Reader(source);
    ObjectNode top = r.object(root, "");
    r.onlyKeys(top, "", TOP_KEYS);
    AppConfig d = AppConfig.defaults();

    NodeSettings node = d.node();
    ObjectNode n = r.optionalObject(top, "node");
    if (n != null) {
      r.onlyKeys(n, "node", NODE_KEYS);
      node = r.build("node", () -> new NodeSettings(
          r.string(n, "node.title", d.node().title()),
          r.optionalString(n, "node.description"),
          r.string(n, "node.organisation", d.node().organisation()),
          r.string(n, "node.organisation_name", d.node().organisationName())));
    }

    HttpSettings http = d.http();
    ObjectNode h = r.optionalObject(top, "http");
    if (h != null) {
      r.onlyKeys(h, "http", HTTP_KEYS);
      String host = r.string(h, "http.host", d.http().host());
      int port = r.port(h, "http.port", d.http().port());
      long max = r.positiveLong(h, "http.max_content_length", d.http().maxContentLength());
      String url = r.optionalString(h, "http.public_url");
      String publicUrl = url == null ? null
          : r.build("http.public_url", () -> TaxiiSettings.checkPublicUrl(url));
      http = r.build("http", () -> new HttpSettings(host, port, max, publicUrl));
    }

    DatabaseSettings db = d.database();
    ObjectNode b = r.optionalObject(top, "database");
    if (b != null) {
      r.onlyKeys(b, "database", DB_KEYS);
      db = new DatabaseSettings(
          r.jdbcUrl(b, "database.url"),
          r.optionalString(b, "database.user"),
          r.optionalString(b, "database.password"));
    }

    Path dataDir = d.dataDir();
    String dir = r.optionalString(top, "data_dir");
    if (dir != null) {
      dataDir = r.path("data_dir", dir);
    }

    List<Organisation> organisations = new ArrayList<>();
    JsonNode os = top.get("organisations");
    if (os != null) {
      if (!os.isArray()) {
        throw new ConfigException(source, "organisations",
            "must be a list of {\"id\": \"identity--...\", \"name\": \"...\"} objects");
      }
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < os.size(); i++) {
        Organisation o = r.organisation(os.get(i), "organisations[" + i + "]");
        if (!ids.add(o.id())) {
          throw new ConfigException(source, "organisations[" + i + "].id",
              "organisation " + o.id() + " is defined twice");
        }
        organisations.add(o);
      }
    }

    List<UserAccount> users = new ArrayList<>();
    JsonNode u = top.get("users");
    if (u != null) {
      if (!u.isArray()) {
        throw new ConfigException(source, "users", "must be a list of user objects");
      }
      Set<String> names = new HashSet<>();
      for (int i = 0; i < u.size(); i++) {
        UserAccount account = r.user(u.get(i), "users[" + i + "]");
        if (!names.add(account.name())) {
          throw new ConfigException(source, "users[" + i + "].name",
              "user '" + account.name() + "' is defined twice");
        }
        users.add(account);
      }
    }
    AppConfig.MaritimeSettings maritime = d.maritime();
    ObjectNode m = r.optionalObject(top, "maritime");
    if (m != null) {
      maritime = r.maritime(m);
    }
    return new AppConfig(node, http, db, dataDir, organisations, users, maritime);
  }

  private static AppConfig applyEnvironment(AppConfig c, Map<String, String> env) {
    NodeSettings node = c.node();
    HttpSettings http = c.http();
    DatabaseSettings db = c.database();
    Path dataDir = c.dataDir();

    String title = env.get("KUROSHIO_TITLE");
    String org = env.get("KUROSHIO_ORGANISATION");
    if (title != null || org != null) {
      node = envBuild("KUROSHIO_TITLE or KUROSHIO_ORGANISATION", "node", node, title, org);
    }
    String host = env.get("KUROSHIO_HOST");
    String port = env.get("KUROSHIO_PORT");
    String max = env.get("KUROSHIO_MAX_CONTENT_LENGTH");
    if (host != null || port != null || max != null) {
      if (host != null && host.isBlank()) {
        throw new ConfigException("environment variable KUROSHIO_HOST", "http.host",
            "must not be empty");
      }
      http = new HttpSettings(
          host != null ? host.strip() : http.host(),
          port != null ? envPort(port) : http.port(),
          max != null ? envPositiveLong("KUROSHIO_MAX_CONTENT_LENGTH",
              "http.max_content_length", max) : http.maxContentLength(),
          http.publicUrl());
    }
    String publicUrl = env.get("KUROSHIO_PUBLIC_URL");
    if (publicUrl != null) {
      try {
        http = http.withPublicUrl(blankToNull(publicUrl));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("environment variable KUROSHIO_PUBLIC_URL", "http.public_url",
            e.getMessage());
      }
    }
    String url = env.get("KUROSHIO_DB_URL");
    String user = env.get("KUROSHIO_DB_USER");
    String password = env.get("KUROSHIO_DB_PASSWORD");
    if (url != null || user != null || password != null) {
      if (url != null && !url.isBlank() && !supportedUrl(url)) {
        throw new ConfigException("environment variable KUROSHIO_DB_URL", "database.url",
            "must be a jdbc:h2: or jdbc:postgresql: URL (such as jdbc:postgresql://host/db), got '"
                + url + "'");
      }
      db = new DatabaseSettings(
          url != null ? blankToNull(url) : db.url(),
          user != null ? user : db.user(),
          password != null ? password : db.password());
    }
    String dir = env.get("KUROSHIO_DATA_DIR");
    if (dir != null) {
      if (dir.isBlank()) {
        throw new ConfigException("environment variable KUROSHIO_DATA_DIR", "data_dir",
            "must not be empty");
      }
      dataDir = new Reader("environment variable KUROSHIO_DATA_DIR").path("data_dir", dir);
    }
    return new AppConfig(node, http, db, dataDir, c.organisations(), c.users(), c.maritime());
  }

  private static NodeSettings envBuild(String source, String key, NodeSettings node,
      @Nullable String title, @Nullable String org) {
    try {
      return new NodeSettings(title != null ? title : node.title(), node.description(),
          org != null ? org : node.organisation(), node.organisationName());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("environment variable " + source, key, e.getMessage());
    }
  }

  private static int envPort(String text) {
    try {
      int p = Integer.parseInt(text.strip());
      if (p >= 0 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new ConfigException("environment variable KUROSHIO_PORT", "http.port",
        "must be a port number 0-65535, got '" + text + "'");
  }

  private static long envPositiveLong(String name, String key, String text) {
    try {
      long v = Long.parseLong(text.strip());
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new ConfigException("environment variable " + name, key,
        "must be a positive whole number, got '" + text + "'");
  }

  private static boolean supportedUrl(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith("jdbc:h2:") || lower.startsWith("jdbc:postgresql:");
  }

  private static @Nullable String blankToNull(String s) {
    return s.isBlank() ? null : s;
  }

  /** Typed access to one JSON tree, naming {@code source} and the key path in every error. */
  private record Reader(String source) {

    ConfigException error(String key, String problem) {
      return new ConfigException(source, key, problem);
    }

    <T> T build(String key, java.util.function.Supplier<T> supplier) {
      try {
        return supplier.get();
      } catch (IllegalArgumentException e) {
        throw error(key, e.getMessage());
      }
    }

    ObjectNode object(@Nullable JsonNode node, String key) {
      if (node instanceof ObjectNode o) {
        return o;
      }
      throw error(key, key.isEmpty() ? "the file must hold one JSON object" : "must be an object");
    }

    @Nullable ObjectNode optionalObject(ObjectNode parent, String key) {
      JsonNode v = parent.get(key);
      return v == null || v.isNull() ? null : object(v, key);
    }

    void onlyKeys(ObjectNode o, String path, Set<String> allowed) {
      for (String name : o.propertyNames()) {
        if (!allowed.contains(name)) {
          String key = path.isEmpty() ? name : path + "." + name;
          if (name.equals("collections")) {
            throw error(key, "collections and per-user collection rights are no longer"
                + " configured: each organisation sees its local collection and one per agreement"
                + " in force (docs/SHARING.md); list partner organisations under"
                + " \"organisations\" and make agreements with `kuroshio agreement create`");
          }
          throw error(key, "unknown key (allowed here: " + String.join(", ", sorted(allowed))
              + ")");
        }
      }
    }

    private static List<String> sorted(Set<String> s) {
      return s.stream().sorted().toList();
    }

    private static String last(String path) {
      int dot = path.lastIndexOf('.');
      return dot < 0 ? path : path.substring(dot + 1);
    }

    String string(ObjectNode o, String path, String fallback) {
      String v = optionalString(o, path);
      if (v == null) {
        return fallback;
      }
      if (v.isBlank()) {
        throw error(path, "must not be empty");
      }
      return v;
    }

    @Nullable String optionalString(ObjectNode o, String path) {
      JsonNode v = o.get(last(path));
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isString()) {
        throw error(path, "must be a string, got " + describe(v));
      }
      return v.asString();
    }

    int port(ObjectNode o, String path, int fallback) {
      JsonNode v = o.get(last(path));
      if (v == null || v.isNull()) {
        return fallback;
      }
      if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0
          || v.intValue() > 65535) {
        throw error(path, "must be a port number 0-65535, got " + describe(v));
      }
      return v.intValue();
    }

    long positiveLong(ObjectNode o, String path, long fallback) {
      JsonNode v = o.get(last(path));
      if (v == null || v.isNull()) {
        return fallback;
      }
      if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 1) {
        throw error(path, "must be a positive whole number, got " + describe(v));
      }
      return v.longValue();
    }

    @Nullable String jdbcUrl(ObjectNode o, String path) {
      String url = optionalString(o, path);
      if (url != null && !supportedUrl(url)) {
        throw error(path, "must be a jdbc:h2: or jdbc:postgresql: URL, got '" + url + "'");
      }
      return url;
    }

    Path path(String key, String text) {
      try {
        return Path.of(text);
      } catch (InvalidPathException e) {
        throw error(key, "not a usable path: " + e.getMessage());
      }
    }

    AppConfig.MaritimeSettings maritime(ObjectNode m) {
      onlyKeys(m, "maritime", MARITIME_KEYS);
      AppConfig.MaritimeSettings d = AppConfig.MaritimeSettings.NONE;
      Path cables = existingFile(m, "maritime.cables");
      Path landing = existingFile(m, "maritime.landing_points");
      List<Path> boundaries = new ArrayList<>();
      JsonNode b = m.get("boundaries");
      if (b != null && !b.isNull()) {
        if (b.isString()) {
          boundaries.add(existingFile(m, "maritime.boundaries"));
        } else if (b.isArray()) {
          for (int i = 0; i < b.size(); i++) {
            String key = "maritime.boundaries[" + i + "]";
            if (!b.get(i).isString() || b.get(i).asString().isBlank()) {
              throw error(key, "must be a file name");
            }
            boundaries.add(checkFile(key, b.get(i).asString()));
          }
        } else {
          throw error("maritime.boundaries", "must be a file name or a list of file names");
        }
      }
      Path areas = existingFile(m, "maritime.areas");
      double halfWidth = d.corridorHalfWidthM();
      JsonNode w = m.get("corridor_half_width_m");
      if (w != null && !w.isNull()) {
        if (!w.isNumber() || !(w.asDouble() >= 1.0 && w.asDouble() <= 50_000.0)) {
          throw error("maritime.corridor_half_width_m",
              "must be a number of metres from 1 to 50000, got " + describe(w));
        }
        halfWidth = w.asDouble();
      }
      List<String> inputs = new ArrayList<>();
      JsonNode in = m.get("inputs");
      if (in != null && !in.isNull()) {
        if (!in.isArray()) {
          throw error("maritime.inputs", "must be a list of AIS input specs such as"
              + " [\"tcp://:10110\", \"udp://:10111\", \"recordings/today.nmea.gz\"]");
        }
        for (int i = 0; i < in.size(); i++) {
          String key = "maritime.inputs[" + i + "]";
          if (!in.get(i).isString() || in.get(i).asString().isBlank()) {
            throw error(key, "must be an AIS input spec (a file, tcp://host:port, tcp://:port,"
                + " udp://:port)");
          }
          String spec = in.get(i).asString().strip();
          build(key, () -> org.kuroshio.maritime.feed.FeedSpec.parse(spec));
          inputs.add(spec);
        }
      }
      org.kuroshio.stix.Tlp marking = d.marking();
      String mk = optionalString(m, "maritime.marking");
      if (mk != null) {
        marking = org.kuroshio.stix.Tlp.fromName(mk).orElseThrow(() -> error("maritime.marking",
            "not a TLP level (clear, green, amber, amber+strict, red): \"" + mk + "\""));
      }
      long flushMs = positiveLong(m, "maritime.flush_interval_ms",
          d.flushInterval().toMillis());
      JsonNode g = m.get("short_gap_minutes");
      java.time.Duration shortGap = null;
      if (g != null && !g.isNull()) {
        if (!g.isIntegralNumber() || g.asLong() < 1 || g.asLong() > 1_440) {
          throw error("maritime.short_gap_minutes", "must be a whole number of minutes from 1"
              + " to 1440, got " + describe(g));
        }
        shortGap = java.time.Duration.ofMinutes(g.asLong());
      }
      Set<String> seas = new java.util.TreeSet<>();
      JsonNode ws = m.get("watched_seas");
      if (ws != null && !ws.isNull()) {
        if (!ws.isArray()) {
          throw error("maritime.watched_seas", "must be a list of ISO 3166 alpha-3 codes such as"
              + " [\"TWN\", \"JPN\"]");
        }
        for (int i = 0; i < ws.size(); i++) {
          if (!ws.get(i).isString()) {
            throw error("maritime.watched_seas[" + i + "]", "must be an ISO 3166 alpha-3 code");
          }
          seas.add(ws.get(i).asString().strip().toUpperCase(Locale.ROOT));
        }
      }
      String owner = optionalString(m, "maritime.owner");
      if (owner != null && owner.isBlank()) {
        throw error("maritime.owner", "must not be empty; leave it out for the node's"
            + " organisation");
      }
      String own = owner == null ? null : owner.strip();
      double hw = halfWidth;
      java.time.Duration sg = shortGap;
      org.kuroshio.stix.Tlp mark = marking;
      return build("maritime", () -> new AppConfig.MaritimeSettings(cables, landing, boundaries,
          areas, hw, inputs, mark, java.time.Duration.ofMillis(flushMs), sg, seas, own));
    }

    private @Nullable Path existingFile(ObjectNode o, String path) {
      String v = optionalString(o, path);
      if (v == null) {
        return null;
      }
      if (v.isBlank()) {
        throw error(path, "must not be empty");
      }
      return checkFile(path, v);
    }

    private Path checkFile(String key, String text) {
      Path p = path(key, text.strip());
      if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
        throw error(key, "no readable file at " + p.toAbsolutePath());
      }
      return p;
    }

    Organisation organisation(JsonNode node, String path) {
      ObjectNode o = object(node, path);
      onlyKeys(o, path, ORGANISATION_KEYS);
      String id = requiredString(o, path, "id");
      String name = requiredString(o, path, "name");
      return build(path, () -> new Organisation(id, name, java.time.Instant.EPOCH));
    }

    UserAccount user(JsonNode node, String path) {
      ObjectNode u = object(node, path);
      onlyKeys(u, path, USER_KEYS);
      String name = requiredString(u, path, "name");
      String org = requiredString(u, path, "organisation");
      Set<Role> roles = EnumSet.noneOf(Role.class);
      JsonNode rs = u.get("roles");
      if (rs != null) {
        if (!rs.isArray()) {
          throw error(path + ".roles", "must be a list such as [\"analyst\"]");
        }
        for (int i = 0; i < rs.size(); i++) {
          roles.add(role(rs.get(i), path + ".roles[" + i + "]"));
        }
      }
      String passwordHash = optionalString(u, path + ".password_hash");
      if (passwordHash != null && !Credentials.isPasswordHash(passwordHash)) {
        throw error(path + ".password_hash", "not a password hash (expected "
            + Credentials.PASSWORD_SCHEME + "$...; create one with `kuroshio user hash-password`)");
      }
      List<String> tokens = new ArrayList<>();
      JsonNode ts = u.get("token_hashes");
      if (ts != null) {
        if (!ts.isArray()) {
          throw error(path + ".token_hashes", "must be a list of token hashes");
        }
        for (int i = 0; i < ts.size(); i++) {
          JsonNode t = ts.get(i);
          if (!t.isString() || !t.asString().matches("[0-9a-fA-F]{64}")) {
            throw error(path + ".token_hashes[" + i + "]", "not a token hash (64 hex digits;"
                + " create one with `kuroshio token new`)");
          }
          tokens.add(t.asString());
        }
      }
      if (passwordHash == null && tokens.isEmpty()) {
        throw error(path, "user '" + name + "' has neither password_hash nor token_hashes,"
            + " so could never sign in (create them with `kuroshio user hash-password` and"
            + " `kuroshio token new`)");
      }
      return build(path, () -> new UserAccount(name, org, roles, passwordHash, tokens,
          Map.of()));
    }

    private String requiredString(ObjectNode o, String path, String name) {
      String v = optionalString(o, path + "." + name);
      if (v == null || v.isBlank()) {
        throw error(path + "." + name, "is required");
      }
      return v;
    }

    private Role role(JsonNode v, String path) {
      if (v.isString()) {
        String n = v.asString().strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Role r : Role.values()) {
          if (r.name().equals(n)) {
            return r;
          }
        }
      }
      throw error(path, "not a role: " + describe(v) + " (roles: admin, analyst, read-only,"
          + " machine)");
    }

    private static String describe(JsonNode v) {
      String text = v.toString();
      return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
  }
}
