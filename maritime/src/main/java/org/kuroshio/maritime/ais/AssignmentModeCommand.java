package org.kuroshio.maritime.ais;

/** Type 16: assignment mode command for one or two stations; absent second station = 0. */
public record AssignmentModeCommand(
    int type,
    int repeat,
    int mmsi,
    int mmsi1,
    int offset1,
    int increment1,
    int mmsi2,
    int offset2,
    int increment2)
    implements AisMessage {}
