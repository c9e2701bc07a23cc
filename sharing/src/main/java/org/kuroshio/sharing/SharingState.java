package org.kuroshio.sharing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.KuroshioExtensions;
import org.kuroshio.stix.ScoIds;

/**
 * An immutable snapshot of who the node knows and which agreements bind them: what the release
 * rule reads. Changing an agreement makes a new snapshot, published at once to every reader
 * (rule 6: a suspension stops the flow on the next decision).
 */
public final class SharingState {
  private final String nodeOrganisation;
  private final Map<String, Organisation> organisations;
  private final Map<String, Organisation> byLocal;
  private final Map<String, Agreement> agreements;
  private final Map<String, Agreement> byCollection;
  private final Map<String, Map<String, List<Agreement>>> between;
  private final Map<String, List<Agreement>> byParty;

  private SharingState(String nodeOrganisation, Collection<Organisation> organisations,
      Collection<Agreement> agreements) {
    this.nodeOrganisation = nodeOrganisation;
    Map<String, Organisation> orgs = new HashMap<>();
    for (Organisation o : organisations) {
      orgs.put(o.id(), o);
    }
    this.organisations = Map.copyOf(orgs);
    Map<String, Organisation> locals = new HashMap<>();
    for (Organisation o : organisations) {
      locals.put(localCollectionId(o.id()), o);
    }
    this.byLocal = Map.copyOf(locals);
    List<Agreement> sorted = new ArrayList<>(agreements);
    sorted.sort(Comparator.comparing(Agreement::id));
    Map<String, Agreement> ids = new HashMap<>();
    Map<String, Agreement> colls = new HashMap<>();
    Map<String, Map<String, List<Agreement>>> pairs = new HashMap<>();
    Map<String, List<Agreement>> parties = new HashMap<>();
    for (Agreement a : sorted) {
      Checks.require(ids.put(a.id(), a) == null, "agreement given twice: " + a.id());
      colls.put(a.collectionId(), a);
      for (String p : a.parties()) {
        parties.computeIfAbsent(p, k -> new ArrayList<>()).add(a);
        for (String q : a.parties()) {
          if (!p.equals(q)) {
            pairs.computeIfAbsent(p, k -> new HashMap<>())
                .computeIfAbsent(q, k -> new ArrayList<>()).add(a);
          }
        }
      }
    }
    this.agreements = Map.copyOf(ids);
    this.byCollection = Map.copyOf(colls);
    Map<String, Map<String, List<Agreement>>> frozen = new HashMap<>();
    pairs.forEach((p, m) -> {
      Map<String, List<Agreement>> inner = new HashMap<>();
      m.forEach((q, l) -> inner.put(q, List.copyOf(l)));
      frozen.put(p, Map.copyOf(inner));
    });
    this.between = Map.copyOf(frozen);
    Map<String, List<Agreement>> byP = new HashMap<>();
    parties.forEach((p, l) -> byP.put(p, List.copyOf(l)));
    this.byParty = Map.copyOf(byP);
  }

  /**
   * Returns a snapshot.
   *
   * @param nodeOrganisation the identity id of the organisation operating this node
   * @throws IllegalArgumentException when an agreement id appears twice
   */
  public static SharingState of(String nodeOrganisation, Collection<Organisation> organisations,
      Collection<Agreement> agreements) {
    return new SharingState(nodeOrganisation, organisations, agreements);
  }

  /** Returns the identity id of the organisation operating this node. */
  public String nodeOrganisation() {
    return nodeOrganisation;
  }

  /** Returns a known organisation. */
  public Optional<Organisation> organisation(String id) {
    return Optional.ofNullable(organisations.get(id));
  }

  /** Returns every known organisation. */
  public Collection<Organisation> organisations() {
    return organisations.values();
  }

  /** Returns an agreement by id. */
  public Optional<Agreement> agreement(String id) {
    return Optional.ofNullable(agreements.get(id));
  }

  /** Returns the agreement whose collection has this id. */
  public Optional<Agreement> agreementOfCollection(String collectionId) {
    return Optional.ofNullable(byCollection.get(collectionId));
  }

  /** Returns every agreement, ordered by id. */
  public List<Agreement> agreements() {
    List<Agreement> out = new ArrayList<>(agreements.values());
    out.sort(Comparator.comparing(Agreement::id));
    return out;
  }

  /** Returns the agreements naming both organisations as parties, ordered by id. */
  public List<Agreement> between(String a, String b) {
    Map<String, List<Agreement>> m = between.get(a);
    if (m == null) {
      return List.of();
    }
    List<Agreement> l = m.get(b);
    return l == null ? List.of() : l;
  }

  /** Returns the agreements naming the organisation as a party, ordered by id. */
  public List<Agreement> agreementsOf(String organisation) {
    List<Agreement> l = byParty.get(organisation);
    return l == null ? List.of() : l;
  }

  /** Returns this snapshot with one agreement added or replaced. */
  public SharingState with(Agreement agreement) {
    Map<String, Agreement> next = new HashMap<>(agreements);
    next.put(agreement.id(), agreement);
    return new SharingState(nodeOrganisation, organisations.values(), next.values());
  }

  /** Returns this snapshot with one organisation added or replaced. */
  public SharingState with(Organisation organisation) {
    Map<String, Organisation> next = new HashMap<>(organisations);
    next.put(organisation.id(), organisation);
    return new SharingState(nodeOrganisation, next.values(), agreements.values());
  }

  /**
   * Returns the id of an organisation's {@code local} collection: UUIDv5 in the Kuroshio
   * namespace over its identity id, the same on every node.
   */
  public static String localCollectionId(String organisation) {
    String known = LOCAL_IDS.get(organisation);
    if (known != null) {
      return known;
    }
    String id = ScoIds.uuid5(KuroshioExtensions.NAMESPACE, organisation).toString();
    if (LOCAL_IDS.size() < MAX_CACHED_LOCAL_IDS) {
      LOCAL_IDS.put(organisation, id);
    }
    return id;
  }

  /** Local collection ids already computed (one SHA-1 each), per organisation. */
  private static final java.util.concurrent.ConcurrentHashMap<String, String> LOCAL_IDS =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_CACHED_LOCAL_IDS = 100_000;

  /** Returns the organisation whose local collection has this id, if it is known here. */
  public @Nullable Organisation ownerOfLocal(String collectionId) {
    return byLocal.get(collectionId);
  }
}
