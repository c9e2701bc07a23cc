package org.kuroshio.maritime.ais;

import org.jspecify.annotations.Nullable;

/** Type 18: standard class B position report. */
public record PositionReportClassB(
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
    boolean cs,
    boolean display,
    boolean dsc,
    boolean band,
    boolean msg22,
    boolean assigned,
    boolean raim,
    int radio)
    implements AisMessage {}
