package org.kuroshio.maritime.ais;

/** Type 5: static and voyage related data; ETA and draught keep their n/a sentinels (0/24/60). */
public record StaticVoyageData(
    int type,
    int repeat,
    int mmsi,
    int aisVersion,
    int imo,
    String callsign,
    String shipname,
    int shiptype,
    int toBow,
    int toStern,
    int toPort,
    int toStarboard,
    int epfd,
    int etaMonth,
    int etaDay,
    int etaHour,
    int etaMinute,
    double draught,
    String destination,
    boolean dte)
    implements AisMessage {}
