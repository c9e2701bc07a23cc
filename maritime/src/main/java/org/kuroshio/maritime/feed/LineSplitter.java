package org.kuroshio.maritime.feed;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into lines at LF (a CR before it is dropped), as ISO-8859-1 text. Memory is
 * bounded: a line longer than the limit is cut, the rest up to its LF skipped, counted as
 * {@code overlong} and not delivered. Empty lines are skipped. Bytes outside printable ASCII are
 * counted. One splitter per byte stream (it keeps the partial last line); not thread-safe.
 */
final class LineSplitter {
  private final int max;
  private final InputStats stats;
  private final byte[] line;
  private int len;
  private boolean tooLong;

  LineSplitter(int maxLineLength, InputStats stats) {
    this.max = maxLineLength;
    this.stats = stats;
    this.line = new byte[maxLineLength + 1];
  }

  /** Splits {@code buf[off, off+n)}, handing each complete line to {@code out}. */
  void feed(byte[] buf, int off, int n, Consumer<String> out) {
    stats.bytes.add(n);
    int odd = 0;
    for (int i = off, end = off + n; i < end; i++) {
      byte b = buf[i];
      if (b == '\n') {
        endLine(out);
        continue;
      }
      if ((b < 0x20 && b != '\t' && b != '\r') || b == 0x7f) {
        odd++;
      }
      if (!tooLong) {
        if (len < line.length) {
          line[len++] = b;
        } else {
          tooLong = true;
        }
      }
    }
    if (odd > 0) {
      stats.nonAscii.add(odd);
    }
  }

  /** End of the byte stream (or of a datagram): the last line without LF counts as a line. */
  void end(Consumer<String> out) {
    endLine(out);
  }

  private void endLine(Consumer<String> out) {
    if (tooLong) {
      stats.overlong.increment();
      tooLong = false;
      len = 0;
      return;
    }
    int l = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
    len = 0;
    if (l > max) {
      stats.overlong.increment();
      return;
    }
    if (l == 0) {
      return;
    }
    stats.lines.increment();
    out.accept(new String(line, 0, l, StandardCharsets.ISO_8859_1));
  }
}
