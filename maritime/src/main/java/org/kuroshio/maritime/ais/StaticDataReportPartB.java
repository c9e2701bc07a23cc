package org.kuroshio.maritime.ais;

/**
 * Type 24 part B. For an auxiliary craft (MMSI 98MIDxxxx) {@code mothershipMmsi} is set and the
 * dimensions are 0; otherwise {@code mothershipMmsi} is 0. {@code vendorId} is the 7-char pre
 * M.1371-4 reading of bits 48-89 (as gpsd's {@code vendorid}); {@code model}/{@code serial} are the
 * M.1371-4 reading of its last 24 bits.
 */
public record StaticDataReportPartB(
    int type,
    int repeat,
    int mmsi,
    int shiptype,
    String vendorId,
    int model,
    int serial,
    String callsign,
    int toBow,
    int toStern,
    int toPort,
    int toStarboard,
    int mothershipMmsi)
    implements AisMessage {}
