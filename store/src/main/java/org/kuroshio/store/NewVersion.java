package org.kuroshio.store;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.StixObject;

/**
 * An object version to store, with what the node knows about it besides its JSON.
 *
 * @param object the STIX object
 * @param owner id of the organisation that contributed it to this node (never taken from
 *     {@code created_by_ref})
 * @param domains the object's domains (cyber, maritime, ...), derived before storing
 * @param tlp the object's TLP level name ({@code clear}, {@code green}, {@code amber},
 *     {@code amber+strict}, {@code red}) or null when unmarked
 * @param releaseTo identity ids the object may be released to explicitly (TLP:RED lists)
 * @param receivedFrom the peer node it was pulled from, or null when contributed locally
 * @param receivedBy for a version pulled from a peer, the organisation on this node that received
 *     it (its first recipient); null when contributed locally
 * @param agreement the agreement it was contributed or received under, or null (recorded in the
 *     version's provenance)
 * @param alsoIn ids of further collections the version becomes a member of (besides the one
 *     {@link StixStore#add} is given), where it is not one already
 */
public record NewVersion(
    StixObject object,
    String owner,
    Set<String> domains,
    @Nullable String tlp,
    List<String> releaseTo,
    @Nullable String receivedFrom,
    @Nullable String receivedBy,
    @Nullable String agreement,
    Set<String> alsoIn) {

  public NewVersion {
    if (owner.isBlank()) {
      throw new IllegalArgumentException("owner must not be blank");
    }
    domains = Set.copyOf(domains);
    releaseTo = List.copyOf(releaseTo);
    alsoIn = Set.copyOf(alsoIn);
    if ((receivedFrom == null) != (receivedBy == null)) {
      throw new IllegalArgumentException("receivedFrom and receivedBy go together");
    }
  }

  /** Returns a locally contributed version with no derived metadata. */
  public static NewVersion of(StixObject object, String owner) {
    return new NewVersion(object, owner, Set.of(), null, List.of(), null, null, null, Set.of());
  }
}
