package org.kuroshio.taxii.federation;

import org.jspecify.annotations.Nullable;

/**
 * What one pass over one link did.
 *
 * @param peer the peer id
 * @param collection the collection id (the same on both nodes)
 * @param direction pull or push
 * @param ok whether the pass ended without a failure (a failure leaves the cursor where the last
 *     fully handled page put it)
 * @param pages pages handled
 * @param objects objects received (pull) or sent (push)
 * @param accepted objects now held by the receiving side (new or already there)
 * @param refused objects the receiving side refused, one by one (invalid, owned by another
 *     organisation, a clashing version); the cursor moves past them, they are logged
 * @param more whether the pass stopped at a bound with more to do (the next tick continues)
 * @param error the failure, or null when {@code ok}
 */
public record PassResult(String peer, String collection, Direction direction, boolean ok,
    int pages, int objects, int accepted, int refused, boolean more, @Nullable String error) {}
