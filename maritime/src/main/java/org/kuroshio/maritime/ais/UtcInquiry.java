package org.kuroshio.maritime.ais;

/** Type 10: UTC/date inquiry addressed to {@code destMmsi}. */
public record UtcInquiry(int type, int repeat, int mmsi, int destMmsi) implements AisMessage {}
