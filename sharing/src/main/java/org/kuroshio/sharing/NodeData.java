package org.kuroshio.sharing;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kuroshio.store.Contribution;
import org.kuroshio.store.ObjectQuery;
import org.kuroshio.store.Page;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.StoredVersion;
import org.kuroshio.store.VersionMatch;
import tools.jackson.databind.JsonNode;

/**
 * The one door to a node's data: every read, count and write names a {@link Principal}; every
 * object version that leaves passes {@link ReleaseRule} and is written to the {@link AuditLog}.
 *
 * <p>An organisation sees its {@code local} collection and the collection of each agreement in
 * force that it is party to (docs/SHARING.md). A collection or object the principal may not see
 * is reported exactly as one that does not exist ({@link NotFoundException}); where it may see
 * the collection but lacks the right for the action, {@link PolicyViolationException}.
 */
public interface NodeData extends Ingest {

  /** Returns the collections the principal may read or write: local first, then by title. */
  List<CollectionView> collections(Principal principal);

  /** Returns one collection when the principal may read or write it; empty otherwise. */
  Optional<CollectionView> collection(Principal principal, String collectionId);

  /**
   * Returns one page of the object versions of a readable collection that the release rule lets
   * the principal's organisation have, and records the release ({@code action} names the path,
   * such as {@code taxii.objects}). Ask for bodies with {@link ObjectQuery#withBody()}.
   *
   * @throws NotFoundException when the collection does not exist or is invisible to the principal
   * @throws PolicyViolationException when the principal may write but not read it
   */
  Page<StoredVersion> query(Principal principal, String collectionId, ObjectQuery query,
      String action);

  /** As {@link #query(Principal, String, ObjectQuery, String)}, action {@code read}. */
  default Page<StoredVersion> query(Principal principal, String collectionId, ObjectQuery query) {
    return query(principal, collectionId, query, "read");
  }

  /**
   * Counts the versions of a readable collection the rule releases to the principal (limit and
   * cursor ignored). The count reads at most 200,000 versions of the collection: beyond that it
   * is the count among those.
   *
   * @throws NotFoundException when the collection does not exist or is invisible to the principal
   * @throws PolicyViolationException when the principal may write but not read it
   */
  long count(Principal principal, String collectionId, ObjectQuery query);

  /**
   * Returns whether a readable collection holds a version of the object released to the
   * principal.
   *
   * @throws NotFoundException when the collection does not exist or is invisible to the principal
   * @throws PolicyViolationException when the principal may write but not read it
   */
  boolean contains(Principal principal, String collectionId, String objectId);

  /**
   * Returns the versions of one object, from any collection, that the rule releases to the
   * principal's organisation, and records the release; empty when there are none (whether or
   * not the object exists).
   */
  List<StoredVersion> object(Principal principal, String objectId, VersionMatch versions,
      String action);

  /**
   * Returns the recorded contributions (who contributed it, from which node, under which
   * agreement, when) of the versions of an object released to the principal; empty when none is
   * (whether or not the object exists). Provenance names no contents, so it is not audited as a
   * release.
   */
  List<Contribution> provenance(Principal principal, String objectId);

  /**
   * Returns the latest versions, across the principal's collections, whose JSON contains
   * {@code text} (case-insensitive), optionally of some types, released to the principal.
   *
   * @throws IllegalArgumentException when text is longer than 200 characters or limit is not
   *     1..1,000
   */
  List<StoredVersion> search(Principal principal, String text, Set<String> types, int limit);

  /**
   * Explains whether the latest version of an object may go to an organisation. The principal
   * must own the object or administer the node.
   *
   * @throws NotFoundException when the object does not exist or the principal may not ask
   */
  Decision explain(Principal principal, String objectId, String organisation);

  /**
   * Lists, for every known organisation, whether the latest version of an object may go to it
   * and why. The principal must own the object or administer the node.
   *
   * @throws NotFoundException when the object does not exist or the principal may not ask
   */
  Map<String, Decision> releasability(Principal principal, String objectId);

  /**
   * Removes matching versions of an object the principal's organisation owns from a collection
   * it may read and write.
   *
   * @return how many versions were removed
   * @throws NotFoundException when the collection or object is invisible to the principal
   * @throws PolicyViolationException when the principal lacks read or write, or the object
   *     belongs to another organisation
   */
  int delete(
      Principal principal,
      String collectionId,
      String objectId,
      VersionMatch versions,
      Set<String> specVersions);

  /**
   * Stores objects pulled from a peer node under an agreement: owned by the peer's
   * organisation, received by the principal's organisation (their first recipient), with
   * provenance.
   *
   * @param agreementCollection the agreement's collection id (the same on both nodes)
   * @param peerOrganisation the peer node's organisation
   * @param peerNode the peer node (its API root URL)
   * @throws NotFoundException when the principal is not party to that agreement
   * @throws PolicyViolationException when the peer's organisation is not a party either
   */
  IngestResult addReceived(Principal principal, String agreementCollection,
      String peerOrganisation, String peerNode, List<JsonNode> objects);

  /** Saves a status resource (JSON text) that only the principal's organisation may read. */
  void saveStatus(Principal principal, String statusId, String json);

  /** Returns a status resource saved by the principal's organisation; empty otherwise. */
  Optional<String> status(Principal principal, String statusId);

  /** Returns the organisations and agreements in force (for the admin API). */
  Governance governance();

  /** Returns the door over a store, with the release rule over {@code governance}. */
  static NodeData open(StixStore store, Governance governance, AuditLog audit,
      IngestSettings settings, Clock clock) {
    return new StoreNodeData(store, governance, audit, settings, clock);
  }
}
