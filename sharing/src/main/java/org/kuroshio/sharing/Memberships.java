package org.kuroshio.sharing;

import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.KuroshioExtensions;
import org.kuroshio.stix.Tlp;

/**
 * Which collections a version belongs to (docs/SHARING.md, "Collections"): its owner's local
 * collection, and the collection of every agreement (not terminated) of the sharer under which
 * the rule could release it to another party.
 */
final class Memberships {
  private Memberships() {}

  /** Returns whether agreement {@code a} could release the version to one of its parties. */
  static boolean fits(Agreement a, String type, String id, @Nullable Tlp tlp, Set<String> domains,
      boolean received) {
    if (a.status() == AgreementStatus.TERMINATED) {
      return false;
    }
    switch (type) {
      case "marking-definition", "extension-definition" -> {
        return true;
      }
      case KuroshioExtensions.AGREEMENT_TYPE -> {
        return a.id().equals(id);
      }
      case "identity" -> {
        if (a.hasParty(id)) {
          return true;
        }
      }
      default -> { }
    }
    if (tlp == null || (received && tlp != Tlp.CLEAR && tlp != Tlp.GREEN)) {
      return false;
    }
    return a.coversDomains(domains) && a.coversTlp(tlp);
  }

  /**
   * Returns the collections a new version joins besides {@code target}: the sharer's local
   * collection (for a contribution, not a received version) and its fitting agreements'.
   */
  static Set<String> of(SharingState state, String target, String sharer, String type, String id,
      @Nullable Tlp tlp, Set<String> domains, boolean received) {
    Set<String> out = new LinkedHashSet<>();
    if (!received) {
      out.add(SharingState.localCollectionId(sharer));
    }
    for (Agreement a : state.agreementsOf(sharer)) {
      if (fits(a, type, id, tlp, domains, received)) {
        out.add(a.collectionId());
      }
    }
    out.remove(target);
    return out;
  }
}
