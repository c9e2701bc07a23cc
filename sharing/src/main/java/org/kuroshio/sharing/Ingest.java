package org.kuroshio.sharing;

import java.util.List;
import org.kuroshio.stix.StixObject;
import tools.jackson.databind.JsonNode;

/**
 * The one write path: validate, derive domains and markings, store with the principal's
 * organisation as owner. Every object is accepted or refused on its own.
 */
public interface Ingest {

  /**
   * Adds objects to a collection the principal may write.
   *
   * @throws NotFoundException when the collection does not exist or the principal may not see it
   * @throws PolicyViolationException when the principal may see but not write the collection
   * @throws IllegalArgumentException when more objects are given than the settings allow
   */
  IngestResult add(Principal principal, String collectionId, List<StixObject> objects);

  /**
   * Adds JSON values (envelope or bundle elements) to a collection; values that are not STIX
   * objects (no string {@code type} or {@code id}, or not an object at all) become failures.
   *
   * @throws NotFoundException when the collection does not exist or the principal may not see it
   * @throws PolicyViolationException when the principal may see but not write the collection
   * @throws IllegalArgumentException when more objects are given than the settings allow
   */
  IngestResult addJson(Principal principal, String collectionId, List<JsonNode> objects);

  /**
   * Validates JSON values ahead of {@link #add(Principal, String, ValidatedBatch)}: the pipeline's
   * first stage, which needs neither the store nor a principal, so that a bulk loader can validate
   * the next batch while the current one is stored.
   *
   * @throws IllegalArgumentException when more objects are given than the settings allow
   */
  ValidatedBatch validate(List<JsonNode> objects);

  /**
   * Adds a batch that {@link #validate} checked: derives, stores, and reports every object,
   * refused ones included, in order.
   *
   * @throws NotFoundException when the collection does not exist or the principal may not see it
   * @throws PolicyViolationException when the principal may see but not write the collection
   */
  IngestResult add(Principal principal, String collectionId, ValidatedBatch batch);
}
