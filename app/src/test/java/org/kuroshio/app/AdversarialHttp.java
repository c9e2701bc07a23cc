package org.kuroshio.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.kuroshio.taxii.MediaTypes;

/** Raw HTTP for {@link AdversarialIT}: every status, header and body byte as the node sent it. */
final class AdversarialHttp {
  static final String TAXII = MediaTypes.TAXII_21;
  static final String JSON = "application/json";
  /**
   * Headers that may differ between two otherwise identical answers. Jetty adds
   * {@code Connection: close} at random to answers that leave a request body unread (seen on
   * 404s to POSTs both for invisible and for nonexistent collections), so it tells nothing.
   */
  private static final Set<String> VOLATILE = Set.of("date", "content-length", "connection");

  /** One answer. */
  record Resp(int status, HttpHeaders headers, String body) {
    /** The headers that must match between two indistinguishable answers. */
    Map<String, List<String>> stableHeaders() {
      Map<String, List<String>> out = new TreeMap<>();
      headers.map().forEach((k, v) -> {
        if (!VOLATILE.contains(k.toLowerCase(Locale.ROOT))) {
          out.put(k.toLowerCase(Locale.ROOT), v);
        }
      });
      return out;
    }
  }

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;

  AdversarialHttp(URI base) {
    this.base = base;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  Resp send(AdversarialWorld.User user, String method, String path, String accept,
      byte @Nullable [] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Accept", accept)
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (user.name() + ":" + user.password()).getBytes(StandardCharsets.UTF_8)));
    if (body != null) {
      b.header("Content-Type", accept);
      b.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Resp(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  Resp get(AdversarialWorld.User user, String path, String accept) {
    return send(user, "GET", path, accept, null);
  }
}
