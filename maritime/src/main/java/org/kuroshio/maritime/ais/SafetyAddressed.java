package org.kuroshio.maritime.ais;

/** Type 12: addressed safety related message (six-bit text). */
public record SafetyAddressed(
    int type, int repeat, int mmsi, int seqno, int destMmsi, boolean retransmit, String text)
    implements AisMessage {}
