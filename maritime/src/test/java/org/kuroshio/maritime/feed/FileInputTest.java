package org.kuroshio.maritime.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kuroshio.maritime.feed.FeedTestSupport.closeAndCheck;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kuroshio.maritime.ais.AisStream;
import org.kuroshio.maritime.feed.FeedTestSupport.Collector;
import org.kuroshio.testing.SharedData;

class FileInputTest {

  @AfterEach
  void noFeedThreadLeft() throws InterruptedException {
    FeedTestSupport.assertNoFeedThreads();
  }

  @Test
  void plainAndGzipGiveTheSameLines(@TempDir Path tmp) throws Exception {
    Path file = SharedData.require("ais/pyais/nmea_data_sample.txt");
    Path gz = tmp.resolve("renamed.txt"); // gzip found by magic bytes, not by name
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(file));
    }
    List<String> expected = FeedTestSupport.lines(file);
    for (Path p : List.of(file, gz)) {
      Collector got = new Collector();
      AisInput in = AisInput.open(p.toString());
      in.start(got);
      assertThat(in.awaitEnd(Duration.ofSeconds(20))).isTrue();
      assertThat(got.lines()).isEqualTo(expected);
      assertThat(in.stats().delivered()).isEqualTo(expected.size());
      assertThat(in.failure()).isEmpty();
      closeAndCheck(in);
    }
  }

  @Test
  void decodingThroughTheInputEqualsReadingTheFile() throws Exception {
    Path file = SharedData.require("ais/kystverket-via-docker-gpsd-timestamp/norwegian.raw.nmea");
    long[] direct = new long[1];
    AisStream.Summary want = AisStream.read(file, m -> direct[0]++);
    long[] viaInput = new long[1];
    AisStream stream = new AisStream(m -> viaInput[0]++);
    AisInput in = AisInput.open("file:" + file);
    in.start(stream);
    assertThat(in.awaitEnd(Duration.ofSeconds(20))).isTrue();
    stream.finish();
    assertThat(viaInput[0]).isEqualTo(direct[0]).isPositive();
    assertThat(stream.summary().messages()).isEqualTo(want.messages());
    closeAndCheck(in);
  }

  @Test
  void truncatedGzipDeliversWhatItCanAndReportsTheFailure(@TempDir Path tmp) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      sb.append("line ").append(i).append('\n');
    }
    Path gz = tmp.resolve("cut.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(sb.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    byte[] all = Files.readAllBytes(gz);
    Files.write(gz, java.util.Arrays.copyOf(all, all.length / 2));
    Collector got = new Collector();
    AisInput in = AisInput.open(gz.toString());
    in.start(got);
    assertThat(in.awaitEnd(Duration.ofSeconds(20))).isTrue();
    assertThat(in.failure()).get().isInstanceOf(FeedException.class);
    List<String> lines = got.lines();
    for (int i = 0; i < lines.size(); i++) {
      assertThat(lines.get(i)).isEqualTo("line " + i);
    }
    closeAndCheck(in);
  }
}
