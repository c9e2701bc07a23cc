package org.kuroshio.maritime.ais;

import org.jspecify.annotations.Nullable;

/** Type 27: long-range position report; positions at 1/10 min, speed knots, course degrees. */
public record LongRangeReport(
    int type,
    int repeat,
    int mmsi,
    boolean accuracy,
    boolean raim,
    int navStatus,
    @Nullable Double lon,
    @Nullable Double lat,
    @Nullable Integer speed,
    @Nullable Integer course,
    boolean gnss)
    implements AisMessage {}
