package org.kuroshio.maritime.ais;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One decoded AIS message with what the recording said about it.
 *
 * @param message the decoded message
 * @param time when it was received (tag block or recorded timestamp), or null when unknown
 * @param channel the radio channel ({@link AisPayload#NO_CHANNEL} when not given)
 * @param source the receiving station from the tag block, or null
 */
public record TimedAisMessage(
    AisMessage message, @Nullable Instant time, char channel, @Nullable String source) {}
