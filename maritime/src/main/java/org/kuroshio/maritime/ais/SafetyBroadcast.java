package org.kuroshio.maritime.ais;

/** Type 14: broadcast safety related message (six-bit text). */
public record SafetyBroadcast(int type, int repeat, int mmsi, String text) implements AisMessage {}
