package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kuroshio.sharing.Credentials;
import org.kuroshio.sharing.Role;
import org.kuroshio.sharing.UserAccount;

class AppConfigTest {
  // Few iterations: these tests check the configuration, not the hash's strength.
  private static final String HASH = Credentials.hashPassword("secret".toCharArray(), 1000);
  private static final String TOKEN_HASH = Credentials.hashToken("token-1");

  @TempDir Path dir;

  private static final String ORG = "identity--0b000000-0000-4000-8000-000000000001";
  private static final String PARTNER = "identity--0b000000-0000-4000-8000-000000000002";

  private Path write(String json) throws IOException {
    Path f = dir.resolve("kuroshio.json");
    Files.writeString(f, json);
    return f;
  }

  @Test
  void noFileGivesTheDefaults() {
    AppConfig c = AppConfig.load(null, Map.of());
    assertThat(c.http().port()).isEqualTo(8080);
    assertThat(c.http().host()).isEqualTo("0.0.0.0");
    assertThat(c.database().url()).isNull();
    assertThat(c.dataDir()).isEqualTo(Path.of("data"));
    assertThat(c.organisations()).isEmpty();
    assertThat(c.defaultCollectionId()).isEqualTo(
        org.kuroshio.sharing.SharingState.localCollectionId(AppConfig.DEFAULT_ORGANISATION));
    assertThat(c.users()).isEmpty();
    assertThat(Node.storeSettings(c.withDataDir(dir)).jdbcUrl())
        .startsWith("jdbc:h2:file:").endsWith("/kuroshio");
  }

  @Test
  void publicUrlComesFromTheFileOrTheEnvironment() throws IOException {
    Path f = write("""
        {"http": {"public_url": "https://taxii.example.org/"}}
        """);
    assertThat(AppConfig.load(f, Map.of()).http().publicUrl())
        .isEqualTo("https://taxii.example.org");
    assertThat(AppConfig.load(f, Map.of("KUROSHIO_PUBLIC_URL", "http://proxy:8443/k"))
        .http().publicUrl()).isEqualTo("http://proxy:8443/k");
    assertThat(AppConfig.load(f, Map.of("KUROSHIO_PUBLIC_URL", "")).http().publicUrl())
        .isNull();
    assertThat(AppConfig.load(null, Map.of()).http().publicUrl()).isNull();
    assertThat(Node.taxiiSettings(AppConfig.load(f, Map.of())).publicUrl())
        .isEqualTo("https://taxii.example.org");
  }

