package org.kuroshio.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One contribution of an object version to this node: who brought it, from where, under what.
 *
 * @param objectId the object id
 * @param version the version text (as TAXII reports it)
 * @param organisation the contributing organisation ({@link NewVersion#owner()} of that add)
 * @param node the peer node it was received from, or null when contributed on this node
 * @param agreement the agreement it was contributed or received under, or null
 * @param at when the contribution was recorded (microsecond precision; the first contribution of
 *     a version is recorded at the version's first date added)
 */
public record Contribution(
    String objectId,
    String version,
    String organisation,
    @Nullable String node,
    @Nullable String agreement,
    Instant at) {}
