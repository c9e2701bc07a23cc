package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.kuroshio.sharing.Agreement;
import org.kuroshio.sharing.AgreementStatus;
import org.kuroshio.sharing.Decision;
import org.kuroshio.sharing.Principal;
import org.kuroshio.sharing.Purpose;
import org.kuroshio.sharing.ReleaseSubject;
import org.kuroshio.sharing.Role;
import org.kuroshio.stix.StixJson;
import org.kuroshio.stix.Timestamps;
import org.kuroshio.stix.Tlp;
import org.kuroshio.store.ObjectQuery;
import org.kuroshio.store.StoredVersion;
import org.kuroshio.store.VersionMatch;
import org.kuroshio.taxii.Envelope;
import org.kuroshio.taxii.Manifest;
import org.kuroshio.taxii.ManifestRecord;
import org.kuroshio.taxii.TaxiiCollection;
import org.kuroshio.taxii.TaxiiException;
import org.kuroshio.taxii.TaxiiFilter;
import org.kuroshio.taxii.Versions;
import org.kuroshio.taxii.client.TaxiiClient;
import org.kuroshio.taxii.client.TaxiiPage;
import tools.jackson.databind.JsonNode;

/**
 * The adversarial end-to-end test of issue 3: a real node (H2, port 0) holding a hostile world
 * ({@link AdversarialWorld}: an operator and five organisations, agreements active, suspended,
 * expired and draft, objects of every TLP level, release lists, relationships and sightings with
 * ends only some may see, re-marked versions, received objects). For every user of every
 * organisation, every path is asked for everything on the node, and every answer is compared
 * with {@link AdversarialOracle}, computed from the raw store and {@code ReleaseRule.decide}:
 * nothing more (a leak), nothing less (wrongly withheld), no existence signal (paging flags,
 * date headers, error bodies that differ from those for ids that do not exist).
 *
 * <p>Each finding names its path, user, organisations, object and what leaked. The tests fail
 * on findings of their own kind, so a failing test name says which property broke.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdversarialIT {
  private static final int THREADS = 4;

  /** One broken property, precisely named. */
  record Finding(String kind, String text) {
    @Override
    public String toString() {
      return kind + ": " + text;
    }
  }

  private AdversarialWorld world;
  private AdversarialHttp http;
  private URI apiRoot;
  private final AtomicLong checks = new AtomicLong();
  private final Set<String> pairs = Collections.synchronizedSet(new TreeSet<>());
  private final List<String> observations = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  void start(@TempDir Path dir) {
    world = AdversarialWorld.build(dir);
    apiRoot = world.node.uri().resolve("api/");
    http = new AdversarialHttp(world.node.uri());
  }

  @AfterAll
  void stop() {
    if (world != null) {
      world.close();
    }
    System.out.println("AdversarialIT: " + checks.get() + " checks over " + pairs.size()
        + " ordered (owner, recipient) pairs");
    observations.stream().distinct().forEach(o -> System.out.println("AdversarialIT note: " + o));
  }

  private AdversarialOracle oracle() {
    return new AdversarialOracle(world.store, world.governance().state(), Instant.now());
  }

  private TaxiiClient client(AdversarialWorld.User u) {
    return TaxiiClient.builder(apiRoot).basicAuth(u.name(), u.password().toCharArray()).build();
  }

  private static String who(AdversarialWorld.User u) {
    return u.name() + " (" + AdversarialWorld.name(u.organisation()) + ")";
  }

  private static String describe(AdversarialOracle o, String key) {
    String id = key.contains("|") ? key.substring(0, key.indexOf('|')) : key;
    StoredVersion v = o.latest(id).orElse(null);
    if (v == null) {
      return key;
    }
    for (StoredVersion x : o.versions.getOrDefault(id, List.of())) {
      if (AdversarialOracle.key(x).equals(key)) {
        v = x;
      }
    }
    return key + " [" + v.type() + ", owner " + AdversarialWorld.name(v.owner()) + ", tlp "
        + v.tlp() + ", domains " + new TreeSet<>(v.domains())
        + (v.receivedBy() == null ? "" : ", received by "
            + AdversarialWorld.name(v.receivedBy())) + "]";
  }

  private String collectionName(String id) {
    for (String o : AdversarialWorld.ALL_ORGS) {
      if (AdversarialWorld.local(o).equals(id)) {
        return "local(" + AdversarialWorld.name(o) + ")";
      }
    }
    for (Map.Entry<String, Agreement> a : world.agreements.entrySet()) {
      if (a.getValue().collectionId().equals(id)) {
        return a.getKey() + "(" + a.getValue().status().wireName() + ")";
      }
    }
    return id;
  }

  /** Compares what a path returned with what the oracle allows: extras leak, missing withheld. */
  private void compare(List<Finding> out, AdversarialOracle o, String path,
      AdversarialWorld.User u, Collection<String> got, Collection<String> expected) {
    checks.incrementAndGet();
    List<String> dup = duplicates(got);
    if (!dup.isEmpty()) {
      out.add(new Finding("DUPLICATE", path + " as " + who(u) + " returned twice: " + dup));
    }
    Set<String> g = new TreeSet<>(got);
    Set<String> e = new TreeSet<>(expected);
    for (String k : g) {
      if (!e.contains(k)) {
        out.add(new Finding("LEAK", path + " as " + who(u) + " released " + describe(o, k)));
      }
    }
    for (String k : e) {
      if (!g.contains(k)) {
        out.add(new Finding("WITHHELD", path + " as " + who(u) + " withheld "
            + describe(o, k)));
      }
    }
    for (String k : e) {
      String id = k.contains("|") ? k.substring(0, k.indexOf('|')) : k;
      o.latest(id).ifPresent(v -> pairs.add(AdversarialWorld.name(v.owner()) + "->"
          + AdversarialWorld.name(u.organisation())));
    }
  }

  private static List<String> duplicates(Collection<String> got) {
    Set<String> seen = new java.util.HashSet<>();
    List<String> out = new ArrayList<>();
    for (String k : got) {
      if (!seen.add(k)) {
        out.add(k);
      }
    }
    return out;
  }

  private static String key(JsonNode o) {
    String version = o.has("modified") ? o.get("modified").asString()
        : o.has("created") ? o.get("created").asString() : "";
    return AdversarialOracle.key(o.get("id").asString(), version);
  }

  private static Set<String> keys(List<StoredVersion> vs) {
    return vs.stream().map(AdversarialOracle::key).collect(Collectors.toCollection(TreeSet::new));
  }

  /** One page, as any of the three paged TAXII resources. */
  private record Paged(List<String> keys, boolean more, @Nullable String next,
      @Nullable Instant first, @Nullable Instant last) {}

  /**
   * Follows {@code next} to the end, checking each page: at most {@code limit} entries, date
   * headers that are exactly the first and last entries' dates (absent on an empty page), and
   * no "more" that leads only to an empty page (which would reveal withheld members).
   */
  private List<String> follow(List<Finding> out, AdversarialOracle o, String path,
      AdversarialWorld.User u, String collection, int limit,
      Function<@Nullable String, Paged> get) {
    List<String> all = new ArrayList<>();
    String next = null;
    boolean previousMore = false;
    for (int page = 0; page < 10_000; page++) {
      Paged p = get.apply(next);
      checks.incrementAndGet();
      if (p.keys().size() > limit) {
        out.add(new Finding("PAGING", path + " as " + who(u) + " page of " + p.keys().size()
            + " > limit " + limit));
      }
      if (previousMore && p.keys().isEmpty()) {
        out.add(new Finding("SIGNAL", path + " as " + who(u) + " said more=true but the next"
            + " page was empty: the flag reveals members the rule withholds (SHARING.md:"
            + " more/next are computed after the rule)"));
      }
      if (p.keys().isEmpty()) {
        if (p.first() != null || p.last() != null) {
          out.add(new Finding("SIGNAL", path + " as " + who(u) + " empty page carries date"
              + " headers " + p.first() + " / " + p.last()));
        }
      } else {
        Instant f = o.dateAdded(collection, p.keys().getFirst());
        Instant l = o.dateAdded(collection, p.keys().getLast());
        if (!Objects.equals(f, p.first()) || !Objects.equals(l, p.last())) {
          out.add(new Finding("SIGNAL", path + " as " + who(u) + " date headers "
              + p.first() + " / " + p.last() + " are not the dates of the page's first and last"
              + " released entries " + f + " / " + l));
        }
      }
      all.addAll(p.keys());
      if (!p.more()) {
        return all;
      }
      if (p.next() == null) {
        out.add(new Finding("PAGING", path + " as " + who(u) + " more=true without next"));
        return all;
      }
      previousMore = true;
      next = p.next();
    }
    out.add(new Finding("PAGING", path + " as " + who(u) + " never ends"));
    return all;
  }

  private static Paged envelopePage(TaxiiPage<Envelope> p) {
    List<String> keys = new ArrayList<>();
    for (JsonNode j : p.body().objects()) {
      keys.add(key(j));
    }
    return new Paged(keys, p.body().more(), p.body().next(), p.dateAddedFirst(),
        p.dateAddedLast());
  }

  private static Paged manifestPage(TaxiiPage<Manifest> p, List<String> dateErrors,
      Map<String, Instant> dates) {
    List<String> keys = new ArrayList<>();
    for (ManifestRecord r : p.body().objects()) {
      String k = AdversarialOracle.key(r.id(), r.version());
      keys.add(k);
      Instant want = dates.get(k);
      if (want != null && !want.equals(r.dateAdded())) {
        dateErrors.add(k + " date_added " + r.dateAdded() + " != " + want);
      }
    }
    return new Paged(keys, p.body().more(), p.body().next(), p.dateAddedFirst(),
        p.dateAddedLast());
  }

  // ---- the world ----

  @Test
  @Order(1)
  void theWorldIsStoredAsBuilt_metadataAndMembership() {
    AdversarialOracle o = oracle();
    List<Finding> out = new ArrayList<>();
    for (AdversarialWorld.Intent i : world.intents) {
      StoredVersion v = o.versions.getOrDefault(i.id(), List.of()).stream()
          .filter(x -> x.versionText().equals(i.version())).findFirst().orElse(null);
      checks.incrementAndGet();
      if (v == null) {
        out.add(new Finding("WORLD", "not stored: " + i));
        continue;
      }
      ReleaseSubject s = ReleaseSubject.of(v);
      if (!s.owner().equals(i.owner()) || s.tlp() != i.tlp()
          || !s.domains().equals(i.domains())
          || !new TreeSet<>(s.releaseTo()).equals(new TreeSet<>(i.releaseTo()))
          || !Objects.equals(s.receivedBy(), i.receivedBy())) {
        out.add(new Finding("WORLD", "derived metadata " + s + " differs from intended " + i));
      }
      // Membership as SHARING.md states it: the owner's local collection (not for received
      // versions), the target of a received version, and every agreement of the sharer (not
      // terminated) whose domains and ceiling cover it (received: CLEAR or GREEN only).
      Set<String> expected = new TreeSet<>();
      String sharer = i.receivedBy() == null ? i.owner() : i.receivedBy();
      if (i.receivedBy() == null) {
        expected.add(AdversarialWorld.local(i.owner()));
      } else {
        expected.add(Objects.requireNonNull(i.targetCollection()));
      }
      for (Agreement a : world.governance().state().agreementsOf(sharer)) {
        boolean definition = v.type().equals("marking-definition");
        boolean fits = definition || (i.tlp() != null
            && (i.receivedBy() == null || i.tlp() == Tlp.CLEAR || i.tlp() == Tlp.GREEN)
            && a.coversDomains(i.domains()) && a.coversTlp(i.tlp()));
        if (a.status() != AgreementStatus.TERMINATED && fits) {
          expected.add(a.collectionId());
        }
      }
      Set<String> actual = new TreeSet<>();
      o.members.forEach((c, vs) -> {
        if (vs.stream().anyMatch(x -> AdversarialOracle.key(x).equals(
            AdversarialOracle.key(i.id(), i.version())))) {
          actual.add(c);
        }
      });
      checks.incrementAndGet();
      if (!actual.equals(expected)) {
        out.add(new Finding("MEMBERSHIP", i.id() + "|" + i.version() + " is a member of "
            + actual.stream().map(this::collectionName).toList() + ", SHARING.md says "
            + expected.stream().map(this::collectionName).toList()));
      }
    }
    assertThat(world.intents).hasSizeGreaterThan(100);
    assertThat(out).as("the world as stored differs from the world as built").isEmpty();
  }

  // ---- TAXII ----

  /** Kinds of finding that reveal something the rule withholds. */
  private static final Set<String> LEAKS = Set.of("LEAK", "SIGNAL", "ERROR_SHAPE",
      "DELETED_OTHERS", "DUPLICATE", "PAGING");

  /** The sweeps' findings, each run once (the suspension sweep changes the world). */
  private final Map<String, List<Finding>> sweeps = new HashMap<>();

  private List<Finding> taxiiSweep() throws Exception {
    if (!sweeps.containsKey("taxii")) {
      sweeps.put("taxii", sweep(oracle(), world.users, true, false));
    }
    return sweeps.get("taxii");
  }

  private List<Finding> restSweep() throws Exception {
    if (!sweeps.containsKey("rest")) {
      sweeps.put("rest", sweep(oracle(), world.users, false, true));
    }
    return sweeps.get("rest");
  }

  @Test
  @Order(2)
  void taxii_releasesNothingBeyondTheRule_everyUserCollectionObjectAndPath() throws Exception {
    report(taxiiSweep().stream().filter(f -> LEAKS.contains(f.kind())).toList());
  }

  @Test
  @Order(3)
  void taxii_withholdsNothingTheRuleReleases_exactCounts() throws Exception {
    report(taxiiSweep().stream().filter(f -> !LEAKS.contains(f.kind())).toList());
  }

  private void report(List<Finding> out) {
    Map<String, List<Finding>> byKind = out.stream()
        .collect(Collectors.groupingBy(Finding::kind, java.util.TreeMap::new,
            Collectors.toList()));
    StringBuilder b = new StringBuilder();
    byKind.forEach((k, l) -> {
      b.append("\n== ").append(k).append(": ").append(l.size()).append('\n');
      l.stream().map(Finding::text).distinct().limit(40).forEach(t -> b.append("  ").append(t)
          .append('\n'));
    });
    assertThat(out).as("findings by kind:%s", b).isEmpty();
  }

  /** Runs the TAXII and/or REST sweep for the given users in parallel. */
  private List<Finding> sweep(AdversarialOracle o, List<AdversarialWorld.User> users,
      boolean taxii, boolean rest) throws Exception {
    List<Finding> out = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (AdversarialWorld.User u : users) {
        jobs.add(pool.submit(() -> {
          List<Finding> mine = new ArrayList<>();
          if (taxii) {
            taxiiSweep(mine, o, u);
          }
          if (rest) {
            restSweep(mine, o, u);
          }
          out.addAll(mine);
          return null;
        }));
      }
      for (Future<?> f : jobs) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return new ArrayList<>(out);
  }

  private void taxiiSweep(List<Finding> out, AdversarialOracle o, AdversarialWorld.User u) {
    String org = u.organisation();
    TaxiiClient c = client(u);
    Map<String, Purpose> visible = o.visibleCollections(org);
    compare(out, o, "TAXII collections list", u,
        c.collections().stream().map(TaxiiCollection::id).toList(), visible.keySet());
    for (String coll : o.members.keySet()) {
      Purpose purpose = visible.get(coll);
      if (purpose == null) {
        invisibleCollection(out, o, u, coll);
      } else {
        visibleCollection(out, o, u, c, coll, purpose);
      }
    }
  }

  private void visibleCollection(List<Finding> out, AdversarialOracle o, AdversarialWorld.User u,
      TaxiiClient c, String coll, Purpose purpose) {
    String org = u.organisation();
    String cn = collectionName(coll);
    List<StoredVersion> all = o.all(coll, org, purpose);
    List<StoredVersion> last = o.last(coll, org, purpose);
    Map<String, Instant> dates = new HashMap<>();
    for (StoredVersion v : o.members.get(coll)) {
      dates.put(AdversarialOracle.key(v), v.dateAdded());
    }
    // GET objects, default (latest versions), paged by 3.
    compare(out, o, "TAXII GET " + cn + "/objects/ (limit 3, paged)", u,
        follow(out, o, "TAXII GET " + cn + "/objects/", u, coll, 3,
            n -> envelopePage(c.getObjects(coll, TaxiiFilter.none().withLimit(3).withNext(n)))),
        keys(last));
    // The same, one by one: every page fills exactly, so a "more" over withheld members shows.
    compare(out, o, "TAXII GET " + cn + "/objects/ (limit 1, paged)", u,
        follow(out, o, "TAXII GET " + cn + "/objects/?limit=1", u, coll, 1,
            n -> envelopePage(c.getObjects(coll, TaxiiFilter.none().withLimit(1).withNext(n)))),
        keys(last));
    // Every version, paged by 4.
    compare(out, o, "TAXII GET " + cn + "/objects/?match[version]=all (limit 4, paged)", u,
        follow(out, o, "TAXII GET " + cn + "/objects/?match[version]=all", u, coll, 4,
            n -> envelopePage(c.getObjects(coll, TaxiiFilter.none().withVersions("all")
                .withLimit(4).withNext(n)))),
        keys(all));
    // By type.
    compare(out, o, "TAXII GET " + cn + "/objects/?match[type]=relationship,sighting", u,
        follow(out, o, "TAXII GET " + cn + "/objects/?match[type]", u, coll, 2,
            n -> envelopePage(c.getObjects(coll, TaxiiFilter.none()
                .withTypes("relationship", "sighting").withVersions("all").withLimit(2)
                .withNext(n)))),
        keys(all.stream().filter(v -> v.type().equals("relationship")
            || v.type().equals("sighting")).toList()));
    // By id: each owner's objects at once.
    Map<String, List<String>> byOwner = new HashMap<>();
    o.versions.forEach((id, vs) -> byOwner.computeIfAbsent(vs.getLast().owner(),
        k -> new ArrayList<>()).add(id));
    for (Map.Entry<String, List<String>> e : byOwner.entrySet()) {
      Set<String> ids = new TreeSet<>(e.getValue());
      List<String> chunk = new ArrayList<>(ids);
      for (int from = 0; from < chunk.size(); from += 40) {
        String[] part = chunk.subList(from, Math.min(chunk.size(), from + 40))
            .toArray(String[]::new);
        Set<String> partSet = Set.of(part);
        compare(out, o, "TAXII GET " + cn + "/objects/?match[id]=<" + part.length
            + " ids of " + AdversarialWorld.name(e.getKey()) + ">&match[version]=all", u,
            follow(out, o, "TAXII GET " + cn + "/objects/?match[id]", u, coll, 1000,
                n -> envelopePage(c.getObjects(coll, TaxiiFilter.none().withIds(part)
                    .withVersions("all").withLimit(1000).withNext(n)))),
            keys(all.stream().filter(v -> partSet.contains(v.id())).toList()));
      }
    }
    // Manifest, default and all versions; its date_added values must be the members' own.
    List<String> dateErrors = new ArrayList<>();
    compare(out, o, "TAXII GET " + cn + "/manifest/ (limit 5, paged)", u,
        follow(out, o, "TAXII GET " + cn + "/manifest/", u, coll, 5,
            n -> manifestPage(c.manifest(coll, TaxiiFilter.none().withLimit(5).withNext(n)),
                dateErrors, dates)),
        keys(last));
    compare(out, o, "TAXII GET " + cn + "/manifest/?match[version]=all", u,
        follow(out, o, "TAXII GET " + cn + "/manifest/?match[version]=all", u, coll, 1000,
            n -> manifestPage(c.manifest(coll, TaxiiFilter.none().withVersions("all")
                .withLimit(1000).withNext(n)), dateErrors, dates)),
        keys(all));
    for (String d : dateErrors) {
      out.add(new Finding("SIGNAL", "TAXII manifest " + cn + " as " + who(u) + ": " + d));
    }
    // added_after at several raw member dates (released or not), paged by 2.
    List<StoredVersion> members = o.members.get(coll);
    for (int idx : new int[] {0, members.size() / 3, members.size() / 2, members.size() - 2}) {
      if (idx < 0 || idx >= members.size()) {
        continue;
      }
      Instant t = members.get(idx).dateAdded();
      compare(out, o, "TAXII GET " + cn + "/objects/?added_after=" + t
          + "&match[version]=all (limit 2, paged)", u,
          follow(out, o, "TAXII GET " + cn + "/objects/?added_after", u, coll, 2,
              n -> envelopePage(c.getObjects(coll, TaxiiFilter.none().withAddedAfter(t)
                  .withVersions("all").withLimit(2).withNext(n)))),
          keys(all.stream().filter(v -> v.dateAdded().isAfter(t)).toList()));
    }
    // The door's count (what a "total" would report) equals the released latest versions.
    Principal principal = new Principal(u.name(), org,
        Set.of(u.role()));
    for (VersionMatch m : List.of(VersionMatch.LAST, VersionMatch.ALL)) {
      long n = world.node.data().count(principal, coll, new ObjectQuery(null,
          Set.of(), Set.of(), m, Set.of(), 1, null, false));
      long want = m.all() ? all.size() : last.size();
      checks.incrementAndGet();
      if (n != want) {
        out.add(new Finding(n > want ? "LEAK" : "WITHHELD", "NodeData.count(" + cn + ", "
            + (m.all() ? "all" : "last") + ") as " + who(u) + " = " + n + ", the rule releases "
            + want));
      }
    }
    // Every object on the node, one by one, in this collection.
    Map<String, AdversarialHttp.Resp> randoms = new HashMap<>();
    List<String> ids = new ArrayList<>(o.objectIds());
    ids.add("indicator--" + UUID.randomUUID());
    for (String id : ids) {
      objectPaths(out, o, u, coll, cn, id, all, last, randoms);
    }
  }

  private String objectPath(String coll, String id, String rest) {
    return "api/collections/" + coll + "/objects/" + AdversarialHttp.enc(id) + "/" + rest;
  }

  private AdversarialHttp.Resp random(Map<String, AdversarialHttp.Resp> cache,
      AdversarialWorld.User u, String coll, String id, String method, String rest) {
    String type = id.substring(0, id.indexOf("--"));
    return cache.computeIfAbsent(method + rest + type, k -> {
      String r = type + "--" + UUID.randomUUID();
      AdversarialHttp.Resp resp = http.send(u, method, objectPath(coll, r, rest),
          AdversarialHttp.TAXII, null);
      return new AdversarialHttp.Resp(resp.status(), resp.headers(),
          resp.body().replace(r, "<ID>"));
    });
  }

  /** Whether an answer for an invisible thing is indistinguishable from one for nothing. */
  private void sameAsNothing(List<Finding> out, String path, AdversarialWorld.User u,
      AdversarialHttp.Resp got, String idText, AdversarialHttp.Resp nothing, String what) {
    checks.incrementAndGet();
    String body = got.body().replace(idText, "<ID>");
    if (got.status() != nothing.status() || !body.equals(nothing.body())
        || !got.stableHeaders().equals(nothing.stableHeaders())) {
      out.add(new Finding(got.status() == 404 || got.status() == nothing.status()
          ? "ERROR_SHAPE" : "LEAK", path + " as " + who(u) + " for " + what
          + " answered " + got.status() + " " + abbreviate(body) + " " + got.stableHeaders()
          + " but for a nonexistent id " + nothing.status() + " " + abbreviate(nothing.body())
          + " " + nothing.stableHeaders()));
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  private void objectPaths(List<Finding> out, AdversarialOracle o, AdversarialWorld.User u,
      String coll, String cn, String id, List<StoredVersion> all, List<StoredVersion> last,
      Map<String, AdversarialHttp.Resp> randoms) {
    String org = u.organisation();
    Set<String> expAll = keys(all.stream().filter(v -> v.id().equals(id)).toList());
    Set<String> expLast = keys(last.stream().filter(v -> v.id().equals(id)).toList());
    String what = describe(o, id);
    // GET object (latest).
    AdversarialHttp.Resp get = http.get(u, objectPath(coll, id, ""), AdversarialHttp.TAXII);
    String path = "TAXII GET " + cn + "/objects/" + id + "/";
    if (expAll.isEmpty()) {
      sameAsNothing(out, path, u, get, id, random(randoms, u, coll, id, "GET", ""), what);
    } else if (get.status() != 200) {
      out.add(new Finding("WITHHELD", path + " as " + who(u) + " answered " + get.status()
          + " for " + what));
    } else {
      List<String> got = envelopeKeys(get.body());
      compare(out, o, path, u, got, expLast);
      objectDateHeaders(out, o, path, u, coll, get, got);
    }
    // HEAD: the same status and headers, no body.
    AdversarialHttp.Resp head = http.send(u, "HEAD", objectPath(coll, id, ""),
        AdversarialHttp.TAXII, null);
    checks.incrementAndGet();
    if (head.status() != get.status()) {
      out.add(new Finding(expAll.isEmpty() ? "LEAK" : "WITHHELD", "TAXII HEAD " + cn
          + "/objects/" + id + "/ as " + who(u) + " answered " + head.status() + ", GET "
          + get.status() + " for " + what));
    } else if (expAll.isEmpty()) {
      sameAsNothing(out, "TAXII HEAD " + cn + "/objects/" + id + "/", u, head, id,
          random(randoms, u, coll, id, "HEAD", ""), what);
    }
    // versions/
    AdversarialHttp.Resp vr = http.get(u, objectPath(coll, id, "versions/"),
        AdversarialHttp.TAXII);
    path = "TAXII GET " + cn + "/objects/" + id + "/versions/";
    if (expAll.isEmpty()) {
      sameAsNothing(out, path, u, vr, id, random(randoms, u, coll, id, "GET", "versions/"), what);
    } else if (vr.status() != 200) {
      out.add(new Finding("WITHHELD", path + " as " + who(u) + " answered " + vr.status()
          + " for " + what));
    } else {
      Versions vs = Versions.fromJson(StixJson.readTree(vr.body(), StixJson.mapper()));
      List<String> got = vs.versions().stream().map(x -> AdversarialOracle.key(id, x)).toList();
      compare(out, o, path, u, got, expAll);
      objectDateHeaders(out, o, path, u, coll, vr, got);
      if (vs.more()) {
        out.add(new Finding("PAGING", path + " more=true on a small object"));
      }
    }
    // DELETE of an object this organisation does not own: 404 when invisible, else 403.
    boolean owns = o.versions.getOrDefault(id, List.of()).stream()
        .anyMatch(v -> v.owner().equals(org));
    if (!owns) {
      AdversarialHttp.Resp del = http.send(u, "DELETE", objectPath(coll, id, ""),
          AdversarialHttp.TAXII, null);
      path = "TAXII DELETE " + cn + "/objects/" + id + "/";
      if (expAll.isEmpty()) {
        sameAsNothing(out, path, u, del, id, random(randoms, u, coll, id, "DELETE", ""), what);
      } else {
        checks.incrementAndGet();
        if (del.status() != 403) {
          out.add(new Finding(del.status() / 100 == 2 ? "DELETED_OTHERS" : "DELETE", path
              + " as " + who(u) + " answered " + del.status() + " for " + what
              + " (expected 403: visible but owned by another organisation)"));
        }
      }
    }
  }

  /** The date headers of a per-object answer must be those of released entries only. */
  private void objectDateHeaders(List<Finding> out, AdversarialOracle o, String path,
      AdversarialWorld.User u, String coll, AdversarialHttp.Resp r, List<String> keys) {
    checks.incrementAndGet();
    Instant first = r.headers().firstValue("X-TAXII-Date-Added-First")
        .flatMap(Timestamps::tryParse).orElse(null);
    Instant last = r.headers().firstValue("X-TAXII-Date-Added-Last")
        .flatMap(Timestamps::tryParse).orElse(null);
    Instant f = keys.isEmpty() ? null : o.dateAdded(coll, keys.getFirst());
    Instant l = keys.isEmpty() ? null : o.dateAdded(coll, keys.getLast());
    if (!Objects.equals(f, first) || !Objects.equals(l, last)) {
      out.add(new Finding("SIGNAL", path + " as " + who(u) + " date headers " + first + " / "
          + last + " are not the dates of the released entries " + f + " / " + l));
    }
  }

  private static List<String> envelopeKeys(String body) {
    Envelope e = Envelope.fromJson(StixJson.readTree(body, StixJson.mapper()));
    return e.objects().stream().map(AdversarialIT::key).toList();
  }

  private void invisibleCollection(List<Finding> out, AdversarialOracle o,
      AdversarialWorld.User u, String coll) {
    String cn = collectionName(coll);
    String random = UUID.randomUUID().toString();
    String someId = o.members.get(coll).isEmpty() ? "indicator--" + UUID.randomUUID()
        : o.members.get(coll).getLast().id();
    String envelope = "{\"objects\":[]}";
    for (String[] p : new String[][] {
        {"GET", ""}, {"GET", "objects/"}, {"GET", "manifest/"},
        {"GET", "objects/" + AdversarialHttp.enc(someId) + "/"},
        {"GET", "objects/" + AdversarialHttp.enc(someId) + "/versions/"},
        {"HEAD", "objects/"}, {"POST", "objects/"},
        {"DELETE", "objects/" + AdversarialHttp.enc(someId) + "/"}}) {
      byte[] body = p[0].equals("POST") ? envelope.getBytes(StandardCharsets.UTF_8) : null;
      AdversarialHttp.Resp got = http.send(u, p[0], "api/collections/" + coll + "/" + p[1],
          AdversarialHttp.TAXII, body);
      AdversarialHttp.Resp none = http.send(u, p[0], "api/collections/" + random + "/" + p[1],
          AdversarialHttp.TAXII, body);
      none = new AdversarialHttp.Resp(none.status(), none.headers(),
          none.body().replace(random, "<ID>"));
      sameAsNothing(out, "TAXII " + p[0] + " collections/" + cn + "/" + p[1], u, got, coll,
          none, "invisible collection " + cn);
      if (got.status() != 404) {
        out.add(new Finding("LEAK", "TAXII " + p[0] + " collections/" + cn + "/" + p[1]
            + " as " + who(u) + " answered " + got.status() + " for an invisible collection"));
      }
    }
  }

  // ---- REST ----

  private boolean restRegistered() {
    AdversarialWorld.User u = world.user("o1-analyst");
    String own = world.tokenOf.keySet().iterator().next();
    AdversarialHttp.Resp r = http.get(u, "api/objects/" + AdversarialHttp.enc(own),
        AdversarialHttp.JSON);
    return r.status() == 200;
  }

  @Test
  @Order(4)
  void rest_releasesNothingBeyondTheRule_everyUserAndObject() throws Exception {
    Assumptions.assumeTrue(restRegistered(), "the REST API (/api/objects/{id}, app/ApiRoutes)"
        + " is not registered on the node yet: GET /api/objects/<own object> is not 200");
    report(restSweep().stream().filter(f -> LEAKS.contains(f.kind())).toList());
  }

  @Test
  @Order(5)
  void rest_withholdsNothingTheRuleReleases_everyUserAndObject() throws Exception {
    Assumptions.assumeTrue(restRegistered(), "the REST API (/api/objects/{id}, app/ApiRoutes)"
        + " is not registered on the node yet: GET /api/objects/<own object> is not 200");
    report(restSweep().stream().filter(f -> !LEAKS.contains(f.kind())).toList());
  }

  private @Nullable JsonNode json(AdversarialHttp.Resp r) {
    try {
      return StixJson.readTree(r.body(), StixJson.mapper());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private AdversarialHttp.Resp restNothing(Map<String, AdversarialHttp.Resp> cache,
      AdversarialWorld.User u, String template, String type) {
    return cache.computeIfAbsent(template + type, k -> {
      String r = type + "--" + UUID.randomUUID();
      AdversarialHttp.Resp resp = http.get(u, template.replace("{id}", AdversarialHttp.enc(r)),
          AdversarialHttp.JSON);
      return new AdversarialHttp.Resp(resp.status(), resp.headers(),
          resp.body().replace(r, "<ID>"));
    });
  }

  private void restSweep(List<Finding> out, AdversarialOracle o, AdversarialWorld.User u) {
    String org = u.organisation();
    boolean nodeAdmin = u.role() == Role.ADMIN && org.equals(AdversarialWorld.OP);
    Map<String, AdversarialHttp.Resp> nothing = new HashMap<>();
    List<String> ids = new ArrayList<>(o.objectIds());
    ids.add("indicator--" + UUID.randomUUID());
    Set<String> anywhere = o.releasedAnywhere(org);
    for (String id : ids) {
      String type = id.substring(0, id.indexOf("--"));
      String what = describe(o, id);
      List<StoredVersion> exp = o.anyVersions(id, org);
      Set<String> expKeys = keys(exp);
      // GET /api/objects/{id}
      String tmpl = "api/objects/{id}";
      String path = "REST GET /api/objects/" + id;
      AdversarialHttp.Resp r = http.get(u, tmpl.replace("{id}", AdversarialHttp.enc(id)),
          AdversarialHttp.JSON);
      if (exp.isEmpty()) {
        sameAsNothing(out, path, u, r, id, restNothing(nothing, u, tmpl, type), what);
      } else if (r.status() != 200) {
        out.add(new Finding("WITHHELD", path + " as " + who(u) + " answered " + r.status()
            + " for " + what));
      } else {
        compare(out, o, path, u, restVersions(r), expKeys);
      }
      // ?version=last: one version, released; the newest overall when that one is released.
      tmpl = "api/objects/{id}?version=last";
      r = http.get(u, tmpl.replace("{id}", AdversarialHttp.enc(id)), AdversarialHttp.JSON);
      path = "REST GET /api/objects/" + id + "?version=last";
      if (r.status() == 200) {
        List<String> got = restVersions(r);
        compare(out, o, path, u, got, got.stream().filter(expKeys::contains).toList());
        StoredVersion newest = o.latest(id).orElse(null);
        if (newest != null && expKeys.contains(AdversarialOracle.key(newest))) {
          compare(out, o, path, u, got, Set.of(AdversarialOracle.key(newest)));
        } else if (!got.isEmpty()) {
          observations.add("REST ?version=last returns the newest RELEASED version when the"
              + " newest version is withheld (e.g. " + what + " to "
              + AdversarialWorld.name(org) + ")");
        }
      } else if (exp.isEmpty()) {
        sameAsNothing(out, path, u, r, id, restNothing(nothing, u, tmpl, type), what);
      } else {
        observations.add("REST ?version=last answers " + r.status() + " when the newest version"
            + " is withheld but an older one is released (e.g. " + what + " to "
            + AdversarialWorld.name(org) + "), while ?version=all releases the older one");
      }
      // provenance: only with a released version, and only about released versions.
      tmpl = "api/objects/{id}/provenance";
      path = "REST GET /api/objects/" + id + "/provenance";
      r = http.get(u, tmpl.replace("{id}", AdversarialHttp.enc(id)), AdversarialHttp.JSON);
      if (exp.isEmpty()) {
        sameAsNothing(out, path, u, r, id, restNothing(nothing, u, tmpl, type), what);
      } else if (r.status() != 200) {
        out.add(new Finding("WITHHELD", path + " as " + who(u) + " answered " + r.status()
            + " for " + what));
      } else {
        JsonNode j = json(r);
        List<String> got = new ArrayList<>();
        if (j != null && j.has("contributions")) {
          for (JsonNode c : j.get("contributions")) {
            got.add(AdversarialOracle.key(id, c.path("version").asString()));
          }
        }
        checks.incrementAndGet();
        for (String k : new TreeSet<>(got)) {
          if (!expKeys.contains(k)) {
            out.add(new Finding("LEAK", path + " as " + who(u)
                + " describes the contribution of a version not released to it: "
                + describe(o, k)));
          }
        }
      }
      // releasability and explain: only the owner (of the latest version) or a node admin.
      StoredVersion newest = o.latest(id).orElse(null);
      boolean may = newest != null && (nodeAdmin || newest.owner().equals(org));
      tmpl = "api/objects/{id}/releasability";
      path = "REST GET /api/objects/" + id + "/releasability";
      r = http.get(u, tmpl.replace("{id}", AdversarialHttp.enc(id)), AdversarialHttp.JSON);
      if (!may) {
        sameAsNothing(out, path, u, r, id, restNothing(nothing, u, tmpl, type), what);
      } else if (r.status() != 200) {
        out.add(new Finding("WITHHELD", path + " as " + who(u) + " answered " + r.status()
            + " for " + what));
      } else {
        JsonNode j = json(r);
        Map<String, Boolean> got = new HashMap<>();
        if (j != null) {
          for (JsonNode e : j.path("organisations")) {
            got.put(e.path("organisation").asString(), e.path("allowed").asBoolean());
          }
        }
        for (String other : AdversarialWorld.ALL_ORGS) {
          Decision d = o.decide(newest, other, Purpose.any());
          checks.incrementAndGet();
          if (!Objects.equals(got.get(other), d.allowed())) {
            out.add(new Finding("EXPLAIN", path + " as " + who(u) + " says "
                + AdversarialWorld.name(other) + " allowed=" + got.get(other) + ", the rule "
                + d.allowed() + " (" + d.reason() + ") for " + what));
          }
        }
      }
      String other = AdversarialWorld.PARTNERS.get((ids.indexOf(id) + 1) % 5);
      tmpl = "api/policy/explain?object={id}&org=" + AdversarialHttp.enc(other);
      path = "REST GET /api/policy/explain?object=" + id + "&org=" + other;
      r = http.get(u, tmpl.replace("{id}", AdversarialHttp.enc(id)), AdversarialHttp.JSON);
      if (!may) {
        sameAsNothing(out, path, u, r, id, restNothing(nothing, u, tmpl, type), what);
      } else if (r.status() != 200) {
        out.add(new Finding("WITHHELD", path + " as " + who(u) + " answered " + r.status()
            + " for " + what));
      } else {
        JsonNode j = json(r);
        Decision d = o.decide(newest, other, Purpose.any());
        checks.incrementAndGet();
        if (j == null || j.path("allowed").asBoolean() != d.allowed()
            || !j.path("reason").asString().equals(d.reason().name())) {
          out.add(new Finding("EXPLAIN", path + " as " + who(u) + " answered " + r.body()
              + ", the rule " + d));
        }
      }
    }
    // Search: every object's token, every version's token, and the world's common prefix.
    List<String> tokens = new ArrayList<>(world.tokenOf.values());
    tokens.addAll(world.versionToken.values());
    tokens.add("qzx");
    for (String t : tokens) {
      AdversarialHttp.Resp r = http.get(u, "api/search?limit=1000&q=" + AdversarialHttp.enc(t),
          AdversarialHttp.JSON);
      String path = "REST GET /api/search?q=" + t;
      checks.incrementAndGet();
      if (r.status() != 200) {
        out.add(new Finding("SEARCH", path + " as " + who(u) + " answered " + r.status() + " "
            + abbreviate(r.body())));
        continue;
      }
      JsonNode j = json(r);
      List<String> gotIds = new ArrayList<>();
      if (j != null) {
        for (JsonNode obj : j.path("objects")) {
          gotIds.add(obj.path("id").asString());
          if (!anywhere.contains(key(obj))) {
            out.add(new Finding("LEAK", path + " as " + who(u) + " returned a version no"
                + " collection releases to it: " + describe(o, key(obj))));
          }
        }
      }
      compare(out, o, path, u, gotIds, o.search(org, t));
    }
    // Agreements: parties see theirs, node admins all.
    Set<String> expAgreements = new TreeSet<>();
    for (Agreement a : o.state.agreements()) {
      if (nodeAdmin || a.hasParty(org)) {
        expAgreements.add(a.id());
      }
    }
    AdversarialHttp.Resp r = http.get(u, "api/agreements", AdversarialHttp.JSON);
    List<String> got = new ArrayList<>();
    JsonNode j = json(r);
    if (j != null) {
      for (JsonNode a : j.path("agreements")) {
        got.add(a.path("id").asString());
      }
    }
    compare(out, o, "REST GET /api/agreements", u, got, expAgreements);
    for (Agreement a : o.state.agreements()) {
      String tmpl = "api/agreements/{id}";
      AdversarialHttp.Resp ar = http.get(u, tmpl.replace("{id}", a.id()), AdversarialHttp.JSON);
      String path = "REST GET /api/agreements/" + a.id();
      if (expAgreements.contains(a.id())) {
        checks.incrementAndGet();
        if (ar.status() != 200) {
          out.add(new Finding("WITHHELD", path + " as " + who(u) + " answered " + ar.status()));
        }
      } else {
        sameAsNothing(out, path, u, ar, a.id(),
            restNothing(nothing, u, tmpl, "kuroshio-agreement"), "agreement " + a.title());
      }
    }
  }

  private List<String> restVersions(AdversarialHttp.Resp r) {
    JsonNode j = json(r);
    List<String> out = new ArrayList<>();
    if (j != null) {
      for (JsonNode v : j.path("versions")) {
        out.add(key(v));
      }
    }
    return out;
  }

  // ---- agreements changing mid-run ----

  @Test
  @Order(6)
  void suspendingAndReactivatingAnAgreement_releasesNothingBeyondTheRule() throws Exception {
    List<Finding> all = new ArrayList<>(suspension().get("suspended"));
    all.addAll(suspension().get("reactivated"));
    report(all.stream().filter(f -> LEAKS.contains(f.kind())).toList());
  }

  @Test
  @Order(7)
  void suspendingAndReactivatingAnAgreement_withholdsNothingTheRuleReleases() throws Exception {
    List<Finding> all = new ArrayList<>(suspension().get("suspended"));
    all.addAll(suspension().get("reactivated"));
    report(all.stream().filter(f -> !LEAKS.contains(f.kind())).toList());
  }

  private Map<String, List<Finding>> suspension() throws Exception {
    if (!sweeps.containsKey("suspended")) {
      suspendAndReactivate();
    }
    return sweeps;
  }

  private void suspendAndReactivate() throws Exception {
    boolean rest = restRegistered();
    List<AdversarialWorld.User> parties = world.users.stream()
        .filter(u -> Set.of(AdversarialWorld.O1, AdversarialWorld.O2)
            .contains(u.organisation()))
        .toList();
    Agreement a12 = world.agreement("A12");
    AdversarialWorld.User o2 = world.user("o2-analyst");
    // A cursor into A12 taken while it is active, and what flows before.
    AdversarialOracle before = oracle();
    assertThat(before.all(a12.collectionId(), AdversarialWorld.O2,
        Purpose.agreement(a12.id())).stream().map(StoredVersion::owner))
        .as("O1's objects flow to O2 under A12 before the suspension")
        .contains(AdversarialWorld.O1);
    TaxiiPage<Envelope> first = client(o2).getObjects(a12.collectionId(),
        TaxiiFilter.none().withLimit(1));
    assertThat(first.body().more()).isTrue();
    String cursor = first.body().next();

    world.change("A12", AgreementStatus.SUSPENDED);
    List<Finding> out = new ArrayList<>();
    try {
      AdversarialOracle suspended = oracle();
      assertThat(suspended.visibleCollections(AdversarialWorld.O2))
          .doesNotContainKey(a12.collectionId());
      // The oracle itself says nothing of O1's own intelligence reaches O2 now (O1 and O2
      // share A12 alone; definitions go to everyone by rule D).
      for (String id : suspended.objectIds()) {
        for (StoredVersion v : suspended.anyVersions(id, AdversarialWorld.O2)) {
          assertThat(v.owner().equals(AdversarialWorld.O1)
              && !v.type().equals("marking-definition"))
              .as("the oracle releases %s to O2 during the suspension", describe(suspended,
                  AdversarialOracle.key(v)))
              .isFalse();
        }
      }
      out.addAll(sweep(suspended, parties, true, rest));
      try {
        client(o2).getObjects(a12.collectionId(), TaxiiFilter.none().withLimit(1)
            .withNext(cursor));
        out.add(new Finding("LEAK", "TAXII GET A12/objects/?next=<cursor from before the"
            + " suspension> answered 200 after A12 was suspended"));
      } catch (TaxiiException e) {
        checks.incrementAndGet();
        if (e.status() != 404) {
          out.add(new Finding("ERROR_SHAPE", "TAXII GET A12 with an old cursor after the"
              + " suspension answered " + e.status() + ", not 404"));
        }
      }
    } finally {
      world.change("A12", AgreementStatus.ACTIVE);
      sweeps.put("suspended", out);
    }
    AdversarialOracle again = oracle();
    assertThat(again.all(a12.collectionId(), AdversarialWorld.O2, Purpose.agreement(a12.id()))
        .stream().map(StoredVersion::owner))
        .as("O1's objects flow to O2 under A12 again after re-activation")
        .contains(AdversarialWorld.O1);
    sweeps.put("reactivated", sweep(again, parties, true, rest));
  }

  @Test
  @Order(8)
  void everyOrderedPairOfOrganisationsWasExercised() {
    // Recipients that see something of an owner were compared object by object; pairs with
    // nothing to see were still asked for everything (every id, every collection).
    assertThat(checks.get()).isGreaterThan(10_000);
    assertThat(pairs).contains("O1->O2", "O2->O1", "O1->O3", "O3->O1", "O2->O4", "O4->O2",
        "O5->O3", "O5->O1");
    Set<String> all = new LinkedHashSet<>();
    for (String a : AdversarialWorld.ALL_ORGS) {
      for (String b : AdversarialWorld.ALL_ORGS) {
        all.add(AdversarialWorld.name(a) + "->" + AdversarialWorld.name(b));
      }
    }
    System.out.println("AdversarialIT: pairs with released objects " + pairs + " of "
        + all.size());
  }
}
