package org.kuroshio.maritime.ais;

/** The AIS armouring: payload characters to 6-bit values, and 6-bit values to text characters. */
public final class SixBit {
  private SixBit() {}

  /** Marks a character that is not a valid armoured payload character. */
  public static final int INVALID = -1;

  private static final byte[] VALUES = new byte[128];

  static {
    java.util.Arrays.fill(VALUES, (byte) INVALID);
    for (int c = '0'; c <= 'W'; c++) {
      VALUES[c] = (byte) (c - 48);
    }
    for (int c = '`'; c <= 'w'; c++) {
      VALUES[c] = (byte) (c - 56);
    }
  }

  /** Returns the 6-bit value (0-63) of an armoured character, or {@link #INVALID}. */
  public static int value(char c) {
    return c < 128 ? VALUES[c] : INVALID;
  }

  /** Returns whether the character is a valid armoured payload character. */
  public static boolean isValid(char c) {
    return value(c) != INVALID;
  }

  /** Returns the index of the first invalid character in {@code armored}, or -1 if all are valid. */
  public static int firstInvalid(CharSequence armored) {
    for (int i = 0, n = armored.length(); i < n; i++) {
      if (value(armored.charAt(i)) == INVALID) {
        return i;
      }
    }
    return -1;
  }

  /** Returns the text character of a 6-bit value: 0-31 map to '@'..'_', 32-63 to ' '..'?'. */
  public static char textChar(int sixBits) {
    int v = sixBits & 0x3f;
    return (char) (v < 32 ? v + 64 : v);
  }
}
