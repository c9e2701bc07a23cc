package org.kuroshio.maritime.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.kuroshio.maritime.ais.AisLineTime;

/**
 * Replays a recording, delivering its lines paced by their recorded times at a speed factor
 * (1 = real time, 60 = a recorded minute per second, 0 = as fast as possible).
 *
 * <p><b>Schedule.</b> A line's recorded time is read by {@link AisLineTime#of(String)} (tag block
 * {@code c:}, Gatehouse {@code $PGHP}, trailing UNIX time); a line without one inherits the last
 * known time and so goes out right after the line before it. The first timed line anchors the
 * schedule at the moment it is read; a line recorded at {@code t} is delivered at
 * {@code anchorWall + (t - anchorRecorded) / speed}. Lines already due (the recording steps back,
 * or the sink was slow) go out at once: the schedule is not shifted, so a replay that fell behind
 * catches up. With {@code maxPause}, no single wait exceeds it (long gaps in a recording are
 * shortened, and the schedule shifted by the difference). The clock and sleeps come from a
 * {@link Pacer}, so tests replace them.
 *
 * <p>One replay runs at a time per instance; {@link #stop()} ends it from another thread.
 */
public final class AisReplay {

  /** The clock and sleeper of a replay. */
  public interface Pacer {
    /** The real clock: {@link System#nanoTime()} and {@link Thread#sleep}. */
    Pacer SYSTEM = new Pacer() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void sleepNanos(long nanos) throws InterruptedException {
        Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
      }
    };

    /** A monotonic time in nanoseconds. */
    long nanoTime();

