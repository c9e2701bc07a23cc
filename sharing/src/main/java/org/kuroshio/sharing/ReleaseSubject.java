package org.kuroshio.sharing;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.Tlp;
import org.kuroshio.store.StoredVersion;

/**
 * What the release rule needs to know about one object version: never its body.
 *
 * @param id the object id
 * @param type the object type
 * @param owner the organisation that contributed it to this node, or the peer organisation it was
 *     pulled from
 * @param tlp its TLP, or null when unmarked
 * @param domains its domains
 * @param releaseTo the identity ids a TLP:RED marking names
 * @param receivedBy for a version pulled from another node, the organisation on this node that
 *     received it (its first recipient); null for a version contributed on this node
 */
public record ReleaseSubject(
    String id,
    String type,
    String owner,
    @Nullable Tlp tlp,
    Set<String> domains,
    List<String> releaseTo,
    @Nullable String receivedBy) {

  public ReleaseSubject {
    domains = Set.copyOf(domains);
    releaseTo = List.copyOf(releaseTo);
  }

  /** Returns whether the version came from another node. */
  public boolean received() {
    return receivedBy != null;
  }

  /** Returns the subject of a stored version (an unknown TLP name counts as unmarked). */
  public static ReleaseSubject of(StoredVersion v) {
    String name = v.tlp();
    Tlp tlp = name == null ? null : switch (name) {
      // The store keeps wire names; the switch spares a lookup per version read.
      case "clear" -> Tlp.CLEAR;
      case "green" -> Tlp.GREEN;
      case "amber" -> Tlp.AMBER;
      case "amber+strict" -> Tlp.AMBER_STRICT;
      case "red" -> Tlp.RED;
      default -> Tlp.fromName(name).orElse(null);
    };
    return new ReleaseSubject(v.id(), v.type(), v.owner(), tlp, v.domains(), v.releaseTo(),
        v.receivedBy());
  }
}
