package org.kuroshio.maritime.ais;

/** Why a payload could not be decoded. */
public enum DecodeError {
  /** The payload is empty. */
  EMPTY,
  /** A character outside the armouring alphabet. */
  BAD_CHARACTER,
  /** Fill bits outside 0-5 or more than the payload. */
  BAD_FILL_BITS,
  /** Fewer bits than the message type needs. */
  TOO_SHORT,
  /** Message type 0 or above 27. */
  UNKNOWN_TYPE,
  /** A field holds a value the type does not allow (e.g. type 24 part 2 or 3). */
  INVALID_FIELD
}
