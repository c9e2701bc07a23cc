package org.kuroshio.app;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small JSON-over-HTTP client for a running node's REST API ({@code /api/...}), used by the
 * admin commands ({@code org}, {@code user}, {@code token}, {@code agreement}, {@code audit},
 * {@code peer}). It sends HTTP Basic or bearer credentials, never follows redirects (which could
 * carry the credentials elsewhere), reads at most {@link #MAX_RESPONSE} bytes of an answer, and
 * turns an error answer into a {@link Main.CommandFailure} whose message reads
 * {@code HTTP 403: Forbidden: only administrators ...}.
 */
final class AdminClient {
  /** The node's address when neither {@code --url} nor {@code $KUROSHIO_URL} names one. */
  static final String DEFAULT_URL = "http://127.0.0.1:8080/";

  /** Largest answer read from the node: 64 MiB. */
  static final int MAX_RESPONSE = 64 * 1024 * 1024;

  /** Longest a request may take, unless the command asks for longer. */
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(200).maxStringLength(MAX_RESPONSE).build())
          .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private final URI base;
  private final String authorization;
  private final HttpClient http;

  /**
   * Creates a client.
   *
   * @param base the node's base URL, ending in {@code /}
   * @param authorization the value of the {@code Authorization} header
   */
  private AdminClient(URI base, String authorization) {
    this.base = base;
    this.authorization = authorization;
    this.http = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** Returns a client that signs in with HTTP Basic. */
  static AdminClient basic(URI base, String user, char[] password) {
    if (user.isEmpty() || user.indexOf(':') >= 0) {
      throw new IllegalArgumentException("--user must be a non-empty name without ':': " + user);
    }
    byte[] pair = (user + ":" + new String(password)).getBytes(StandardCharsets.UTF_8);
    return new AdminClient(base, "Basic " + Base64.getEncoder().encodeToString(pair));
  }

  /** Returns a client that sends {@code Authorization: Bearer TOKEN}. */
  static AdminClient bearer(URI base, String token) {
    String t = token.strip();
    if (t.isEmpty() || t.chars().anyMatch(c -> c <= ' ' || c > 126)) {
      throw new IllegalArgumentException("the API token must be printable ASCII without spaces");
    }
    return new AdminClient(base, "Bearer " + t);
  }

  /** Returns the node's base URL. */
  URI base() {
    return base;
  }

  /**
   * Checks and normalises a base URL: absolute {@code http} or {@code https}, no query or
   * fragment, ending in {@code /}. A URL ending in the API root {@code /api/} (as
   * {@code import --url} takes) is accepted and cut back to the node's base.
   *
   * @throws IllegalArgumentException naming the problem
   */
  static URI baseUrl(String text) {
    URI u;
    try {
      u = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--url: not a URL: " + text, e);
    }
    String scheme = u.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || u.getHost() == null) {
      throw new IllegalArgumentException("--url must be an absolute http or https URL such as "
          + DEFAULT_URL + ": " + text);
    }
    if (u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
      throw new IllegalArgumentException("--url must have no query, fragment or user name: "
          + text);
    }
    String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
    if (!path.endsWith("/")) {
      path += "/";
    }
    if (path.endsWith("/api/")) {
      path = path.substring(0, path.length() - "api/".length());
    }
    return URI.create(scheme.toLowerCase(java.util.Locale.ROOT) + "://" + u.getRawAuthority()
        + path);
  }

  /** Encodes one path segment (an id or a user name) so that it cannot change the path. */
  static String segment(String value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException("an empty name or id");
    }
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Builds {@code path?k=v&...} from pairs of names and values, leaving out null values and
   * encoding the rest.
   */
  static String query(String path, @Nullable Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalStateException("names and values must come in pairs");
    }
    StringJoiner q = new StringJoiner("&");
    for (int i = 0; i < namesAndValues.length; i += 2) {
      Object value = namesAndValues[i + 1];
      if (value != null) {
        q.add(URLEncoder.encode(String.valueOf(namesAndValues[i]), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
      }
    }
    return q.length() == 0 ? path : path + "?" + q;
  }

  /** {@code GET path}: returns the JSON answer. */
  JsonNode get(String path) {
    return send("GET", path, null, TIMEOUT);
  }

  /** {@code POST path} with a JSON body: returns the JSON answer (empty object on 204). */
  JsonNode post(String path, @Nullable JsonNode body) {
    return send("POST", path, body, TIMEOUT);
  }

  /** {@code POST path} with a JSON body and a longer time limit. */
  JsonNode post(String path, @Nullable JsonNode body, Duration timeout) {
    return send("POST", path, body, timeout);
  }

  /** {@code PUT path} with a JSON body. */
  JsonNode put(String path, JsonNode body) {
    return send("PUT", path, body, TIMEOUT);
  }

  /** {@code PATCH path} with a JSON body. */
  JsonNode patch(String path, JsonNode body) {
    return send("PATCH", path, body, TIMEOUT);
  }

  /** {@code DELETE path}. */
  JsonNode delete(String path) {
    return send("DELETE", path, null, TIMEOUT);
  }

  /**
   * {@code POST path} with a body of another media type (such as {@code text/plain} NMEA lines):
   * returns the JSON answer.
   */
  JsonNode postText(String path, String contentType, String body, Duration timeout) {
    return send("POST", path, contentType, body, timeout);
  }

  private JsonNode send(String method, String path, @Nullable JsonNode body, Duration timeout) {
    return send(method, path, body == null ? null : "application/json",
        body == null ? null : JSON.writeValueAsString(body), timeout);
  }

  private JsonNode send(String method, String path, @Nullable String contentType,
      @Nullable String body, Duration timeout) {
    if (path.startsWith("/") || path.contains("://")) {
      throw new IllegalStateException("a relative API path is expected: " + path);
    }
    URI target = base.resolve(path);
    HttpRequest.Builder b = HttpRequest.newBuilder(target)
        .timeout(timeout)
        .header("Accept", "application/json")
        .header("Authorization", authorization);
    if (body != null && contentType != null) {
      b.header("Content-Type", contentType);
      b.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<InputStream> r;
    byte[] bytes;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = r.body()) {
        bytes = in.readNBytes(MAX_RESPONSE + 1);
      }
    } catch (HttpConnectTimeoutException e) {
      throw unreachable(e, "the connection timed out");
    } catch (HttpTimeoutException e) {
      throw new Main.CommandFailure(method + " " + target + ": no answer within "
          + timeout.toSeconds() + " s", e);
    } catch (ConnectException e) {
      throw unreachable(e, "connection refused");
    } catch (IOException e) {
      throw unreachable(e, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Main.CommandFailure("interrupted while waiting for " + target, e);
    }
    if (bytes.length > MAX_RESPONSE) {
      throw new Main.CommandFailure(method + " " + target + ": the answer is larger than "
          + MAX_RESPONSE / (1024 * 1024) + " MiB");
    }
    int status = r.statusCode();
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (status < 200 || status > 299) {
      throw new Main.CommandFailure(errorMessage(status, text));
    }
    if (text.isBlank()) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      return JSON.readTree(text);
    } catch (JacksonException e) {
      throw new Main.CommandFailure(method + " " + target + ": HTTP " + status
          + " with an answer that is not JSON: " + Text.clip(text, 200), e);
    }
  }

  private Main.CommandFailure unreachable(Exception e, String why) {
    return new Main.CommandFailure("cannot reach the node at " + base + ": " + why
        + " (is it running? give its address with --url or $KUROSHIO_URL)", e);
  }

  /**
   * Turns an error answer into one line: {@code HTTP 403: Forbidden: only administrators ...},
   * from the TAXII error shape ({@code title}, {@code description}) when the body has it.
   */
  static String errorMessage(int status, String body) {
    StringBuilder m = new StringBuilder("HTTP ").append(status);
    String title = null;
    String description = null;
    try {
      JsonNode e = JSON.readTree(body);
      if (e != null && e.isObject()) {
        title = e.path("title").isString() ? e.path("title").asString() : null;
        description = e.path("description").isString() ? e.path("description").asString()
            : null;
      }
    } catch (JacksonException ignored) {
      // not the JSON error shape: fall back to the status alone
    }
    m.append(": ").append(title != null && !title.isBlank() ? Text.clean(title)
        : reason(status));
    if (description != null && !description.isBlank()) {
      m.append(": ").append(Text.clip(description, 1000));
    } else if (status == 401) {
      m.append(": check the user name and password or the token");
    }
    return m.toString();
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Payload Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> "error";
    };
  }

  /** Returns the JSON text of a node, indented. */
  static String pretty(JsonNode node) {
    return JSON.writeValueAsString(node);
  }

  /** Parses JSON text (a file the user gave), refusing trailing content. */
  static JsonNode parse(String text) {
    return JSON.readTree(text);
  }

  /** Returns a fresh JSON object for a request body. */
  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * Parses an RFC 3339 time ({@code 2027-01-01T00:00:00Z}, or with an offset).
   *
   * @throws IllegalArgumentException naming the option
   */
  static Instant time(String option, String text) {
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + ": not an RFC 3339 time such as"
          + " 2027-01-01T00:00:00Z: " + text, e);
    }
  }

  /**
   * The connection options every admin command takes ({@code --url}, {@code --user},
   * {@code --password-env}, {@code --token-env}, {@code --json}), and the client they make.
   */
  static final class Options {
    @Spec(Spec.Target.MIXEE) CommandSpec mixee;

    @Option(names = "--url", paramLabel = "URL",
        description = "the running node's URL (default: $KUROSHIO_URL, else " + DEFAULT_URL + ")")
    @Nullable String url;

    @Option(names = "--user", paramLabel = "NAME",
        description = "sign in with HTTP Basic as this user; the password comes from the"
            + " environment variable --password-env names (default KUROSHIO_PASSWORD)")
    @Nullable String user;

    @Option(names = "--password-env", paramLabel = "VAR",
        description = "with --user: the environment variable that holds the password"
            + " (default: KUROSHIO_PASSWORD)")
    @Nullable String passwordEnv;

    @Option(names = "--token-env", paramLabel = "VAR",
        description = "sign in with the API token in this environment variable (default, without"
            + " --user: KUROSHIO_TOKEN)")
    @Nullable String tokenEnv;

    @Option(names = "--json", description = "print the node's JSON answer instead of a table")
    boolean json;

    Main main() {
      return (Main) mixee.root().userObject();
    }

    PrintWriter out() {
      return mixee.commandLine().getOut();
    }

    PrintWriter err() {
      return mixee.commandLine().getErr();
    }

    /** Returns whether the command line named a node ({@code --url}). */
    boolean urlGiven() {
      return url != null;
    }

    /** Returns whether the command line named any credentials. */
    boolean credentialsGiven() {
      return user != null || passwordEnv != null || tokenEnv != null;
    }

    /** Returns the node's base URL: {@code --url}, else {@code $KUROSHIO_URL}, else the default. */
    URI baseUrl() {
      String u = url;
      if (u == null) {
        String fromEnv = main().environment().get("KUROSHIO_URL");
        u = fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEFAULT_URL;
      }
      return AdminClient.baseUrl(u);
    }

    /**
     * Makes the client from the options and the environment. Secrets come only from environment
     * variables (or a terminal prompt for the password), never from the command line.
     *
     * @throws IllegalArgumentException when credentials are missing or contradictory
     */
    AdminClient client() {
      URI base = baseUrl();
      Map<String, String> env = main().environment();
      if (user != null && tokenEnv != null) {
        throw new IllegalArgumentException("give either --user (with a password) or --token-env,"
            + " not both");
      }
      if (passwordEnv != null && user == null) {
        throw new IllegalArgumentException("--password-env needs --user NAME");
      }
      if (user != null) {
        String var = passwordEnv != null ? passwordEnv : "KUROSHIO_PASSWORD";
        String password = env.get(var);
        if (password != null && !password.isEmpty()) {
          return basic(base, user, password.toCharArray());
        }
        Console console = System.console();
        if (passwordEnv == null && main().interactive() && console != null) {
          char[] typed = console.readPassword("Password for %s: ", user);
          if (typed != null && typed.length > 0) {
            return basic(base, user, typed);
          }
        }
        throw new IllegalArgumentException("--user " + user + " needs the password in the"
            + " environment variable " + var + " (which is unset or empty)");
      }
      String var = tokenEnv != null ? tokenEnv : "KUROSHIO_TOKEN";
      String token = env.get(var);
      if (token != null && !token.isBlank()) {
        return bearer(base, token);
      }
      if (tokenEnv != null) {
        throw new IllegalArgumentException("--token-env " + tokenEnv + ": the environment"
            + " variable is unset or empty");
      }
      throw new IllegalArgumentException("no credentials for the node at " + base + ": give"
          + " --user NAME with the password in $KUROSHIO_PASSWORD, or an API token in"
          + " $KUROSHIO_TOKEN");
    }

    /** Prints the JSON answer when {@code --json} was given, returning whether it did. */
    boolean printedJson(JsonNode answer) {
      if (json) {
        out().println(pretty(answer));
      }
      return json;
    }
  }

  /** Text printed from a node's answers: control characters removed, long values cut. */
  static final class Text {
    private Text() {}

    /** Removes control characters (terminal escapes a hostile node could send). */
    static String clean(String s) {
      StringBuilder b = new StringBuilder(s.length());
      s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c)
          || Character.getType(c) == Character.FORMAT ? '?' : c));
      return b.toString();
    }

    /** Cleans and cuts to at most {@code max} characters. */
    static String clip(String s, int max) {
      String c = clean(s);
      return c.length() > max ? c.substring(0, max) + "..." : c;
    }

    /** Returns a field of an answer as text: "" when absent or null, arrays joined by commas. */
    static String field(JsonNode node, String name) {
      JsonNode v = node.get(name);
      if (v == null || v.isNull() || v.isMissingNode()) {
        return "";
      }
      if (v.isArray()) {
        List<String> parts = new ArrayList<>();
        for (JsonNode x : v) {
          parts.add(x.isString() ? x.asString() : x.toString());
        }
        return clip(String.join(",", parts), 500);
      }
      return clip(v.isString() ? v.asString() : v.toString(), 500);
    }
  }

  /** A plain-text table: a header row and aligned columns separated by two spaces. */
  static final class Table {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... headers) {
      this.headers = List.of(headers);
    }

    /** Adds a row of cleaned cells (missing cells are blank). */
    Table row(String... cells) {
      List<String> r = new ArrayList<>();
      for (int i = 0; i < headers.size(); i++) {
        r.add(i < cells.length ? Text.clean(cells[i]) : "");
      }
      rows.add(r);
      return this;
    }

    /** Prints the table, or {@code empty} when it has no rows. */
    void print(PrintWriter out, String empty) {
      if (rows.isEmpty()) {
        out.println(empty);
        return;
      }
      int[] width = new int[headers.size()];
      for (int i = 0; i < width.length; i++) {
        width[i] = headers.get(i).length();
        for (List<String> r : rows) {
          width[i] = Math.max(width[i], r.get(i).length());
        }
      }
      line(out, headers, width);
      for (List<String> r : rows) {
        line(out, r, width);
      }
    }

    private static void line(PrintWriter out, List<String> cells, int[] width) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < cells.size(); i++) {
        String c = cells.get(i);
        b.append(c);
        if (i < cells.size() - 1) {
          b.append(" ".repeat(width[i] - c.length() + 2));
        }
      }
      out.println(b.toString().stripTrailing());
    }
  }
}