    /** Sleeps for {@code nanos} (positive). */
    void sleepNanos(long nanos) throws InterruptedException;
  }

  private static final long NONE = Long.MIN_VALUE;

  private final double speed;
  private final long maxPauseNanos;
  private final Pacer pacer;
  private final int maxLineLength;
  private volatile boolean stopped;
  private @Nullable Thread runner; // guarded by this

  /** A real-time replay at {@code speed} (0 = as fast as possible), gaps honoured in full. */
  public AisReplay(double speed) {
    this(speed, null, Pacer.SYSTEM, FeedSettings.DEFAULTS.maxLineLength());
  }

  /**
   * A replay at {@code speed} (0 = as fast as possible) whose waits are at most {@code maxPause}
   * (null = no cap), timed by {@code pacer}; longer lines than {@code maxLineLength} are counted
   * and skipped.
   *
   * @throws IllegalArgumentException for a negative, infinite or NaN speed, or a maxPause that
   *     is not positive
   */
  public AisReplay(double speed, @Nullable Duration maxPause, Pacer pacer, int maxLineLength) {
    if (!(speed >= 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("replay speed must be a finite number >= 0: " + speed);
    }
    if (maxPause != null && (maxPause.isNegative() || maxPause.isZero())) {
      throw new IllegalArgumentException("maxPause must be positive: " + maxPause);
    }
    if (maxLineLength < 20) {
      throw new IllegalArgumentException("maxLineLength too small: " + maxLineLength);
    }
    this.speed = speed;
    this.maxPauseNanos = maxPause == null ? Long.MAX_VALUE : maxPause.toNanos();
    this.pacer = pacer;
    this.maxLineLength = maxLineLength;
  }

  /**
   * Parses a speed: {@code max} (or {@code 0}) for as fast as possible, else a positive factor
   * such as {@code 1}, {@code 60}, {@code 0.5}, optionally followed by {@code x}.
   *
   * @throws IllegalArgumentException naming the bad text
   */
  public static double parseSpeed(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    if (s.equals("max")) {
      return 0;
    }
    if (s.endsWith("x")) {
      s = s.substring(0, s.length() - 1);
    }
    double v;
    try {
      v = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad replay speed '" + text + "' (a factor or max)", e);
    }
    if (!(v >= 0) || Double.isInfinite(v) || v > 1e9) {
      throw new IllegalArgumentException("bad replay speed '" + text + "' (0 to 1e9, or max)");
    }
    return v;
  }

  /** The speed factor; 0 = as fast as possible. */
  public double speed() {
    return speed;
  }

  /**
   * Replays a recording (plain or gzip) into {@code sink}, blocking until its end or
   * {@link #stop()}.
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  public Result run(Path file, Consumer<String> sink) {
    try (InputStream in = Recordings.open(file)) {
      return run(in, sink);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Replays a stream (plain or gzip) into {@code sink}; does not close it.
   *
   * @throws UncheckedIOException when the stream fails
   */
  public Result run(InputStream raw, Consumer<String> sink) {
    synchronized (this) {
      if (runner != null) {
        throw new IllegalStateException("a replay is already running");
      }
      stopped = false;
      runner = Thread.currentThread();
    }
    InputStats stats = new InputStats();
    Schedule schedule = new Schedule(sink);
    try (InputStream in = Recordings.maybeGunzip(raw)) {
      LineSplitter splitter = new LineSplitter(maxLineLength, stats);
      byte[] buf = new byte[Recordings.BUFFER];
      int n;
      while (!schedule.stop && (n = in.read(buf)) >= 0) {
        splitter.feed(buf, 0, n, schedule);
      }
      if (!schedule.stop) {
        splitter.end(schedule);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("replay input failed", e);
    } finally {
      synchronized (this) {
        runner = null;
        if (stopped) {
          Thread.interrupted(); // clear an interrupt that stop() sent
        }
      }
    }
    InputStats.Snapshot s = stats.snapshot();
    return new Result(schedule.delivered, schedule.timed, s.overlong(),
        schedule.first == NONE ? Duration.ZERO
            : Duration.ofNanos(schedule.last - schedule.first),
        Duration.ofNanos(schedule.slept), schedule.stop);
  }

  /** Ends a running replay (from another thread); it returns with {@code stopped} set. */
  public synchronized void stop() {
    stopped = true;
    Thread t = runner;
    if (t != null) {
      t.interrupt();
    }
  }

  private final class Schedule implements Consumer<String> {
    private final Consumer<String> sink;
    long anchorRecorded = NONE;
    long anchorWall;
    long first = NONE;
    long last = NONE;
    long delivered;
    long timed;
    long slept;
    boolean stop;

    Schedule(Consumer<String> sink) {
      this.sink = sink;
    }

    @Override
    public void accept(String line) {
      if (stop || stopped) {
        stop = true;
        return;
      }
      Instant t = AisLineTime.of(line);
      if (t != null) {
        timed++;
        long rec = t.getEpochSecond() * 1_000_000_000L + t.getNano();
        if (first == NONE) {
          first = rec;
        }
        last = Math.max(last, rec);
        if (speed > 0) {
          pace(rec);
        }
      }
      if (stop) {
        return;
      }
      sink.accept(line);
      delivered++;
    }

    private void pace(long rec) {
      if (anchorRecorded == NONE) {
        anchorRecorded = rec;
        anchorWall = pacer.nanoTime();
        return;
      }
      long target = anchorWall + (long) ((rec - anchorRecorded) / speed);
      long wait = target - pacer.nanoTime();
      if (wait <= 0) {
        return;
      }
      if (wait > maxPauseNanos) {
        anchorWall -= wait - maxPauseNanos;
        wait = maxPauseNanos;
      }
      try {
        pacer.sleepNanos(wait);
        slept += wait;
      } catch (InterruptedException e) {
        stop = true;
        if (!stopped) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /**
   * What a replay did.
   *
   * @param lines lines delivered
   * @param timedLines lines that carried a recorded time
   * @param overlong lines skipped for being longer than the limit
   * @param recordedSpan latest minus first recorded time
   * @param slept total time asked of the pacer's sleeps
   * @param stopped whether {@link #stop()} or an interrupt ended it early
   */
  public record Result(long lines, long timedLines, long overlong, Duration recordedSpan,
      Duration slept, boolean stopped) {}
}
