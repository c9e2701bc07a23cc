package org.kuroshio.maritime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kuroshio.maritime.ais.AisStream;
import org.kuroshio.maritime.feed.AisReplay;
import org.kuroshio.maritime.geo.Zones;
import org.kuroshio.testing.SharedData;

/**
 * Every real recording, replayed as fast as possible through the whole pipeline: nothing fails,
 * and the pipeline sees exactly the messages and errors a plain decode of the file counts.
 */
class RealRecordingsPipelineTest {

  @ParameterizedTest
  @ValueSource(strings = {"gpsd/sample.aivdm", "gpsd/ais-18-27.log", "gpsd/ais-nmea.log",
      "gpsd/ais-raw-messages.log", "gpsd/ais_unpack_sixbit.log", "dma-aislib/ais250.txt",
      "dma-aislib/decode_encode_messages.txt", "dma-aislib/replay_dump.txt",
      "dma-aislib/stream_example.txt", "kystverket-via-docker-gpsd-timestamp/norwegian.raw.nmea",
      "pyais/gatehouse.nmea", "pyais/mixed.txt", "pyais/nmea_data_sample.txt", "pyais/sample.ais",
      "pyais/timestamped.ais"})
  void replayedThroughThePipeline_withoutFailures(String name) {
    Path file = SharedData.require("ais/" + name);
    AisStream.Summary plain = AisStream.read(file, m -> { });
    // A clock far ahead, so no recorded time counts as "in the future".
    Clock clock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    MaritimePipeline.Summary s;
    try (MaritimePipeline p = new MaritimePipeline(MaritimePipeline.Settings.DEFAULTS, Zones.NONE,
        clock, e -> { })) {
      AisReplay.Result replay = new AisReplay(0).run(file, p);
      s = p.finish();
      assertThat(replay.lines()).isPositive();
    }

    assertThat(s.failures()).isZero();
    assertThat(s.futureSkipped()).isZero();
    assertThat(s.pastSkipped()).isZero();
    assertThat(s.messages()).isEqualTo(plain.messages());
    assertThat(s.decode().payloadErrorCount()).isEqualTo(plain.payloadErrorCount());
    assertThat(s.decode().sentences().errors()).isEqualTo(plain.sentences().errors());
    assertThat(s.fixes()).isLessThanOrEqualTo(s.messages());
  }
}
