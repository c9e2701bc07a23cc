package org.kuroshio.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kuroshio.store.StixStore;
import org.kuroshio.testing.FixedClock;

/** {@link Accounts#of(Directory, java.time.Clock)} over a directory in H2. */
class DirectoryAccountsTest {
  private static final String ORG = "identity--00000000-0000-4000-8000-00000000000a";
  private static final String HASH =
      Credentials.hashPassword("s3cret".toCharArray(), Credentials.MIN_ITERATIONS);
  private static final Principal ALICE = new Principal("alice", ORG, Set.of(Role.ANALYST));

  private final FixedClock clock = new FixedClock();
  /** Counts the slow password checks the cache lets through. */
  private final AtomicInteger slowChecks = new AtomicInteger();
  private StixStore store;
  private Directory directory;
  private Accounts accounts;

  @BeforeEach
  void open() {
    store = DirectoryH2Test.h2Store(clock);
    directory = Directory.open(store.database(), clock);
    directory.putOrganisation(new Organisation(ORG, "Bureau", clock.instant()));
    directory.createUser("alice", ORG, Set.of(Role.ANALYST), HASH);
    VerifiedPasswords passwords = new VerifiedPasswords(clock, Accounts.BASIC_CACHE_TTL,
        (password, hash) -> {
          slowChecks.incrementAndGet();
          return Credentials.verifyPassword(password, hash);
        });
    accounts = new DirectoryAccounts(directory, clock, passwords);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private boolean basic(String user, String password) {
    return accounts.authenticateBasic(user, password.toCharArray()).isPresent();
  }

  @Test
  void factory_authenticatesAgainstTheDirectory() {
    Accounts plain = Accounts.of(directory, clock);
    String secret = directory.issueToken("alice", "x", null).secret();

    assertThat(plain.authenticateBasic("alice", "s3cret".toCharArray())).contains(ALICE);
    assertThat(plain.authenticateBasic("alice", "wrong".toCharArray())).isEmpty();
    assertThat(plain.authenticateToken(secret)).contains(ALICE);
  }

  @Test
  void authenticateBasic_rightPasswordOnly() {
    assertThat(accounts.authenticateBasic("alice", "s3cret".toCharArray())).contains(ALICE);
    assertThat(basic("alice", "s3cret!")).isFalse();
    assertThat(basic("alice", "")).isFalse();
    assertThat(basic("bob", "s3cret")).isFalse();
    assertThat(basic("bad:name", "s3cret")).isFalse();
  }

  @Test
  void authenticateBasic_userWithoutPasswordCannotLogIn() {
    directory.createUser("peer", ORG, Set.of(Role.MACHINE), null);

    assertThat(basic("peer", "anything")).isFalse();
    assertThat(slowChecks).hasValue(0);
  }

  @Test
  void authenticateBasic_rightPasswordIsCheckedSlowlyOncePerLifetime() {
    assertThat(basic("alice", "s3cret")).isTrue();
    assertThat(basic("alice", "s3cret")).isTrue();
    assertThat(basic("alice", "s3cret")).isTrue();
    assertThat(slowChecks).hasValue(1);

    clock.advance(Accounts.BASIC_CACHE_TTL);

    assertThat(basic("alice", "s3cret")).isTrue();
    assertThat(slowChecks).hasValue(2);
  }

  @Test
  void authenticateBasic_wrongPasswordIsNeverCached() {
    assertThat(basic("alice", "s3cret")).isTrue();

    assertThat(basic("alice", "guess")).isFalse();
    assertThat(basic("alice", "guess")).isFalse();
    assertThat(slowChecks).hasValue(3);
    // The wrong attempts did not evict the right one either.
    assertThat(basic("alice", "s3cret")).isTrue();
    assertThat(slowChecks).hasValue(3);
  }

  @Test
  void authenticateBasic_disabledUserFailsAtOnceDespiteTheCache() {
    assertThat(basic("alice", "s3cret")).isTrue();

    directory.updateUser("alice", null, null, true);

    assertThat(basic("alice", "s3cret")).isFalse();
    directory.updateUser("alice", null, null, false);
    assertThat(basic("alice", "s3cret")).isTrue();
  }

  @Test
  void authenticateBasic_changedPasswordTakesEffectAtOnce() {
    assertThat(basic("alice", "s3cret")).isTrue();

    directory.updateUser("alice", null,
        Credentials.hashPassword("n3w".toCharArray(), Credentials.MIN_ITERATIONS), null);

    assertThat(basic("alice", "s3cret")).isFalse();
    assertThat(basic("alice", "n3w")).isTrue();
  }

  @Test
  void authenticateBasic_changedRolesShowAtOnce() {
    assertThat(basic("alice", "s3cret")).isTrue();

    directory.updateUser("alice", Set.of(Role.READ_ONLY), null, null);

    assertThat(accounts.authenticateBasic("alice", "s3cret".toCharArray()))
        .map(Principal::roles).contains(Set.of(Role.READ_ONLY));
  }

  @Test
  void authenticateToken_issuedTokenOnly() {
    String secret = directory.issueToken("alice", "x", null).secret();

    assertThat(accounts.authenticateToken(secret)).contains(ALICE);
    assertThat(accounts.authenticateToken(Credentials.newToken())).isEmpty();
    assertThat(accounts.authenticateToken("")).isEmpty();
    assertThat(accounts.authenticateToken("t".repeat(DirectoryAccounts.MAX_TOKEN + 1))).isEmpty();
  }

  @Test
  void authenticateToken_revokedTokenFailsAtOnce() {
    Directory.IssuedToken issued = directory.issueToken("alice", "x", null);
    assertThat(accounts.authenticateToken(issued.secret())).isPresent();

    directory.revokeToken(issued.token().id(), clock.instant());

    assertThat(accounts.authenticateToken(issued.secret())).isEmpty();
  }

  @Test
  void authenticateToken_expiredTokenFailsAtOnce() {
    String secret = directory.issueToken("alice", "x", clock.instant().plusSeconds(2)).secret();
    assertThat(accounts.authenticateToken(secret)).isPresent();

    clock.advance(Duration.ofSeconds(2));

    assertThat(accounts.authenticateToken(secret)).isEmpty();
  }

  @Test
  void authenticateToken_disabledUserFailsAtOnce() {
    String secret = directory.issueToken("alice", "x", null).secret();
    assertThat(accounts.authenticateToken(secret)).isPresent();

    directory.updateUser("alice", null, null, true);

    assertThat(accounts.authenticateToken(secret)).isEmpty();
  }

  @Test
  void permission_readOnlyReadsEveryoneElseReadsAndWrites() {
    for (Role role : List.of(Role.ADMIN, Role.ANALYST, Role.MACHINE)) {
      assertThat(accounts.permission(new Principal("u", ORG, Set.of(role)), "any"))
          .isEqualTo(Permission.READ_WRITE);
    }
    assertThat(accounts.permission(new Principal("u", ORG, Set.of(Role.READ_ONLY)), "any"))
        .isEqualTo(Permission.READ);
    assertThat(accounts.permission(
        new Principal("u", ORG, Set.of(Role.ANALYST, Role.READ_ONLY)), "any"))
        .isEqualTo(Permission.READ);
  }
}
