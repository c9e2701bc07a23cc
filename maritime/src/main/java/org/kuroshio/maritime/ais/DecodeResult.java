package org.kuroshio.maritime.ais;

/** The outcome of decoding one payload: a message or an error kind. */
public sealed interface DecodeResult {

  /** A decoded message. */
  record Decoded(AisMessage message) implements DecodeResult {}

  /** A payload that could not be decoded, with the kind and a short detail. */
  record Failed(DecodeError error, String detail) implements DecodeResult {}

  /** Returns the message, or {@code null} when decoding failed. */
  default @org.jspecify.annotations.Nullable AisMessage messageOrNull() {
    return this instanceof Decoded d ? d.message() : null;
  }
}
