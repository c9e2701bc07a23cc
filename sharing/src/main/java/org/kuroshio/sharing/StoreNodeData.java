package org.kuroshio.sharing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.StixJson;
import org.kuroshio.stix.StixObject;
import org.kuroshio.store.CollectionInfo;
import org.kuroshio.store.NewVersion;
import org.kuroshio.store.ObjectQuery;
import org.kuroshio.store.Page;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.StoredVersion;
import org.kuroshio.store.VersionMatch;
import org.kuroshio.store.WriteResult;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link NodeData} over a {@link StixStore}, with per-collection rights from {@link Accounts}.
 *
 * <p>Every read goes through {@link #read}, the single place where the sharing issue's release
 * rule will filter what a principal gets; every write goes through
 * {@link #add(Principal, String, ValidatedBatch)}.
 */
final class StoreNodeData implements NodeData {
  private static final int MAX_MESSAGES = 5;

  private final StixStore store;
  private final Accounts accounts;
  private final IngestSettings settings;
  private final Clock clock;
  private final Derivation derivation;

  StoreNodeData(StixStore store, Accounts accounts, IngestSettings settings, Clock clock) {
    this.store = store;
    this.accounts = accounts;
    this.settings = settings;
    this.clock = clock;
    this.derivation = new Derivation(settings.strictValidation());
  }

  @Override
  public List<CollectionView> collections(Principal principal) {
    List<CollectionView> out = new ArrayList<>();
    for (CollectionInfo c : store.collections()) {
      Permission p = accounts.permission(principal, c.id());
      if (p.any()) {
        out.add(new CollectionView(c, p));
      }
    }
    return out;
  }

  @Override
  public Optional<CollectionView> collection(Principal principal, String collectionId) {
    Permission p = accounts.permission(principal, collectionId);
    if (!p.any()) {
      return Optional.empty();
    }
    return store.collection(collectionId).map(c -> new CollectionView(c, p));
  }

  @Override
  public Page<StoredVersion> query(Principal principal, String collectionId, ObjectQuery query) {
    return read(principal, collectionId, query);
  }

  @Override
  public long count(Principal principal, String collectionId, ObjectQuery query) {
    requireRead(principal, collectionId);
    return store.count(collectionId, query);
  }

  @Override
  public boolean contains(Principal principal, String collectionId, String objectId) {
    ObjectQuery any =
        new ObjectQuery(null, Set.of(objectId), Set.of(), VersionMatch.ALL, Set.of(), 1, null,
            false);
    return !read(principal, collectionId, any).items().isEmpty();
  }

  /** The one path every read of objects takes. */
  private Page<StoredVersion> read(Principal principal, String collectionId, ObjectQuery query) {
    requireRead(principal, collectionId);
    return store.query(collectionId, query);
  }

  @Override
  public int delete(
      Principal principal,
      String collectionId,
      String objectId,
      VersionMatch versions,
      Set<String> specVersions) {
    Permission p = visible(principal, collectionId);
    if (!p.canRead() || !p.canWrite()) {
      throw new PolicyViolationException(
          "deleting from collection " + collectionId + " needs both read and write rights");
    }
    return store.delete(collectionId, objectId, versions, specVersions);
  }

  @Override
  public IngestResult add(Principal principal, String collectionId, List<StixObject> objects) {
    List<JsonNode> nodes = new ArrayList<>(objects.size());
    for (StixObject o : objects) {
      nodes.add(o.json());
    }
    // The objects themselves go along, so that what they cache (their JSON text) is reused.
    return add(principal, collectionId, validate(nodes, objects));
  }

  @Override
  public IngestResult addJson(Principal principal, String collectionId, List<JsonNode> objects) {
    return add(principal, collectionId, validate(objects, null));
  }

  @Override
  public ValidatedBatch validate(List<JsonNode> objects) {
    return validate(objects, null);
  }

  /**
   * The pipeline's first stage: validates every value and wraps the valid ones (serialising each
   * once, so the store writes the text made here). {@code wrapped}, when given, holds the values
   * already wrapped, in order.
   */
  private ValidatedBatch validate(List<JsonNode> objects, @Nullable List<StixObject> wrapped) {
    Checks.require(objects.size() <= settings.maxObjectsPerCall(),
        "too many objects in one call: " + objects.size() + " (at most "
            + settings.maxObjectsPerCall() + ")");
    List<ValidatedBatch.Entry> entries = new ArrayList<>(objects.size());
    for (int i = 0; i < objects.size(); i++) {
      JsonNode node = objects.get(i);
      String id = stringOr(node, "id", "objects[" + i + "]");
      String version = stringOr(node, "modified", stringOr(node, "created", ""));
      if (!(node instanceof ObjectNode object)) {
        entries.add(new ValidatedBatch.Entry(id, version, null, "not a JSON object"));
        continue;
      }
      List<String> errors = derivation.validate(object);
      if (!errors.isEmpty()) {
        entries.add(new ValidatedBatch.Entry(id, version, null, summarise(errors)));
        continue;
      }
      try {
        StixObject o = wrapped != null ? wrapped.get(i) : StixObject.of(object);
        o.toJson();
        entries.add(new ValidatedBatch.Entry(id, version, o, null));
      } catch (RuntimeException e) {
        // InvalidPropertyException: no string type or id (a lenient validator lets it through).
        entries.add(new ValidatedBatch.Entry(id, version, null, e.getMessage()));
      }
    }
    return new ValidatedBatch(derivation, entries);
  }

  /** The pipeline after validation: derive, store with the principal's organisation as owner. */
  @Override
  public IngestResult add(Principal principal, String collectionId, ValidatedBatch batch) {
    Checks.require(batch.validatedBy() == derivation,
        "the batch was validated by another node's pipeline");
    requireWrite(principal, collectionId);
    List<ValidatedBatch.Entry> entries = batch.entries();
    @Nullable ObjectResult[] results = new ObjectResult[entries.size()];
    List<StixObject> accepted = new ArrayList<>(entries.size());
    List<Integer> positions = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      ValidatedBatch.Entry e = entries.get(i);
      if (e.object() == null) {
        results[i] = new ObjectResult(e.id(), e.version(), false, e.refusal());
      } else {
        accepted.add(e.object());
        positions.add(i);
      }
    }
    List<NewVersion> versions = new ArrayList<>(accepted.size());
    if (!accepted.isEmpty()) {
      List<Derivation.Derived> derived = derivation.derive(accepted, store, collectionId);
      for (int k = 0; k < accepted.size(); k++) {
        Derivation.Derived d = derived.get(k);
        versions.add(new NewVersion(accepted.get(k), principal.organisation(), d.domains(),
            d.tlp(), d.releaseTo(), null, null, null, Set.of()));
      }
    }
    if (!versions.isEmpty()) {
      List<WriteResult> written = store.add(collectionId, versions);
      for (int k = 0; k < written.size(); k++) {
        WriteResult w = written.get(k);
        String note = w.outcome() == WriteResult.Outcome.UNCHANGED ? "unchanged" : w.message();
        results[positions.get(k)] = new ObjectResult(w.id(), w.version(), w.succeeded(), note);
      }
    }
    List<ObjectResult> out = new ArrayList<>(results.length);
    for (ObjectResult r : results) {
      out.add(java.util.Objects.requireNonNull(r, "store returned fewer results than versions"));
    }
    return new IngestResult(out);
  }

  private static String summarise(List<String> errors) {
    StringBuilder b = new StringBuilder("invalid: ");
    for (int i = 0; i < errors.size() && i < MAX_MESSAGES; i++) {
      if (i > 0) {
        b.append("; ");
      }
      b.append(errors.get(i));
    }
    if (errors.size() > MAX_MESSAGES) {
      b.append("; and ").append(errors.size() - MAX_MESSAGES).append(" more");
    }
    return b.toString();
  }

  private static String stringOr(JsonNode node, String name, String fallback) {
    JsonNode v = node.isObject() ? node.get(name) : null;
    return v != null && v.isString() ? v.asString() : fallback;
  }

  @Override
  public void saveStatus(Principal principal, String statusId, String json) {
    ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
    wrapper.put("organisation", principal.organisation());
    wrapper.set("status", StixJson.readTree(json, StixJson.mapper()));
    store.putStatus(statusId, StixJson.write(wrapper));
  }

  @Override
  public Optional<String> status(Principal principal, String statusId) {
    return store.status(statusId).flatMap(text -> {
      try {
        JsonNode wrapper = StixJson.mapper().readTree(text);
        JsonNode org = wrapper.get("organisation");
        JsonNode status = wrapper.get("status");
        if (org == null || status == null || !org.asString().equals(principal.organisation())) {
          return Optional.empty();
        }
        return Optional.of(StixJson.write(status));
      } catch (JacksonException e) {
        return Optional.empty();
      }
    });
  }

  @Override
  public void putCollection(Principal principal, CollectionInfo collection) {
    if (!principal.has(Role.ADMIN)) {
      throw new PolicyViolationException("only an administrator may create collections");
    }
    store.putCollection(collection);
  }

  private Permission visible(Principal principal, String collectionId) {
    Permission p = accounts.permission(principal, collectionId);
    if (!p.any() || store.collection(collectionId).isEmpty()) {
      throw new NotFoundException("collection", collectionId);
    }
    return p;
  }

  private void requireRead(Principal principal, String collectionId) {
    if (!visible(principal, collectionId).canRead()) {
      throw new PolicyViolationException("no read right on collection " + collectionId);
    }
  }

  private void requireWrite(Principal principal, String collectionId) {
    if (!visible(principal, collectionId).canWrite()) {
      throw new PolicyViolationException("no write right on collection " + collectionId);
    }
  }
}
