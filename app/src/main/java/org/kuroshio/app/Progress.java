package org.kuroshio.app;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal: bytes read of the file, objects, objects per second.
 * Redrawn at most five times a second; silent when nobody watches.
 */
final class Progress {
  private static final long REDRAW_NANOS = 200_000_000L;
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final boolean enabled;
  private final String label;
  private final long totalBytes;
  private final long startNanos = System.nanoTime();
  private long lastDraw;
  private boolean drawn;

  Progress(PrintWriter err, boolean enabled, String label, long totalBytes) {
    this.err = err;
    this.enabled = enabled;
    this.label = label;
    this.totalBytes = totalBytes;
  }

  /** Wraps a stream so that reading it counts bytes for the bar. */
  CountingStream wrap(InputStream in) {
    return new CountingStream(in);
  }

  /** Redraws the bar when enough time has passed. */
  void update(long bytesRead, long objects) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (drawn && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    drawn = true;
    double seconds = Math.max((now - startNanos) / 1e9, 1e-3);
    StringBuilder line = new StringBuilder("\r").append(label).append(' ');
    if (totalBytes > 0) {
      double fraction = Math.min(1.0, bytesRead / (double) totalBytes);
      int filled = (int) Math.round(fraction * WIDTH);
      line.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ")
          .append(String.format(Locale.ROOT, "%3.0f%% ", fraction * 100));
    }
    line.append(String.format(Locale.ROOT, "%,d objects  %,.0f objects/s", objects,
        objects / seconds));
    err.print(line);
    err.flush();
  }

  /** Ends the bar's line, if one was drawn. */
  void finish() {
    if (enabled && drawn) {
      err.println();
      err.flush();
    }
  }

  /** An input stream that counts the bytes read through it. */
  static final class CountingStream extends FilterInputStream {
    private long count;

    CountingStream(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      count += s;
      return s;
    }
  }
}
