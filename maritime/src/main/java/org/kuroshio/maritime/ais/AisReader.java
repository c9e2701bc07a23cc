package org.kuroshio.maritime.ais;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads AIS recordings (plain or gzip, told apart by the magic bytes) line by line into an
 * {@link AisLineDecoder}. Lines end at LF (a CR before it is dropped); bytes are read as
 * ISO-8859-1; a line longer than the decoder's maximum is skipped to its end and counted once as
 * {@code LINE_TOO_LONG}, so memory stays bounded whatever the input.
 */
public final class AisReader {

  private static final int BUFFER = 64 * 1024;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private AisReader() {}

  /**
   * Reads a whole file with default limits and returns the final counters.
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  public static DecodeStats.Snapshot read(Path file, Consumer<AisPayload> sink) {
    return read(file, new AisLineDecoder(sink));
  }

  /**
   * Reads a whole file into {@code decoder}, calls {@link AisLineDecoder#finish()}, and returns the
   * final counters.
   *
   * @throws UncheckedIOException when the file cannot be opened or read
   */
  public static DecodeStats.Snapshot read(Path file, AisLineDecoder decoder) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, decoder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Reads a stream to its end into {@code decoder}, calls {@link AisLineDecoder#finish()}, and
   * returns the final counters. Does not close the stream. A corrupt or truncated gzip stream ends
   * the input and is counted as {@code TRUNCATED_INPUT}.
   *
   * @throws UncheckedIOException when the stream fails for another reason
   */
  public static DecodeStats.Snapshot read(InputStream raw, AisLineDecoder decoder) {
    try {
      BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      InputStream src = in;
      if (b0 == 0x1f && b1 == 0x8b) {
        try {
          src = new GZIPInputStream(in, BUFFER);
        } catch (ZipException | EOFException e) {
          decoder.stats().error(DecodeStats.Kind.TRUNCATED_INPUT);
          decoder.finish();
          return decoder.stats().snapshot();
        }
      }
      try {
        lines(src, decoder);
      } catch (ZipException | EOFException e) {
        decoder.stats().error(DecodeStats.Kind.TRUNCATED_INPUT);
      }
      decoder.finish();
      return decoder.stats().snapshot();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void lines(InputStream in, AisLineDecoder decoder) throws IOException {
    // a line may hold one byte more than the maximum: a CR before the LF, dropped
    int max = Math.max(decoder.limits().maxLineLength(), decoder.limits().maxLineLength() + 1);
    byte[] buf = new byte[BUFFER];
    // the start of a line that did not end in the buffer it began in (bounded by max)
    byte[] carry = new byte[Math.min(max, BUFFER)];
    int carried = 0;
    boolean tooLong = false;
    int n;
    while ((n = in.read(buf)) > 0) {
      int from = 0;
      while (from < n) {
        int nl = newline(buf, from, n);
        if (nl < 0) {
          // no terminator in the rest of the buffer: keep the part of the line that may still fit
          if (!tooLong) {
            int take = n - from;
            if (carried + take > max) {
              tooLong = true;
              carried = 0;
            } else {
              if (carried + take > carry.length) {
                carry = Arrays.copyOf(carry, Math.min(max,
                    Math.max(carry.length * 2, carried + take)));
              }
              System.arraycopy(buf, from, carry, carried, take);
              carried += take;
            }
          }
          break;
        }
        if (tooLong || carried + (nl - from) > max) {
          decoder.lineTooLong();
          tooLong = false;
        } else if (carried == 0) {
          int l = nl > from && buf[nl - 1] == '\r' ? nl - 1 : nl;
          decoder.accept(new String(buf, from, l - from, StandardCharsets.ISO_8859_1));
        } else {
          int take = nl - from;
          if (carried + take > carry.length) {
            carry = Arrays.copyOf(carry, Math.min(max, carried + take));
          }
          System.arraycopy(buf, from, carry, carried, take);
          int len = carried + take;
          int l = len > 0 && carry[len - 1] == '\r' ? len - 1 : len;
          decoder.accept(new String(carry, 0, l, StandardCharsets.ISO_8859_1));
        }
        carried = 0;
        from = nl + 1;
      }
    }
    if (tooLong) {
      decoder.lineTooLong();
    } else if (carried > 0) {
      int l = carry[carried - 1] == '\r' ? carried - 1 : carried;
      decoder.accept(new String(carry, 0, l, StandardCharsets.ISO_8859_1));
    }
  }

  /** Index of the first LF in {@code buf[from, to)}, or -1; eight bytes at a time. */
  static int newline(byte[] buf, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(buf, i) ^ 0x0a0a0a0a0a0a0a0aL;
      // a zero byte of x is an LF: the classic "has zero byte" test, exact for the lowest one
      long z = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
      if (z != 0) {
        return i + (Long.numberOfTrailingZeros(z) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
