package org.kuroshio.maritime.ais;

import org.jspecify.annotations.Nullable;

/** Type 9: SAR aircraft position report; altitude in metres, speed in whole knots. */
public record SarAircraftReport(
    int type,
    int repeat,
    int mmsi,
    @Nullable Integer altitude,
    @Nullable Integer speed,
    boolean accuracy,
    @Nullable Double lon,
    @Nullable Double lat,
    @Nullable Double course,
    int second,
    int regional,
    boolean dte,
    boolean assigned,
    boolean raim,
    int radio)
    implements AisMessage {}
