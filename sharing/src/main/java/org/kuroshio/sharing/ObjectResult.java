package org.kuroshio.sharing;

import org.jspecify.annotations.Nullable;

/**
 * What ingest did with one object: TAXII status details.
 *
 * @param id the object id as given (or {@code objects[i]} when the object has no string id)
 * @param version the version text (modified, else created, else the date added; empty when the
 *     object never got that far)
 * @param success whether the object is in the collection now
 * @param message why it failed, or a note on success (such as "unchanged"), or null
 */
public record ObjectResult(
    String id, String version, boolean success, @Nullable String message) {}
