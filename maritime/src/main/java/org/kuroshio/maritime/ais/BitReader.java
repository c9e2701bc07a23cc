package org.kuroshio.maritime.ais;

import org.jspecify.annotations.Nullable;

/**
 * Reads big-endian bit fields from a decoded AIS payload: a cursor over the bits, MSB first.
 *
 * <p>The payload is packed once into 64-bit words; reading a field touches at most two words and
 * never allocates (text fields allocate only their String). Reading past the end throws {@link
 * IndexOutOfBoundsException}; callers check {@link #remaining()} first.
 */
public final class BitReader {
  private final long[] words;
  private final int length;
  private int position;

  private BitReader(long[] words, int length) {
    this.words = words;
    this.length = length;
  }

  /**
   * Packs an armoured payload; throws {@link IllegalArgumentException} on an invalid character or
   * fill bits outside 0-5 (or more fill bits than the payload has).
   */
  public static BitReader of(CharSequence armored, int fillBits) {
    int n = armored.length();
    if (fillBits < 0 || fillBits > 5 || fillBits > n * 6) {
      throw new IllegalArgumentException("fill bits must be 0-5 and fit the payload: " + fillBits);
    }
    BitReader r = tryOf(armored, fillBits);
    if (r == null) {
      throw new IllegalArgumentException(
          "invalid armoured character at " + SixBit.firstInvalid(armored));
    }
    return r;
  }

  /** As {@link #of} with fill bits already checked, but {@code null} on an invalid character. */
  static @Nullable BitReader tryOf(CharSequence armored, int fillBits) {
    if (armored instanceof String s) {
      return tryOf(s, fillBits);
    }
    return tryOf(armored.toString(), fillBits);
  }

  /**
   * Packs {@code armored} six bits at a time through {@link SixBit}'s table: the bits gather in an
   * accumulator that is stored a whole word at a time. Validity is checked once at the end (an
   * invalid character's value is negative, so the OR of all values is).
   */
  static @Nullable BitReader tryOf(String armored, int fillBits) {
    int n = armored.length();
    long[] words = new long[(n * 6 + 63) >>> 6];
    long acc = 0;
    int bits = 0;
    int w = 0;
    int check = 0;
    for (int i = 0; i < n; i++) {
      int v = SixBit.value(armored.charAt(i));
      check |= v;
      if (bits <= 58) {
        acc = (acc << 6) | (v & 0x3f);
        bits += 6;
      } else {
        // the word has 64 - bits free: fill it with the value's high bits, keep the rest
        int spill = bits - 58;
        words[w++] = (acc << (6 - spill)) | ((v & 0x3f) >>> spill);
        acc = v & ((1 << spill) - 1);
        bits = spill;
      }
    }
    if (check < 0) {
      return null;
    }
    if (bits > 0) {
      words[w] = acc << (64 - bits);
    }
    return new BitReader(words, n * 6 - fillBits);
  }

  /** Number of payload bits (six per character, less the fill bits). */
  public int length() {
    return length;
  }

  /** Current bit position (0 = first bit of the message type). */
  public int position() {
    return position;
  }

  /** Bits left after the cursor. */
  public int remaining() {
    return length - position;
  }

  /** Moves the cursor to an absolute bit position (0..length). */
  public BitReader seek(int bit) {
    if (bit < 0 || bit > length) {
      throw new IndexOutOfBoundsException("bit " + bit + " outside 0.." + length);
    }
    position = bit;
    return this;
  }

  /** Skips {@code n} bits. */
  public BitReader skip(int n) {
    return seek(position + n);
  }

  /** Reads {@code n} (0-63) bits as an unsigned value. */
  public long unsignedLong(int n) {
    if (n < 0 || n > 63) {
      throw new IllegalArgumentException("field width must be 0-63: " + n);
    }
    if (n > length - position) {
      throw new IndexOutOfBoundsException(
          "field of " + n + " bits at " + position + " overruns " + length + " bits");
    }
    if (n == 0) {
      return 0;
    }
    int word = position >>> 6;
    int offset = position & 63;
    long hi = words[word] << offset;
    if (offset + n > 64) {
      hi |= words[word + 1] >>> (64 - offset);
    }
    position += n;
    return hi >>> (64 - n);
  }

  /** Reads {@code n} (0-32) bits as an unsigned int (values of 32 bits may look negative). */
  public int unsigned(int n) {
    if (n > 32) {
      throw new IllegalArgumentException("int field width must be 0-32: " + n);
    }
    return (int) unsignedLong(n);
  }

  /** Reads {@code n} (1-32) bits as a two's complement signed int. */
  public int signed(int n) {
    if (n < 1 || n > 32) {
      throw new IllegalArgumentException("signed field width must be 1-32: " + n);
    }
    long v = unsignedLong(n);
    return (int) ((v << (64 - n)) >> (64 - n));
  }

  /**
   * Reads up to {@code n} bits, fewer if the payload ends first (for a last field of a message sent
   * a few bits short, as gpsd reads it).
   */
  public int unsignedUpTo(int n) {
    return unsigned(Math.min(n, Math.max(0, remaining())));
  }

  /** Reads one bit as a boolean. */
  public boolean bool() {
    return unsignedLong(1) != 0;
  }

  /**
   * Reads {@code chars} six-bit characters as text, as gpsd does: the text ends at the first '@'
   * (0, the padding character) and trailing spaces are removed. Always consumes all the bits.
   */
  public String text(int chars) {
    if (chars < 0 || chars * 6 > length - position) {
      throw new IndexOutOfBoundsException(
          "text of " + chars + " chars at " + position + " overruns " + length + " bits");
    }
    char[] buf = new char[chars];
    int end = chars;
    for (int i = 0; i < chars; i++) {
      char c = SixBit.textChar((int) unsignedLong(6));
      if (c == '@' && end == chars) {
        end = i;
      }
      buf[i] = c;
    }
    while (end > 0 && (buf[end - 1] == '@' || buf[end - 1] == ' ')) {
      end--;
    }
    return new String(buf, 0, end);
  }

  /** Reads as many whole six-bit characters as fit, up to {@code maxChars}, as {@link #text}. */
  public String textUpTo(int maxChars) {
    return text(Math.min(maxChars, Math.max(0, remaining()) / 6));
  }

  /**
   * Reads the next {@code n} bits as lower-case hex, zero-padded to whole bytes (as gpsd's
   * {@code "data"}).
   */
  public String hex(int n) {
    if (n < 0 || n > length - position) {
      throw new IndexOutOfBoundsException(
          "data of " + n + " bits at " + position + " overruns " + length + " bits");
    }
    char[] out = new char[(n + 7) / 8 * 2];
    int i = 0;
    int left = n;
    while (left > 0) {
      int take = Math.min(4, left);
      int nibble = (int) unsignedLong(take) << (4 - take);
      out[i++] = Character.forDigit(nibble, 16);
      left -= take;
    }
    while (i < out.length) {
      out[i++] = '0';
    }
    return new String(out);
  }
}
