package org.kuroshio.maritime.ais;

import org.jspecify.annotations.Nullable;

/** Type 21: aid-to-navigation report; {@code name} includes the name extension. */
public record AidToNavigationReport(
    int type,
    int repeat,
    int mmsi,
    int aidType,
    String name,
    boolean accuracy,
    @Nullable Double lon,
    @Nullable Double lat,
    int toBow,
    int toStern,
    int toPort,
    int toStarboard,
    int epfd,
    int second,
    boolean offPosition,
    int regional,
    boolean raim,
    boolean virtualAid,
    boolean assigned)
    implements AisMessage {}
