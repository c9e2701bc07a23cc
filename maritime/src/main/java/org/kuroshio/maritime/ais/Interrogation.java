package org.kuroshio.maritime.ais;

/** Type 15: interrogation; fields absent from a short message are 0. */
public record Interrogation(
    int type,
    int repeat,
    int mmsi,
    int mmsi1,
    int type11,
    int offset11,
    int type12,
    int offset12,
    int mmsi2,
    int type21,
    int offset21)
    implements AisMessage {}
