package org.kuroshio.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Versioned persistence of STIX objects in collections.
 *
 * <p>Every version of every object is kept (key: id and version timestamp) with its raw JSON.
 * Each collection records the date each version was added; dates added are unique and strictly
 * increasing within a store, and a write's rows become visible in that order, so an
 * {@code added_after} cursor never skips a version that commits late. Adding an identical version
 * again is a no-op success; a different body under an existing version key, a version of an
 * object owned by another organisation, or a version after a revocation is refused for that
 * object alone. Implementations are thread-safe.
 *
 * <p>A version may be a member of several collections, each membership with its own date added
 * ({@link NewVersion#alsoIn()}, {@link #addMembers}). Every contribution of a version (who sent
 * it, from which node, under which agreement) is recorded once as its provenance.
 */
public interface StixStore extends AutoCloseable {

  /** Creates the collection, or updates its title, description, alias and media types. */
  void putCollection(CollectionInfo collection);

  /** Returns the collection with this id. */
  Optional<CollectionInfo> collection(String id);

  /** Returns every collection, ordered by title. */
  List<CollectionInfo> collections();

  /**
   * Adds versions to a collection. Each accepted version is written atomically with all its index
   * rows; refusals do not affect the others. Results are in the order of {@code versions}.
   *
   * <p>Each accepted version ({@code ADDED} or {@code UNCHANGED}, which describe the membership in
   * {@code collectionId}) also becomes a member of every collection of its
   * {@link NewVersion#alsoIn()} where it is not one yet, each with a new date added; a version
   * naming a collection that does not exist is refused and nothing of it is written. Each accepted
   * version records its contribution ({@link #provenance}) unless the identical contribution
   * (organisation, node, agreement) of that version is recorded already.
   *
   * @throws StoreException when the collection does not exist or the database fails (then nothing
   *     of this call is written)
   */
  List<WriteResult> add(String collectionId, List<NewVersion> versions);

  /**
   * Makes existing versions, identified by {@link StoredVersion#id()} and
   * {@link StoredVersion#version()}, members of a collection where they are not members yet, each
   * with a new date added (so {@code added_after} readers see them). Versions the store does not
   * hold are ignored; the other fields of the given entries are not read. At most 100,000 entries.
   *
   * @return how many memberships were added
   * @throws StoreException when the collection does not exist or the database fails (then nothing
   *     of this call is written)
   */
  int addMembers(String collectionId, List<StoredVersion> versions);

  /**
   * Returns the stored versions of these objects, whatever collections they are in (also versions
   * no longer in any collection): for each id in the order given, its matching versions oldest
   * first. {@code first} and {@code last} are the object's first and latest version in the whole
   * store, and {@link StoredVersion#dateAdded()} is the date the version was first added.
   *
   * @throws IllegalArgumentException for more than 1,000 ids
   */
  List<StoredVersion> versionsOf(Collection<String> objectIds, VersionMatch versions,
      boolean withBody);

  /** Returns every recorded contribution of every version of an object, oldest first. */
  List<Contribution> provenance(String objectId);

  /** Returns one page of matching versions, ascending by date added. */
  Page<StoredVersion> query(String collectionId, ObjectQuery query);

  /** Counts the versions matching the query's filters (limit and cursor ignored). */
  long count(String collectionId, ObjectQuery query);

  /**
   * Removes matching versions of one object from a collection (the versions stay in the store).
   *
   * @return how many versions were removed from the collection
   */
  int delete(String collectionId, String objectId, VersionMatch versions, Set<String> specVersions);

  /** Saves a TAXII status resource as JSON text under its id. */
  void putStatus(String statusId, String json);

  /** Returns a saved status resource. */
  Optional<String> status(String statusId);

  /**
   * Returns the relationship and sighting versions (without bodies) that reference any of these
   * objects ({@code source_ref}, {@code target_ref}, {@code sighting_of_ref},
   * {@code observed_data_refs}, {@code where_sighted_refs}), ordered by when they were stored.
   *
   * @throws IllegalArgumentException when more than 1,000 ids are given
   */
  List<StoredVersion> referencing(Collection<String> objectIds);

  /**
   * Makes versions that are members of a collection members again with new dates added (so that
   * an {@code added_after} cursor past their old dates sees them once more); versions that are
   * not members are left alone.
   *
   * @return how many versions were renewed
   */
  default int renew(String collectionId, List<StoredVersion> versions) {
    List<StoredVersion> removed = new java.util.ArrayList<>();
    for (StoredVersion v : versions) {
      if (delete(collectionId, v.id(), new VersionMatch(false, false, false, Set.of(v.version())),
          Set.of()) > 0) {
        removed.add(v);
      }
    }
    return removed.isEmpty() ? 0 : addMembers(collectionId, removed);
  }

  /** Returns the database under the store, for modules that keep tables beside it. */
  Database database();

  /** Closes connections; the store is unusable afterwards. */
  @Override
  void close();
}
