package org.kuroshio.store;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One object version as stored in one collection.
 *
 * @param id the object id
 * @param type the object type
 * @param specVersion the spec version ({@code 2.1} when the object omits it)
 * @param version the version timestamp (modified, else created, else first date added)
 * @param versionText the version as TAXII reports it (the object's own timestamp text)
 * @param dateAdded when this version was added to the collection (microsecond precision)
 * @param revoked whether this version revokes the object
 * @param owner the contributing organisation
 * @param domains the object's domains
 * @param tlp the TLP level name or null when unmarked
 * @param releaseTo explicit release list
 * @param receivedFrom peer node it came from, or null
 * @param receivedBy the organisation on this node that received it from the peer, or null
 * @param json the raw JSON text, or null when the query asked for no bodies
 */
public record StoredVersion(
    String id,
    String type,
    String specVersion,
    Instant version,
    String versionText,
    Instant dateAdded,
    boolean revoked,
    String owner,
    Set<String> domains,
    @Nullable String tlp,
    List<String> releaseTo,
    @Nullable String receivedFrom,
    @Nullable String receivedBy,
    @Nullable String json) {

  public StoredVersion {
    domains = Set.copyOf(domains);
    releaseTo = List.copyOf(releaseTo);
  }
}
