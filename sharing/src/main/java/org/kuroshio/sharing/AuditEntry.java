package org.kuroshio.sharing;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One release, as the audit log records it: who received which object versions, through which
 * action and collection, and under which agreement each went.
 *
 * @param at when the release was made
 * @param user the user name of the principal
 * @param organisation the receiving organisation (identity id)
 * @param action what let the data out ({@code taxii.objects}, {@code taxii.manifest},
 *     {@code taxii.versions}, {@code api.object}, {@code api.search}, {@code export}, ...)
 * @param collection the collection read, or null for paths without one
 * @param items the released versions
 */
public record AuditEntry(
    Instant at,
    String user,
    String organisation,
    String action,
    @Nullable String collection,
    List<Item> items) {

  public AuditEntry {
    items = List.copyOf(items);
  }

  /**
   * One released version.
   *
   * @param id the object id
   * @param version the version as TAXII reports it
   * @param reason the release rule's reason ({@link Decision.Reason} name)
   * @param agreement the agreement it went under, or null (owner, definitions, ...)
   */
  public record Item(String id, String version, String reason, @Nullable String agreement) {}
}
