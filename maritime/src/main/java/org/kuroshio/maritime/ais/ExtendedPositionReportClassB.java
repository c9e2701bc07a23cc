package org.kuroshio.maritime.ais;

import org.jspecify.annotations.Nullable;

/** Type 19: extended class B position report with static data. */
public record ExtendedPositionReportClassB(
    int type,
    int repeat,
    int mmsi,
    int reserved,
    @Nullable Double speed,
    boolean accuracy,
    @Nullable Double lon,
    @Nullable Double lat,
    @Nullable Double course,
    @Nullable Integer heading,
    int second,
    int regional,
    String shipname,
    int shiptype,
    int toBow,
    int toStern,
    int toPort,
    int toStarboard,
    int epfd,
    boolean raim,
    boolean dte,
    boolean assigned)
    implements AisMessage {}
