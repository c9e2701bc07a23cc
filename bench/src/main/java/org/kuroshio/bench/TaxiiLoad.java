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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The end-to-end TAXII load client: POSTs envelopes from many concurrent clients, or pages through
 * a collection with GET, and reports objects per second. It speaks plain HTTP and scans responses
 * with Jackson's streaming parser, so that it measures the server, not a client library.
 */
public final class TaxiiLoad {
  private static final String TAXII = "application/taxii+json;version=2.1";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One measured run. */
  public record Result(long objects, long bytes, int requests, double seconds) {
    double objectsPerSecond() {
      return objects / seconds;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "objects=%d requests=%d megabytes=%.1f seconds=%.2f objects_per_second=%.0f",
          objects, requests, bytes / 1e6, seconds, objectsPerSecond());
    }
  }

  private final HttpClient http;
  private final String base;
  private final String collection;
  private final String auth;

  /** Creates a client of one collection, authenticating with a bearer token. */
  public TaxiiLoad(String base, String collection, String token) {
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    this.base = base.endsWith("/") ? base : base + "/";
    this.collection = collection;
    this.auth = "Bearer " + token;
  }

  private String url(String endpoint) {
    return base + "collections/" + collection + "/" + endpoint + "/";
  }

  /** POSTs {@code envelopesPerClient} envelopes of {@code perEnvelope} objects from each client. */
  public Result post(int clients, int envelopesPerClient, int perEnvelope, long seed) throws Exception {
    Corpus corpus = new Corpus(seed);
    AtomicLong stored = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
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
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url("objects")))
                .header("Content-Type", TAXII)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
            if (r.statusCode() != 202) {
              throw new IllegalStateException("POST answered " + r.statusCode() + ": " + r.body());
            }
            JsonNode status = JSON.readTree(r.body());
            if (status.path("failure_count").asLong() > 0) {
              throw new IllegalStateException("POST refused objects: " + r.body());
            }
            stored.addAndGet(status.path("success_count").asLong());
            bytes.addAndGet(body.length());
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(stored.get(), bytes.get(), clients * envelopesPerClient, seconds);
  }

  /** Pages through GET objects until {@code maxObjects} or the end, from {@code addedAfter}. */
  public Result get(int pageSize, long maxObjects, @Nullable String addedAfter) throws Exception {
    long start = System.nanoTime();
    long objects = 0;
    long bytes = 0;
    int pages = 0;
    String next = null;
    do {
      HttpResponse<byte[]> r = page("objects", pageSize, addedAfter, next);
      bytes += r.body().length;
      Scan scan = scan(r.body());
      objects += scan.objects();
      pages++;
      next = scan.next();
    } while (next != null && objects < maxObjects);
    return new Result(objects, bytes, pages, (System.nanoTime() - start) / 1e9);
  }

  /** Returns the date added of the {@code n}-th version of the collection, walking the manifest. */
  public String dateAddedAt(long n) throws Exception {
    long seen = 0;
    String next = null;
    while (true) {
      HttpResponse<byte[]> r = page("manifest", 1000, null, next);
      Scan scan = scan(r.body());
      seen += scan.objects();
      next = scan.next();
      if (seen >= n || next == null) {
        return r.headers().firstValue("X-TAXII-Date-Added-Last")
            .orElseThrow(() -> new IllegalStateException("manifest page without X-TAXII-Date-Added-Last"));
      }
    }
  }

  private HttpResponse<byte[]> page(String endpoint, int limit, @Nullable String addedAfter, @Nullable String next)
      throws IOException, InterruptedException {
    StringBuilder url = new StringBuilder(url(endpoint)).append("?limit=").append(limit);
    if (addedAfter != null) {
      url.append("&added_after=").append(URLEncoder.encode(addedAfter, StandardCharsets.UTF_8));
    }
    if (next != null) {
      url.append("&next=").append(URLEncoder.encode(next, StandardCharsets.UTF_8));
    }
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url.toString())).GET()
        .header("Accept", TAXII).header("Authorization", auth).timeout(Duration.ofMinutes(2)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + endpoint + " answered " + r.statusCode() + ": "
          + new String(r.body(), StandardCharsets.UTF_8));
    }
    return r;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.header("Accept", TAXII).header("Authorization", auth)
        .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private record Scan(long objects, @Nullable String next) {}

  /** Counts the entries of an envelope or manifest and reads {@code more} and {@code next}. */
  private static Scan scan(byte[] body) {
    long count = 0;
    boolean more = false;
    String next = null;
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalStateException("response is not a JSON object");
      }
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        switch (name) {
          case "objects" -> {
            while (p.nextToken() != JsonToken.END_ARRAY) {
              p.skipChildren();
              count++;
            }
          }
          case "more" -> more = t == JsonToken.VALUE_TRUE;
          case "next" -> next = p.getString();
          default -> p.skipChildren();
        }
      }
    }
    return new Scan(count, more ? next : null);
  }
}
