package org.kuroshio.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kuroshio.store.StixStore;
import org.kuroshio.testing.FixedClock;

/** {@link DirectorySeed}: configured users into the directory. */
class DirectorySeedTest {
  private static final String ORG_A = "identity--00000000-0000-4000-8000-00000000000a";
  private static final String ORG_B = "identity--00000000-0000-4000-8000-00000000000b";
  private static final String HASH =
      Credentials.hashPassword("s3cret".toCharArray(), Credentials.MIN_ITERATIONS);
  private static final String TOKEN = Credentials.newToken();

  private final FixedClock clock = new FixedClock();
  private StixStore store;
  private Directory directory;

  @BeforeEach
  void open() {
    store = DirectoryH2Test.h2Store(clock);
    directory = Directory.open(store.database(), clock);
    directory.putOrganisation(new Organisation(ORG_A, "Bureau", clock.instant()));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static UserAccount configured(String name, String org, String... tokens) {
    return new UserAccount(name, org, Set.of(Role.ANALYST), HASH,
        List.of(tokens).stream().map(Credentials::hashToken).toList(),
        Map.of(UserAccount.ANY_COLLECTION, Permission.READ));
  }

  @Test
  void apply_createsUsersAndTokensThatThenAuthenticate() {
    DirectorySeed.Result result = DirectorySeed.apply(directory,
        List.of(configured("alice", ORG_A, TOKEN), configured("bob", ORG_A)), clock);

    assertThat(result).isEqualTo(new DirectorySeed.Result(2, 1, List.of()));
    assertThat(directory.users(ORG_A)).extracting(Directory.User::name)
        .containsExactly("alice", "bob");
    assertThat(directory.tokens("alice")).singleElement().satisfies(t -> {
      assertThat(t.label()).isEqualTo(DirectorySeed.TOKEN_LABEL);
      assertThat(t.expires()).isNull();
    });
    Accounts accounts = Accounts.of(directory, clock);
    assertThat(accounts.authenticateToken(TOKEN)).map(Principal::user).contains("alice");
    assertThat(accounts.authenticateBasic("bob", "s3cret".toCharArray())).isPresent();
  }

  @Test
  void apply_againChangesNothingAndLeavesTheDirectoryAuthoritative() {
    List<UserAccount> config = List.of(configured("alice", ORG_A, TOKEN));
    DirectorySeed.apply(directory, config, clock);
    directory.updateUser("alice", Set.of(Role.READ_ONLY), null, null);

    DirectorySeed.Result again = DirectorySeed.apply(directory, config, clock);

    assertThat(again.usersCreated()).isZero();
    assertThat(again.tokensRegistered()).isZero();
    assertThat(again.notes()).singleElement().asString().contains("user alice exists");
    assertThat(directory.user("alice")).map(Directory.User::roles)
        .contains(Set.of(Role.READ_ONLY));
    assertThat(directory.tokens("alice")).hasSize(1);
  }

  @Test
  void apply_revokedConfiguredTokenStaysRevoked() {
    List<UserAccount> config = List.of(configured("alice", ORG_A, TOKEN));
    DirectorySeed.apply(directory, config, clock);
    directory.revokeToken(directory.tokens("alice").getFirst().id(), clock.instant());

    DirectorySeed.Result again = DirectorySeed.apply(directory, config, clock);

    assertThat(again.notes()).anySatisfy(n -> assertThat(n).contains("stays so"));
    assertThat(Accounts.of(directory, clock).authenticateToken(TOKEN)).isEmpty();
  }

  @Test
  void apply_unknownOrganisationIsRefusedBeforeAnythingIsCreated() {
    List<UserAccount> config = List.of(configured("alice", ORG_A), configured("bob", ORG_B));

    assertThatThrownBy(() -> DirectorySeed.apply(directory, config, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bob")
        .hasMessageContaining(ORG_B)
        .hasMessageContaining("register the organisation first");
    assertThat(directory.users(null)).isEmpty();
  }

  @Test
  void apply_tokenHashOfAnotherUserIsRefused() {
    DirectorySeed.apply(directory, List.of(configured("alice", ORG_A, TOKEN)), clock);

    assertThatThrownBy(() -> DirectorySeed.apply(directory,
        List.of(configured("bob", ORG_A, TOKEN)), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("registered to user alice");
  }

  @Test
  void apply_userOfAnotherOrganisationInTheDirectoryIsRefused() {
    directory.putOrganisation(new Organisation(ORG_B, "Office", clock.instant()));
    directory.createUser("alice", ORG_B, Set.of(Role.ANALYST), null);

    assertThatThrownBy(() -> DirectorySeed.apply(directory,
        List.of(configured("alice", ORG_A)), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("acts for " + ORG_B);
  }

  @Test
  void apply_configuredUserWithoutRoleIsRefused() {
    UserAccount noRole = new UserAccount("carol", ORG_A, Set.of(), HASH, List.of(), Map.of());

    assertThatThrownBy(() -> DirectorySeed.apply(directory, List.of(noRole), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("carol has no role");
  }
}
