package org.kuroshio.maritime.ais;

/** Type 17: DGNSS broadcast; reference position in degrees (1/10 min resolution), data as hex. */
public record DgnssBroadcast(
    int type, int repeat, int mmsi, double lon, double lat, int dataBits, String data)
    implements AisMessage {}
