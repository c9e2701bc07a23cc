package org.kuroshio.maritime.ais;

/** Type 8: broadcast binary message; application data kept raw as hex of {@code dataBits} bits. */
public record BinaryBroadcast(
    int type, int repeat, int mmsi, int dac, int fid, int dataBits, String data)
    implements AisMessage {}
