/**
 * Federation between Kuroshio nodes over TAXII 2.1: pulling a peer's agreement collections with
 * {@code added_after} cursors that survive restarts, pushing what the release rule lets go to the
 * peer, and retrying peers that fail with backoff
 * ({@link org.kuroshio.taxii.federation.Federation}, docs/FEDERATION.md). It uses the client,
 * never the server.
 */
@NullMarked
package org.kuroshio.taxii.federation;

import org.jspecify.annotations.NullMarked;
