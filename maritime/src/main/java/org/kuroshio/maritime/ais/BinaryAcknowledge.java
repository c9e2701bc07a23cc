package org.kuroshio.maritime.ais;

import java.util.List;

/** Types 7 and 13: binary / safety acknowledgement of 1-4 (MMSI, sequence number) pairs. */
public record BinaryAcknowledge(
    int type, int repeat, int mmsi, List<Integer> mmsis, List<Integer> seqnos)
    implements AisMessage {
  /** Copies the lists. */
  public BinaryAcknowledge {
    mmsis = List.copyOf(mmsis);
    seqnos = List.copyOf(seqnos);
  }
}
