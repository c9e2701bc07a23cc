package org.kuroshio.taxii.client;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A MockWebServer-style server: queue answers, then take the requests the client made. */
final class ScriptedServer implements AutoCloseable {
  record Answer(int status, Map<String, String> headers, String body, long delayMillis) {}

  record Recorded(String method, String pathAndQuery, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
  private final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();

  ScriptedServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      Map<String, String> headers = new java.util.HashMap<>();
      exchange.getRequestHeaders().forEach((k, v) ->
          headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      URI uri = exchange.getRequestURI();
      requests.add(new Recorded(exchange.getRequestMethod(),
          uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
          headers, body));
      Answer a = answers.poll();
      if (a == null) {
        a = new Answer(500, Map.of(), "no scripted answer", 0);
      }
      if (a.delayMillis() > 0) {
        try {
          Thread.sleep(a.delayMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
      a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.getResponseHeaders().add("Content-Type", "application/taxii+json;version=2.1");
      exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  void enqueue(int status, String body) {
    answers.add(new Answer(status, Map.of(), body, 0));
  }

  void enqueue(int status, Map<String, String> headers, String body) {
    answers.add(new Answer(status, headers, body, 0));
  }

  void enqueueSlow(long delayMillis) {
    answers.add(new Answer(200, Map.of(), "{}", delayMillis));
  }

  Recorded takeRequest() throws InterruptedException {
    Recorded r = requests.poll(10, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("the client sent no request");
    }
    return r;
  }

  URI apiRoot() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api1/");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
