package org.kuroshio.maritime.ais;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The reassembled 6-bit armoured payload of one whole AIS message, handed from the sentence layer
 * to the payload decoder.
 *
 * @param armored the payload characters of all fragments in order
 * @param fillBits fill bits of the last fragment (0-5)
 * @param time reception time from a tag block {@code c:} or a {@code $PGHP} line, when present
 * @param channel radio channel ({@code A}, {@code B}, {@code 1}, {@code 2}), or {@link #NO_CHANNEL}
 * @param source station from a tag block {@code s:}, when present
 */
public record AisPayload(
    String armored, int fillBits, @Nullable Instant time, char channel, @Nullable String source) {

  /** Channel value when the sentence's channel field is empty. */
  public static final char NO_CHANNEL = '\0';

  /** Checks the fill bits. */
  public AisPayload {
    if (fillBits < 0 || fillBits > 5) {
      throw new IllegalArgumentException("fill bits must be 0-5: " + fillBits);
    }
  }
}
