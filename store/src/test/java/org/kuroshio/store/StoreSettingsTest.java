package org.kuroshio.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {
  @Test
  void h2File_pointsIntoTheDirectory() {
    StoreSettings s = StoreSettings.h2File(Path.of("/var/lib/kuroshio/data"));
    assertThat(s.jdbcUrl()).isEqualTo("jdbc:h2:file:/var/lib/kuroshio/data/kuroshio");
    assertThat(s.maxPoolSize()).isEqualTo(StoreSettings.DEFAULT_POOL_SIZE);
  }

  @Test
  void h2File_relativeDirectory_becomesAbsolute() {
    assertThat(StoreSettings.h2File(Path.of("data")).jdbcUrl())
        .startsWith("jdbc:h2:file:/").endsWith("/data/kuroshio");
  }

  @Test
  void h2File_directoryWithSemicolon_isRefused() {
    assertThatThrownBy(() -> StoreSettings.h2File(Path.of("/tmp/a;INIT=RUNSCRIPT")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(";");
  }

  @Test
  void h2InMemory_nameIsChecked() {
    assertThat(StoreSettings.h2InMemory("t-1").jdbcUrl())
        .isEqualTo("jdbc:h2:mem:t-1;DB_CLOSE_DELAY=-1");
    assertThatThrownBy(() -> StoreSettings.h2InMemory("a;b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StoreSettings.h2InMemory(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void otherDatabases_areRefused() {
    assertThatThrownBy(() -> new StoreSettings("jdbc:mysql://x/db", "", "", 5,
        Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:mysql");
    assertThatThrownBy(() -> StoreSettings.postgres("jdbc:h2:mem:x", "u", "p"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void poolSize_isBounded() {
    StoreSettings s = StoreSettings.h2InMemory("x");
    assertThatThrownBy(() -> s.withMaxPoolSize(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.withMaxPoolSize(5000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(s.withMaxPoolSize(3).maxPoolSize()).isEqualTo(3);
  }

  @Test
  void toString_hidesPasswords() {
    StoreSettings s = new StoreSettings("jdbc:postgresql://db/k?user=k&password=hunter2", "k",
        "secret", 5, Clock.systemUTC());
    assertThat(s.toString()).doesNotContain("hunter2").doesNotContain("secret");
  }

  @Test
  void dialect_followsTheUrl() {
    assertThat(Dialect.of("jdbc:h2:mem:x")).isEqualTo(Dialect.H2);
    assertThat(Dialect.of("JDBC:POSTGRESQL://h/db")).isEqualTo(Dialect.POSTGRESQL);
  }
}
