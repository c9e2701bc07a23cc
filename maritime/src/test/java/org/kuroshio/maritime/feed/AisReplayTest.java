package org.kuroshio.maritime.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kuroshio.maritime.feed.FeedTestSupport.pghp;
import static org.kuroshio.maritime.feed.FeedTestSupport.tagged;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kuroshio.testing.SharedData;

class AisReplayTest {
  private static final String S1 = "!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*24";
  private static final String S2 = "!AIVDM,1,1,,B,100h00PP0@PHFV`Mg5gTH?vNPUIp,0*3B";

  /** A clock that moves only when slept on, recording the sleeps. */
  static class FakePacer implements AisReplay.Pacer {
    long now = 5_000_000_000L;
    final List<Long> sleeps = new ArrayList<>();

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepNanos(long nanos) {
      assertThat(nanos).isPositive();
      sleeps.add(nanos);
      now += nanos;
    }
  }

  /** Recorded time of a line, parsed here independently of the code under test. */
  private static long recordedNanos(String line) {
    int c = line.indexOf("c:");
    if (line.startsWith("\\") && c > 0) {
      int end = c + 2;
      while (Character.isDigit(line.charAt(end))) {
        end++;
      }
      return Long.parseLong(line.substring(c + 2, end)) * 1_000_000_000L;
    }
    if (line.startsWith("$PGHP,1,")) {
      String[] f = line.split(",");
      LocalDateTime t = LocalDateTime.of(Integer.parseInt(f[2]), Integer.parseInt(f[3]),
          Integer.parseInt(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]),
          Integer.parseInt(f[7]));
      return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L
          + Long.parseLong(f[8]) * 1_000_000L;
    }
    return Long.MIN_VALUE;
  }

  /**
   * The schedule the brief defines: offset of each line from the start = the largest
   * (t - t0) / speed so far (late lines go out at once), untimed lines inherit.
   */
  private static List<Long> expectedOffsets(List<String> lines, double speed) {
    List<Long> out = new ArrayList<>();
    long t0 = Long.MIN_VALUE;
    long at = 0;
    for (String l : lines) {
      long t = recordedNanos(l);
      if (t != Long.MIN_VALUE && speed > 0) {
        if (t0 == Long.MIN_VALUE) {
          t0 = t;
        }
        at = Math.max(at, (long) ((t - t0) / speed));
      }
      out.add(at);
    }
    return out;
  }

  private static List<Long> expectedSleeps(List<Long> offsets) {
    List<Long> sleeps = new ArrayList<>();
    long prev = 0;
    for (long o : offsets) {
      if (o > prev) {
        sleeps.add(o - prev);
        prev = o;
      }
    }
    return sleeps;
  }

  private record Run(List<String> lines, List<Long> offsets, List<Long> sleeps,
      AisReplay.Result result) {}

  private static Run replay(Path file, double speed) {
    FakePacer pacer = new FakePacer();
    long start = pacer.now;
    List<String> lines = new ArrayList<>();
    List<Long> offsets = new ArrayList<>();
    AisReplay r = new AisReplay(speed, null, pacer, 1024);
    AisReplay.Result res = r.run(file, l -> {
      lines.add(l);
      offsets.add(pacer.now - start);
    });
    return new Run(lines, offsets, pacer.sleeps, res);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "10", "max"})
  void tagBlockRecordingIsPacedByItsTimes(String speedText) throws Exception {
    Path file = SharedData.require("ais/kystverket-via-docker-gpsd-timestamp/norwegian.raw.nmea");
    double speed = AisReplay.parseSpeed(speedText);
    List<String> want = FeedTestSupport.lines(file);
    Run run = replay(file, speed);
    assertThat(run.lines()).isEqualTo(want);
    List<Long> offsets = expectedOffsets(want, speed);
    assertThat(run.offsets()).isEqualTo(offsets);
    assertThat(run.sleeps()).isEqualTo(expectedSleeps(offsets));
    assertThat(run.result().timedLines())
        .isEqualTo(want.stream().filter(l -> l.contains("c:")).count()).isEqualTo(197);
    long span = recordedNanos(want.get(want.size() - 1)) - recordedNanos(want.get(0));
    if (speed == 0) {
      assertThat(run.sleeps()).isEmpty();
    } else {
      assertThat(span).isPositive();
      assertThat(run.result().slept().toNanos()).isEqualTo((long) (span / speed));
      assertThat(run.sleeps()).isNotEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "10x", "0"})
  void gatehouseRecordingIsPacedAndSentencesInheritTheTime(String speedText) throws Exception {
    Path file = SharedData.require("ais/dma-aislib/replay_dump.txt");
    double speed = AisReplay.parseSpeed(speedText);
    List<String> want = FeedTestSupport.lines(file);
    Run run = replay(file, speed);
    assertThat(run.lines()).isEqualTo(want);
    List<Long> offsets = expectedOffsets(want, speed);
    assertThat(run.offsets()).isEqualTo(offsets);
    assertThat(run.sleeps()).isEqualTo(expectedSleeps(offsets));
    // every sentence goes out at the time of the $PGHP line before it: no sleep between them
    for (int i = 1; i < want.size(); i++) {
      if (want.get(i).startsWith("!") && want.get(i - 1).startsWith("$PGHP")) {
        assertThat(run.offsets().get(i)).isEqualTo(run.offsets().get(i - 1));
      }
    }
    if (speed > 0) {
      assertThat(run.sleeps()).isNotEmpty();
    } else {
      assertThat(run.sleeps()).isEmpty();
    }
  }

  @Test
  void stepsBackAreDeliveredAtOnceAndTheScheduleKept() {
    String rec = String.join("\n", S1, tagged(1000, S1), S2, tagged(1010, S1), tagged(1004, S2),
        tagged(1012, S1), pghp(1970, 1, 1, 0, 16, 55, 500), S2) + "\n";
    FakePacer pacer = new FakePacer();
    long start = pacer.now;
    List<Long> at = new ArrayList<>();
    AisReplay.Result res = new AisReplay(2, null, pacer, 1024).run(
        new ByteArrayInputStream(rec.getBytes(StandardCharsets.US_ASCII)),
        l -> at.add(pacer.now - start));
    long s = 1_000_000_000L;
    // untimed first line at once; 1010 at +5 s; 1004 late: at once; 1012 at +6 s;
    // $PGHP 00:16:55.5 = 1015.5 s at +7.75 s; the sentence after it inherits
    assertThat(at).containsExactly(0L, 0L, 0L, 5 * s, 5 * s, 6 * s, 7_750_000_000L,
        7_750_000_000L);
    assertThat(pacer.sleeps).containsExactly(5 * s, 1 * s, 1_750_000_000L);
    assertThat(res.lines()).isEqualTo(8);
    assertThat(res.timedLines()).isEqualTo(5);
    assertThat(res.recordedSpan()).isEqualTo(Duration.ofMillis(15_500));
  }

  @Test
  void maxPauseShortensLongGaps() {
    String rec = String.join("\n", tagged(0, S1), tagged(1, S1), tagged(7201, S2),
        tagged(7202, S2));
    FakePacer pacer = new FakePacer();
    new AisReplay(1, Duration.ofSeconds(5), pacer, 1024).run(
        new ByteArrayInputStream(rec.getBytes(StandardCharsets.US_ASCII)), l -> { });
    long s = 1_000_000_000L;
    assertThat(pacer.sleeps).containsExactly(1 * s, 5 * s, 1 * s);
    // near miss: without the cap the gap is honoured in full
    FakePacer full = new FakePacer();
    new AisReplay(1, null, full, 1024).run(
        new ByteArrayInputStream(rec.getBytes(StandardCharsets.US_ASCII)), l -> { });
    assertThat(full.sleeps).containsExactly(1 * s, 7200 * s, 1 * s);
  }

  @Test
  void stopEndsTheReplay() {
    String rec = String.join("\n", tagged(0, S1), tagged(10, S1), tagged(20, S2),
        tagged(30, S2));
    List<String> got = new ArrayList<>();
    AisReplay[] self = new AisReplay[1];
    AisReplay.Pacer pacer = new FakePacer() {
      @Override
      public void sleepNanos(long nanos) {
        super.sleepNanos(nanos);
        self[0].stop();
      }
    };
    self[0] = new AisReplay(1, null, pacer, 1024);
    AisReplay.Result res = self[0].run(
        new ByteArrayInputStream(rec.getBytes(StandardCharsets.US_ASCII)), got::add);
    assertThat(res.stopped()).isTrue();
    assertThat(got).hasSize(2);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void realTimeReplayAtSpeedTwenty() {
    // 2 recorded seconds at speed 20: 100 ms of real time
    String rec = String.join("\n", tagged(100, S1), tagged(101, S2), S1, tagged(102, S2));
    List<String> got = new ArrayList<>();
    long t0 = System.nanoTime();
    AisReplay.Result res = new AisReplay(20).run(
        new ByteArrayInputStream(rec.getBytes(StandardCharsets.US_ASCII)), got::add);
    long elapsed = System.nanoTime() - t0;
    assertThat(got).containsExactly(tagged(100, S1), tagged(101, S2), S1, tagged(102, S2));
    assertThat(res.slept()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(100));
    // sleeps never return early; a lower bound only
    assertThat(elapsed).isGreaterThanOrEqualTo(90_000_000L);
  }

  @Test
  void speedsParse() {
    assertThat(AisReplay.parseSpeed("max")).isZero();
    assertThat(AisReplay.parseSpeed("0")).isZero();
    assertThat(AisReplay.parseSpeed("60")).isEqualTo(60);
    assertThat(AisReplay.parseSpeed("2.5x")).isEqualTo(2.5);
    for (String bad : List.of("fast", "-1", "NaN", "Infinity", "", "1e12")) {
      assertThatThrownBy(() -> AisReplay.parseSpeed(bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replay speed");
    }
    assertThatThrownBy(() -> new AisReplay(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
