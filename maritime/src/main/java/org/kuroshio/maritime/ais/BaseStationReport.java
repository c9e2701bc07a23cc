package org.kuroshio.maritime.ais;

import org.jspecify.annotations.Nullable;

/** Types 4 and 11: base station report / UTC response; date fields keep their n/a sentinels. */
public record BaseStationReport(
    int type,
    int repeat,
    int mmsi,
    int year,
    int month,
    int day,
    int hour,
    int minute,
    int second,
    boolean accuracy,
    @Nullable Double lon,
    @Nullable Double lat,
    int epfd,
    boolean raim,
    int radio)
    implements AisMessage {}
