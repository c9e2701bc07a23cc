package org.kuroshio.maritime.scenario;

/**
 * The identity a synthetic vessel transmits.
 *
 * @param mmsi its MMSI
 * @param imo its IMO number, 0 when none
 * @param name its name
 * @param callSign its call sign
 * @param shipType AIS ship type code (70 cargo, 30 fishing, 80 tanker ...)
 * @param length length overall in metres
 * @param beam beam in metres
 * @param destination the destination it sends
 */
public record ScenarioVessel(
    int mmsi, int imo, String name, String callSign, int shipType, int length, int beam,
    String destination) {}
