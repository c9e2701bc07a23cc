package org.kuroshio.store;

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
   * @throws StoreException when the collection does not exist or the database fails (then nothing
   *     of this call is written)
   */
  List<WriteResult> add(String collectionId, List<NewVersion> versions);

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

  /** Returns the database under the store, for modules that keep tables beside it. */
  Database database();

  /** Closes connections; the store is unusable afterwards. */
  @Override
  void close();
}
