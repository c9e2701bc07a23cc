package org.kuroshio.maritime.feed;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens recordings, plain or gzip (by the magic bytes 1f 8b, as AisReader). */
final class Recordings {
  static final int BUFFER = 64 * 1024;

  private Recordings() {}

  static InputStream open(Path file) throws IOException {
    InputStream raw = Files.newInputStream(file);
    try {
      return maybeGunzip(raw);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  static InputStream maybeGunzip(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, BUFFER) : in;
  }
}
