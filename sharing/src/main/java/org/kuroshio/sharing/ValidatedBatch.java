package org.kuroshio.sharing;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.StixObject;

/**
 * Objects that passed (or failed) the ingest pipeline's validation, ready for
 * {@link Ingest#add(Principal, String, ValidatedBatch)}. Only {@link Ingest#validate} makes them,
 * so a batch cannot claim a validation it never had; validating needs no store and no principal,
 * so a caller may validate the next batch on one thread while another stores the current one.
 */
public final class ValidatedBatch {
  /** One object: accepted (with its wrapped form) or refused (with the reason). */
  record Entry(String id, String version, @Nullable StixObject object, @Nullable String refusal) {}

  private final Object validatedBy;
  private final List<Entry> entries;

  ValidatedBatch(Object validatedBy, List<Entry> entries) {
    this.validatedBy = validatedBy;
    this.entries = List.copyOf(entries);
  }

  /** Returns how many objects the batch holds. */
  public int size() {
    return entries.size();
  }

  Object validatedBy() {
    return validatedBy;
  }

  List<Entry> entries() {
    return entries;
  }
}
