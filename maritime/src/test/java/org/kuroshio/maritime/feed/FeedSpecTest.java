package org.kuroshio.maritime.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedSpecTest {

  @Test
  void plainPathIsAFile() {
    FeedSpec s = FeedSpec.parse("data/ais/x.nmea.gz");
    assertThat(s.kind()).isEqualTo(FeedSpec.Kind.FILE);
    assertThat(s.file()).isEqualTo(Path.of("data/ais/x.nmea.gz"));
    assertThat(FeedSpec.parse("file:///tmp/a.txt").file()).isEqualTo(Path.of("/tmp/a.txt"));
    assertThat(FeedSpec.parse("file:rel.txt").file()).isEqualTo(Path.of("rel.txt"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "tcp://example.org:5631 | TCP_CLIENT | example.org | 5631",
      "tcp://127.0.0.1:10110/ | TCP_CLIENT | 127.0.0.1 | 10110",
      "tcp://[::1]:4001 | TCP_CLIENT | ::1 | 4001",
      "tcp://:10110 | TCP_SERVER | | 10110",
      "tcp://:0 | TCP_SERVER | | 0",
      "tcp://0.0.0.0:10110?listen | TCP_SERVER | 0.0.0.0 | 10110",
      "TCP://localhost:9?listen | TCP_SERVER | localhost | 9",
      "udp://:10110 | UDP | | 10110",
      "udp://127.0.0.1:0 | UDP | 127.0.0.1 | 0",
  })
  void networkSpecs(String spec, FeedSpec.Kind kind, String host, int port) {
    FeedSpec s = FeedSpec.parse(spec);
    assertThat(s.kind()).isEqualTo(kind);
    assertThat(s.host()).isEqualTo(host);
    assertThat(s.port()).isEqualTo(port);
    assertThat(s.file()).isNull();
    assertThat(FeedSpec.parse(s.toString())).isEqualTo(s);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'' | empty",
      "http://x:80 | unknown scheme 'http'",
      "tcp://host | no port",
      "tcp://host:http | bad port 'http'",
      "tcp://host:65536 | out of range",
      "tcp://host:123456 | bad port",
      "tcp://host:-1 | bad port",
      "tcp://host:0 | port other than 0",
      "tcp://::1:80 | bad host",
      "tcp://[::1:80 | bad IPv6 host",
      "tcp://h:1?lsten | unknown query 'lsten'",
      "udp://:1?listen | unknown query",
      "tcp://user@h:1 | bad host",
      "file:// | no path",
  })
  void badSpecsNameTheProblem(String spec, String message) {
    assertThatThrownBy(() -> FeedSpec.parse(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void openChecksTheFileExists() {
    assertThatThrownBy(() -> AisInput.open("/no/such/recording.nmea"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/no/such/recording.nmea");
  }

  @Test
  void settingsAreChecked() {
    assertThatThrownBy(() -> FeedSettings.DEFAULTS.withQueue(0, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queueBatches");
    assertThatThrownBy(() -> FeedSettings.DEFAULTS.withMaxLineLength(5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxLineLength");
    assertThatThrownBy(() -> FeedSettings.DEFAULTS.withReconnect(
        java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(1), 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reconnectMax");
    assertThat(FeedSettings.DEFAULTS.maxLineLength()).isEqualTo(1024);
  }
}
