package org.kuroshio.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kuroshio.testing.FixedClock;

class AccountsTest {
  private static final String PW_HASH =
      Credentials.hashPassword("s3cret".toCharArray(), Credentials.MIN_ITERATIONS);
  private static final String TOKEN = Credentials.newToken();

  private final FixedClock clock = new FixedClock();

  private static UserAccount analyst(Map<String, Permission> rights) {
    return new UserAccount("alice", "org-a", Set.of(Role.ANALYST), PW_HASH,
        List.of(Credentials.hashToken(TOKEN)), rights);
  }

  @Test
  void authenticateBasic_rightPasswordGivesPrincipal() {
    Accounts accounts = Accounts.of(List.of(analyst(Map.of())), clock);

    assertThat(accounts.authenticateBasic("alice", "s3cret".toCharArray()))
        .contains(new Principal("alice", "org-a", Set.of(Role.ANALYST)));
  }

  @Test
  void authenticateBasic_wrongPasswordOrUnknownUserFails() {
    Accounts accounts = Accounts.of(List.of(analyst(Map.of())), clock);

    assertThat(accounts.authenticateBasic("alice", "wrong".toCharArray())).isEmpty();
    assertThat(accounts.authenticateBasic("bob", "s3cret".toCharArray())).isEmpty();
    assertThat(accounts.authenticateBasic("alice", new char[0])).isEmpty();
  }

  @Test
  void authenticateBasic_cacheNeverLetsAWrongPasswordThrough() {
    Accounts accounts = Accounts.of(List.of(analyst(Map.of())), clock);
    assertThat(accounts.authenticateBasic("alice", "s3cret".toCharArray())).isPresent();

    assertThat(accounts.authenticateBasic("alice", "s3cret!".toCharArray())).isEmpty();
    assertThat(accounts.authenticateBasic("alice", "s3cret".toCharArray())).isPresent();
  }

  @Test
  void authenticateBasic_afterCacheExpiryStillVerifies() {
    Accounts accounts = Accounts.of(List.of(analyst(Map.of())), clock);
    assertThat(accounts.authenticateBasic("alice", "s3cret".toCharArray())).isPresent();

    clock.advance(Accounts.BASIC_CACHE_TTL.plus(Duration.ofSeconds(1)));

    assertThat(accounts.authenticateBasic("alice", "s3cret".toCharArray())).isPresent();
    assertThat(accounts.authenticateBasic("alice", "nope".toCharArray())).isEmpty();
  }

  @Test
  void authenticateBasic_userWithoutPasswordCannotLogIn() {
    UserAccount machine = new UserAccount("peer", "org-b", Set.of(Role.MACHINE), null,
        List.of(Credentials.hashToken(TOKEN)), Map.of());
    Accounts accounts = Accounts.of(List.of(machine), clock);

    assertThat(accounts.authenticateBasic("peer", "anything".toCharArray())).isEmpty();
    assertThat(accounts.authenticateToken(TOKEN)).map(Principal::user).contains("peer");
  }

  @Test
  void authenticateToken_onlyTheIssuedToken() {
    Accounts accounts = Accounts.of(List.of(analyst(Map.of())), clock);

    assertThat(accounts.authenticateToken(TOKEN)).map(Principal::organisation).contains("org-a");
    assertThat(accounts.authenticateToken(Credentials.newToken())).isEmpty();
    assertThat(accounts.authenticateToken("")).isEmpty();
  }

  @Test
  void permission_namedCollectionOverridesWildcard() {
    Accounts accounts = Accounts.of(List.of(analyst(Map.of(
        "c1", Permission.READ_WRITE, UserAccount.ANY_COLLECTION, Permission.READ))), clock);
    Principal alice = accounts.authenticateToken(TOKEN).orElseThrow();

    assertThat(accounts.permission(alice, "c1")).isEqualTo(Permission.READ_WRITE);
    assertThat(accounts.permission(alice, "other")).isEqualTo(Permission.READ);
  }

  @Test
  void permission_noEntryMeansNone() {
    Accounts accounts = Accounts.of(List.of(analyst(Map.of("c1", Permission.READ))), clock);
    Principal alice = accounts.authenticateToken(TOKEN).orElseThrow();

    assertThat(accounts.permission(alice, "c2")).isEqualTo(Permission.NONE);
  }

  @Test
  void permission_readOnlyRoleNeverWrites() {
    UserAccount reader = new UserAccount("rita", "org-a", Set.of(Role.READ_ONLY), PW_HASH,
        List.of(), Map.of("c1", Permission.READ_WRITE, "c2", Permission.WRITE));
    Accounts accounts = Accounts.of(List.of(reader), clock);

    assertThat(accounts.permission(reader.principal(), "c1")).isEqualTo(Permission.READ);
    assertThat(accounts.permission(reader.principal(), "c2")).isEqualTo(Permission.NONE);
  }

  @Test
  void permission_adminMayDoEverything() {
    UserAccount admin = new UserAccount("root", "org-a", Set.of(Role.ADMIN), PW_HASH, List.of(),
        Map.of());
    Accounts accounts = Accounts.of(List.of(admin), clock);

    assertThat(accounts.permission(admin.principal(), "anything")).isEqualTo(Permission.READ_WRITE);
    assertThat(accounts.permission(Principal.system("org-a"), "x"))
        .isEqualTo(Permission.READ_WRITE);
  }

  @Test
  void permission_unknownOrForgedPrincipalGetsNothing() {
    Accounts accounts = Accounts.of(List.of(analyst(Map.of("c1", Permission.READ))), clock);

    assertThat(accounts.permission(new Principal("mallory", "org-x", Set.of(Role.ANALYST)), "c1"))
        .isEqualTo(Permission.NONE);
    assertThat(accounts.permission(new Principal("alice", "org-x", Set.of(Role.ANALYST)), "c1"))
        .isEqualTo(Permission.NONE);
  }

  @Test
  void of_refusesDuplicatesAndBadHashes() {
    assertThatThrownBy(() -> Accounts.of(List.of(analyst(Map.of()), analyst(Map.of())), clock))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate user");
    UserAccount plain = new UserAccount("bob", "org-b", Set.of(), "plaintext", List.of(),
        Map.of());
    assertThatThrownBy(() -> Accounts.of(List.of(plain), clock))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bob");
    UserAccount sameToken = new UserAccount("carol", "org-c", Set.of(), null,
        List.of(Credentials.hashToken(TOKEN)), Map.of());
    assertThatThrownBy(() -> Accounts.of(List.of(analyst(Map.of()), sameToken), clock))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token hash");
  }

  @Test
  void permission_parseReadsConfigurationWords() {
    assertThat(Permission.parse("read-write")).isEqualTo(Permission.READ_WRITE);
    assertThat(Permission.parse("READ")).isEqualTo(Permission.READ);
    assertThat(Permission.parse("w")).isEqualTo(Permission.WRITE);
    assertThat(Permission.parse("none")).isEqualTo(Permission.NONE);
    assertThatThrownBy(() -> Permission.parse("admin"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("admin");
  }
}
