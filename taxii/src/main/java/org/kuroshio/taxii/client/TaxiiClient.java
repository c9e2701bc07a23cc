package org.kuroshio.taxii.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.ParseLimits;
import org.kuroshio.stix.StixJson;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Timestamps;
import org.kuroshio.taxii.ApiRoot;
import org.kuroshio.taxii.Discovery;
import org.kuroshio.taxii.Envelope;
import org.kuroshio.taxii.Manifest;
import org.kuroshio.taxii.MediaTypes;
import org.kuroshio.taxii.Status;
import org.kuroshio.taxii.TaxiiCollection;
import org.kuroshio.taxii.TaxiiError;
import org.kuroshio.taxii.TaxiiException;
import org.kuroshio.taxii.TaxiiFilter;
import org.kuroshio.taxii.TaxiiTransportException;
import org.kuroshio.taxii.Versions;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A TAXII 2.1 client bound to one API root, with HTTP Basic or bearer authentication.
 *
 * <p>Every method sends {@code Accept: application/taxii+json;version=2.1}, reads the answer
 * under {@link ParseLimits} and a response size limit (the peer is untrusted), and throws
 * {@link TaxiiException} for an error status (with the server's error resource when it sent one)
 * or an answer that is not the expected resource, and {@link TaxiiTransportException} when no
 * answer arrived. Instances are immutable and thread-safe.
 */
public final class TaxiiClient {
  private final HttpClient http;
  private final URI apiRoot;
  private final @Nullable String authorization;
  private final Duration requestTimeout;
  private final long maxResponseBytes;
  private final JsonMapper mapper;

  private TaxiiClient(Builder b) {
    this.apiRoot = b.apiRoot;
    this.authorization = b.authorization;
    this.requestTimeout = b.requestTimeout;
    this.maxResponseBytes = b.maxResponseBytes;
    this.mapper = StixJson.mapper(b.limits);
    HttpClient given = b.httpClient;
    this.http = given != null ? given
        : HttpClient.newBuilder().connectTimeout(b.connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /**
   * Returns a builder for a client of the API root at this URL, such as
   * {@code https://node.example/api/} (a missing final slash is added).
   */
  public static Builder builder(URI apiRoot) {
    return new Builder(apiRoot);
  }

  /** Returns the API root URL this client talks to (ends with a slash). */
  public URI apiRootUrl() {
    return apiRoot;
  }

  /** Returns the server's discovery resource ({@code /taxii2/} on the API root's host). */
  public Discovery discovery() {
    return read(get(apiRoot.resolve("/taxii2/")), Discovery::fromJson, "discovery");
  }

  /** Returns the API root resource. */
  public ApiRoot apiRoot() {
    return read(get(apiRoot), ApiRoot::fromJson, "api-root");
  }

  /** Returns the collections the client may see. */
  public List<TaxiiCollection> collections() {
    return read(get(apiRoot.resolve("collections/")), TaxiiCollection::listFromJson,
        "collections");
  }

  /** Returns one collection. */
  public TaxiiCollection collection(String collectionId) {
    return read(get(collectionUrl(collectionId, "")), TaxiiCollection::fromJson, "collection");
  }

  /** Returns one page of objects with the date-added headers. */
  public TaxiiPage<Envelope> getObjects(String collectionId, TaxiiFilter filter) {
    return readPage(get(withQuery(collectionUrl(collectionId, "objects/"), filter)),
        Envelope::fromJson, "envelope");
  }

  /**
   * Returns every object matching the filter, fetching pages lazily and following {@code next}
   * (its own {@code next} is ignored). Failures surface while iterating.
   */
  public Stream<JsonNode> allObjects(String collectionId, TaxiiFilter filter) {
    Iterator<JsonNode> it = new Iterator<>() {
      private @Nullable Iterator<JsonNode> current;
      private @Nullable String next;
      private boolean done;

      @Override
      public boolean hasNext() {
        while ((current == null || !current.hasNext()) && !done) {
          TaxiiPage<Envelope> page = getObjects(collectionId, filter.withNext(next));
          Envelope e = page.body();
          current = e.objects().iterator();
          next = e.next();
          done = !e.more() || next == null;
        }
        return current != null && current.hasNext();
      }

      @Override
      public JsonNode next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return Objects.requireNonNull(current).next();
      }
    };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /** Adds STIX objects to a collection and returns the status resource. */
  public Status addObjects(String collectionId, List<StixObject> objects) {
    StringBuilder b = new StringBuilder(64 + objects.size() * 512).append("{\"objects\":[");
    for (int i = 0; i < objects.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(objects.get(i).toJson());
    }
    b.append("]}");
    return post(collectionId, b.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Posts an envelope to a collection and returns the status resource. */
  public Status addEnvelope(String collectionId, Envelope envelope) {
    return post(collectionId, StixJson.writeBytes(envelope.toJson()));
  }

  /** Posts a raw request body to a collection (for callers that already hold the envelope). */
  public Status addRaw(String collectionId, byte[] envelopeJson) {
    return post(collectionId, envelopeJson);
  }

  private Status post(String collectionId, byte[] body) {
    HttpRequest request = request(collectionUrl(collectionId, "objects/"))
        .header("Content-Type", MediaTypes.TAXII_21)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return read(request, Status::fromJson, "status");
  }

  /** Returns a status resource. */
  public Status status(String statusId) {
    return read(get(apiRoot.resolve("status/" + segment(statusId) + "/")), Status::fromJson,
        "status");
  }

  /** Returns versions of one object (filters: added_after, limit, next, match[version|spec_version]). */
  public TaxiiPage<Envelope> getObject(String collectionId, String objectId, TaxiiFilter filter) {
    return readPage(get(withQuery(objectUrl(collectionId, objectId, ""), filter)),
        Envelope::fromJson, "envelope");
  }

  /** Deletes versions of one object (filters: match[version], match[spec_version]). */
  public void deleteObject(String collectionId, String objectId, TaxiiFilter filter) {
    HttpRequest request =
        request(withQuery(objectUrl(collectionId, objectId, ""), filter)).DELETE().build();
    send(request);
  }

  /** Returns one page of the manifest. */
  public TaxiiPage<Manifest> manifest(String collectionId, TaxiiFilter filter) {
    return readPage(get(withQuery(collectionUrl(collectionId, "manifest/"), filter)),
        Manifest::fromJson, "manifest");
  }

  /** Returns one page of an object's versions. */
  public TaxiiPage<Versions> versions(String collectionId, String objectId, TaxiiFilter filter) {
    return readPage(get(withQuery(objectUrl(collectionId, objectId, "versions/"), filter)),
        Versions::fromJson, "versions");
  }

  // ---- plumbing ----

  private URI collectionUrl(String collectionId, String rest) {
    return apiRoot.resolve("collections/" + segment(collectionId) + "/" + rest);
  }

  private URI objectUrl(String collectionId, String objectId, String rest) {
    return collectionUrl(collectionId, "objects/" + segment(objectId) + "/" + rest);
  }

  private static String segment(String s) {
    if (s.isEmpty()) {
      throw new IllegalArgumentException("an id in a TAXII URL must not be empty");
    }
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static URI withQuery(URI url, TaxiiFilter filter) {
    String q = filter.toQueryString();
    return q.isEmpty() ? url : URI.create(url + "?" + q);
  }

  private HttpRequest.Builder request(URI url) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url)
        .timeout(requestTimeout)
        .header("Accept", MediaTypes.TAXII_21);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  private HttpRequest get(URI url) {
    return request(url).GET().build();
  }

  private interface Reader<T> {
    T read(JsonNode json);
  }

  private <T> T read(HttpRequest request, Reader<T> reader, String what) {
    return readPage(request, reader, what).body();
  }

  private <T> TaxiiPage<T> readPage(HttpRequest request, Reader<T> reader, String what) {
    HttpResponse<InputStream> response = send(request);
    JsonNode json = parse(response);
    try {
      return new TaxiiPage<>(reader.read(json),
          header(response, "X-TAXII-Date-Added-First"),
          header(response, "X-TAXII-Date-Added-Last"));
    } catch (IllegalArgumentException e) {
      throw new TaxiiException(response.statusCode(), null,
          "the server's answer to " + request.method() + " " + request.uri() + " is not a "
              + what + " resource: " + e.getMessage(), e);
    }
  }

  private static @Nullable Instant header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).flatMap(Timestamps::tryParse).orElse(null);
  }

  /** Sends a request; returns the response when its status is 2xx, else throws. */
  private HttpResponse<InputStream> send(HttpRequest request) {
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new TaxiiTransportException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TaxiiTransportException(request.method() + " " + request.uri() + " failed", e);
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return response;
    }
    TaxiiError error = null;
    try {
      byte[] body = readLimited(response, Math.min(maxResponseBytes, 1024 * 1024));
      if (body.length > 0) {
        error = TaxiiError.fromJson(mapper.readTree(body));
      }
    } catch (IOException | JacksonException | IllegalArgumentException | TaxiiException e) {
      // The body is not a TAXII error; report the status alone.
    }
    throw new TaxiiException(status, error, request.method() + " " + request.uri() + " -> "
        + status + (error == null ? "" : " " + error));
  }

  private JsonNode parse(HttpResponse<InputStream> response) {
    byte[] body;
    try {
      body = readLimited(response, maxResponseBytes);
    } catch (IOException e) {
      throw new TaxiiTransportException("reading the answer from " + response.uri() + " failed",
          e);
    }
    try {
      return mapper.readTree(body);
    } catch (JacksonException e) {
      throw new TaxiiException(response.statusCode(), null, "the answer from " + response.uri()
          + " is not JSON: " + StixJson.parseFailure(e).getMessage(), e);
    }
  }

  private static byte[] readLimited(HttpResponse<InputStream> response, long max)
      throws IOException {
    try (InputStream in = response.body()) {
      byte[] data = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
      if (data.length > max) {
        throw new TaxiiException(response.statusCode(), null, "the answer from " + response.uri()
            + " is larger than " + max + " bytes");
      }
      return data;
    }
  }

  /** Configures a {@link TaxiiClient}. */
  public static final class Builder {
    private final URI apiRoot;
    private @Nullable String authorization;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private long maxResponseBytes = 256L * 1024 * 1024;
    private ParseLimits limits = ParseLimits.DEFAULT;
    private @Nullable HttpClient httpClient;

    private Builder(URI apiRoot) {
      String s = apiRoot.toString();
      if (!apiRoot.isAbsolute() || !(s.startsWith("http://") || s.startsWith("https://"))) {
        throw new IllegalArgumentException("the API root must be an absolute http(s) URL: " + s);
      }
      this.apiRoot = s.endsWith("/") ? apiRoot : URI.create(s + "/");
    }

    /** Authenticates with HTTP Basic. */
    public Builder basicAuth(String user, char[] password) {
      if (user.contains(":")) {
        throw new IllegalArgumentException("a Basic user name cannot contain ':'");
      }
      String pair = user + ":" + new String(password);
      authorization = "Basic "
          + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
      return this;
    }

    /** Authenticates with {@code Authorization: Bearer <token>}. */
    public Builder bearerToken(String token) {
      if (token.isBlank() || token.chars().anyMatch(c -> c <= ' ')) {
        throw new IllegalArgumentException("a bearer token must be non-empty without spaces");
      }
      authorization = "Bearer " + token;
      return this;
    }

    /** Sets the connect timeout (default 10 s; ignored with {@link #httpClient}). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = requirePositive(timeout);
      return this;
    }

    /** Sets the whole-request timeout (default 60 s). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = requirePositive(timeout);
      return this;
    }

    /** Sets the largest answer read, in bytes (default 256 MiB). */
    public Builder maxResponseBytes(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxResponseBytes must be at least 1024");
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    /** Sets the JSON limits applied to answers (default {@link ParseLimits#DEFAULT}). */
    public Builder parseLimits(ParseLimits parseLimits) {
      this.limits = parseLimits;
      return this;
    }

    /** Uses this HTTP client (for TLS settings, proxies, executors). */
    public Builder httpClient(HttpClient client) {
      this.httpClient = client;
      return this;
    }

    /** Returns the client. */
    public TaxiiClient build() {
      return new TaxiiClient(this);
    }

    private static Duration requirePositive(Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("a timeout must be positive: " + d);
      }
      return d;
    }
  }

  @Override
  public String toString() {
    return "TaxiiClient[" + apiRoot + "]";
  }
}
