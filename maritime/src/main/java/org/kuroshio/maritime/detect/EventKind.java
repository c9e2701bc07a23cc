package org.kuroshio.maritime.detect;

/** What a detector found. The names are the wire names used in STIX and the REST API. */
public enum EventKind {
  /** AIS switched off or lost: no report for longer than the gap threshold (dark period). */
  AIS_GAP("ais-gap"),
  /** Slow movement (average below the loitering speed) for longer than the loitering time. */
  LOITERING("loitering"),
  /** Two vessels close together, slow, for longer than the encounter time. */
  ENCOUNTER("encounter"),
  /** Behaviour over a cable corridor that could damage the cable (slow, zigzag, anchor, gap). */
  CABLE_THREAT("cable-threat"),
  /** One identity vanishes and another appears at about the same place within minutes. */
  IDENTITY_SWAP("identity-swap"),
  /** One MMSI reported in two places at once (the implied speed is impossible). */
  MMSI_CONFLICT("mmsi-conflict"),
  /** A vessel's name, flag, IMO number or call sign changed. */
  IDENTITY_CHANGE("identity-change"),
  /** An MMSI whose maritime identification digits are not allocated. */
  INVALID_MMSI("invalid-mmsi"),
  /** A vessel entered a territorial sea or a user area of interest. */
  INCURSION("incursion");

  private final String wireName;

  EventKind(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in STIX objects and the REST API. */
  public String wireName() {
    return wireName;
  }

  /** The kind with this wire name. @throws IllegalArgumentException for an unknown name */
  public static EventKind ofWireName(String name) {
    for (EventKind k : values()) {
      if (k.wireName.equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown maritime event kind: " + name);
  }
}
