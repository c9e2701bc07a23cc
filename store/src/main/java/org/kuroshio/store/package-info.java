/**
 * Versioned STIX object persistence behind {@link org.kuroshio.store.StixStore}: every version of
 * every object with the date it was added to each collection, on embedded H2 or PostgreSQL.
 */
@NullMarked
package org.kuroshio.store;

import org.jspecify.annotations.NullMarked;
