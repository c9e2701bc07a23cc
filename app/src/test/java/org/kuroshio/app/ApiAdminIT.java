package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kuroshio.taxii.TaxiiCollection;
import tools.jackson.databind.JsonNode;

/**
 * The REST API's administration on a real demo node over HTTP: organisations, users and tokens
 * with the rights of analysts, organisation admins and the node admin; the agreement lifecycle
 * and its effect on TAXII; the audit log; peers; and hostile bodies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiAdminIT {
  private static final String AMBER = "indicator--323e33ae-fae3-4d39-abf6-32d1db71cea5";

  private ApiNode api;

  @BeforeAll
  void start() {
    api = ApiNode.start();
    // An administrator of the bureau (an "org admin", not a node admin), signing in by token.
    api.post("admin", "/api/users", """
        {"name": "nsb-admin", "organisation": "%s", "roles": ["admin"]}"""
        .formatted(DemoScenario.NSB)).expect(201);
    api.useToken("nsb-admin", api.post("admin", "/api/users/nsb-admin/tokens",
        "{\"label\": \"tests\"}").expect(201).path("token").asString());
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  private static List<String> field(JsonNode array, String name) {
    List<String> out = new ArrayList<>();
    array.forEach(o -> out.add(o.path(name).asString()));
    return out;
  }

  // ---- organisations ----

  @Test
  void theNodeAdminRegistersOrganisations() {
    JsonNode org = api.post("admin", "/api/organisations", "{\"name\": \"Harbour Authority\"}")
        .expect(201);
    assertThat(org.path("id").asString()).startsWith("identity--");
    assertThat(org.path("name").asString()).isEqualTo("Harbour Authority");
    assertThat(field(api.get("nsb", "/api/organisations").expect(200).path("organisations"),
        "name")).contains("Harbour Authority");

    String id = "identity--11111111-2222-4333-8444-555555555555";
    api.post("admin", "/api/organisations", "{\"name\": \"Coast Guard\", \"id\": \"" + id
        + "\"}").expect(201);
    api.post("admin", "/api/organisations", "{\"name\": \"Again\", \"id\": \"" + id + "\"}")
        .expectError(409, "registered already");
    api.post("admin", "/api/organisations", "{\"name\": \"Bad\", \"id\": \"identity--x\"}")
        .expectError(400, "identity id");
  }

  @Test
  void onlyTheNodeAdminRegistersOrganisations() {
    api.post("nsb", "/api/organisations", "{\"name\": \"X\"}")
        .expectError(403, "admin role in the node's own organisation");
    api.post("nsb-admin", "/api/organisations", "{\"name\": \"X\"}").expectError(403);
  }

  // ---- users ----

  @Test
  void usersAreListedByTheirAdminsOnly() {
    JsonNode all = api.get("admin", "/api/users").expect(200).path("users");
    assertThat(field(all, "name")).contains("admin", "nsb", "commerce", "nsb-admin");
    assertThat(all.toString()).doesNotContain("pbkdf2", "password");

    JsonNode own = api.get("nsb-admin", "/api/users").expect(200).path("users");
    assertThat(field(own, "organisation")).containsOnly(DemoScenario.NSB);
    assertThat(field(own, "name")).contains("nsb", "nsb-admin").doesNotContain("commerce");
    JsonNode nsb = own.get(field(own, "name").indexOf("nsb"));
    assertThat(nsb.path("roles").get(0).asString()).isEqualTo("analyst");
    assertThat(nsb.path("disabled").asBoolean()).isFalse();

    api.get("nsb-admin", "/api/users?organisation=" + DemoScenario.COMMERCE)
        .expectError(403, "its own organisation");
    api.get("nsb", "/api/users").expectError(403, "needs the admin role");
    assertThat(field(api.get("admin", "/api/users?organisation=" + DemoScenario.COMMERCE)
        .expect(200).path("users"), "name")).contains("commerce").doesNotContain("nsb", "admin");
  }

  @Test
  void anOrgAdminCreatesUsersInItsOwnOrganisationOnly() {
    JsonNode u = api.post("nsb-admin", "/api/users",
        "{\"name\": \"nsb-sensor\", \"roles\": [\"machine\"]}").expect(201);
    assertThat(u.path("organisation").asString()).isEqualTo(DemoScenario.NSB);
    assertThat(u.path("roles").get(0).asString()).isEqualTo("machine");
    api.post("nsb-admin", "/api/users", """
        {"name": "spy", "organisation": "%s", "roles": ["analyst"]}"""
        .formatted(DemoScenario.COMMERCE)).expectError(403, "own organisation");
    api.post("nsb", "/api/users", "{\"name\": \"x\", \"roles\": [\"analyst\"]}")
        .expectError(403, "needs the admin role");
    api.post("nsb-admin", "/api/users", "{\"name\": \"nsb-sensor\", \"roles\": [\"machine\"]}")
        .expectError(409, "exists already");
    api.post("nsb-admin", "/api/users", "{\"name\": \"y\", \"roles\": [\"boss\"]}")
        .expectError(400, "not a role", "boss");
    api.post("nsb-admin", "/api/users", "{\"name\": \"y\", \"roles\": []}")
        .expectError(400, "at least one role");
    api.post("nsb-admin", "/api/users", "{\"name\": \"y\", \"roles\": [\"analyst\"],"
        + " \"password\": \"short\"}").expectError(400, "password must be 12");
    api.post("admin", "/api/users", "{\"name\": \"z\", \"roles\": [\"analyst\"],"
        + " \"organisation\": \"identity--00000000-0000-4000-8000-000000000000\"}")
        .expectError(400, "no organisation known");
  }

  @Test
  void aUserMadeWithAPasswordSignsInAndItsAdminCanDisableIt() {
    api.post("admin", "/api/users", """
        {"name": "carol", "organisation": "%s", "roles": ["read-only"],
         "password": "a long enough password"}""".formatted(DemoScenario.COMMERCE))
        .expect(201);
    String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
        "carol:a long enough password".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    HttpRequest.Builder orgs = HttpRequest.newBuilder(api.uri("/api/organisations"))
        .header("Authorization", basic).GET();
    ApiNode.send(orgs).expect(200);

    JsonNode patched = api.send("admin", "PATCH", "/api/users/carol", "{\"disabled\": true}")
        .expect(200);
    assertThat(patched.path("disabled").asBoolean()).isTrue();
    ApiNode.send(HttpRequest.newBuilder(api.uri("/api/organisations"))
        .header("Authorization", basic).GET()).expectError(401);
  }

  @Test
  void patchChecksRightsAndValues() {
    api.post("nsb-admin", "/api/users", "{\"name\": \"dave\", \"roles\": [\"analyst\"]}")
        .expect(201);
    JsonNode d = api.send("nsb-admin", "PATCH", "/api/users/dave",
        "{\"roles\": [\"analyst\", \"read-only\"]}").expect(200);
    assertThat(d.path("roles")).hasSize(2);
    api.send("nsb-admin", "PATCH", "/api/users/dave", "{}").expectError(400, "changes nothing");
    api.send("nsb-admin", "PATCH", "/api/users/dave", "{\"disabled\": \"yes\"}")
        .expectError(400, "\"disabled\"", "true or false");
    // Another organisation's user is invisible to the bureau's admin: as a missing one.
    ApiNode.Response other = api.send("nsb-admin", "PATCH", "/api/users/commerce",
        "{\"disabled\": true}");
    ApiNode.Response missing = api.send("nsb-admin", "PATCH", "/api/users/nobody",
        "{\"disabled\": true}");
    other.expectError(404, "no user with id commerce");
    missing.expectError(404, "no user with id nobody");
    // An analyst may not change its own roles.
    api.send("nsb", "PATCH", "/api/users/nsb", "{\"roles\": [\"admin\"]}")
        .expectError(403, "only its own password");
  }

  // ---- tokens ----

  @Test
  void tokensAreIssuedListedAndRevoked() {
    api.post("admin", "/api/users", """
        {"name": "erin", "organisation": "%s", "roles": ["analyst"]}"""
        .formatted(DemoScenario.PACIFIC_ALLY)).expect(201);
    JsonNode issued = api.post("admin", "/api/users/erin/tokens",
        "{\"label\": \"laptop\", \"expires\": \"2099-01-01T00:00:00Z\"}").expect(201);
    String secret = issued.path("token").asString();
    assertThat(secret).isNotBlank();
    assertThat(issued.path("label").asString()).isEqualTo("laptop");
    assertThat(issued.path("expires").asString()).startsWith("2099-01-01T00:00:00");
    api.useToken("erin", secret);

    // The user lists and issues its own tokens; the list never shows secrets.
    JsonNode list = api.get("erin", "/api/users/erin/tokens").expect(200).path("tokens");
    assertThat(field(list, "id")).containsExactly(issued.path("id").asString());
    assertThat(list.toString()).doesNotContain(secret);
    assertThat(list.get(0).path("revoked").isNull()).isTrue();
    api.post("erin", "/api/users/erin/tokens", "{\"label\": \"second\"}").expect(201);

    // Others may not see them: as a missing user.
    api.get("commerce", "/api/users/erin/tokens").expectError(404, "no user with id erin");
    api.get("nsb-admin", "/api/users/erin/tokens").expectError(404);
    api.send("nsb-admin", "DELETE", "/api/tokens/" + issued.path("id").asString(), null)
        .expectError(404, "no token with id");

    // Revoked, the token no longer signs in.
    api.send("erin", "DELETE", "/api/tokens/" + issued.path("id").asString(), null).expect(204);
    api.get("erin", "/api/organisations").expectError(401, "invalid credentials");
    assertThat(api.get("admin", "/api/users/erin/tokens").expect(200).path("tokens"))
        .anySatisfy(t -> assertThat(t.path("revoked").isString()).isTrue());
    api.send("admin", "DELETE", "/api/tokens/00000000-0000-4000-8000-000000000000", null)
        .expectError(404, "no token with id");
  }

  @Test
  void tokenRequestsAreChecked() {
    api.post("nsb", "/api/users/nsb/tokens", "{\"label\": \"x\", \"expires\": \"tomorrow\"}")
        .expectError(400, "\"expires\"", "RFC 3339");
    api.post("nsb", "/api/users/nsb/tokens", "{\"label\": \"x\", "
        + "\"expires\": \"2001-01-01T00:00:00Z\"}").expectError(400, "not in the future");
    api.post("nsb", "/api/users/nsb/tokens", "{}").expectError(400, "needs \"label\"");
    JsonNode t = api.post("nsb-admin", "/api/users/nsb/tokens", "{\"label\": \"by admin\"}")
        .expect(201);
    api.send("nsb-admin", "DELETE", "/api/tokens/" + t.path("id").asString(), null).expect(204);
  }

  // ---- agreements ----

  @Test
  void agreementsAreVisibleToTheirPartiesAndTheNodeAdmin() {
    List<String> all = field(api.get("admin", "/api/agreements").expect(200)
        .path("agreements"), "id");
    assertThat(all).contains("kuroshio-agreement--" + DemoScenario.LOI_COLLECTION,
        "kuroshio-agreement--" + DemoScenario.SOI_COLLECTION);
    List<String> commerce = field(api.get("commerce", "/api/agreements").expect(200)
        .path("agreements"), "id");
    assertThat(commerce).contains("kuroshio-agreement--" + DemoScenario.SOI_COLLECTION)
        .doesNotContain("kuroshio-agreement--" + DemoScenario.LOI_COLLECTION);
    JsonNode loi = api.get("pacific", "/api/agreements/kuroshio-agreement--"
        + DemoScenario.LOI_COLLECTION).expect(200);
    assertThat(loi.path("type").asString()).isEqualTo("kuroshio-agreement");
    assertThat(loi.path("status").asString()).isEqualTo("active");
    ApiNode.Response hidden = api.get("commerce", "/api/agreements/kuroshio-agreement--"
        + DemoScenario.LOI_COLLECTION);
    ApiNode.Response missing = api.get("commerce", "/api/agreements/kuroshio-agreement--"
        + "00000000-0000-4000-8000-000000000000");
    hidden.expectError(404, "no agreement with id");
    assertThat(hidden.body().replace(DemoScenario.LOI_COLLECTION, "ID"))
        .isEqualTo(missing.body().replace("00000000-0000-4000-8000-000000000000", "ID"));
  }

  @Test
  void theAgreementLifecycleDrivesWhatThePartnerSeesOverTaxii() {
    // A letter of intent letting the bureau's AMBER cyber intelligence go to commerce.
    JsonNode draft = api.post("admin", "/api/agreements", """
        {"kind": "letter-of-intent", "title": "Bureau and Commerce: amber cyber",
         "parties": ["%s", "%s"], "domains": ["cyber"], "tlp_ceiling": "amber",
         "valid_from": "2025-01-01T00:00:00Z", "valid_until": null}"""
        .formatted(DemoScenario.NSB, DemoScenario.COMMERCE)).expect(201);
    String id = draft.path("id").asString();
    String collection = id.substring("kuroshio-agreement--".length());
    assertThat(draft.path("status").asString()).isEqualTo("draft");
    assertThat(collections("commerce")).doesNotContain(collection);
    api.get("commerce", "/api/objects/" + AMBER).expectError(404);

    JsonNode active = api.post("admin", "/api/agreements/" + id + "/status",
        "{\"status\": \"active\", \"reason\": \"signed\"}").expect(200);
    assertThat(active.path("status").asString()).isEqualTo("active");
    assertThat(active.path("status_history")).hasSize(2);
    assertThat(collections("commerce")).contains(collection);
    assertThat(api.get("commerce", "/api/objects/" + AMBER).expect(200).path("versions"))
        .hasSize(1);
    assertThat(api.get("nsb", "/api/policy/explain?object=" + AMBER + "&org="
        + DemoScenario.COMMERCE).expect(200).path("agreement").asString()).isEqualTo(id);

    JsonNode suspended = api.post("admin", "/api/agreements/" + id + "/status",
        "{\"status\": \"suspended\", \"reason\": \"review\"}").expect(200);
    assertThat(suspended.path("status").asString()).isEqualTo("suspended");
    assertThat(collections("commerce")).doesNotContain(collection);
    api.get("commerce", "/api/objects/" + AMBER).expectError(404);
    JsonNode why = api.get("nsb", "/api/policy/explain?object=" + AMBER + "&org="
        + DemoScenario.COMMERCE).expect(200);
    assertThat(why.path("reason").asString()).isEqualTo("AGREEMENT_STOPPED");
    assertThat(why.path("rule").asInt()).isEqualTo(6);

    api.post("admin", "/api/agreements/" + id + "/status", "{\"status\": \"terminated\"}")
        .expect(200);
    api.post("admin", "/api/agreements/" + id + "/status", "{\"status\": \"active\"}")
        .expectError(400, "cannot go from terminated");
  }

  private List<String> collections(String user) {
    return api.taxii(user).collections().stream().map(TaxiiCollection::id).toList();
  }

  @Test
  void agreementWritesAreChecked() {
    String body = """
        {"kind": "pact", "title": "t", "parties": ["%s", "%s"], "domains": ["cyber"],
         "tlp_ceiling": "green"}""".formatted(DemoScenario.NSB, DemoScenario.COMMERCE);
    api.post("nsb-admin", "/api/agreements", body).expectError(403);
    api.post("admin", "/api/agreements", body.replace("pact", "treaty"))
        .expectError(400, "not an agreement kind");
    api.post("admin", "/api/agreements", body.replace("\"green\"", "\"purple\""))
        .expectError(400, "tlp_ceiling is not a TLP level");
    api.post("admin", "/api/agreements", body.replace("\"cyber\"", "\"space\""))
        .expectError(400, "not a domain");
    api.post("admin", "/api/agreements", body.replace(DemoScenario.COMMERCE,
        "identity--00000000-0000-4000-8000-000000000000")).expectError(400, "unknown organisation");
    api.post("nsb", "/api/agreements/kuroshio-agreement--" + DemoScenario.SOI_COLLECTION
        + "/status", "{\"status\": \"suspended\"}").expectError(403);
    api.post("admin", "/api/agreements/kuroshio-agreement--00000000-0000-4000-8000-000000000000"
        + "/status", "{\"status\": \"suspended\"}").expectError(404, "no agreement with id");
    api.post("admin", "/api/agreements/kuroshio-agreement--" + DemoScenario.SOI_COLLECTION
        + "/status", "{\"status\": \"paused\"}").expectError(400, "not an agreement status");
  }

  @Test
  void anAgreementFromAnotherNodeIsAdopted() {
    JsonNode made = api.post("admin", "/api/agreements", """
        {"kind": "dialogue", "title": "To be adopted", "parties": ["%s", "%s"],
         "domains": ["maritime"], "tlp_ceiling": "green"}"""
        .formatted(DemoScenario.PACIFIC_ALLY, DemoScenario.COMMERCE)).expect(201);
    // As a partner node would send it: the same object with a fresh id.
    String copy = made.toString().replace(made.path("id").asString(),
        "kuroshio-agreement--12345678-1234-4234-8234-123456789abc");
    JsonNode adopted = api.post("admin", "/api/agreements/adopt", copy).expect(201);
    assertThat(adopted.path("id").asString())
        .isEqualTo("kuroshio-agreement--12345678-1234-4234-8234-123456789abc");
    api.post("nsb-admin", "/api/agreements/adopt", copy).expectError(403);
    api.post("admin", "/api/agreements/adopt", "{\"type\": \"indicator\"}").expectError(400);
  }

  // ---- audit ----

  @Test
  void theAuditLogIsQueriedAndVerified() {
    api.get("pacific", "/api/objects/" + AMBER).expect(200);
    api.get("pacific", "/api/objects/" + AMBER).expect(200);
    JsonNode page = api.get("admin", "/api/audit?limit=1").expect(200);
    assertThat(page.path("entries")).hasSize(1);
    JsonNode first = page.path("entries").get(0);
    assertThat(first.path("seq").asLong()).isEqualTo(1);
    assertThat(first.path("hash").asString()).hasSize(64);
    long next = page.path("next").asLong();
    JsonNode second = api.get("admin", "/api/audit?limit=1&after=" + next).expect(200);
    assertThat(second.path("entries").get(0).path("seq").asLong()).isEqualTo(next + 1);

    JsonNode verify = api.get("admin", "/api/audit/verify").expect(200);
    assertThat(verify.path("intact").asBoolean()).isTrue();
    assertThat(verify.path("entries").asLong()).isPositive();
    assertThat(verify.path("first_bad_seq").isNull()).isTrue();
    assertThat(verify.path("problem").isNull()).isTrue();
  }

  @Test
  void auditRightsFollowTheOrganisation() {
    api.get("nsb", "/api/objects/" + AMBER).expect(200);
    JsonNode own = api.get("nsb-admin", "/api/audit").expect(200).path("entries");
    assertThat(field(own, "organisation")).isNotEmpty().containsOnly(DemoScenario.NSB);
    api.get("nsb-admin", "/api/audit?organisation=" + DemoScenario.COMMERCE)
        .expectError(403, "its own organisation");
    api.get("nsb-admin", "/api/audit/verify").expectError(403);
    api.get("nsb", "/api/audit").expectError(403, "needs the admin role");
    api.get("admin", "/api/audit?from=yesterday").expectError(400, "RFC 3339");
    api.get("admin", "/api/audit?after=-1").expectError(400, "after must be");
    api.get("admin", "/api/audit?limit=5000").expectError(400, "from 1 to 1000");
  }

  // ---- federation ----

  @Test
  void peersAreConfiguredWithoutShowingSecrets() {
    JsonNode peer = api.send("admin", "PUT", "/api/peers/ally", """
        {"base_url": "https://ally.example/api", "organisation": "%s", "token": "s3cret-token",
         "pull": ["%s"], "interval_seconds": 60}"""
        .formatted(DemoScenario.PACIFIC_ALLY, DemoScenario.LOI_COLLECTION)).expect(200);
    assertThat(peer.path("base_url").asString()).isEqualTo("https://ally.example/api/");
    assertThat(peer.path("auth").asString()).isEqualTo("bearer");
    assertThat(peer.path("enabled").asBoolean()).isTrue();
    JsonNode list = api.get("admin", "/api/peers").expect(200);
    assertThat(field(list.path("peers"), "id")).contains("ally");
    assertThat(list.toString()).doesNotContain("s3cret-token");

    // Replacing without credentials keeps them.
    api.send("admin", "PUT", "/api/peers/ally", """
        {"base_url": "https://ally.example/api/", "organisation": "%s", "enabled": false}"""
        .formatted(DemoScenario.PACIFIC_ALLY)).expect(200);
    api.send("admin", "PUT", "/api/peers/new-one", """
        {"base_url": "https://x.example/api/", "organisation": "%s"}"""
        .formatted(DemoScenario.PACIFIC_ALLY)).expectError(400, "needs credentials");
    api.send("admin", "PUT", "/api/peers/BAD", """
        {"base_url": "https://x.example/api/", "organisation": "%s", "token": "t"}"""
        .formatted(DemoScenario.PACIFIC_ALLY)).expectError(400, "peer id");
    api.send("admin", "PUT", "/api/peers/p2", """
        {"base_url": "ftp://x.example/", "organisation": "%s", "token": "t"}"""
        .formatted(DemoScenario.PACIFIC_ALLY)).expectError(400, "http or https");
    api.send("nsb-admin", "PUT", "/api/peers/p3", "{}").expectError(403);

    api.send("admin", "DELETE", "/api/peers/ally", null).expect(204);
    api.send("admin", "DELETE", "/api/peers/ally", null).expectError(404, "no peer with id ally");
  }

  @Test
  void federationEndpointsAreForTheNodeAdmin() {
    api.get("nsb", "/api/federation/health").expectError(403);
    api.get("nsb-admin", "/api/federation/health").expectError(403);
    api.send("nsb-admin", "POST", "/api/peers/anything/sync", null).expectError(403);
    api.get("nsb", "/api/peers").expectError(403);
  }

  // ---- hostile bodies ----

  @Test
  void bodiesAreCheckedBeforeUse() {
    api.post("admin", "/api/organisations", "{\"name\": \"X\", \"colour\": \"red\"}")
        .expectError(400, "unknown key \"colour\"", "allowed: id, name");
    api.post("admin", "/api/organisations", "{\"name\": \"A\", \"name\": \"B\"}")
        .expectError(400, "Duplicate");
    api.post("admin", "/api/organisations", "[1, 2]").expectError(400, "must be a JSON object");
    api.post("admin", "/api/organisations", "{\"name\": ").expectError(400, "not valid JSON");
    api.post("admin", "/api/organisations", "").expectError(400, "empty");
    api.post("admin", "/api/organisations", "{\"name\": 5}").expectError(400, "a string");
    String deep = "{\"name\": " + "[".repeat(40) + "]".repeat(40) + "}";
    api.post("admin", "/api/organisations", deep).expectError(400, "parse limit");
  }

  @Test
  void aDeclaredBodyOverOneMebibyteIs413WithoutReadingIt() throws Exception {
    try (Socket s = new Socket("127.0.0.1", api.node().port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /api/organisations HTTP/1.1\r\nHost: localhost\r\n"
          + "Content-Type: application/json\r\nAuthorization: " + api.authorization("admin")
          + "\r\nContent-Length: " + (100L * 1024 * 1024) + "\r\n\r\n{\"name\": \"")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String head = readHead(s.getInputStream());
      assertThat(head).startsWith("HTTP/1.1 413").containsIgnoringCase("application/json");
    }
  }

  @Test
  void aChunkedBodyGrowingOverOneMebibyteIs413() throws Exception {
    try (Socket s = new Socket("127.0.0.1", api.node().port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /api/organisations HTTP/1.1\r\nHost: localhost\r\n"
          + "Content-Type: application/json\r\nAuthorization: " + api.authorization("admin")
          + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      Thread writer = Thread.ofVirtual().start(() -> {
        byte[] chunk = ("2000\r\n" + " ".repeat(0x2000) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
        try {
          for (int i = 0; i < 1_280; i++) { // up to 10 MB, unless the server stops reading
            out.write(chunk);
          }
          out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException expected) {
          // The server answered and closed the connection.
        }
      });
      String head = readHead(s.getInputStream());
      writer.join();
      assertThat(head).startsWith("HTTP/1.1 413");
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      sb.append((char) c);
      if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) {
        break;
      }
    }
    return sb.toString();
  }

  @Test
  void aBodyThatIsNotJsonIs415() {
    ApiNode.Response r = ApiNode.send(HttpRequest.newBuilder(api.uri("/api/organisations"))
        .header("Authorization", api.authorization("admin"))
        .header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"X\"}")));
    r.expectError(415, "application/json", "text/plain");
  }
}
