package org.kuroshio.sharing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.Tlp;
import org.kuroshio.store.StixStore;

/**
 * Organisations and agreements of a node, and the current {@link SharingState} the release rule
 * reads. Changes are persisted in the {@link Directory}, mirrored as STIX objects in the store
 * (so they can be shared), and then published as a new snapshot, which every later decision uses.
 * Only administrators of the node's own organisation may change them.
 */
public interface Governance {

  /** Returns the snapshot in force now. */
  SharingState state();

  /**
   * Registers an organisation (its identity and its {@code local} collection).
   *
   * @param id its identity id, or null to make one
   * @throws PolicyViolationException unless the principal administers this node
   * @throws IllegalArgumentException on a bad name or id
   */
  Organisation addOrganisation(Principal by, String name, @Nullable String id);

  /**
   * Records a draft agreement between known organisations and creates its collection.
   *
   * @throws PolicyViolationException unless the principal administers this node
   * @throws IllegalArgumentException naming an unknown party or a bad value
   */
  Agreement createAgreement(Principal by, AgreementKind kind, String title, List<String> parties,
      Set<String> domains, Tlp ceiling, Instant validFrom, @Nullable Instant validUntil);

  /**
   * Registers an agreement made elsewhere as it is (its id, status and history), such as one a
   * partner's node recorded, so that both nodes name the same collection; replaces an older
   * version of it.
   *
   * @throws PolicyViolationException unless the principal administers this node
   * @throws IllegalArgumentException naming an unknown party
   */
  Agreement adopt(Principal by, Agreement agreement);

  /**
   * Moves an agreement to another status, effective for the next release decision.
   *
   * @throws PolicyViolationException unless the principal administers this node
   * @throws NotFoundException when there is no such agreement
   * @throws IllegalArgumentException when the move is not allowed
   */
  Agreement changeStatus(Principal by, String agreementId, AgreementStatus next, String reason);

  /**
   * Opens governance over a store and directory, registering the node's own organisation when
   * the directory does not know it yet.
   */
  static Governance open(StixStore store, Directory directory, Organisation node, Clock clock) {
    return new StoreGovernance(store, directory, node, clock);
  }
}
