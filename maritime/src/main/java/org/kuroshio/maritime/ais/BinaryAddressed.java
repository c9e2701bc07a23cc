package org.kuroshio.maritime.ais;

/** Type 6: addressed binary message; application data kept raw as hex of {@code dataBits} bits. */
public record BinaryAddressed(
    int type,
    int repeat,
    int mmsi,
    int seqno,
    int destMmsi,
    boolean retransmit,
    int dac,
    int fid,
    int dataBits,
    String data)
    implements AisMessage {}
