package org.kuroshio.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kuroshio.sharing.Directory.IssuedToken;
import org.kuroshio.sharing.Directory.Token;
import org.kuroshio.sharing.Directory.User;
import org.kuroshio.stix.Domains;
import org.kuroshio.stix.Tlp;
import org.kuroshio.store.StixStore;
import org.kuroshio.testing.FixedClock;

/**
 * What every database under {@link Directory#open} must do: subclasses give a fresh store per
 * test. Limits are exercised on a {@link JdbcDirectory} with small limits over the same tables.
 */
abstract class DirectoryContract {
  static final String ORG_A = "identity--00000000-0000-4000-8000-00000000000a";
  static final String ORG_B = "identity--00000000-0000-4000-8000-00000000000b";
  static final String ORG_C = "identity--00000000-0000-4000-8000-00000000000c";
  static final String HASH = Credentials.hashPassword("s3cret".toCharArray(),
      Credentials.MIN_ITERATIONS);

  final FixedClock clock = new FixedClock();
  StixStore store;
  Directory directory;

  /** Returns a new, empty store on the database under test. */
  protected abstract StixStore newStore(Clock clock);

  @BeforeEach
  void open() {
    store = newStore(clock);
    directory = Directory.open(store.database(), clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private JdbcDirectory limited(JdbcDirectory.Limits limits) {
    return new JdbcDirectory(store.database().dataSource(), clock, limits);
  }

  private void twoOrganisations() {
    directory.putOrganisation(new Organisation(ORG_A, "Bureau A", clock.instant()));
    directory.putOrganisation(new Organisation(ORG_B, "Office B", clock.instant()));
  }

  // ---- schema

  @Test
  void open_isRepeatableAndKeepsData() {
    twoOrganisations();

    Directory again = Directory.open(store.database(), clock);

    assertThat(again.organisations()).extracting(Organisation::id).containsExactly(ORG_A, ORG_B);
  }

  // ---- organisations

  @Test
  void putOrganisation_listsByName() {
    Instant t1 = clock.instant();
    directory.putOrganisation(new Organisation(ORG_B, "Zeta office", t1));
    directory.putOrganisation(new Organisation(ORG_A, "Alpha bureau", t1.plusSeconds(5)));

    assertThat(directory.organisations()).containsExactly(
        new Organisation(ORG_A, "Alpha bureau", t1.plusSeconds(5)),
        new Organisation(ORG_B, "Zeta office", t1));
  }

  @Test
  void putOrganisation_existingIdRenamesAndKeepsCreated() {
    Instant created = clock.instant();
    directory.putOrganisation(new Organisation(ORG_A, "Old name", created));

    directory.putOrganisation(new Organisation(ORG_A, "New name", created.plusSeconds(60)));

    assertThat(directory.organisations())
        .containsExactly(new Organisation(ORG_A, "New name", created));
  }

  @Test
  void putOrganisation_refusedPastTheLimit() {
    JdbcDirectory small = limited(new JdbcDirectory.Limits(2, 10, 3, 5, 10, 10, 100_000));
    twoOrganisations();

    assertThatThrownBy(() -> small.putOrganisation(new Organisation(ORG_C, "C", clock.instant())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 organisations");
    // Renaming one already there is no addition.
    small.putOrganisation(new Organisation(ORG_B, "Office B, renamed", clock.instant()));
    assertThat(small.organisations()).extracting(Organisation::name)
        .containsExactly("Bureau A", "Office B, renamed");
  }

  // ---- users

  @Test
  void createUser_readsBack() {
    twoOrganisations();
    clock.advance(Duration.ofMinutes(3));

    directory.createUser("alice", ORG_A, Set.of(Role.ANALYST, Role.ADMIN), HASH);
    directory.createUser("peer-b", ORG_B, Set.of(Role.MACHINE), null);

    assertThat(directory.user("alice")).contains(new User("alice", ORG_A,
        Set.of(Role.ANALYST, Role.ADMIN), HASH, false, clock.instant()));
    assertThat(directory.user("peer-b")).get().satisfies(u -> {
      assertThat(u.passwordHash()).isNull();
      assertThat(u.principal()).isEqualTo(new Principal("peer-b", ORG_B, Set.of(Role.MACHINE)));
    });
  }

  @Test
  void createUser_unknownOrganisationIsNamed() {
    twoOrganisations();

    assertThatThrownBy(() -> directory.createUser("carol", ORG_C, Set.of(Role.ANALYST), HASH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown organisation " + ORG_C);
    assertThat(directory.user("carol")).isEmpty();
  }

  @Test
  void createUser_nameTaken() {
    twoOrganisations();
    directory.createUser("alice", ORG_A, Set.of(Role.ANALYST), HASH);

    assertThatThrownBy(() -> directory.createUser("alice", ORG_B, Set.of(Role.ADMIN), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("taken: alice");
    assertThat(directory.user("alice")).map(User::organisation).contains(ORG_A);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a:b", "with space", "ünï", "tab\t", "x/y",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void createUser_badNameRefused(String name) {
    twoOrganisations();

    assertThatThrownBy(() -> directory.createUser(name, ORG_A, Set.of(Role.ANALYST), HASH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("user name must be 1 to 64 characters");
    assertThat(directory.users(null)).isEmpty();
  }

  @Test
  void createUser_everyAllowedCharacterAndLongestName() {
    twoOrganisations();
    String longest = "b".repeat(64);

    directory.createUser("A.z_0@9-x", ORG_A, Set.of(Role.ANALYST), null);
    directory.createUser(longest, ORG_A, Set.of(Role.ANALYST), null);

    assertThat(directory.users(null)).extracting(User::name).containsExactly("A.z_0@9-x", longest);
  }

  @Test
  void createUser_needsARoleAndAWellFormedHash() {
    twoOrganisations();

    assertThatThrownBy(() -> directory.createUser("alice", ORG_A, Set.of(), HASH))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one role");
    assertThatThrownBy(() -> directory.createUser("alice", ORG_A, Set.of(Role.ANALYST), "s3cret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("password hash is not a pbkdf2-sha256 hash");
    assertThat(directory.user("alice")).isEmpty();
  }

  @Test
  void createUser_refusedPastTheLimit() {
    JdbcDirectory small = limited(new JdbcDirectory.Limits(10, 2, 3, 5, 10, 10, 100_000));
    twoOrganisations();
    small.createUser("u1", ORG_A, Set.of(Role.ANALYST), null);
    small.createUser("u2", ORG_B, Set.of(Role.ANALYST), null);

    assertThatThrownBy(() -> small.createUser("u3", ORG_A, Set.of(Role.ANALYST), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 users, the most allowed");
  }

  @Test
  void updateUser_changesOnlyWhatIsGiven() {
    twoOrganisations();
    directory.createUser("alice", ORG_A, Set.of(Role.ANALYST), HASH);
    String other = Credentials.hashPassword("other".toCharArray(), Credentials.MIN_ITERATIONS);

    directory.updateUser("alice", Set.of(Role.READ_ONLY), null, null);
    assertThat(directory.user("alice")).get().satisfies(u -> {
      assertThat(u.roles()).containsExactly(Role.READ_ONLY);
      assertThat(u.passwordHash()).isEqualTo(HASH);
      assertThat(u.disabled()).isFalse();
    });

    directory.updateUser("alice", null, other, true);
    assertThat(directory.user("alice")).get().satisfies(u -> {
      assertThat(u.roles()).containsExactly(Role.READ_ONLY);
      assertThat(u.passwordHash()).isEqualTo(other);
      assertThat(u.disabled()).isTrue();
    });

    directory.updateUser("alice", null, null, false);
    assertThat(directory.user("alice")).map(User::disabled).contains(false);
  }

  @Test
  void updateUser_refusesUnknownUserAndBadValues() {
    twoOrganisations();
    directory.createUser("alice", ORG_A, Set.of(Role.ANALYST), HASH);

    assertThatThrownBy(() -> directory.updateUser("bob", null, null, true))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("bob");
    assertThatThrownBy(() -> directory.updateUser("alice", Set.of(), null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> directory.updateUser("alice", null, "plain", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(directory.user("alice")).map(User::roles).contains(Set.of(Role.ANALYST));
  }

  @Test
  void user_unknownOrMalformedNameIsEmpty() {
    twoOrganisations();

    assertThat(directory.user("nobody")).isEmpty();
    assertThat(directory.user("bad:name")).isEmpty();
    assertThat(directory.user("")).isEmpty();
  }

  @Test
  void users_allOrOneOrganisationByName() {
    twoOrganisations();
    directory.createUser("zed", ORG_A, Set.of(Role.ANALYST), null);
    directory.createUser("bob", ORG_B, Set.of(Role.ANALYST), null);
    directory.createUser("amy", ORG_A, Set.of(Role.ADMIN), null);

    assertThat(directory.users(null)).extracting(User::name).containsExactly("amy", "bob", "zed");
    assertThat(directory.users(ORG_A)).extracting(User::name).containsExactly("amy", "zed");
    assertThat(directory.users(ORG_C)).isEmpty();
  }

  // ---- tokens

  private void alice() {
    twoOrganisations();
    directory.createUser("alice", ORG_A, Set.of(Role.ANALYST), HASH);
  }

  @Test
  void issueToken_onlyTheHashIsKeptAndItFindsTheUser() {
    alice();
    Instant expires = clock.instant().plus(Duration.ofDays(30));

    IssuedToken issued = directory.issueToken("alice", "sensor feed", expires);

    assertThat(issued.secret()).hasSize(43);
    Token t = issued.token();
    assertThat(t.user()).isEqualTo("alice");
    assertThat(t.label()).isEqualTo("sensor feed");
    assertThat(t.created()).isEqualTo(clock.instant());
    assertThat(t.expires()).isEqualTo(expires);
    assertThat(t.revoked()).isNull();
    assertThat(directory.tokens("alice")).containsExactly(t);
    assertThat(directory.userByTokenHash(Credentials.hashToken(issued.secret()), clock.instant()))
        .map(User::name).contains("alice");
    assertThat(directory.userByTokenHash(
        Credentials.hashToken(issued.secret()).toUpperCase(Locale.ROOT), clock.instant()))
        .map(User::name).contains("alice");
    assertThat(directory.userByTokenHash(Credentials.hashToken("other"), clock.instant()))
        .isEmpty();
    assertThat(directory.userByTokenHash("not hex", clock.instant())).isEmpty();
  }

  @Test
  void issueToken_refusesBadInput() {
    alice();

    assertThatThrownBy(() -> directory.issueToken("bob", "x", null))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("bob");
    assertThatThrownBy(() -> directory.issueToken("alice", " ", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label");
    assertThatThrownBy(() -> directory.issueToken("alice", "x".repeat(201), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("200 characters");
    assertThatThrownBy(() -> directory.issueToken("alice", "line\nbreak", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control");
    assertThatThrownBy(() -> directory.issueToken("alice", "x", clock.instant()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in the future");
    assertThat(directory.tokens("alice")).isEmpty();
    assertThat(directory.issueToken("alice", "x".repeat(200), null).token().label()).hasSize(200);
  }

  @Test
  void tokens_newestFirstAndPerUser() {
    alice();
    directory.createUser("bob", ORG_B, Set.of(Role.MACHINE), null);
    Token first = directory.issueToken("alice", "first", null).token();
    Token second = directory.issueToken("alice", "second, same instant", null).token();
    clock.advance(Duration.ofSeconds(1));
    Token third = directory.issueToken("alice", "third", null).token();
    directory.issueToken("bob", "bob's", null);

    assertThat(directory.tokens("alice")).containsExactly(third, second, first);
    assertThat(directory.tokens("bob")).extracting(Token::label).containsExactly("bob's");
    assertThat(directory.tokens("nobody")).isEmpty();
  }

  @Test
  void token_expiresAtItsExpiryInstant() {
    alice();
    Instant expires = clock.instant().plusSeconds(60);
    String hash = Credentials.hashToken(directory.issueToken("alice", "x", expires).secret());

    assertThat(directory.userByTokenHash(hash, expires.minusNanos(1000))).isPresent();
    assertThat(directory.userByTokenHash(hash, expires)).isEmpty();
    assertThat(directory.userByTokenHash(hash, expires.plusSeconds(1))).isEmpty();
  }

  @Test
  void revokeToken_stopsItAndKeepsTheFirstRevocationTime() {
    alice();
    IssuedToken issued = directory.issueToken("alice", "x", null);
    String hash = Credentials.hashToken(issued.secret());
    Instant at = clock.instant().plusSeconds(10);

    assertThat(directory.revokeToken(issued.token().id(), at)).isTrue();
    assertThat(directory.revokeToken(issued.token().id(), at.plusSeconds(50))).isTrue();

    assertThat(directory.userByTokenHash(hash, at)).isEmpty();
    assertThat(directory.tokens("alice")).singleElement()
        .satisfies(t -> assertThat(t.revoked()).isEqualTo(at));
  }

  @Test
  void revokeToken_unknownOrMalformedIdIsFalse() {
    alice();
    directory.issueToken("alice", "x", null);

    assertThat(directory.revokeToken("00000000-0000-4000-8000-000000000099", clock.instant()))
        .isFalse();
    assertThat(directory.revokeToken("not-a-uuid", clock.instant())).isFalse();
    assertThat(directory.tokens("alice")).singleElement()
        .satisfies(t -> assertThat(t.revoked()).isNull());
  }

  @Test
  void userByTokenHash_disabledUserHasNoLiveToken() {
    alice();
    String hash = Credentials.hashToken(directory.issueToken("alice", "x", null).secret());

    directory.updateUser("alice", null, null, true);
    assertThat(directory.userByTokenHash(hash, clock.instant())).isEmpty();

    directory.updateUser("alice", null, null, false);
    assertThat(directory.userByTokenHash(hash, clock.instant())).map(User::name)
        .contains("alice");
  }

  @Test
  void issueToken_liveTokenLimitCountsOnlyLiveOnes() {
    JdbcDirectory small = limited(new JdbcDirectory.Limits(10, 10, 3, 5, 10, 10, 100_000));
    alice();
    Token first = small.issueToken("alice", "1", null).token();
    small.issueToken("alice", "2", clock.instant().plusSeconds(30));
    small.issueToken("alice", "3", null);

    assertThatThrownBy(() -> small.issueToken("alice", "4", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alice has 3 live tokens");

    small.revokeToken(first.id(), clock.instant());
    small.issueToken("alice", "4", null);
    clock.advance(Duration.ofSeconds(30));
    small.issueToken("alice", "5", null);
    assertThat(small.tokens("alice")).hasSize(5);
  }

  @Test
  void issueToken_concurrentIssuersNeverPassTheLimit() throws Exception {
    JdbcDirectory small = limited(new JdbcDirectory.Limits(10, 10, 5, 5, 10, 10, 100_000));
    alice();
    int attempts = 12;
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int i = 0; i < attempts; i++) {
      String label = "t" + i;
      tasks.add(() -> {
        try {
          small.issueToken("alice", label, null);
          return true;
        } catch (IllegalArgumentException e) {
          return false;
        }
      });
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      long issued = 0;
      for (Future<Boolean> f : pool.invokeAll(tasks)) {
        issued += f.get() ? 1 : 0;
      }
      assertThat(issued).isEqualTo(5);
    } finally {
      pool.shutdown();
    }
    assertThat(small.tokens("alice")).hasSize(5);
  }

  @Test
  void issueToken_forgetsTheOldestDeadRecordsPastTheRecordLimit() {
    JdbcDirectory small = limited(new JdbcDirectory.Limits(10, 10, 2, 4, 10, 10, 100_000));
    alice();
    Token live = small.issueToken("alice", "live", null).token();
    for (int i = 1; i <= 5; i++) {
      clock.advance(Duration.ofSeconds(1));
      Token t = small.issueToken("alice", "dead " + i, null).token();
      small.revokeToken(t.id(), clock.instant());
    }

    assertThat(small.tokens("alice")).extracting(Token::label)
        .containsExactly("dead 5", "dead 4", "dead 3", "live");
    assertThat(small.tokens("alice")).contains(live);
  }

  @Test
  void registerTokenHash_refusesDuplicatesAndMalformedHashes() {
    alice();
    directory.createUser("bob", ORG_B, Set.of(Role.MACHINE), null);
    JdbcDirectory jdbc = (JdbcDirectory) directory;
    String hash = Credentials.hashToken("configured-secret");

    Token t = jdbc.registerTokenHash("alice", hash.toUpperCase(Locale.ROOT), "configured", null);

    assertThat(jdbc.tokenByHash(hash)).contains(t);
    assertThat(directory.userByTokenHash(hash, clock.instant())).map(User::name)
        .contains("alice");
    assertThatThrownBy(() -> jdbc.registerTokenHash("bob", hash, "again", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registered already");
    assertThatThrownBy(() -> jdbc.registerTokenHash("bob", "abc", "short", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHA-256 hex");
    assertThat(directory.tokens("bob")).isEmpty();
  }

  // ---- agreements

  private Agreement draft(String title) {
    return Agreement.draft(AgreementKind.LETTER_OF_INTENT, title, List.of(ORG_A, ORG_B),
        Set.of(Domains.CYBER, Domains.MARITIME), Tlp.AMBER, clock.instant(), null, ORG_A,
        "admin@" + ORG_A, clock.instant());
  }

  @Test
  void putAgreement_roundTripsThroughItsStixObject() {
    Agreement a = draft("Letter of intent on hybrid threats");

    directory.putAgreement(a);

    assertThat(directory.agreements()).containsExactly(a);
  }

  @Test
  void putAgreement_keepsEveryVersionAndListsTheLatest() {
    Agreement v1 = draft("LoI");
    directory.putAgreement(v1);
    clock.advance(Duration.ofMinutes(5));
    Agreement v2 = v1.withStatus(AgreementStatus.ACTIVE, "admin@" + ORG_A, clock.instant(), "go");
    directory.putAgreement(v2);
    clock.advance(Duration.ofMinutes(5));
    Agreement v3 = v2.withStatus(AgreementStatus.SUSPENDED, "admin@" + ORG_A, clock.instant(),
        "incident");
    directory.putAgreement(v3);

    assertThat(directory.agreements()).containsExactly(v3);
    assertThat(((JdbcDirectory) directory).agreementVersions(v1.id()))
        .containsExactly(v1, v2, v3);
  }

  @Test
  void putAgreement_sameVersionAgainChangesNothing() {
    Agreement a = draft("LoI");
    directory.putAgreement(a);

    directory.putAgreement(a);

    assertThat(((JdbcDirectory) directory).agreementVersions(a.id())).containsExactly(a);
  }

  @Test
  void putAgreement_refusesAVersionNotAfterTheCurrentOne() {
    Agreement v1 = draft("LoI");
    directory.putAgreement(v1);
    Agreement sameInstant = new Agreement(v1.id(), v1.kind(), "Changed title", v1.parties(),
        v1.domains(), v1.ceiling(), v1.validFrom(), v1.validUntil(), v1.status(), v1.history(),
        v1.createdBy(), v1.created(), v1.modified());

    assertThatThrownBy(() -> directory.putAgreement(sameInstant))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not after the stored version");
    assertThat(directory.agreements()).containsExactly(v1);
  }

  @Test
  void agreements_latestOfEachOrderedById() {
    Agreement a = draft("First");
    Agreement b = draft("Second");
    directory.putAgreement(a);
    directory.putAgreement(b);
    clock.advance(Duration.ofSeconds(1));
    Agreement a2 = a.withStatus(AgreementStatus.ACTIVE, "admin@" + ORG_A, clock.instant(), "");
    directory.putAgreement(a2);

    List<Agreement> expected = a.id().compareTo(b.id()) < 0 ? List.of(a2, b) : List.of(b, a2);
    assertThat(directory.agreements()).containsExactlyElementsOf(expected);
  }

  @Test
  void putAgreement_limits() {
    JdbcDirectory small = limited(new JdbcDirectory.Limits(10, 10, 3, 5, 2, 2, 2_000));
    Agreement a = draft("A");
    small.putAgreement(a);
    small.putAgreement(draft("B"));

    assertThatThrownBy(() -> small.putAgreement(draft("C")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 agreements, the most allowed");

    clock.advance(Duration.ofSeconds(1));
    Agreement a2 = a.withStatus(AgreementStatus.ACTIVE, "admin@" + ORG_A, clock.instant(), "");
    small.putAgreement(a2);
    clock.advance(Duration.ofSeconds(1));
    Agreement a3 = a2.withStatus(AgreementStatus.SUSPENDED, "admin@" + ORG_A, clock.instant(), "");
    assertThatThrownBy(() -> small.putAgreement(a3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 versions, the most allowed");

    Agreement huge = a2.withStatus(AgreementStatus.SUSPENDED, "admin@" + ORG_A, clock.instant(),
        "r".repeat(2_000));
    assertThatThrownBy(() -> small.putAgreement(huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than 2000 characters of JSON");
    assertThat(small.agreements()).extracting(Agreement::status)
        .containsOnly(AgreementStatus.DRAFT, AgreementStatus.ACTIVE);
  }

  @Test
  void defaultLimitsAreTheDocumentedOnes() {
    assertThat(JdbcDirectory.Limits.DEFAULT).isEqualTo(
        new JdbcDirectory.Limits(10_000, 100_000, 100, 1_000, 10_000, 2_000, 4_000_000));
  }
}
