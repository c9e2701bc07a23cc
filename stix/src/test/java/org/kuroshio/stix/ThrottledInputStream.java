package org.kuroshio.stix;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

/** Hands out input in small pieces: fixed-size chunks, or random sizes from a seeded Random. */
final class ThrottledInputStream extends InputStream {
  private final InputStream in;
  private final int fixed;
  private final Random random;

  private ThrottledInputStream(InputStream in, int fixed, Random random) {
    this.in = in;
    this.fixed = fixed;
    this.random = random;
  }

  static InputStream chunks(byte[] data, int size) {
    return new ThrottledInputStream(new ByteArrayInputStream(data), size, null);
  }

  static InputStream randomChunks(byte[] data, long seed) {
    return new ThrottledInputStream(new ByteArrayInputStream(data), 0, new Random(seed));
  }

  @Override
  public int read() throws IOException {
    return in.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = fixed > 0 ? fixed : 1 + random.nextInt(97);
    return in.read(b, off, Math.min(len, n));
  }
}
