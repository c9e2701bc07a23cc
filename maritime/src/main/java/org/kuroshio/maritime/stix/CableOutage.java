package org.kuroshio.maritime.stix;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A cable outage that an analyst records: which cable, since when (and until when, once
 * repaired), who reported it.
 *
 * @param cableId the cable's id, as in the cable data and in cable-threat events' {@code cableId}
 * @param cableName the cable's name, for people
 * @param start when the outage began (or was first noticed)
 * @param end when service was restored, or null while the outage lasts
 * @param reportedBy who reported it (an organisation, an operator, an identity id)
 * @param description what is known, or null
 */
public record CableOutage(
    String cableId, String cableName, Instant start, @Nullable Instant end, String reportedBy,
    @Nullable String description) {

  /** Most characters of the cable id, name and reporter. */
  public static final int MAX_NAME = 200;
  /** Most characters of the description. */
  public static final int MAX_DESCRIPTION = 4000;

  /**
   * Checks the outage.
   *
   * @throws IllegalArgumentException when the cable id or reporter is blank, a text is too long,
   *     or the outage ends before it starts
   */
  public CableOutage {
    require("cableId", cableId, true);
    require("cableName", cableName, false);
    require("reportedBy", reportedBy, true);
    if (description != null && description.length() > MAX_DESCRIPTION) {
      throw new IllegalArgumentException("outage description longer than " + MAX_DESCRIPTION
          + " characters");
    }
    if (end != null && end.isBefore(start)) {
      throw new IllegalArgumentException("outage of " + cableId + " ends (" + end
          + ") before it starts (" + start + ")");
    }
  }

  private static void require(String what, String value, boolean nonBlank) {
    if (nonBlank && value.isBlank()) {
      throw new IllegalArgumentException("outage " + what + " must not be blank");
    }
    if (value.length() > MAX_NAME) {
      throw new IllegalArgumentException("outage " + what + " longer than " + MAX_NAME
          + " characters");
    }
  }
}
