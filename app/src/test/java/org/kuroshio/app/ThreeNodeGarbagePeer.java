package org.kuroshio.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A tiny real HTTP server standing in for a peer node that answers every request with one canned
 * answer (status 200, the TAXII media type): garbage of the test's choosing.
 */
final class ThreeNodeGarbagePeer implements AutoCloseable {
  /**
   * One canned answer.
   *
   * @param body the body bytes, as text
   * @param headers extra response headers
   */
  record Answer(String body, Map<String, String> headers) {}

  private final HttpServer server;
  private final List<URI> requests = new CopyOnWriteArrayList<>();
  private volatile @Nullable Answer answer;

  ThreeNodeGarbagePeer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Returns the API root the peer entry points at. */
  URI apiRoot() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/");
  }

  /** Sets what every request gets from now on. */
  void answer(Answer next) {
    answer = next;
  }

  /** Returns the URIs requested so far, oldest first. */
  List<URI> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.add(exchange.getRequestURI());
      exchange.getRequestBody().readAllBytes();
      Answer a = answer;
      if (a == null) {
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/taxii+json;version=2.1");
      a.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
