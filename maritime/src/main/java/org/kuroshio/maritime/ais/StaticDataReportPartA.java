package org.kuroshio.maritime.ais;

/** Type 24 part A: ship name. */
public record StaticDataReportPartA(int type, int repeat, int mmsi, String shipname)
    implements AisMessage {}
