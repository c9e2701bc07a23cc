package org.kuroshio.sharing;

import java.time.Instant;

/**
 * One entry of an agreement's status history.
 *
 * @param status the status the agreement moved to
 * @param by who changed it ({@code user@organisation-id})
 * @param at when
 * @param reason why, as the person wrote it (may be empty)
 */
public record StatusChange(AgreementStatus status, String by, Instant at, String reason) {

  /** Longest reason accepted. */
  public static final int MAX_REASON = 2_000;

  public StatusChange {
    Checks.require(!by.isBlank(), "status change needs who made it");
    Checks.require(reason.length() <= MAX_REASON,
        "status change reason longer than " + MAX_REASON + " characters");
  }
}
