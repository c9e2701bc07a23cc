package org.kuroshio.maritime.ais;

/**
 * Type 22: channel management. When {@code addressed}, {@code dest1}/{@code dest2} are set and the
 * corners are 0; otherwise the corners (degrees, 1/10 min resolution) are set and dests are 0.
 */
public record ChannelManagement(
    int type,
    int repeat,
    int mmsi,
    int channelA,
    int channelB,
    int txrx,
    boolean power,
    boolean addressed,
    double neLon,
    double neLat,
    double swLon,
    double swLat,
    int dest1,
    int dest2,
    boolean bandA,
    boolean bandB,
    int zonesize)
    implements AisMessage {}
