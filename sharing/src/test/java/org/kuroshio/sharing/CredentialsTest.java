package org.kuroshio.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialsTest {
  private static final int FAST = Credentials.MIN_ITERATIONS;

  @Test
  void hashPassword_verifiesOnlyTheSamePassword() {
    String hash = Credentials.hashPassword("correct horse".toCharArray(), FAST);

    assertThat(Credentials.verifyPassword("correct horse".toCharArray(), hash)).isTrue();
    assertThat(Credentials.verifyPassword("correct hors".toCharArray(), hash)).isFalse();
    assertThat(Credentials.verifyPassword("Correct horse".toCharArray(), hash)).isFalse();
  }

  @Test
  void hashPassword_defaultIterationsAreRecordedAndVerify() {
    String hash = Credentials.hashPassword("pw".toCharArray());

    assertThat(hash).startsWith("pbkdf2-sha256$" + Credentials.DEFAULT_ITERATIONS + "$");
    assertThat(Credentials.verifyPassword("pw".toCharArray(), hash)).isTrue();
  }

  @Test
  void hashPassword_isSaltedSoTwoHashesDiffer() {
    String a = Credentials.hashPassword("same".toCharArray(), FAST);
    String b = Credentials.hashPassword("same".toCharArray(), FAST);

    assertThat(a).isNotEqualTo(b);
    assertThat(Credentials.verifyPassword("same".toCharArray(), a)).isTrue();
    assertThat(Credentials.verifyPassword("same".toCharArray(), b)).isTrue();
  }

  @Test
  void hashPassword_refusesEmptyPasswordAndTooFewIterations() {
    assertThatThrownBy(() -> Credentials.hashPassword(new char[0], FAST))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> Credentials.hashPassword("x".toCharArray(), 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iterations");
  }

  @Test
  void verifyPassword_malformedHashIsFalseNotAnError() {
    for (String bad : new String[] {"", "plain", "pbkdf2-sha256$x$y$z", "md5$1000$AAAA$AAAA",
        "pbkdf2-sha256$1000$!!!$AAAA", "pbkdf2-sha256$1000$AAAA$AAAA"}) {
      assertThat(Credentials.verifyPassword("pw".toCharArray(), bad)).as(bad).isFalse();
      assertThat(Credentials.isPasswordHash(bad)).as(bad).isFalse();
    }
  }

  @Test
  void hashToken_isSha256Hex() {
    // SHA-256("abc") from FIPS 180-2.
    assertThat(Credentials.hashToken("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void verifyToken_matchesOnlyItsHash() {
    String token = Credentials.newToken();
    String hash = Credentials.hashToken(token);

    assertThat(Credentials.verifyToken(token, hash)).isTrue();
    assertThat(Credentials.verifyToken(token, hash.toUpperCase(java.util.Locale.ROOT))).isTrue();
    assertThat(Credentials.verifyToken(token + "x", hash)).isFalse();
    assertThat(Credentials.verifyToken("", hash)).isFalse();
  }

  @Test
  void newToken_has256BitsOfBase64Url() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String t = Credentials.newToken();
      assertThat(t).hasSize(43).matches("[A-Za-z0-9_-]+");
      seen.add(t);
    }
    assertThat(seen).hasSize(100);
  }
}
