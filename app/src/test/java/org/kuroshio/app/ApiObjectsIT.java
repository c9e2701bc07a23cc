package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The REST API's reads through the release rule, on a real demo node over HTTP: objects,
 * provenance, releasability, explain, search and organisations, and what the audit records of
 * them. Also the pipeline every endpoint shares: authentication, unknown query parameters, 405.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiObjectsIT {
  /** The bureau's AMBER cyber indicator: the letter of intent lets it go to the Pacific ally. */
  private static final String AMBER = "indicator--323e33ae-fae3-4d39-abf6-32d1db71cea5";
  /** The bureau's GREEN indicator: every partner of the bureau may read it. */
  private static final String GREEN = "indicator--8cd3dc02-fb85-48ab-9d25-bd5a6f4fac3d";
  private static final String MISSING = "indicator--00000000-0000-4000-8000-000000000000";

  private ApiNode api;

  @BeforeAll
  void start() {
    api = ApiNode.start();
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  private static List<String> ids(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(o -> out.add(o.path("id").asString()));
    return out;
  }

  // ---- authentication and the shared pipeline ----

  @Test
  void withoutCredentialsEveryEndpointAnswers401WithAChallenge() {
    for (String path : List.of("/api/objects/" + GREEN, "/api/search?q=x", "/api/organisations",
        "/api/users", "/api/agreements", "/api/audit", "/api/peers", "/api/federation/health")) {
      ApiNode.Response r = api.send(null, "GET", path, null);
      r.expectError(401, "credentials are required");
      assertThat(r.headers().allValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("Basic"));
    }
  }

  @Test
  void wrongPasswordIs401() {
    ApiNode.Response r = ApiNode.send(HttpRequest.newBuilder(api.uri("/api/organisations"))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder()
            .encodeToString("nsb:wrong-password".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .GET());
    r.expectError(401, "invalid credentials");
  }

  @Test
  void theDemoBearerTokenWorks() {
    ApiNode.Response r = ApiNode.send(HttpRequest.newBuilder(api.uri("/api/objects/" + GREEN))
        .header("Authorization", "Bearer kuroshio-demo-token-nsb").GET());
    assertThat(ids(r.expect(200).path("versions"))).containsExactly(GREEN);
  }

  @Test
  void unknownQueryParametersAreRefusedByName() {
    api.get("nsb", "/api/objects/" + GREEN + "?verison=all")
        .expectError(400, "unknown query parameter \"verison\"", "version");
    api.get("nsb", "/api/organisations?x=1").expectError(400, "\"x\"", "takes none");
  }

  @Test
  void aWrongMethodIs405WithAllow() {
    ApiNode.Response r = api.send("nsb", "DELETE", "/api/organisations", null);
    r.expectError(405, "DELETE is not supported");
    assertThat(r.headers().firstValue("Allow")).contains("GET, POST");
  }

  @Test
  void taxiiStillAnswersBesideTheApi() {
    assertThat(api.taxii("nsb").collections()).isNotEmpty();
    assertThat(api.taxii("nsb").apiRoot().maxContentLength()).isPositive();
  }

  // ---- objects ----

  @Test
  void anObjectIsReturnedWithItsVersions() {
    JsonNode body = api.get("commerce", "/api/objects/" + GREEN).expect(200);
    assertThat(body.path("versions")).hasSize(1);
    assertThat(body.path("versions").get(0).path("id").asString()).isEqualTo(GREEN);
    assertThat(api.get("commerce", "/api/objects/" + GREEN + "?version=last").expect(200)
        .path("versions")).hasSize(1);
    assertThat(api.get("commerce", "/api/objects/" + GREEN + "?version=first").expect(200)
        .path("versions")).hasSize(1);
  }

  @Test
  void anAmberObjectOfTheBureauIsInvisibleToCommerceAndVisibleToThePacificAlly() {
    ApiNode.Response hidden = api.get("commerce", "/api/objects/" + AMBER);
    ApiNode.Response missing = api.get("commerce", "/api/objects/" + MISSING);
    hidden.expectError(404);
    missing.expectError(404);
    // The same body apart from the id: nothing tells an invisible object from a missing one.
    assertThat(hidden.body().replace(AMBER, "ID")).isEqualTo(missing.body().replace(MISSING, "ID"));
    assertThat(hidden.headers().map().keySet()).isEqualTo(missing.headers().map().keySet());

    assertThat(ids(api.get("pacific", "/api/objects/" + AMBER).expect(200).path("versions")))
        .containsExactly(AMBER);
    assertThat(ids(api.get("nsb", "/api/objects/" + AMBER).expect(200).path("versions")))
        .containsExactly(AMBER);
  }

  @Test
  void theNodeAdminSeesNoMoreThanItsOrganisation() {
    // The operator is party to no agreement: the bureau's AMBER indicator is not released to it.
    api.get("admin", "/api/objects/" + AMBER).expectError(404, "no object with id " + AMBER);
  }

  @Test
  void badObjectIdsAndVersionsAre400() {
    api.get("nsb", "/api/objects/not-an-id").expectError(400, "not a STIX id");
    api.get("nsb", "/api/objects/" + GREEN + "?version=newest")
        .expectError(400, "version must be last, first or all");
  }

  @Test
  void objectReadsAreAuditedAsApiObject() {
    api.get("pacific", "/api/objects/" + AMBER).expect(200);
    JsonNode entries = api.get("admin", "/api/audit?user=pacific&object=" + AMBER).expect(200)
        .path("entries");
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.path("action").asString()).isEqualTo("api.object");
      assertThat(e.path("items").get(0).path("id").asString()).isEqualTo(AMBER);
      assertThat(e.path("items").get(0).path("reason").asString()).isEqualTo("AGREEMENT");
      assertThat(e.path("items").get(0).path("agreement").asString())
          .isEqualTo("kuroshio-agreement--" + DemoScenario.LOI_COLLECTION);
    });
  }

  // ---- provenance ----

  @Test
  void provenanceNamesTheContributorWhenAVersionIsReleased() {
    JsonNode c = api.get("pacific", "/api/objects/" + AMBER + "/provenance").expect(200)
        .path("contributions");
    assertThat(c).isNotEmpty();
    assertThat(c.get(0).path("organisation").asString()).isEqualTo(DemoScenario.NSB);
    assertThat(c.get(0).path("version").asString()).isNotBlank();
    assertThat(c.get(0).path("at").asString()).endsWith("Z");
    assertThat(c.get(0).has("node")).isTrue();
    assertThat(c.get(0).has("agreement")).isTrue();
  }

  @Test
  void provenanceOfAnInvisibleObjectIsTheSame404AsAMissingOne() {
    ApiNode.Response hidden = api.get("commerce", "/api/objects/" + AMBER + "/provenance");
    ApiNode.Response missing = api.get("commerce", "/api/objects/" + MISSING + "/provenance");
    hidden.expectError(404);
    assertThat(hidden.body().replace(AMBER, "ID")).isEqualTo(missing.body().replace(MISSING, "ID"));
  }

  @Test
  void provenanceIsNotRecordedAsARelease() {
    String q = "/api/audit?user=association&object=" + GREEN;
    int before = api.get("admin", q).expect(200).path("entries").size();
    api.get("association", "/api/objects/" + GREEN + "/provenance").expect(200);
    assertThat(api.get("admin", q).expect(200).path("entries")).hasSize(before);
  }

  // ---- releasability and explain ----

  @Test
  void releasabilityListsEveryOrganisationWithTheRuleThatDecided() {
    JsonNode body = api.get("nsb", "/api/objects/" + AMBER + "/releasability").expect(200);
    assertThat(body.path("object").asString()).isEqualTo(AMBER);
    JsonNode orgs = body.path("organisations");
    assertThat(orgs).hasSize(5);
    JsonNode pacific = find(orgs, DemoScenario.PACIFIC_ALLY);
    assertThat(pacific.path("allowed").asBoolean()).isTrue();
    assertThat(pacific.path("reason").asString()).isEqualTo("AGREEMENT");
    assertThat(pacific.path("rule").asInt()).isEqualTo(4);
    assertThat(pacific.path("agreement").asString())
        .isEqualTo("kuroshio-agreement--" + DemoScenario.LOI_COLLECTION);
    assertThat(pacific.path("name").asString()).isEqualTo("Pacific Ally National Security Office");
    JsonNode commerce = find(orgs, DemoScenario.COMMERCE);
    assertThat(commerce.path("allowed").asBoolean()).isFalse();
    assertThat(commerce.path("reason").asString()).isEqualTo("NO_AGREEMENT");
    assertThat(commerce.path("explanation").asString()).isNotBlank();
    JsonNode owner = find(orgs, DemoScenario.NSB);
    assertThat(owner.path("reason").asString()).isEqualTo("OWNER");
    assertThat(owner.path("rule").asInt()).isEqualTo(1);
  }

  private static JsonNode find(JsonNode orgs, String id) {
    for (JsonNode o : orgs) {
      if (o.path("organisation").asString().equals(id)) {
        return o;
      }
    }
    throw new AssertionError("no decision for " + id + " in " + orgs);
  }

  @Test
  void releasabilityIsForTheOwnerAndTheNodeAdminOnly() {
    assertThat(api.get("admin", "/api/objects/" + AMBER + "/releasability").expect(200)
        .path("organisations")).hasSize(5);
    // The Pacific ally may read the object but does not own it: 404, as for a missing one.
    ApiNode.Response reader = api.get("pacific", "/api/objects/" + AMBER + "/releasability");
    ApiNode.Response missing = api.get("pacific", "/api/objects/" + MISSING + "/releasability");
    reader.expectError(404);
    assertThat(reader.body().replace(AMBER, "ID")).isEqualTo(missing.body().replace(MISSING, "ID"));
  }

  @Test
  void explainSaysAllowOrDenyWithTheRule() {
    JsonNode deny = api.get("nsb", "/api/policy/explain?object=" + AMBER + "&org="
        + DemoScenario.COMMERCE).expect(200);
    assertThat(deny.path("object").asString()).isEqualTo(AMBER);
    assertThat(deny.path("organisation").asString()).isEqualTo(DemoScenario.COMMERCE);
    assertThat(deny.path("allowed").asBoolean()).isFalse();
    assertThat(deny.path("reason").asString()).isEqualTo("NO_AGREEMENT");
    assertThat(deny.path("rule").asInt()).isEqualTo(4);
    assertThat(deny.path("agreement").isNull()).isTrue();
    assertThat(deny.path("explanation").asString()).isNotBlank();

    JsonNode allow = api.get("admin", "/api/policy/explain?object=" + AMBER + "&org="
        + DemoScenario.PACIFIC_ALLY).expect(200);
    assertThat(allow.path("allowed").asBoolean()).isTrue();
    assertThat(allow.path("reason").asString()).isEqualTo("AGREEMENT");
  }

  @Test
  void explainRefusesMissingParametersUnknownOrganisationsAndStrangers() {
    api.get("nsb", "/api/policy/explain?object=" + AMBER).expectError(400, "org is required");
    api.get("nsb", "/api/policy/explain?object=" + AMBER + "&org=identity--"
        + "00000000-0000-4000-8000-000000000000").expectError(400, "no organisation known");
    api.get("commerce", "/api/policy/explain?object=" + AMBER + "&org=" + DemoScenario.COMMERCE)
        .expectError(404, "no object with id " + AMBER);
  }

  @Test
  void explainAndReleasabilityAreNotRecordedAsReleases() {
    String q = "/api/audit?user=nsb&object=" + AMBER;
    int before = api.get("admin", q).expect(200).path("entries").size();
    api.get("nsb", "/api/policy/explain?object=" + AMBER + "&org=" + DemoScenario.COMMERCE)
        .expect(200);
    api.get("nsb", "/api/objects/" + AMBER + "/releasability").expect(200);
    assertThat(api.get("admin", q).expect(200).path("entries")).hasSize(before);
  }

  // ---- search ----

  @Test
  void searchReturnsOnlyWhatTheRuleReleases() {
    JsonNode pacific = api.get("pacific", "/api/search?q=Mailbox%20access").expect(200);
    assertThat(ids(pacific.path("objects"))).contains(AMBER);
    JsonNode commerce = api.get("commerce", "/api/search?q=Mailbox%20access").expect(200);
    assertThat(ids(commerce.path("objects"))).doesNotContain(AMBER);
    assertThat(commerce.toString()).doesNotContain(AMBER);
    JsonNode green = api.get("commerce", "/api/search?q=look-alike&type=indicator").expect(200);
    assertThat(ids(green.path("objects"))).contains(GREEN)
        .allMatch(id -> id.startsWith("indicator--"));
  }

  @Test
  void searchLimitsAndRecordsTheRelease() {
    assertThat(api.get("nsb", "/api/search?q=a&limit=2").expect(200).path("objects"))
        .hasSize(2);
    api.get("nsb", "/api/search").expectError(400, "q (the text to search for) is required");
    api.get("nsb", "/api/search?q=" + "x".repeat(201)).expectError(400, "at most 200");
    api.get("nsb", "/api/search?q=a&limit=0").expectError(400, "limit must be an integer");
    api.get("nsb", "/api/search?q=a&limit=1001").expectError(400, "from 1 to 1000");
    api.get("nsb", "/api/search?q=a&type=Not_A_Type").expectError(400, "not a STIX type");
    assertThat(api.get("admin", "/api/audit?user=nsb").expect(200).path("entries"))
        .anySatisfy(e -> assertThat(e.path("action").asString()).isEqualTo("api.search"));
  }

  // ---- organisations ----

  @Test
  void anyUserListsTheOrganisations() {
    JsonNode orgs = api.get("commerce", "/api/organisations").expect(200).path("organisations");
    assertThat(ids(orgs)).contains(DemoScenario.NSB, DemoScenario.COMMERCE,
        DemoScenario.OPERATOR);
    assertThat(orgs.get(0).path("name").asString()).isNotBlank();
    assertThat(orgs.get(0).path("created").asString()).endsWith("Z");
  }
}
