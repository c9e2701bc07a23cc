package org.kuroshio.maritime.ais;

/** An NMEA sentence or tag block that cannot be parsed, with the kind of failure. */
public final class NmeaFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final DecodeStats.Kind kind;

  /** Creates the exception. */
  public NmeaFormatException(DecodeStats.Kind kind, String message) {
    super(kind + ": " + message);
    this.kind = kind;
  }

  /** The failure kind. */
  public DecodeStats.Kind kind() {
    return kind;
  }
}
