package org.kuroshio.taxii.client;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A paged TAXII response with its date-added headers.
 *
 * @param body the resource (envelope, manifest or versions)
 * @param dateAddedFirst {@code X-TAXII-Date-Added-First}, or null when absent
 * @param dateAddedLast {@code X-TAXII-Date-Added-Last}, or null when absent
 */
public record TaxiiPage<T>(T body, @Nullable Instant dateAddedFirst, @Nullable Instant dateAddedLast) {}
