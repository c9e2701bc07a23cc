package org.kuroshio.app;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kuroshio.sharing.CollectionView;
import org.kuroshio.sharing.Decision;
import org.kuroshio.sharing.Governance;
import org.kuroshio.sharing.IngestResult;
import org.kuroshio.sharing.ValidatedBatch;
import org.kuroshio.sharing.NodeData;
import org.kuroshio.sharing.ObjectResult;
import org.kuroshio.sharing.Principal;
import org.kuroshio.stix.StixObject;
import org.kuroshio.store.ObjectQuery;
import org.kuroshio.store.Page;
import org.kuroshio.store.StoredVersion;
import org.kuroshio.store.VersionMatch;
import tools.jackson.databind.JsonNode;

/** The door with every ingest outcome counted in {@link NodeMetrics}; reads pass straight on. */
final class MeteredNodeData implements NodeData {
  private final NodeData delegate;
  private final NodeMetrics metrics;

  MeteredNodeData(NodeData delegate, NodeMetrics metrics) {
    this.delegate = delegate;
    this.metrics = metrics;
  }

  @Override
  public IngestResult add(Principal principal, String collectionId, List<StixObject> objects) {
    return count(delegate.add(principal, collectionId, objects));
  }

  @Override
  public IngestResult addJson(Principal principal, String collectionId, List<JsonNode> objects) {
    return count(delegate.addJson(principal, collectionId, objects));
  }

  @Override
  public ValidatedBatch validate(List<JsonNode> objects) {
    return delegate.validate(objects);
  }

  @Override
  public IngestResult add(Principal principal, String collectionId, ValidatedBatch batch) {
    return count(delegate.add(principal, collectionId, batch));
  }

  private IngestResult count(IngestResult result) {
    long stored = 0;
    long unchanged = 0;
    long rejected = 0;
    for (ObjectResult r : result.results()) {
      if (!r.success()) {
        rejected++;
      } else if (ImportSummary.UNCHANGED.equals(r.message())) {
        unchanged++;
      } else {
        stored++;
      }
    }
    metrics.ingested(stored, unchanged, rejected);
    return result;
  }

  @Override
  public List<CollectionView> collections(Principal principal) {
    return delegate.collections(principal);
  }

  @Override
  public Optional<CollectionView> collection(Principal principal, String collectionId) {
    return delegate.collection(principal, collectionId);
  }

  @Override
  public Page<StoredVersion> query(Principal principal, String collectionId, ObjectQuery query,
      String action) {
    return delegate.query(principal, collectionId, query, action);
  }

  @Override
  public List<StoredVersion> object(Principal principal, String objectId, VersionMatch versions,
      String action) {
    return delegate.object(principal, objectId, versions, action);
  }

  @Override
  public List<org.kuroshio.store.Contribution> provenance(Principal principal, String objectId) {
    return delegate.provenance(principal, objectId);
  }

  @Override
  public List<StoredVersion> search(Principal principal, String text, Set<String> types,
      int limit) {
    return delegate.search(principal, text, types, limit);
  }

  @Override
  public Decision explain(Principal principal, String objectId, String organisation) {
    return delegate.explain(principal, objectId, organisation);
  }

  @Override
  public Map<String, Decision> releasability(Principal principal, String objectId) {
    return delegate.releasability(principal, objectId);
  }

  @Override
  public IngestResult addReceived(Principal principal, String agreementCollection,
      String peerOrganisation, String peerNode, List<JsonNode> objects) {
    return count(delegate.addReceived(principal, agreementCollection, peerOrganisation, peerNode,
        objects));
  }

  @Override
  public Governance governance() {
    return delegate.governance();
  }

  @Override
  public long count(Principal principal, String collectionId, ObjectQuery query) {
    return delegate.count(principal, collectionId, query);
  }

  @Override
  public boolean contains(Principal principal, String collectionId, String objectId) {
    return delegate.contains(principal, collectionId, objectId);
  }

  @Override
  public int delete(Principal principal, String collectionId, String objectId,
      VersionMatch versions, Set<String> specVersions) {
    return delegate.delete(principal, collectionId, objectId, versions, specVersions);
  }

  @Override
  public void saveStatus(Principal principal, String statusId, String json) {
    delegate.saveStatus(principal, statusId, json);
  }

  @Override
  public Optional<String> status(Principal principal, String statusId) {
    return delegate.status(principal, statusId);
  }
}
