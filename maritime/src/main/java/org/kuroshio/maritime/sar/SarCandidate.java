package org.kuroshio.maritime.sar;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A vessel that could assist at a distress position.
 *
 * @param mmsi the vessel's MMSI
 * @param name its name from the vessel registry, or null when not (yet) reported
 * @param callSign its call sign from the vessel registry, or null
 * @param distanceM great-circle distance to the distress position, metres
 * @param speedKn its speed over ground in knots, or NaN when not reported
 * @param courseDeg its course over ground in degrees, or NaN when not reported
 * @param timeToReach distance / speed, or null when the speed is below the moving threshold
 *     (default 0.5 kn) or unknown
 * @param bearingToDistressDeg initial bearing from the vessel to the distress position, degrees
 * @param positionTime time of the position used, epoch ms
 * @param lat the vessel's latitude
 * @param lon the vessel's longitude
 */
public record SarCandidate(
    int mmsi, @Nullable String name, @Nullable String callSign, double distanceM, double speedKn,
    double courseDeg, @Nullable Duration timeToReach, double bearingToDistressDeg,
    long positionTime, double lat, double lon) {}
