package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.kuroshio.sharing.Agreement;
import org.kuroshio.stix.StixJson;
import org.kuroshio.taxii.TaxiiCollection;
import org.kuroshio.taxii.TaxiiException;
import org.kuroshio.taxii.client.TaxiiClient;
import tools.jackson.databind.JsonNode;

/**
 * The admin commands against a running node: the real node on port 0 with the demo scenario,
 * the command line run in-process against its REST API, and the effect checked over TAXII.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminCliIT {
  private static final String ADMIN_PASSWORD = "admin-demo-password";

  private Node node;
  private URI apiRoot;

  @BeforeAll
  void start(@TempDir Path dir) {
    AppConfig config = DemoScenario.configure(AppConfig.defaults(), 1000)
        .withDataDir(dir)
        .withListener("127.0.0.1", 0);
    node = Node.start(config);
    DemoScenario.load(node.data());
    apiRoot = node.uri().resolve("api/");
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  /** The environment of an administrator of the node's own organisation. */
  private Map<String, String> adminEnv() {
    return Map.of("KUROSHIO_URL", node.uri().toString(), "KUROSHIO_PASSWORD", ADMIN_PASSWORD);
  }

  /** Runs a command as the demo node administrator. */
  private CliRun admin(String... args) {
    return CliRun.run(adminEnv(), withUser("admin", args));
  }

  private static String[] withUser(String user, String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--user";
    all[args.length + 1] = user;
    return all;
  }

  private static CliRun ok(CliRun r) {
    assertThat(r.code()).as("exit code; stderr: %s", r.err()).isEqualTo(Main.OK);
    return r;
  }

  private static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("%s in %s", regex, text).isTrue();
    return m.group(1);
  }

  @Test
  void orgAddRegistersAnOrganisationThatOrgListShows() {
    CliRun added = ok(admin("org", "add", "--name", "Island Coast Guard"));
    String id = group(added.out(),
        "added organisation (identity--[0-9a-f-]{36}) Island Coast Guard");

    CliRun list = ok(admin("org", "list"));
    assertThat(list.out().lines().findFirst()).hasValueSatisfying(
        h -> assertThat(h).startsWith("ID").contains("NAME").contains("CREATED"));
    assertThat(list.out()).containsPattern(Pattern.quote(id) + " +Island Coast Guard +20")
        .contains(DemoScenario.NSB);

    JsonNode json = StixJson.readTree(ok(admin("org", "list", "--json")).out(),
        StixJson.mapper());
    assertThat(json.get("organisations").valueStream().map(o -> o.get("id").asString()))
        .contains(id, DemoScenario.NSB, DemoScenario.OPERATOR);
  }

  @Test
  void orgAddWithAGivenIdKeepsIt() {
    String id = "identity--0b0e2a3c-1111-4c59-9a8e-5d3f7b1c0e21";
    ok(admin("org", "add", "--name", "Harbour Authority", "--id", id));
    assertThat(ok(admin("org", "list")).out()).contains(id + "  Harbour Authority");
    CliRun again = admin("org", "add", "--name", "Harbour Authority", "--id", id);
    assertThat(again.code()).isEqualTo(Main.FAILURE);
    assertThat(again.err()).startsWith("kuroshio: HTTP 409: ").contains(id);
  }

  @Test
  void anIssuedTokenWorksOverTaxiiUntilRevoked() {
    ok(CliRun.runWithInput(adminEnv(), "coastguard-password-1\n",
        withUser("admin", "user", "add", "coastguard1", "--org", DemoScenario.NSB,
            "--role", "analyst", "--password-stdin")));
    CliRun users = ok(admin("user", "list", "--org", DemoScenario.NSB));
    assertThat(users.out()).containsPattern("coastguard1 +" + DemoScenario.NSB
        + " +analyst +false");
    assertThat(users.out()).doesNotContain("pbkdf2");

    // The password given on standard input signs in over TAXII.
    assertThat(TaxiiClient.builder(apiRoot)
        .basicAuth("coastguard1", "coastguard-password-1".toCharArray()).build().collections())
        .isNotEmpty();

    CliRun issued = ok(admin("token", "issue", "--for", "coastguard1", "--label", "sensor",
        "--expires", "2099-01-01T00:00:00Z"));
    String secret = group(issued.out(), "token: +(\\S+)");
    String tokenId = group(issued.out(), "id: +(\\S+)");
    assertThat(issued.out()).contains("label:   sensor").contains("expires: 2099-01-01");
    assertThat(issued.err()).contains("only once");

    TaxiiClient bearer = TaxiiClient.builder(apiRoot).bearerToken(secret).build();
    assertThat(bearer.collections()).extracting(TaxiiCollection::id)
        .contains(DemoScenario.PARTNER_COLLECTION);

    CliRun tokens = ok(admin("token", "list", "--for", "coastguard1"));
    assertThat(tokens.out()).containsPattern(Pattern.quote(tokenId)
        + " +sensor +20\\S+ +2099-01-01T00:00:00.000Z +no\n").doesNotContain(secret);

    // The new user itself may use its own token to list its tokens.
    Map<String, String> asToken = Map.of("KUROSHIO_URL", node.uri().toString(),
        "KUROSHIO_TOKEN", secret);
    assertThat(ok(CliRun.run(asToken, "token", "list", "--for", "coastguard1")).out())
        .contains(tokenId);

    assertThat(ok(admin("token", "revoke", tokenId)).out()).contains("revoked token " + tokenId);
    assertThatThrownBy(bearer::collections).isInstanceOfSatisfying(TaxiiException.class,
        e -> assertThat(e.status()).isEqualTo(401));
    assertThat(ok(admin("token", "list", "--for", "coastguard1")).out())
        .containsPattern(Pattern.quote(tokenId) + " .* 20\\d\\d-\\d\\d-\\d\\dT\\S+\n");

    CliRun afterRevoke = CliRun.run(asToken, "org", "list");
    assertThat(afterRevoke.code()).isEqualTo(Main.FAILURE);
    assertThat(afterRevoke.err()).startsWith("kuroshio: HTTP 401: Unauthorized");
  }

  @Test
  void disableStopsAUserAndEnableLetsItBackAndSetRolesChangesItsRoles() {
    ok(CliRun.runWithInput(adminEnv(), "harbour-password-1\n",
        withUser("admin", "user", "add", "harbour1", "--org", DemoScenario.COMMERCE,
            "--role", "analyst", "--password-stdin")));
    TaxiiClient harbour = TaxiiClient.builder(apiRoot)
        .basicAuth("harbour1", "harbour-password-1".toCharArray()).build();
    assertThat(harbour.collections()).isNotEmpty();

    assertThat(ok(admin("user", "disable", "harbour1")).out()).contains("disabled user harbour1");
    assertThatThrownBy(harbour::collections).isInstanceOfSatisfying(TaxiiException.class,
        e -> assertThat(e.status()).isEqualTo(401));
    assertThat(ok(admin("user", "list")).out()).containsPattern("harbour1 .* true");

    ok(admin("user", "enable", "harbour1"));
    assertThat(harbour.collections()).isNotEmpty();

    ok(admin("user", "set-roles", "harbour1", "--role", "read-only"));
    JsonNode users = StixJson.readTree(ok(admin("user", "list", "--json")).out(),
        StixJson.mapper());
    JsonNode h = users.get("users").valueStream()
        .filter(u -> u.get("name").asString().equals("harbour1")).findFirst().orElseThrow();
    assertThat(h.get("roles").valueStream().map(JsonNode::asString)).containsExactly("read-only");
    assertThat(h.get("disabled").asBoolean()).isFalse();
  }

  @Test
  void aShortPasswordIsRefusedByTheNodeWithItsReason() {
    CliRun r = CliRun.runWithInput(adminEnv(), "short\n",
        withUser("admin", "user", "add", "shorty", "--org", DemoScenario.NSB, "--role",
            "analyst", "--password-stdin"));
    assertThat(r.code()).isEqualTo(Main.FAILURE);
    assertThat(r.err()).startsWith("kuroshio: HTTP 400: ").contains("password must be 12");
  }

  @Test
  void anAgreementIsCreatedActivatedSuspendedAndListed() {
    CliRun created = ok(admin("agreement", "create", "--kind", "letter-of-intent",
        "--title", "Port security exchange", "--party", DemoScenario.NSB,
        "--party", DemoScenario.COMMERCE, "--domain", "cyber", "--domain", "maritime",
        "--ceiling", "amber", "--valid-from", "2025-01-01T00:00:00Z"));
    String id = group(created.out(), "created draft agreement (kuroshio-agreement--[0-9a-f-]{36})");

    JsonNode shown = StixJson.readTree(ok(admin("agreement", "show", id, "--json")).out(),
        StixJson.mapper());
    Agreement draft = Agreement.fromStix(StixJson.parse(shown.toString()));
    assertThat(draft.parties()).containsExactlyInAnyOrder(DemoScenario.NSB,
        DemoScenario.COMMERCE);
    assertThat(draft.domains()).containsExactlyInAnyOrder("cyber", "maritime");
    String collection = draft.collectionId();
    TaxiiClient commerce = TaxiiClient.builder(apiRoot)
        .basicAuth("commerce", "commerce-demo-password".toCharArray()).build();
    assertThat(commerce.collections()).extracting(TaxiiCollection::id)
        .doesNotContain(collection);

    assertThat(ok(admin("agreement", "activate", id, "--reason", "signed in Suva")).out())
        .contains("agreement " + id + " is now active");
    assertThat(commerce.collections()).extracting(TaxiiCollection::id).contains(collection);

    assertThat(ok(admin("agreement", "suspend", id, "--reason", "under review")).out())
        .contains("is now suspended");
    assertThat(commerce.collections()).extracting(TaxiiCollection::id)
        .doesNotContain(collection);

    CliRun list = ok(admin("agreement", "list"));
    assertThat(list.out()).containsPattern(Pattern.quote(id)
        + " +letter-of-intent +suspended +amber +cyber,maritime +2 +Port security exchange");
    CliRun show = ok(admin("agreement", "show", id));
    assertThat(show.out()).contains("status:      suspended")
        .containsPattern("active +by admin.*\\(signed in Suva\\)")
        .containsPattern("suspended +by admin.*\\(under review\\)");

    // A party's analyst sees the agreement; an organisation outside it does not.
    Map<String, String> nsb = Map.of("KUROSHIO_URL", node.uri().toString(), "KUROSHIO_TOKEN",
        "kuroshio-demo-token-nsb");
    assertThat(ok(CliRun.run(nsb, "agreement", "list")).out()).contains(id);
    Map<String, String> association = Map.of("KUROSHIO_URL", node.uri().toString(),
        "KUROSHIO_PASSWORD", "association-demo-password");
    assertThat(ok(CliRun.run(association, "agreement", "list", "--user", "association")).out())
        .doesNotContain(id);
    CliRun hidden = CliRun.run(association, "agreement", "show", id, "--user", "association");
    assertThat(hidden.code()).isEqualTo(Main.FAILURE);
    assertThat(hidden.err()).startsWith("kuroshio: HTTP 404: ");

    ok(admin("agreement", "terminate", id));
    CliRun again = admin("agreement", "activate", id);
    assertThat(again.code()).isEqualTo(Main.FAILURE);
    assertThat(again.err()).startsWith("kuroshio: HTTP 400: ");
  }

  @Test
  void adoptRegistersAnAgreementFromAFile(@TempDir Path dir) throws Exception {
    CliRun created = ok(admin("agreement", "create", "--kind", "mou", "--title", "Source",
        "--party", DemoScenario.PACIFIC_ALLY, "--party", DemoScenario.COMMERCE,
        "--domain", "fimi", "--ceiling", "green", "--json"));
    JsonNode made = StixJson.readTree(created.out(), StixJson.mapper());
    assertThat(made.get("agreement_kind").asString()).isEqualTo("memorandum-of-understanding");
    // The same agreement, later changed on the partner's node, adopted here as it is.
    Agreement a = Agreement.fromStix(StixJson.parse(made.toString()));
    Agreement active = a.withStatus(org.kuroshio.sharing.AgreementStatus.ACTIVE,
        "admin@" + DemoScenario.PACIFIC_ALLY, a.modified().plusSeconds(60), "signed");
    Path file = dir.resolve("agreement.json");
    Files.writeString(file, active.toStix().json().toString());
    CliRun adopted = ok(admin("agreement", "adopt", file.toString()));
    assertThat(adopted.out()).contains("adopted agreement " + a.id() + " (active)");
    assertThat(ok(admin("agreement", "show", a.id())).out()).contains("status:      active");

    Files.writeString(file, "{\"type\": ");
    CliRun broken = admin("agreement", "adopt", file.toString());
    assertThat(broken.code()).isEqualTo(Main.USAGE);
    assertThat(broken.err()).contains(file + ": not JSON");
    CliRun missing = admin("agreement", "adopt", dir.resolve("nothing.json").toString());
    assertThat(missing.code()).isEqualTo(Main.USAGE);
    assertThat(missing.err()).contains("no such file");
  }

  @Test
  void auditVerifyOnlineReportsAnIntactChainAndAuditListShowsReleases() {
    TaxiiClient nsb = TaxiiClient.builder(apiRoot).bearerToken("kuroshio-demo-token-nsb").build();
    nsb.getObjects(DemoScenario.PARTNER_COLLECTION, org.kuroshio.taxii.TaxiiFilter.none());

    CliRun verify = ok(admin("audit", "verify"));
    assertThat(verify.out()).containsPattern("audit log intact: [1-9][0-9]* entries verified");
    JsonNode json = StixJson.readTree(ok(admin("audit", "verify", "--json")).out(),
        StixJson.mapper());
    assertThat(json.get("intact").asBoolean()).isTrue();
    assertThat(json.get("first_bad_seq").isNull()).isTrue();

    CliRun list = ok(admin("audit", "list", "--org", DemoScenario.NSB, "--limit", "1000"));
    assertThat(list.out().lines().findFirst()).hasValueSatisfying(h -> assertThat(h)
        .startsWith("SEQ").contains("ORGANISATION").contains("ACTION"));
    assertThat(list.out()).contains("taxii.objects").contains(DemoScenario.PARTNER_COLLECTION);
    assertThat(list.out().lines().skip(1)).allSatisfy(l -> assertThat(l)
        .contains(DemoScenario.NSB));

    CliRun page = ok(admin("audit", "list", "--limit", "1"));
    assertThat(page.out().lines()).hasSize(2);
    assertThat(page.err()).contains("more entries: continue with --after 1");
    CliRun items = ok(admin("audit", "list", "--for-user", "nsb", "--items", "--limit", "1000"));
    assertThat(items.out()).contains("entry ").containsPattern("\n    \\S+--\\S+ ");
  }

  @Test
  void onlyNodeAdministratorsVerifyTheAuditLog() {
    Map<String, String> nsb = Map.of("KUROSHIO_URL", node.uri().toString(), "KUROSHIO_TOKEN",
        "kuroshio-demo-token-nsb");
    CliRun r = CliRun.run(nsb, "audit", "verify");
    assertThat(r.code()).isEqualTo(Main.FAILURE);
    assertThat(r.err()).startsWith("kuroshio: HTTP 403: Forbidden: verifying the audit log needs"
        + " the admin role");
    CliRun org = CliRun.run(nsb, "org", "add", "--name", "Sneaky");
    assertThat(org.err()).startsWith("kuroshio: HTTP 403: Forbidden: registering an"
        + " organisation needs the admin role");
  }

  @Test
  void peersAreAddedListedAndRemovedWithoutShowingSecrets() {
    Map<String, String> env = new HashMap<>(adminEnv());
    env.put("PEER_TOKEN", "peer-secret-token-123");
    ok(CliRun.run(env, withUser("admin", "peer", "add", "ally", "--base-url",
        "https://ally.example.org/api/", "--organisation", DemoScenario.PACIFIC_ALLY,
        "--peer-token-env", "PEER_TOKEN", "--pull", DemoScenario.LOI_COLLECTION,
        "--interval", "600")));
    CliRun list = ok(admin("peer", "list"));
    assertThat(list.out()).containsPattern("ally +https://ally.example.org/api/ +"
        + DemoScenario.PACIFIC_ALLY + " +" + DemoScenario.LOI_COLLECTION + " +600 s +true");
    assertThat(ok(admin("peer", "list", "--json")).out()).doesNotContain("peer-secret-token");

    CliRun noSecret = admin("peer", "add", "other", "--base-url", "https://x.example.org/api/",
        "--organisation", DemoScenario.COMMERCE, "--peer-token-env", "UNSET_VARIABLE_X",
        "--pull", DemoScenario.SOI_COLLECTION);
    assertThat(noSecret.code()).isEqualTo(Main.USAGE);
    assertThat(noSecret.err()).contains("--peer-token-env UNSET_VARIABLE_X: the environment"
        + " variable is unset or empty");

    ok(CliRun.run(env, withUser("admin", "peer", "add", "basic", "--base-url",
        "http://127.0.0.1:1/api/", "--organisation", DemoScenario.COMMERCE,
        "--peer-user", "kuroshio", "--peer-password-env", "PEER_TOKEN",
        "--pull", DemoScenario.SOI_COLLECTION, "--push", DemoScenario.SOI_COLLECTION,
        "--disabled")));
    JsonNode peers = StixJson.readTree(ok(admin("peer", "list", "--json")).out(),
        StixJson.mapper());
    JsonNode basic = peers.get("peers").valueStream()
        .filter(p -> p.get("id").asString().equals("basic")).findFirst().orElseThrow();
    assertThat(basic.get("enabled").asBoolean()).isFalse();
    assertThat(basic.get("push").get(0).asString()).isEqualTo(DemoScenario.SOI_COLLECTION);
    assertThat(basic.toString()).doesNotContain("peer-secret-token");
    CliRun both = CliRun.run(env, withUser("admin", "peer", "add", "x", "--base-url",
        "http://127.0.0.1:1/api/", "--organisation", DemoScenario.COMMERCE,
        "--peer-user", "kuroshio", "--peer-token-env", "PEER_TOKEN",
        "--pull", DemoScenario.SOI_COLLECTION));
    assertThat(both.code()).isEqualTo(Main.USAGE);
    assertThat(both.err()).contains("give the peer's credentials one way");
    ok(admin("peer", "remove", "basic"));

    assertThat(ok(admin("peer", "remove", "ally")).out()).contains("removed peer ally");
    assertThat(ok(admin("peer", "list")).out()).doesNotContain("ally.example.org");
    CliRun gone = admin("peer", "remove", "ally");
    assertThat(gone.code()).isEqualTo(Main.FAILURE);
    assertThat(gone.err()).startsWith("kuroshio: HTTP 404: ");
  }

  @Test
  void badInputGetsAClearMessage() {
    CliRun kind = admin("agreement", "create", "--kind", "treaty", "--title", "T",
        "--party", DemoScenario.NSB, "--party", DemoScenario.COMMERCE, "--domain", "cyber",
        "--ceiling", "amber");
    assertThat(kind.code()).isEqualTo(Main.USAGE);
    assertThat(kind.err()).contains("not an agreement kind (statement-of-intent,"
        + " letter-of-intent, memorandum-of-understanding, pact, dialogue): treaty");

    CliRun domain = admin("agreement", "create", "--kind", "pact", "--title", "T",
        "--party", DemoScenario.NSB, "--party", DemoScenario.COMMERCE, "--domain", "space",
        "--ceiling", "amber");
    assertThat(domain.code()).isEqualTo(Main.USAGE);
    assertThat(domain.err()).contains("--domain: not a domain").contains("space");

    CliRun ceiling = admin("agreement", "create", "--kind", "pact", "--title", "T",
        "--party", DemoScenario.NSB, "--party", DemoScenario.COMMERCE, "--domain", "cyber",
        "--ceiling", "purple");
    assertThat(ceiling.err()).contains("--ceiling: not a TLP level");

    CliRun until = admin("agreement", "create", "--kind", "pact", "--title", "T",
        "--party", DemoScenario.NSB, "--party", DemoScenario.COMMERCE, "--domain", "cyber",
        "--ceiling", "amber", "--valid-from", "2026-01-01T00:00:00Z",
        "--valid-until", "2025-01-01T00:00:00+09:00");
    assertThat(until.code()).isEqualTo(Main.USAGE);
    assertThat(until.err()).contains("--valid-until must be after --valid-from");

    CliRun role = admin("user", "add", "x1", "--org", DemoScenario.NSB, "--role", "boss");
    assertThat(role.code()).isEqualTo(Main.USAGE);
    assertThat(role.err()).contains("not a role: \"boss\" (roles: admin, analyst, read-only,"
        + " machine)");

    CliRun expires = admin("token", "issue", "--for", "nsb", "--expires", "tomorrow");
    assertThat(expires.code()).isEqualTo(Main.USAGE);
    assertThat(expires.err()).contains("--expires: not an RFC 3339 time");

    CliRun party = admin("agreement", "create", "--kind", "pact", "--title", "T",
        "--party", DemoScenario.NSB, "--party", "identity--00000000-0000-4000-8000-000000000999",
        "--domain", "cyber", "--ceiling", "amber");
    assertThat(party.code()).isEqualTo(Main.FAILURE);
    assertThat(party.err()).startsWith("kuroshio: HTTP 400: ")
        .contains("identity--00000000-0000-4000-8000-000000000999");
  }

  @Test
  void missingCredentialsAreAUsageError() {
    CliRun none = CliRun.run(Map.of("KUROSHIO_URL", node.uri().toString()), "org", "list");
    assertThat(none.code()).isEqualTo(Main.USAGE);
    assertThat(none.err()).contains("no credentials for the node at " + node.uri())
        .contains("$KUROSHIO_PASSWORD").contains("$KUROSHIO_TOKEN");

    CliRun noPassword = CliRun.run(Map.of("KUROSHIO_URL", node.uri().toString()),
        "org", "list", "--user", "admin");
    assertThat(noPassword.code()).isEqualTo(Main.USAGE);
    assertThat(noPassword.err()).contains("--user admin needs the password in the environment"
        + " variable KUROSHIO_PASSWORD");

    CliRun otherVar = CliRun.run(Map.of("KUROSHIO_URL", node.uri().toString(), "ADMIN_PW",
        ADMIN_PASSWORD), "org", "list", "--user", "admin", "--password-env", "ADMIN_PW");
    ok(otherVar);
    assertThat(otherVar.out()).contains(DemoScenario.NSB);

    CliRun tokenVar = CliRun.run(Map.of("KUROSHIO_URL", node.uri().toString()),
        "org", "list", "--token-env", "MY_TOKEN");
    assertThat(tokenVar.code()).isEqualTo(Main.USAGE);
    assertThat(tokenVar.err()).contains("--token-env MY_TOKEN: the environment variable is unset");
  }

  @Test
  void aWrongPasswordIsHttp401() {
    CliRun r = CliRun.run(Map.of("KUROSHIO_PASSWORD", "not-the-password"),
        "org", "list", "--url", node.uri().toString(), "--user", "admin");
    assertThat(r.code()).isEqualTo(Main.FAILURE);
    assertThat(r.err()).startsWith("kuroshio: HTTP 401: Unauthorized");
    assertThat(r.err()).doesNotContain("not-the-password");
  }

  @Test
  void theApiRootUrlIsAcceptedAsTheNodeUrl() {
    CliRun r = CliRun.run(Map.of("KUROSHIO_PASSWORD", ADMIN_PASSWORD), "org", "list",
        "--url", apiRoot.toString(), "--user", "admin");
    assertThat(ok(r).out()).contains(DemoScenario.NSB);
  }

  @Test
  void aNodeThatDoesNotAnswerIsAFailureNamingTheUrl() {
    CliRun r = CliRun.run(Map.of("KUROSHIO_TOKEN", "x"), "org", "list", "--url",
        "http://127.0.0.1:1/");
    assertThat(r.code()).isEqualTo(Main.FAILURE);
    assertThat(r.err()).contains("cannot reach the node at http://127.0.0.1:1/");
  }

  @Test
  void theOfflineHelpersStillWork() {
    CliRun hash = CliRun.runWithInput(Map.of(), "some-password\n", "user", "hash-password",
        "--iterations", "1000");
    assertThat(ok(hash).out()).startsWith("pbkdf2-sha256$1000$");
    CliRun token = ok(CliRun.run(Map.of(), "token", "new"));
    assertThat(token.out()).containsPattern("token: \\S+\nhash:  [0-9a-f]{64}");
    assertThat(List.of(ok(CliRun.run(Map.of(), "agreement", "--help")).out()))
        .allSatisfy(h -> assertThat(h).contains("activate").contains("adopt"));
  }
}
