package org.kuroshio.maritime.ais;

/**
 * Types 25 (single slot) and 26 (multiple slot) binary messages: {@code destMmsi} is 0 unless
 * addressed, {@code appId} -1 unless structured, {@code radio} 0 for type 25; data as hex.
 */
public record BinarySlot(
    int type,
    int repeat,
    int mmsi,
    boolean addressed,
    boolean structured,
    int destMmsi,
    int appId,
    int dataBits,
    String data,
    int radio)
    implements AisMessage {}
