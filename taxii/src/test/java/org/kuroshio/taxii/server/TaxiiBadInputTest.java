package org.kuroshio.taxii.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kuroshio.taxii.server.TestNode.C1;
import static org.kuroshio.taxii.server.TestNode.TAXII;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kuroshio.stix.StixJson;
import org.kuroshio.taxii.TaxiiFilter;
import org.kuroshio.testing.StixFixtures;
import tools.jackson.databind.JsonNode;

/** Every bad request gets the right status, a TAXII error body and the TAXII media type. */
class TaxiiBadInputTest {
  private final TestNode node = new TestNode();
  private final StixFixtures fx = new StixFixtures();

  @AfterEach
  void stop() {
    node.close();
  }

  private static JsonNode assertTaxiiError(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).contains(TAXII);
    JsonNode error = StixJson.readTree(r.body(), StixJson.mapper());
    assertThat(error.get("title").asString()).isNotBlank();
    assertThat(error.get("description").asString()).isNotBlank();
    assertThat(error.get("http_status").asString()).isEqualTo(Integer.toString(status));
    return error;
  }

  private String objects() {
    return node.objectsPath(C1);
  }

  // ---- authentication ----

  @Test
  void noCredentials_401WithChallenges() {
    HttpResponse<String> r = node.send(HttpRequest.newBuilder(node.base.resolve("/taxii2/"))
        .header("Accept", TAXII).GET().build());

    assertTaxiiError(r, 401);
    assertThat(r.headers().allValues("WWW-Authenticate"))
        .anySatisfy(v -> assertThat(v).startsWith("Basic realm="))
        .anySatisfy(v -> assertThat(v).startsWith("Bearer"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Basic bm9wZQ==", "Basic !!!", "Digest abc", "Bearer ", "Bearer nope"})
  void badCredentials_401(String authorization) {
    HttpResponse<String> r = node.send(HttpRequest.newBuilder(node.base.resolve("/taxii2/"))
        .header("Accept", TAXII).header("Authorization", authorization).GET().build());

    assertTaxiiError(r, 401);
  }

  @Test
  void wrongPassword_401() {
    HttpResponse<String> r = node.send(HttpRequest.newBuilder(node.base.resolve("/taxii2/"))
        .header("Accept", TAXII).header("Authorization", TestNode.basic("alice", "wrong"))
        .GET().build());

    assertThat(assertTaxiiError(r, 401).get("description").asString())
        .isEqualTo("invalid credentials");
  }

  // ---- media types ----

  @ParameterizedTest
  @ValueSource(strings = {"application/json", "*/*", "application/taxii+json;version=2.0",
      "application/stix+json;version=2.1", "text/html"})
  void wrongAccept_406(String accept) {
    HttpResponse<String> r = node.send(node.request(node.apiRoot.getPath())
        .setHeader("Accept", accept).GET().build());

    assertThat(assertTaxiiError(r, 406).get("description").asString()).contains(TAXII);
  }

  @Test
  void noAccept_406() {
    HttpResponse<String> r = node.send(HttpRequest.newBuilder(node.apiRoot)
        .header("Authorization", TestNode.basic("alice", TestNode.ALICE_PW)).GET().build());

    assertTaxiiError(r, 406);
  }

  @Test
  void statusOfAnotherOrganisation_404() {
    String id = node.alice().addObjects(C1, List.of(fx.malware().build())).id();

    HttpResponse<String> r = node.send(HttpRequest.newBuilder(
            node.apiRoot.resolve("status/" + id + "/")).header("Accept", TAXII)
        .header("Authorization", TestNode.basic("reader", TestNode.READER_PW)).GET().build());

    assertTaxiiError(r, 404);
    assertThat(node.get(node.apiRoot.getPath() + "status/" + id + "/").statusCode())
        .isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/taxii+json", "application/taxii+json; version=2.1",
      "text/html, application/taxii+json;version=2.1;q=0.9"})
  void acceptableAccept_200(String accept) {
    HttpResponse<String> r = node.send(node.request(node.apiRoot.getPath())
        .setHeader("Accept", accept).GET().build());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains(TAXII);
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/json", "application/stix+json;version=2.1",
      "application/taxii+json;version=2.0"})
  void wrongContentType_415(String contentType) {
    HttpResponse<String> r = node.send(node.request(objects())
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString("{\"objects\":[]}")).build());

    assertTaxiiError(r, 415);
  }

  // ---- envelopes ----

  @Test
  void malformedJson_400AndNothingWritten() {
    String body = "{\"objects\":[" + fx.malware().build().toJson() + ",{\"type\":";

    HttpResponse<String> r = node.post(objects(), body);

    assertThat(assertTaxiiError(r, 400).get("description").asString()).contains("malformed JSON");
    assertThat(node.alice().getObjects(C1, node.fresh()).body().objects()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"objects\"", "{}", "{\"objects\":{}}", "{\"objects\":[1]}"})
  void notAnEnvelope_422(String body) {
    assertTaxiiError(node.post(objects(), body), 422);
  }

  @Test
  void emptyBody_400() {
    assertTaxiiError(node.post(objects(), ""), 400);
  }

  @Test
  void tenThousandLevelsOfNesting_400() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    String body = "{\"objects\":[{\"type\":\"note\",\"x_deep\":" + deep + "}]}";

    HttpResponse<String> r = node.post(objects(), body);

    assertThat(assertTaxiiError(r, 400).get("description").asString()).contains("nesting depth");
  }

  @Test
  void overlongString_413() {
    TestNode small = new TestNode(new TaxiiSettings("t", null, null, "api", "root",
        1 << 20, 1000, 10_000, 64, 4096));
    try {
      String body = "{\"objects\":[{\"type\":\"note\",\"content\":\"" + "a".repeat(5000)
          + "\"}]}";
      HttpResponse<String> r = small.post(small.objectsPath(C1), body);

      assertThat(assertTaxiiError(r, 413).get("description").asString()).contains("String");
    } finally {
      small.close();
    }
  }

  @Test
  void tooManyObjects_413() {
    TestNode small = new TestNode(new TaxiiSettings("t", null, null, "api", "root",
        1 << 20, 1000, 2, 64, 4096));
    try {
      String body = "{\"objects\":[" + fx.malware().build().toJson() + ","
          + fx.malware().build().toJson() + "," + fx.malware().build().toJson() + "]}";

      assertTaxiiError(small.post(small.objectsPath(C1), body), 413);
    } finally {
      small.close();
    }
  }

  @Test
  void envelopeArrivingOneByteAtATime_isAccepted() {
    String body = "{\"objects\":[" + fx.malware().build().toJson() + ","
        + fx.indicator().build().toJson() + "]}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    java.util.function.Supplier<InputStream> trickle = () -> new InputStream() {
      private int pos;

      @Override
      public int read() {
        return pos < bytes.length ? bytes[pos++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (pos >= bytes.length) {
          return -1;
        }
        b[off] = bytes[pos++];
        return 1;
      }
    };

    HttpResponse<String> r = node.send(node.request(objects()).header("Content-Type", TAXII)
        .POST(HttpRequest.BodyPublishers.ofInputStream(trickle)).build());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(node.alice().getObjects(C1, node.fresh()).body().objects()).hasSize(2);
  }

  @Test
  void postToUnknownOrHiddenCollection_404() {
    String body = "{\"objects\":[" + fx.malware().build().toJson() + "]}";

    assertTaxiiError(node.post(node.objectsPath(TestNode.HIDDEN), body), 404);
    assertTaxiiError(node.post(node.objectsPath("44444444-4444-4444-8444-444444444444"), body),
        404);
  }

  @Test
  void postByAReadOnlyUser_403() {
    String body = "{\"objects\":[" + fx.malware().build().toJson() + "]}";

    HttpResponse<String> r = node.send(node.request(objects(), "reader", TestNode.READER_PW)
        .header("Content-Type", TAXII).POST(HttpRequest.BodyPublishers.ofString(body)).build());

    assertThat(assertTaxiiError(r, 403).get("description").asString()).contains("write");
    assertThat(node.alice().getObjects(C1, node.fresh()).body().objects()).isEmpty();
  }

  // ---- size limits ----

  @Test
  void hundredMegabyteContentLength_413WithoutReadingTheBody() throws IOException {
    try (Socket s = new Socket("127.0.0.1", node.app.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST " + objects() + " HTTP/1.1\r\nHost: localhost\r\n"
          + "Accept: " + TAXII + "\r\nContent-Type: " + TAXII + "\r\n"
          + "Authorization: " + TestNode.basic("alice", TestNode.ALICE_PW) + "\r\n"
          + "Content-Length: " + (100L * 1024 * 1024) + "\r\n\r\n{\"objects\":[")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();

      String response = readHead(s.getInputStream());

      assertThat(response).startsWith("HTTP/1.1 413");
      assertThat(response).containsIgnoringCase("Content-Type: " + TAXII);
    }
  }

  @Test
  void chunkedBodyBeyondTheLimit_413() throws Exception {
    TestNode small = new TestNode(TaxiiSettings.defaults().withMaxContentLength(64 * 1024));
    try (Socket s = new Socket("127.0.0.1", small.app.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST " + small.objectsPath(C1) + " HTTP/1.1\r\nHost: localhost\r\n"
          + "Accept: " + TAXII + "\r\nContent-Type: " + TAXII + "\r\n"
          + "Authorization: " + TestNode.basic("alice", TestNode.ALICE_PW) + "\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      Thread writer = Thread.ofVirtual().start(() -> {
        byte[] chunk = ("2000\r\n" + " ".repeat(0x2000) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
        try {
          for (int i = 0; i < 12_800; i++) { // up to 100 MB, unless the server stops reading
            out.write(chunk);
          }
        } catch (IOException expected) {
          // The server answered and closed the connection.
        }
      });

      String response = readHead(s.getInputStream());
      writer.interrupt();

      assertThat(response).startsWith("HTTP/1.1 413");
    } finally {
      small.close();
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      if (head.size() >= 4 && head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
        break;
      }
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  // ---- filters ----

  @ParameterizedTest
  @ValueSource(strings = {"limit=0", "limit=-1", "limit=abc", "limit=", "next=garbage",
      "next=abc.def", "added_after=yesterday", "added_after=2026-01-01T00:00:00+01:00",
      "match[version]=newest", "match[type]=Not_A_Type", "match[id]=indicator",
      "match[spec_version]=two", "limit=1&limit=2"})
  void badFilter_400(String query) {
    String path = objects() + "?" + query.replace("[", "%5B").replace("]", "%5D");

    assertTaxiiError(node.get(path), 400);
  }

  @Test
  void nextFromOtherFilters_400() {
    node.alice().addObjects(C1, List.of(fx.malware().build(), fx.malware().build()));
    String next = node.alice().getObjects(C1, TaxiiFilter.none().withLimit(1)).body().next();

    assertThat(next).isNotNull();
    assertTaxiiError(node.get(objects() + "?limit=1&match%5Btype%5D=indicator&next=" + next),
        400);
    assertThat(node.get(objects() + "?limit=1&next=" + next).statusCode()).isEqualTo(200);
  }

  @Test
  void limitAboveServerMaximumIsLowered() {
    TestNode small = new TestNode(TaxiiSettings.defaults().withMaxPageSize(2));
    try {
      small.alice().addObjects(C1, List.of(fx.malware().build(), fx.malware().build(),
          fx.malware().build()));

      var page = small.alice().getObjects(C1, small.fresh().withLimit(1000));

      assertThat(page.body().objects()).hasSize(2);
      assertThat(page.body().more()).isTrue();
    } finally {
      small.close();
    }
  }

  // ---- per-object failures ----

  @Test
  void wrongIdPrefixAndBadTimestamp_areFailuresInTheStatus() {
    String wrongPrefix = fx.indicator().set("id", "malware--" + java.util.UUID.randomUUID())
        .build().toJson();
    String badTimestamp = fx.malware().set("created", "2026-01-01").build().toJson();
    String good = fx.malware().build().toJson();

    HttpResponse<String> r = node.post(objects(),
        "{\"objects\":[" + wrongPrefix + "," + badTimestamp + "," + good + "]}");

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.headers().firstValue("Content-Type")).contains(TAXII);
    JsonNode status = StixJson.readTree(r.body(), StixJson.mapper());
    assertThat(status.get("status").asString()).isEqualTo("complete");
    assertThat(status.get("total_count").asInt()).isEqualTo(3);
    assertThat(status.get("success_count").asInt()).isEqualTo(1);
    assertThat(status.get("failure_count").asInt()).isEqualTo(2);
    assertThat(status.get("failures").get(0).get("message").asString()).contains("id");
    assertThat(status.get("failures").get(1).get("message").asString()).contains("created");
  }

  @Test
  void unknownStatus_404() {
    assertTaxiiError(node.get(node.apiRoot.getPath() + "status/nope/"), 404);
  }
}