  @Test
  void badPublicUrlIsNamed() throws IOException {
    Path f = write("""
        {"http": {"public_url": "taxii.example.org"}}
        """);
    assertThatThrownBy(() -> AppConfig.load(f, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.public_url").hasMessageContaining("absolute http");
    assertThatThrownBy(() -> AppConfig.load(null, Map.of("KUROSHIO_PUBLIC_URL", "ftp://x/")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KUROSHIO_PUBLIC_URL");
  }

  @Test
  void fileSetsEveryKey() throws IOException {
    Path f = write("""
        {
          "node": {"title": "Bureau node", "description": "d", "organisation": "%s",
                   "organisation_name": "Bureau"},
          "http": {"host": "127.0.0.1", "port": 9090, "max_content_length": 2048},
          "database": {"url": "jdbc:postgresql://db/kuroshio", "user": "k", "password": "pw"},
          "data_dir": "/var/lib/kuroshio",
          "organisations": [{"id": "%s", "name": "Pacific office"}],
          "users": [
            {"name": "alice", "organisation": "%s", "roles": ["analyst", "read-only"],
             "password_hash": "%s", "token_hashes": ["%s"]}
          ]
        }
        """.formatted(ORG, PARTNER, ORG, HASH, TOKEN_HASH));
    AppConfig c = AppConfig.load(f, Map.of());
    assertThat(c.node()).isEqualTo(new AppConfig.NodeSettings("Bureau node", "d", ORG, "Bureau"));
    assertThat(c.http()).isEqualTo(new AppConfig.HttpSettings("127.0.0.1", 9090, 2048));
    assertThat(c.database().url()).isEqualTo("jdbc:postgresql://db/kuroshio");
    assertThat(c.database().user()).isEqualTo("k");
    assertThat(c.database().password()).isEqualTo("pw");
    assertThat(c.database().toString()).doesNotContain("pw").contains("***");
    assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/kuroshio"));
    assertThat(c.organisations()).singleElement().satisfies(x -> {
      assertThat(x.id()).isEqualTo(PARTNER);
      assertThat(x.name()).isEqualTo("Pacific office");
    });
    UserAccount alice = c.users().get(0);
    assertThat(alice.roles()).isEqualTo(Set.of(Role.ANALYST, Role.READ_ONLY));
    assertThat(alice.passwordHash()).isEqualTo(HASH);
    assertThat(alice.tokenHashes()).containsExactly(TOKEN_HASH);
  }

  @Test
  void environmentOverridesTheFile() throws IOException {
    Path f = write("""
        {"http": {"port": 9090, "host": "127.0.0.1"}, "database": {"user": "file-user"}}
        """);
    AppConfig c = AppConfig.load(f, Map.of(
        "KUROSHIO_PORT", "7070",
        "KUROSHIO_DB_URL", "jdbc:postgresql://env/db",
        "KUROSHIO_DB_PASSWORD", "env-pw",
        "KUROSHIO_DATA_DIR", "/srv/kuroshio",
        "KUROSHIO_TITLE", "Env node",
        "KUROSHIO_MAX_CONTENT_LENGTH", "4096",
        "UNRELATED", "ignored"));
    assertThat(c.http().port()).isEqualTo(7070);
    assertThat(c.http().host()).isEqualTo("127.0.0.1");
    assertThat(c.http().maxContentLength()).isEqualTo(4096);
    assertThat(c.database().url()).isEqualTo("jdbc:postgresql://env/db");
    assertThat(c.database().user()).isEqualTo("file-user");
    assertThat(c.database().password()).isEqualTo("env-pw");
    assertThat(c.dataDir()).isEqualTo(Path.of("/srv/kuroshio"));
    assertThat(c.node().title()).isEqualTo("Env node");
  }

  @Test
  void environmentWorksWithoutAFile() {
    AppConfig c = AppConfig.load(null, Map.of("KUROSHIO_PORT", "0", "KUROSHIO_HOST", "::1"));
    assertThat(c.http().port()).isZero();
    assertThat(c.http().host()).isEqualTo("::1");
  }

  @Test
  void badEnvironmentPortNamesTheVariable() {
    assertThatThrownBy(() -> AppConfig.load(null, Map.of("KUROSHIO_PORT", "eighty")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("environment variable KUROSHIO_PORT: http.port: must be a port number"
            + " 0-65535, got 'eighty'");
    assertThatThrownBy(() -> AppConfig.load(null, Map.of("KUROSHIO_PORT", "70000")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("70000");
  }

  @Test
  void badEnvironmentDatabaseUrlIsRefused() {
    assertThatThrownBy(() -> AppConfig.load(null, Map.of("KUROSHIO_DB_URL", "mysql://x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("environment variable KUROSHIO_DB_URL: database.url: must be a"
            + " jdbc:h2: or jdbc:postgresql: URL");
  }

  @Test
  void missingFileIsNamed() {
    Path f = dir.resolve("nope.json");
    assertThatThrownBy(() -> AppConfig.load(f, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(f + ": file not found");
  }

  @Test
  void malformedJsonGivesTheLine() throws IOException {
    Path f = write("{\n  \"http\": {\n    \"port\": 80,,\n  }\n}\n");
    assertThatThrownBy(() -> AppConfig.load(f, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(f + ": not valid JSON at line 3");
  }

  @Test
  void unknownKeyIsAnErrorNamingTheKey() throws IOException {
    Path f = write("{\"http\": {\"prot\": 80}}");
    assertThatThrownBy(() -> AppConfig.load(f, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(f + ": http.prot: unknown key (allowed here: host, max_content_length,"
            + " port, public_url)")
        .satisfies(e -> {
          ConfigException c = (ConfigException) e;
          assertThat(c.source()).isEqualTo(f.toString());
          assertThat(c.key()).isEqualTo("http.prot");
        });
  }

  @Test
  void portOutOfRangeIsRefused() throws IOException {
    Path f = write("{\"http\": {\"port\": 65536}}");
    assertThatThrownBy(() -> AppConfig.load(f, Map.of()))
        .hasMessage(f + ": http.port: must be a port number 0-65535, got 65536");
    Path g = write("{\"http\": {\"port\": \"8080\"}}");
    assertThatThrownBy(() -> AppConfig.load(g, Map.of()))
        .hasMessage(g + ": http.port: must be a port number 0-65535, got \"8080\"");
  }

  @Test
  void wrongTypesAreRefused() throws IOException {
    Path f = write("{\"node\": {\"title\": 5}}");
    assertThatThrownBy(() -> AppConfig.load(f, Map.of()))
        .hasMessage(f + ": node.title: must be a string, got 5");
    Path g = write("[1, 2]");
    assertThatThrownBy(() -> AppConfig.load(g, Map.of()))
        .hasMessage(g + ": the file must hold one JSON object");
    Path h = write("{\"http\": {\"max_content_length\": 0}}");
    assertThatThrownBy(() -> AppConfig.load(h, Map.of()))
        .hasMessage(h + ": http.max_content_length: must be a positive whole number, got 0");
  }

  @Test
  void badUserEntriesNameTheUser() throws IOException {
    Path noSecret = write("{\"users\": [{\"name\": \"bob\", \"organisation\": \"o\"}]}");
    assertThatThrownBy(() -> AppConfig.load(noSecret, Map.of()))
        .hasMessageStartingWith(noSecret + ": users[0]: user 'bob' has neither password_hash nor"
            + " token_hashes");
    Path badHash = write("{\"users\": [{\"name\": \"bob\", \"organisation\": \"o\","
        + " \"password_hash\": \"secret\"}]}");
    assertThatThrownBy(() -> AppConfig.load(badHash, Map.of()))
        .hasMessageStartingWith(badHash + ": users[0].password_hash: not a password hash");
    Path badRole = write("{\"users\": [{\"name\": \"bob\", \"organisation\": \"o\","
        + " \"roles\": [\"boss\"], \"token_hashes\": [\"" + TOKEN_HASH + "\"]}]}");
    assertThatThrownBy(() -> AppConfig.load(badRole, Map.of()))
        .hasMessageStartingWith(badRole + ": users[0].roles[0]: not a role: \"boss\"");
    Path badRight = write("{\"users\": [{\"name\": \"bob\", \"organisation\": \"o\","
        + " \"collections\": {\"*\": \"all\"}, \"token_hashes\": [\"" + TOKEN_HASH + "\"]}]}");
    assertThatThrownBy(() -> AppConfig.load(badRight, Map.of()))
        .hasMessageStartingWith(badRight + ": users[0].collections: collections and per-user"
            + " collection rights are no longer configured");
    Path badToken = write("{\"users\": [{\"name\": \"bob\", \"organisation\": \"o\","
        + " \"token_hashes\": [\"plain-token\"]}]}");
    assertThatThrownBy(() -> AppConfig.load(badToken, Map.of()))
        .hasMessageStartingWith(badToken + ": users[0].token_hashes[0]: not a token hash");
    Path twice = write(("{\"users\": [{\"name\": \"bob\", \"organisation\": \"o\","
        + " \"token_hashes\": [\"%s\"]}, {\"name\": \"bob\", \"organisation\": \"p\","
        + " \"token_hashes\": [\"%s\"]}]}").formatted(TOKEN_HASH, TOKEN_HASH));
    assertThatThrownBy(() -> AppConfig.load(twice, Map.of()))
        .hasMessage(twice + ": users[1].name: user 'bob' is defined twice");
    Path noName = write("{\"users\": [{\"organisation\": \"o\"}]}");
    assertThatThrownBy(() -> AppConfig.load(noName, Map.of()))
        .hasMessage(noName + ": users[0].name: is required");
  }

  @Test
  void configuredCollectionsAndBadOrganisationsAreRefused() throws IOException {
    Path old = write("{\"collections\": [{\"id\": \"local\", \"title\": \"Local\"}]}");
    assertThatThrownBy(() -> AppConfig.load(old, Map.of()))
        .hasMessageStartingWith(old + ": collections: collections and per-user collection rights"
            + " are no longer configured");
    Path notIdentity = write("{\"organisations\": [{\"id\": \"org-a\", \"name\": \"A\"}]}");
    assertThatThrownBy(() -> AppConfig.load(notIdentity, Map.of()))
        .hasMessageContaining("organisations[0]").hasMessageContaining("identity id");
    Path twice = write(("{\"organisations\": [{\"id\": \"%s\", \"name\": \"A\"},"
        + " {\"id\": \"%s\", \"name\": \"B\"}]}").formatted(PARTNER, PARTNER));
    assertThatThrownBy(() -> AppConfig.load(twice, Map.of()))
        .hasMessage(twice + ": organisations[1].id: organisation " + PARTNER
            + " is defined twice");
  }

  @Test
  void badConfigurationExitsWithCodeTwo() throws IOException {
    Path f = write("{\"http\": {\"port\": -1}}");
    CliRun run = CliRun.run(Map.of(), "serve", "--config", f.toString());
    assertThat(run.code()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains("bad configuration: " + f + ": http.port: must be a port"
        + " number 0-65535, got -1");
  }
}
