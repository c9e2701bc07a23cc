package org.kuroshio.taxii.federation;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP server standing between a federation and a node: it forwards requests to the node
 * unchanged, or answers garbage, or hangs, or is not there at all (stopped, its port closed), and
 * remembers what it was asked. Restarting it reuses its port, so the peer's URL stays the same.
 */
final class PeerProxy implements AutoCloseable {
  /** How the proxy answers. */
  enum Mode {
    /** Forward to the node. */
    FORWARD,
    /** 200 with a body that is not JSON. */
    NOT_JSON,
    /** 200 with JSON that is not an envelope ({@code objects} is a number). */
    NOT_ENVELOPE,
    /** 200 with an envelope whose objects are not STIX objects. */
    NOT_OBJECTS,
    /** The node's real answer, without the X-TAXII-Date-Added-* headers. */
    NO_DATE_HEADERS,
    /** Never answer until released. */
    HANG
  }

  private final URI target;
  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> posted = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile Mode mode = Mode.FORWARD;
  private volatile long advertisedMaxContentLength;
  private @Nullable HttpServer server;

  /** Starts forwarding to the node whose API root is {@code target}. */
  PeerProxy(URI target) {
    this.target = target;
    this.server = open(0);
    this.port = server.getAddress().getPort();
  }

  private HttpServer open(int p) {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", p), 0);
      s.createContext("/", this::handle);
      s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      s.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The API root the federation is told about. */
  URI apiRoot() {
    return URI.create("http://127.0.0.1:" + port + "/api/");
  }

  void mode(Mode m) {
    this.mode = m;
  }

  /** Answers the API root itself, advertising this max_content_length (0: forward it). */
  void advertiseMaxContentLength(long bytes) {
    this.advertisedMaxContentLength = bytes;
  }

  /** Closes the port: connections are refused. */
  synchronized void down() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  /** Opens the same port again. */
  synchronized void up() {
    if (server == null) {
      server = open(port);
    }
  }

  /** Path and query of every request, in order. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  /** Bodies of every POST, in order. */
  List<String> posted() {
    return List.copyOf(posted);
  }

  void clearLog() {
    requests.clear();
    posted.clear();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      URI uri = ex.getRequestURI();
      String pathAndQuery = uri.getRawPath()
          + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      requests.add(ex.getRequestMethod() + " " + pathAndQuery);
      byte[] body = ex.getRequestBody().readAllBytes();
      if (ex.getRequestMethod().equals("POST")) {
        posted.add(new String(body, StandardCharsets.UTF_8));
      }
      long advertised = advertisedMaxContentLength;
      if (advertised > 0 && ex.getRequestMethod().equals("GET")
          && ex.getRequestURI().getRawPath().equals("/api/")) {
        answer(ex, "{\"title\":\"proxied\",\"versions\":[\"application/taxii+json;version=2.1\"],"
            + "\"max_content_length\":" + advertised + "}");
        return;
      }
      switch (mode) {
        case FORWARD, NO_DATE_HEADERS -> forward(ex, pathAndQuery, body, mode == Mode.FORWARD);
        case NOT_JSON -> answer(ex, "{\"objects\": [ this is not json");
        case NOT_ENVELOPE -> answer(ex, "{\"more\": false, \"objects\": 42}");
        case NOT_OBJECTS -> {
          ex.getResponseHeaders().add("X-TAXII-Date-Added-Last", "2026-01-01T00:00:00.000001Z");
          answer(ex, "{\"more\": false, \"objects\": [1, \"two\", {\"no\": \"type\"}]}");
        }
        case HANG -> {
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    }
  }

  private static void answer(HttpExchange ex, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/taxii+json;version=2.1");
    ex.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void forward(HttpExchange ex, String pathAndQuery, byte[] body, boolean dates)
      throws IOException {
    HttpRequest.Builder r = HttpRequest.newBuilder(target.resolve(pathAndQuery));
    for (String h : List.of("Accept", "Authorization", "Content-Type")) {
      String v = ex.getRequestHeaders().getFirst(h);
      if (v != null) {
        r.header(h, v);
      }
    }
    r.method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<InputStream> response;
    try {
      response = http.send(r.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    List<String> copied = dates
        ? List.of("Content-Type", "X-TAXII-Date-Added-First", "X-TAXII-Date-Added-Last")
        : List.of("Content-Type");
    for (String h : copied) {
      response.headers().firstValue(h).ifPresent(v -> ex.getResponseHeaders().add(h, v));
    }
    byte[] bytes;
    try (InputStream in = response.body()) {
      bytes = in.readAllBytes();
    }
    ex.sendResponseHeaders(response.statusCode(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    release.countDown();
    down();
    http.shutdownNow();
  }
}
