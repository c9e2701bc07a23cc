package org.kuroshio.maritime.ais;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    int max = decoder.limits().maxLineLength();
    byte[] buf = new byte[BUFFER];
    byte[] line = new byte[max + 1];
    int len = 0;
    boolean tooLong = false;
    int n;
    while ((n = in.read(buf)) > 0) {
      for (int i = 0; i < n; i++) {
        byte b = buf[i];
        if (b == '\n') {
          if (tooLong) {
            decoder.lineTooLong();
            tooLong = false;
          } else {
            int l = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
            decoder.accept(new String(line, 0, l, StandardCharsets.ISO_8859_1));
          }
          len = 0;
        } else if (!tooLong) {
          if (len <= max) {
            line[len++] = b;
          } else {
            tooLong = true;
          }
        }
      }
    }
    if (tooLong) {
      decoder.lineTooLong();
    } else if (len > 0) {
      int l = line[len - 1] == '\r' ? len - 1 : len;
      decoder.accept(new String(line, 0, l, StandardCharsets.ISO_8859_1));
    }
  }
}
