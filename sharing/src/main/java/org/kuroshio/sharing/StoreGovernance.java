package org.kuroshio.sharing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.KuroshioExtensions;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Tlp;
import org.kuroshio.store.CollectionInfo;
import org.kuroshio.store.NewVersion;
import org.kuroshio.store.ObjectQuery;
import org.kuroshio.store.Page;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.StoredVersion;
import org.kuroshio.store.VersionMatch;
import org.kuroshio.store.WriteResult;

/** {@link Governance} over the directory and the store; changes are serialised. */
final class StoreGovernance implements Governance {
  private static final int PAGE = 1_000;

  private final StixStore store;
  private final Directory directory;
  private final Clock clock;
  private final AtomicReference<SharingState> state = new AtomicReference<>();

  StoreGovernance(StixStore store, Directory directory, Organisation node, Clock clock) {
    this.store = store;
    this.directory = directory;
    this.clock = clock;
    if (directory.organisations().stream().noneMatch(o -> o.id().equals(node.id()))) {
      directory.putOrganisation(node);
    }
    List<Organisation> orgs = directory.organisations();
    List<Agreement> agreements = directory.agreements();
    state.set(SharingState.of(node.id(), orgs, agreements));
    // Agreement collections first: an organisation's identity also joins them.
    for (Agreement a : agreements) {
      ensureCollection(a);
    }
    for (Organisation o : orgs) {
      ensureLocal(o);
    }
  }

  @Override
  public SharingState state() {
    return state.get();
  }

  @Override
  public synchronized Organisation addOrganisation(Principal by, String name,
      @Nullable String id) {
    requireNodeAdmin(by);
    Checks.require(id == null || state.get().organisation(id).isEmpty(),
        "organisation already registered: " + id);
    Organisation o = new Organisation(id == null ? "identity--" + UUID.randomUUID() : id,
        name.strip(), clock.instant());
    directory.putOrganisation(o);
    state.set(state.get().with(o));
    ensureLocal(o);
    return o;
  }

  @Override
  public synchronized Agreement createAgreement(Principal by, AgreementKind kind, String title,
      List<String> parties, Set<String> domains, Tlp ceiling, Instant validFrom,
      @Nullable Instant validUntil) {
    requireNodeAdmin(by);
    SharingState s = state.get();
    for (String p : parties) {
      Checks.require(s.organisation(p).isPresent(), "unknown organisation: " + p
          + " (register it first)");
    }
    Instant now = clock.instant();
    Agreement a = Agreement.draft(kind, title.strip(), parties, domains, ceiling, validFrom,
        validUntil, s.nodeOrganisation(), by(by), now);
    directory.putAgreement(a);
    state.set(s.with(a));
    ensureCollection(a);
    backfill(a);
    return a;
  }

  @Override
  public synchronized Agreement adopt(Principal by, Agreement agreement) {
    requireNodeAdmin(by);
    SharingState s = state.get();
    for (String p : agreement.parties()) {
      Checks.require(s.organisation(p).isPresent(), "unknown organisation: " + p
          + " (register it first)");
    }
    Agreement known = s.agreement(agreement.id()).orElse(null);
    if (known != null && !agreement.modified().isAfter(known.modified())) {
      return known;
    }
    directory.putAgreement(agreement);
    state.set(s.with(agreement));
    ensureCollection(agreement);
    if (known == null) {
      backfill(agreement);
    }
    return agreement;
  }

  @Override
  public synchronized Agreement changeStatus(Principal by, String agreementId,
      AgreementStatus next, String reason) {
    requireNodeAdmin(by);
    SharingState s = state.get();
    Agreement a = s.agreement(agreementId)
        .orElseThrow(() -> new NotFoundException("agreement", agreementId));
    Agreement changed = a.withStatus(next, by(by), clock.instant(), reason);
    directory.putAgreement(changed);
    state.set(s.with(changed));
    publish(changed);
    return changed;
  }

  private static String by(Principal p) {
    return p.user() + "@" + p.organisation();
  }

  private void requireNodeAdmin(Principal by) {
    if (!by.has(Role.ADMIN) || !by.organisation().equals(state.get().nodeOrganisation())) {
      throw new PolicyViolationException(
          "only administrators of the node's own organisation manage organisations and agreements");
    }
  }

  /** Creates the organisation's local collection and stores its identity there. */
  private void ensureLocal(Organisation o) {
    String id = SharingState.localCollectionId(o.id());
    store.putCollection(CollectionInfo.of(id, "Local: " + o.name(),
        "What " + o.name() + " holds on this node"));
    StixObject identity = o.identity();
    Set<String> also = Memberships.of(state.get(), id, o.id(), "identity", o.id(), null,
        Set.of(), false);
    write(id, identity, o.id(), Set.of(), null, also);
  }

  /** Creates the agreement's collection and puts the definitions its parties need in it. */
  private void ensureCollection(Agreement a) {
    String names = String.join(", ", partyNames(a));
    store.putCollection(CollectionInfo.of(a.collectionId(), a.title(),
        a.kind().wireName() + " between " + names + "; domains "
            + String.join(", ", new TreeSet<>(a.domains())) + "; up to "
            + a.ceiling().displayName()));
    String node = state.get().nodeOrganisation();
    for (StixObject d : List.of(KuroshioExtensions.agreement(), KuroshioExtensions.domains(),
        KuroshioExtensions.releaseList())) {
      write(a.collectionId(), d, node, Set.of(), null, Set.of());
    }
    for (Tlp t : Tlp.values()) {
      write(a.collectionId(), t.definition(), node, Set.of(), null, Set.of());
    }
    publish(a);
  }

  private List<String> partyNames(Agreement a) {
    List<String> out = new ArrayList<>();
    for (String p : a.parties()) {
      out.add(state.get().organisation(p).map(Organisation::name).orElse(p));
    }
    return out;
  }

  /** Stores the agreement's current version in its own collection. */
  private void publish(Agreement a) {
    write(a.collectionId(), a.toStix(), state.get().nodeOrganisation(), a.domains(), null,
        Set.of());
  }

  private void write(String collection, StixObject o, String owner, Set<String> domains,
      @Nullable String tlp, Set<String> alsoIn) {
    List<WriteResult> r = store.add(collection, List.of(new NewVersion(o, owner, domains, tlp,
        List.of(), null, null, null, alsoIn)));
    if (!r.getFirst().succeeded()) {
      throw new IllegalStateException("cannot store " + o.id() + ": " + r.getFirst().message());
    }
  }

  /**
   * Makes the covered versions of every party's local collection members of the agreement's
   * collection (new dates added, so cursors see them).
   */
  private void backfill(Agreement a) {
    for (String party : a.parties()) {
      String local = SharingState.localCollectionId(party);
      String cursor = null;
      do {
        ObjectQuery q = new ObjectQuery(null, Set.of(), Set.of(), VersionMatch.ALL, Set.of(), PAGE,
            cursor, false);
        Page<StoredVersion> page = store.query(local, q);
        List<StoredVersion> fit = new ArrayList<>();
        for (StoredVersion v : page.items()) {
          ReleaseSubject s = ReleaseSubject.of(v);
          if (Memberships.fits(a, s.type(), s.id(), s.tlp(), s.domains(), false)) {
            fit.add(v);
          }
        }
        if (!fit.isEmpty()) {
          store.addMembers(a.collectionId(), fit);
        }
        cursor = page.more() ? page.next() : null;
      } while (cursor != null);
    }
  }
}
