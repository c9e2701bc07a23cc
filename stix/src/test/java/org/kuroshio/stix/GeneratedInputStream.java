package org.kuroshio.stix;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongFunction;

/** An input stream that generates {@code prefix, item(0..n-1), suffix} lazily, never all at once. */
final class GeneratedInputStream extends InputStream {
  private final byte[] suffix;
  private final LongFunction<String> item;
  private final long count;
  private byte[] current;
  private int pos;
  private long next;
  private boolean suffixQueued;
  private long produced;

  GeneratedInputStream(String prefix, LongFunction<String> item, String suffix, long count) {
    this.current = prefix.getBytes(StandardCharsets.UTF_8);
    this.item = item;
    this.suffix = suffix.getBytes(StandardCharsets.UTF_8);
    this.count = count;
  }

  long produced() {
    return produced;
  }

  private boolean refill() {
    while (pos >= current.length) {
      if (next < count) {
        current = item.apply(next++).getBytes(StandardCharsets.UTF_8);
      } else if (!suffixQueued) {
        current = suffix;
        suffixQueued = true;
      } else {
        return false;
      }
      pos = 0;
    }
    return true;
  }

  @Override
  public int read() {
    if (!refill()) {
      return -1;
    }
    produced++;
    return current[pos++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    int n = 0;
    while (n < len && refill()) {
      int k = Math.min(len - n, current.length - pos);
      System.arraycopy(current, pos, b, off + n, k);
      pos += k;
      n += k;
    }
    produced += n;
    return n == 0 ? -1 : n;
  }
}
