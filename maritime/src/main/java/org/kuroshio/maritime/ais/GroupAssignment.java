package org.kuroshio.maritime.ais;

/** Type 23: group assignment command; corners in degrees (1/10 min resolution). */
public record GroupAssignment(
    int type,
    int repeat,
    int mmsi,
    double neLon,
    double neLat,
    double swLon,
    double swLat,
    int stationType,
    int shiptype,
    int txrx,
    int interval,
    int quiet)
    implements AisMessage {}
