package org.kuroshio.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The end-to-end TAXII load client: POSTs envelopes from many concurrent clients, or pages through
 * a collection with GET, and prints objects per second. It speaks plain HTTP so that it measures
 * the server, not our own client library.
 *
 * <pre>
 * post BASE COLLECTION USER:PASS CLIENTS ENVELOPES_PER_CLIENT OBJECTS_PER_ENVELOPE SEED
 * get  BASE COLLECTION USER:PASS PAGE_SIZE MAX_OBJECTS [ADDED_AFTER]
 * </pre>
 */
public final class TaxiiLoad {
  private static final String TAXII = "application/taxii+json;version=2.1";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http;
  private final String base;
  private final String collection;
  private final String auth;

  TaxiiLoad(String base, String collection, String userPass) {
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    this.base = base.endsWith("/") ? base : base + "/";
    this.collection = collection;
    this.auth = "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
  }

  /** Runs the load client; see the class comment for arguments. */
  public static void main(String[] args) throws Exception {
    if (args.length < 5) {
      System.err.println("usage: post|get BASE COLLECTION USER:PASS ...");
      System.exit(2);
    }
    TaxiiLoad load = new TaxiiLoad(args[1], args[2], args[3]);
    switch (args[0]) {
      case "post" -> load.post(Integer.parseInt(args[4]), Integer.parseInt(args[5]),
          Integer.parseInt(args[6]), Long.parseLong(args[7]));
      case "get" -> load.get(Integer.parseInt(args[4]), Long.parseLong(args[5]),
          args.length > 6 ? args[6] : null);
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  private String objectsUrl() {
    return base + "collections/" + collection + "/objects/";
  }

  void post(int clients, int envelopesPerClient, int perEnvelope, long seed) throws Exception {
    Corpus corpus = new Corpus(seed);
    AtomicLong stored = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    // Envelopes are built before the clock starts so that only the server is measured.
    List<List<String>> bodies = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      List<String> mine = new ArrayList<>();
      for (int e = 0; e < envelopesPerClient; e++) {
        long from = ((long) c * envelopesPerClient + e) * perEnvelope;
        mine.add(corpus.envelope(from, from + perEnvelope));
      }
      bodies.add(mine);
    }
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<?>> futures = new ArrayList<>();
      for (List<String> mine : bodies) {
        futures.add(pool.submit(() -> {
          for (String body : mine) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(objectsUrl()))
                .header("Content-Type", TAXII)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
            if (r.statusCode() != 202) {
              throw new IllegalStateException("POST answered " + r.statusCode() + ": " + r.body());
            }
            JsonNode status = JSON.readTree(r.body());
            stored.addAndGet(status.path("success_count").asLong());
            failed.addAndGet(status.path("failure_count").asLong());
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT,
        "post clients=%d envelope=%d stored=%d failed=%d seconds=%.2f objects_per_second=%.0f%n",
        clients, perEnvelope, stored.get(), failed.get(), seconds, stored.get() / seconds);
  }

  void get(int pageSize, long maxObjects, String addedAfter) throws Exception {
    long start = System.nanoTime();
    long objects = 0;
    long bytes = 0;
    int pages = 0;
    String next = null;
    do {
      StringBuilder url = new StringBuilder(objectsUrl()).append("?limit=").append(pageSize);
      if (addedAfter != null) {
        url.append("&added_after=").append(URLEncoder.encode(addedAfter, StandardCharsets.UTF_8));
      }
      if (next != null) {
        url.append("&next=").append(URLEncoder.encode(next, StandardCharsets.UTF_8));
      }
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url.toString())).GET());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET answered " + r.statusCode() + ": " + r.body());
      }
      bytes += r.body().length();
      JsonNode envelope = JSON.readTree(r.body());
      objects += envelope.path("objects").size();
      pages++;
      next = envelope.path("more").asBoolean() ? envelope.path("next").asString() : null;
    } while (next != null && objects < maxObjects);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT,
        "get page=%d pages=%d objects=%d megabytes=%.1f seconds=%.2f objects_per_second=%.0f%n",
        pageSize, pages, objects, bytes / 1e6, seconds, objects / seconds);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.header("Accept", TAXII).header("Authorization", auth)
        .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
