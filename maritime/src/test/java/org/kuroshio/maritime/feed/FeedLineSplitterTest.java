package org.kuroshio.maritime.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.kuroshio.testing.SharedData;

/** The byte-to-line splitter under whole, byte-by-byte and random-split input. */
class FeedLineSplitterTest {

  private static List<String> split(byte[] data, int[] cuts, int max, InputStats stats) {
    List<String> out = new ArrayList<>();
    LineSplitter s = new LineSplitter(max, stats);
    int p = 0;
    for (int c : cuts) {
      s.feed(data, p, c - p, out::add);
      p = c;
    }
    s.feed(data, p, data.length - p, out::add);
    s.end(out::add);
    return out;
  }

  @Test
  void sameLinesWhateverTheChunking() throws Exception {
    Path file = SharedData.require("ais/gpsd/sample.aivdm");
    byte[] data = Files.readAllBytes(file);
    List<String> want = FeedTestSupport.lines(file);
    assertThat(split(data, new int[0], 1024, new InputStats())).isEqualTo(want);
    int[] every = new int[data.length - 1];
    for (int i = 0; i < every.length; i++) {
      every[i] = i + 1;
    }
    assertThat(split(data, every, 1024, new InputStats())).isEqualTo(want);
    Random rnd = new Random(1);
    for (int round = 0; round < 20; round++) {
      int[] cuts = rnd.ints(rnd.nextInt(200), 0, data.length).sorted().toArray();
      InputStats st = new InputStats();
      assertThat(split(data, cuts, 1024, st)).isEqualTo(want);
      assertThat(st.snapshot().bytes()).isEqualTo(data.length);
      assertThat(st.snapshot().lines()).isEqualTo(want.size());
    }
  }

  @Test
  void crLfSplitAcrossChunksAndTheLimitEdge() {
    byte[] data = ("a\r\n" + "x".repeat(30) + "\r\n" + "y".repeat(31) + "\r\nb")
        .getBytes(StandardCharsets.US_ASCII);
    InputStats st = new InputStats();
    // cut between CR and LF of the first line
    List<String> got = split(data, new int[] {2}, 30, st);
    assertThat(got).containsExactly("a", "x".repeat(30), "b"); // 30 fits, 31 does not
    assertThat(st.snapshot().overlong()).isEqualTo(1);
    assertThat(st.snapshot().nonAscii()).isZero();
  }
}
