package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.StixJson;
import org.kuroshio.store.Stores;
import org.kuroshio.taxii.client.TaxiiClient;
import tools.jackson.databind.JsonNode;

/**
 * A real demo node on port 0 (in-memory H2, the demo scenario loaded) and a small HTTP client for
 * the REST API tests: callers are named by user; demo users sign in with their password, users
 * the test made get a Bearer token it remembers.
 */
final class ApiNode implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Node node;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  private ApiNode(Node node) {
    this.node = node;
  }

  /** Starts a node with the demo organisations, users, agreements and objects. */
  static ApiNode start() {
    Path dir;
    try {
      dir = Files.createTempDirectory("kuroshio-api-");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    AppConfig config = DemoScenario.configure(AppConfig.defaults(), 1000)
        .withListener("127.0.0.1", 0).withDataDir(dir);
    Node node = Node.start(config, Stores.h2InMemory("api-" + UUID.randomUUID()),
        Clock.systemUTC());
    DemoScenario.load(node.data());
    return new ApiNode(node);
  }

  Node node() {
    return node;
  }

  URI uri(String path) {
    return node.uri().resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  /** Remembers the Bearer token a user signs in with from now on. */
  void useToken(String user, String token) {
    tokens.put(user, token);
  }

  /** Returns the Authorization header value for a user. */
  String authorization(String user) {
    String token = tokens.get(user);
    if (token != null) {
      return "Bearer " + token;
    }
    DemoScenario.DemoUser u = DemoScenario.users().stream()
        .filter(x -> x.name().equals(user)).findFirst()
        .orElseThrow(() -> new AssertionError("no credentials for " + user));
    return "Basic " + Base64.getEncoder().encodeToString(
        (u.name() + ":" + u.password()).getBytes(StandardCharsets.UTF_8));
  }

  /** Returns a TAXII client signed in as a user. */
  TaxiiClient taxii(String user) {
    String token = tokens.get(user);
    TaxiiClient.Builder b = TaxiiClient.builder(node.uri().resolve("api/"));
    if (token != null) {
      return b.bearerToken(token).build();
    }
    DemoScenario.DemoUser u = DemoScenario.users().stream()
        .filter(x -> x.name().equals(user)).findFirst().orElseThrow();
    return b.basicAuth(u.name(), u.password().toCharArray()).build();
  }

  Response get(String user, String path) {
    return send(user, "GET", path, null);
  }

  Response post(String user, String path, String json) {
    return send(user, "POST", path, json);
  }

  /** Sends a request as a user (null: without credentials), with a JSON body or none. */
  Response send(@Nullable String user, String method, String path, @Nullable String json) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
    if (user != null) {
      b.header("Authorization", authorization(user));
    }
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(json));
    return send(b);
  }

  static Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    node.close();
  }

  /** An answer: status, body and headers. */
  record Response(int status, String body, HttpHeaders headers) {

    JsonNode json() {
      return StixJson.readTree(body, StixJson.mapper());
    }

    /** Asserts the status, then returns the JSON body. */
    JsonNode expect(int expected) {
      assertThat(status).as("status of a response with body %s", body).isEqualTo(expected);
      return body.isEmpty() ? StixJson.readTree("{}", StixJson.mapper()) : json();
    }

    /** Asserts an error answer: the status, the error shape, and text its description holds. */
    JsonNode expectError(int expected, String... descriptionHas) {
      JsonNode j = expect(expected);
      assertThat(headers.firstValue("Content-Type")).hasValueSatisfying(
          v -> assertThat(v).startsWith("application/json"));
      assertThat(j.path("http_status").asInt()).isEqualTo(expected);
      assertThat(j.path("title").asString()).isNotBlank();
      if (descriptionHas.length > 0) {
        assertThat(j.path("description").asString()).contains(descriptionHas);
      }
      return j;
    }
  }
}
