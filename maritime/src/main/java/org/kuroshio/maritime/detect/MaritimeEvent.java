package org.kuroshio.maritime.detect;

import java.util.List;
import java.util.Map;
import org.kuroshio.maritime.vessel.Fix;

/**
 * What a detector found, with the evidence an analyst needs to check it.
 *
 * @param kind what was found
 * @param mmsi the vessel concerned
 * @param otherMmsi the second vessel (encounter, identity swap), or 0 when none
 * @param start when the behaviour began, epoch milliseconds
 * @param end when it ended (or was last seen), epoch milliseconds
 * @param lat where it happened (a representative position), degrees
 * @param lon where it happened, degrees
 * @param score how strongly it indicates a threat, 0-1 (1 for plain facts such as a gap)
 * @param summary one sentence for a human, naming the threshold that was crossed
 * @param evidence the positions that show it, in time order (bounded by the detector)
 * @param details named values (thresholds, cable, zone, previous and new identity ...)
 */
public record MaritimeEvent(
    EventKind kind, int mmsi, int otherMmsi, long start, long end, double lat, double lon,
    double score, String summary, List<Fix> evidence, Map<String, String> details) {

  /** Copies the lists so an event never changes after it is made. */
  public MaritimeEvent {
    evidence = List.copyOf(evidence);
    details = Map.copyOf(details);
  }
}
