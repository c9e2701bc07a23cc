package org.kuroshio.sharing;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kuroshio.store.CollectionInfo;
import org.kuroshio.store.ObjectQuery;
import org.kuroshio.store.Page;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.StoredVersion;
import org.kuroshio.store.VersionMatch;

/**
 * The one door to a node's data: every read, count and write names a {@link Principal} and is
 * checked here. HTTP handlers, the CLI and analysis modules hold a {@code NodeData}, never the
 * store.
 *
 * <p>Where the principal may not read a collection, it is reported exactly as a collection that
 * does not exist ({@link NotFoundException}); where it may see the collection but lacks the right
 * for the action, {@link PolicyViolationException}.
 */
public interface NodeData extends Ingest {

  /** Returns the collections the principal may read or write, ordered by title. */
  List<CollectionView> collections(Principal principal);

  /** Returns one collection when the principal may read or write it; empty otherwise. */
  Optional<CollectionView> collection(Principal principal, String collectionId);

  /**
   * Returns one page of matching object versions of a readable collection (ask for bodies with
   * {@link ObjectQuery#withBody()}; manifests and versions ask without).
   *
   * @throws NotFoundException when the collection does not exist or is invisible to the principal
   * @throws PolicyViolationException when the principal may write but not read it
   */
  Page<StoredVersion> query(Principal principal, String collectionId, ObjectQuery query);

  /**
   * Counts matching versions of a readable collection (limit and cursor ignored).
   *
   * @throws NotFoundException when the collection does not exist or is invisible to the principal
   * @throws PolicyViolationException when the principal may write but not read it
   */
  long count(Principal principal, String collectionId, ObjectQuery query);

  /**
   * Returns whether a readable collection holds any version of the object.
   *
   * @throws NotFoundException when the collection does not exist or is invisible to the principal
   * @throws PolicyViolationException when the principal may write but not read it
   */
  boolean contains(Principal principal, String collectionId, String objectId);

  /**
   * Removes matching versions of an object from a collection the principal may read and write.
   *
   * @return how many versions were removed
   * @throws NotFoundException when the collection does not exist or is invisible to the principal
   * @throws PolicyViolationException when the principal lacks read or write
   */
  int delete(
      Principal principal,
      String collectionId,
      String objectId,
      VersionMatch versions,
      Set<String> specVersions);

  /** Saves a status resource (JSON text) that only the principal's organisation may read. */
  void saveStatus(Principal principal, String statusId, String json);

  /** Returns a status resource saved by the principal's organisation; empty otherwise. */
  Optional<String> status(Principal principal, String statusId);

  /**
   * Creates or updates a collection.
   *
   * @throws PolicyViolationException unless the principal has {@link Role#ADMIN}
   */
  void putCollection(Principal principal, CollectionInfo collection);

  /** Returns the door over a store, checking rights with {@code accounts}. */
  static NodeData open(StixStore store, Accounts accounts, IngestSettings settings, Clock clock) {
    return new StoreNodeData(store, accounts, settings, clock);
  }
}
