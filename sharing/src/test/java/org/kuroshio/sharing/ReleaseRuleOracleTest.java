package org.kuroshio.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kuroshio.sharing.Decision.Reason;
import org.kuroshio.sharing.ReleaseOracle.Answer;
import org.kuroshio.stix.Tlp;

/**
 * The release rule agrees with {@link ReleaseOracle} on random worlds: organisations, agreements
 * (kinds, parties, domains, ceilings, validity around a fixed instant, status histories) and object
 * versions (types, owners, markings, domains, release lists, provenance), for every organisation
 * as recipient under random purposes (any, local, known and unknown agreements) and instants. Each case is a seed; a mismatch prints the world, the subject,
 * the recipient, the purpose and both answers, and the seed reproduces it.
 */
class ReleaseRuleOracleTest {
  private static final int SEEDS = 20;
  private static final int DECISIONS_PER_SEED = 50_000;
  private static final long REQUIRED_TOTAL = 1_000_000;
  /** Every reason must decide at least this many of one seed's decisions. */
  private static final int MIN_PER_REASON = 200;
  /** Every path of {@link Run#PATHS} must be taken at least this many times in one seed. */
  private static final int MIN_PER_PATH = 5;
  private static final int OBJECTS_PER_PHASE = 20;

  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final String NODE_ORG = "identity--00000000-0000-4000-8000-00000000000a";
  private static final List<String> DOMAINS =
      List.of("cyber", "maritime", "fimi", "disaster-response", "defence-research");
  private static final Tlp[] TLPS = Tlp.values();

  private static final AtomicLong TOTAL = new AtomicLong();
  private static final AtomicInteger SEEDS_RUN = new AtomicInteger();
  private static final Map<Reason, Long> ALL_REASONS = new EnumMap<>(Reason.class);

  static LongStream seeds() {
    return LongStream.range(0, SEEDS).map(i -> 0x5EED_0000L + i * 7919);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void releaseRuleAgreesWithOracle(long seed) {
    Run run = new Run(seed);
    run.go();

    assertThat(run.mismatches).as(run.mismatchReport()).isZero();
    assertThat(run.decisions).isEqualTo(DECISIONS_PER_SEED);
    for (Reason r : Reason.values()) {
      assertThat(run.reasons.getOrDefault(r, 0L))
          .as("seed %d: decisions answered %s", seed, r).isGreaterThanOrEqualTo(MIN_PER_REASON);
    }
    // Paths through the table that one reason alone does not show.
    for (String path : Run.PATHS) {
      assertThat(run.paths.getOrDefault(path, 0L))
          .as("seed %d: decisions along path '%s'", seed, path)
          .isGreaterThanOrEqualTo(MIN_PER_PATH);
    }
    TOTAL.addAndGet(run.decisions);
    SEEDS_RUN.incrementAndGet();
    synchronized (ALL_REASONS) {
      run.reasons.forEach((r, n) -> ALL_REASONS.merge(r, n, Long::sum));
    }
  }

  @AfterAll
  static void enoughDecisionsOverall() {
    // Only meaningful when every seed ran (a single seed may be run alone to reproduce it).
    if (SEEDS_RUN.get() == SEEDS) {
      assertThat(TOTAL.get()).isGreaterThanOrEqualTo(REQUIRED_TOTAL);
      System.getLogger(ReleaseRuleOracleTest.class.getName()).log(System.Logger.Level.INFO,
          "release rule vs oracle: " + TOTAL.get() + " decisions over " + SEEDS
              + " seeds, by reason " + ALL_REASONS);
    }
  }

  /** One seed's worth of worlds and decisions. */
  private static final class Run {
    static final List<String> PATHS = List.of(
        "AGREEMENT onward (received, sharer is first recipient)",
        "AGREEMENT under purpose agreement",
        "AGREEMENT for TLP:RED (listed and red ceiling)",
        "AGREEMENT_STOPPED under purpose agreement",
        "PARTY_IDENTITY under purpose agreement",
        "NO_AGREEMENT for a known agreement object (not a party)",
        "kuroshio-agreement object unknown to the node, decided by the normal rule",
        "NO_AGREEMENT under an unknown agreement purpose",
        "now on a validity boundary");

    final long seed;
    final SplittableRandom r;
    long decisions;
    long mismatches;
    final Map<Reason, Long> reasons = new EnumMap<>(Reason.class);
    final Map<String, Long> paths = new LinkedHashMap<>();
    /** The first mismatch of each kind (both reasons, which names an agreement), up to six. */
    final Map<String, String> firstMismatches = new LinkedHashMap<>();
    int world;

    Run(long seed) {
      this.seed = seed;
      this.r = new SplittableRandom(seed);
    }

    void go() {
      while (decisions < DECISIONS_PER_SEED) {
        world++;
        World w = World.random(r);
        // Phase 0 on the world as generated; then one agreement changes status (or a new one
        // appears) and the same rule reads the next snapshot, as a live node would.
        SharingState state = SharingState.of(NODE_ORG, w.organisations(), w.agreements);
        for (int phase = 0; phase < 3 && decisions < DECISIONS_PER_SEED; phase++) {
          if (phase > 0) {
            w = w.evolve(r);
            state = state.with(w.changed);
          }
          ReleaseOracle oracle = new ReleaseOracle(w.orgIds, w.agreements);
          for (int i = 0; i < OBJECTS_PER_PHASE && decisions < DECISIONS_PER_SEED; i++) {
            ReleaseSubject s = w.randomSubject(r);
            Instant now = w.randomNow(r);
            for (String recipient : w.orgIds) {
              for (Purpose p : w.purposes(r, recipient)) {
                if (decisions == DECISIONS_PER_SEED) {
                  return;
                }
                check(w, state, oracle, s, recipient, p, now);
              }
            }
          }
        }
      }
    }

    private void check(World w, SharingState state, ReleaseOracle oracle, ReleaseSubject s,
        String recipient, Purpose p, Instant now) {
      decisions++;
      Answer expected = oracle.decide(s, recipient, p, now);
      Decision d = ReleaseRule.decide(state, s, recipient, p, now);
      Answer actual = Answer.of(d);
      reasons.merge(actual.reason(), 1L, Long::sum);
      countPaths(w, s, p, now, actual);
      boolean explained = !d.explanation().isBlank();
      if (!expected.equals(actual) || !explained) {
        mismatches++;
        String key = expected.reason() + " vs " + actual.reason()
            + (expected.agreementId() == null) + (actual.agreementId() == null) + explained;
        if (firstMismatches.size() < 6 && !firstMismatches.containsKey(key)) {
          firstMismatches.put(key, describe(w, s, recipient, p, now, expected, d));
        }
      }
    }

    private void countPaths(World w, ReleaseSubject s, Purpose p, Instant now, Answer a) {
      boolean agreementPurpose = p.kind() == Purpose.Kind.AGREEMENT;
      if (a.reason() == Reason.AGREEMENT && s.received()) {
        path(PATHS.get(0));
      }
      if (a.reason() == Reason.AGREEMENT && agreementPurpose) {
        path(PATHS.get(1));
      }
      if (a.reason() == Reason.AGREEMENT && s.tlp() == Tlp.RED) {
        path(PATHS.get(2));
      }
      if (a.reason() == Reason.AGREEMENT_STOPPED && agreementPurpose) {
        path(PATHS.get(3));
      }
      if (a.reason() == Reason.PARTY_IDENTITY && agreementPurpose) {
        path(PATHS.get(4));
      }
      boolean knownAgreementObject = s.type().equals("kuroshio-agreement")
          && w.agreements.stream().anyMatch(x -> x.id().equals(s.id()));
      if (a.reason() == Reason.NO_AGREEMENT && knownAgreementObject) {
        path(PATHS.get(5));
      }
      if (s.type().equals("kuroshio-agreement") && !knownAgreementObject
          && a.reason() != Reason.OWNER) {
        path(PATHS.get(6));
      }
      if (a.reason() == Reason.NO_AGREEMENT && agreementPurpose
          && w.agreements.stream().noneMatch(x -> x.id().equals(p.agreementId()))) {
        path(PATHS.get(7));
      }
      for (Agreement x : w.agreements) {
        if (now.equals(x.validFrom()) || now.equals(x.validUntil())) {
          path(PATHS.get(8));
          break;
        }
      }
    }

    private void path(String name) {
      paths.merge(name, 1L, Long::sum);
    }

    private String describe(World w, ReleaseSubject s, String recipient, Purpose p, Instant now,
        Answer expected, Decision actual) {
      StringBuilder sb = new StringBuilder();
      sb.append("release rule and oracle disagree (seed ").append(seed).append(", world ")
          .append(world).append(", decision ").append(decisions).append(")\n");
      sb.append(w.describe());
      sb.append("subject:   ").append(s).append('\n');
      sb.append("recipient: ").append(w.name(recipient)).append('\n');
      sb.append("purpose:   ").append(p).append('\n');
      sb.append("now:       ").append(now).append('\n');
      sb.append("oracle:    ").append(expected).append('\n');
      sb.append("rule:      ").append(actual).append('\n');
      return sb.toString();
    }

    String mismatchReport() {
      return mismatches + " of " + decisions + " decisions disagree; first of each kind:\n\n"
          + String.join("\n", firstMismatches.values());
    }
  }

  /** Organisations and agreements, and the ids that objects and purposes draw from. */
  private static final class World {
    final List<String> orgIds;
    final List<Agreement> agreements;
    final List<String> unknownAgreementIds;
    final List<String> strangers;
    /** The agreement that {@link #evolve} changed or added (for the snapshot's update). */
    final @Nullable Agreement changed;

    private World(List<String> orgIds, List<Agreement> agreements,
        List<String> unknownAgreementIds, List<String> strangers, @Nullable Agreement changed) {
      this.orgIds = orgIds;
      this.agreements = agreements;
      this.unknownAgreementIds = unknownAgreementIds;
      this.strangers = strangers;
      this.changed = changed;
    }

    static World random(SplittableRandom r) {
      int orgCount = r.nextInt(3, 13);
      List<String> orgs = new ArrayList<>();
      orgs.add(NODE_ORG);
      while (orgs.size() < orgCount) {
        String id = uuidId("identity", r);
        if (!orgs.contains(id)) {
          orgs.add(id);
        }
      }
      List<String> strangers = List.of(uuidId("identity", r), uuidId("identity", r));
      List<Agreement> agreements = new ArrayList<>();
      int count = r.nextInt(11);
      for (int i = 0; i < count; i++) {
        agreements.add(randomAgreement(r, orgs, strangers));
      }
      List<String> unknown = List.of(uuidId("kuroshio-agreement", r),
          uuidId("kuroshio-agreement", r));
      return new World(List.copyOf(orgs), List.copyOf(agreements), unknown, strangers, null);
    }

    /** Returns this world after one agreement's status moves, or a new agreement appears. */
    World evolve(SplittableRandom r) {
      List<Agreement> next = new ArrayList<>(agreements);
      List<Integer> movable = new ArrayList<>();
      for (int i = 0; i < next.size(); i++) {
        if (!next.get(i).status().next().isEmpty()) {
          movable.add(i);
        }
      }
      Agreement changed;
      if (movable.isEmpty() && next.size() >= 10) {
        // Ten final agreements: nothing can move and no more may be added; keep the world.
        changed = next.getFirst();
      } else if (movable.isEmpty() || (r.nextInt(5) == 0 && next.size() < 10)) {
        changed = randomAgreement(r, orgIds, strangers);
        next.add(changed);
      } else {
        int i = movable.get(r.nextInt(movable.size()));
        Agreement a = next.get(i);
        changed = step(r, a, a.modified().plusSeconds(r.nextInt(1, 86_400)));
        next.set(i, changed);
      }
      return new World(orgIds, List.copyOf(next), unknownAgreementIds, strangers, changed);
    }

    List<Organisation> organisations() {
      List<Organisation> out = new ArrayList<>();
      for (int i = 0; i < orgIds.size(); i++) {
        out.add(new Organisation(orgIds.get(i), "Org " + i, NOW.minus(Duration.ofDays(900))));
      }
      return out;
    }

    /**
     * Purposes for one (subject, recipient): always any; sometimes local; one or two agreements'
     * collections, mostly of agreements naming the recipient; sometimes an unknown agreement.
     */
    List<Purpose> purposes(SplittableRandom r, String recipient) {
      List<Purpose> out = new ArrayList<>();
      out.add(Purpose.any());
      if (r.nextInt(4) == 0) {
        out.add(Purpose.local());
      }
      if (!agreements.isEmpty()) {
        List<Agreement> ofRecipient = new ArrayList<>();
        for (Agreement a : agreements) {
          if (a.parties().contains(recipient)) {
            ofRecipient.add(a);
          }
        }
        for (int n = r.nextInt(1, 3); n > 0; n--) {
          Agreement a = !ofRecipient.isEmpty() && r.nextInt(4) != 0
              ? pick(r, ofRecipient) : pick(r, agreements);
          out.add(Purpose.agreement(a.id()));
        }
      }
      if (r.nextInt(8) == 0) {
        out.add(Purpose.agreement(pick(r, unknownAgreementIds)));
      }
      return out;
    }

    ReleaseSubject randomSubject(SplittableRandom r) {
      String type = randomType(r);
      String id = switch (type) {
        case "identity" -> r.nextInt(10) < 7 ? pick(r, orgIds)
            : r.nextBoolean() ? pick(r, strangers) : uuidId(type, r);
        case "kuroshio-agreement" -> !agreements.isEmpty() && r.nextInt(10) < 7
            ? pick(r, agreements).id()
            : r.nextBoolean() ? pick(r, unknownAgreementIds) : uuidId(type, r);
        default -> uuidId(type, r);
      };
      // Two thirds of the subjects are drawn near an agreement (a party owns or received it,
      // its domains and marking close to the agreement's), so that steps 3 to 6 are reached
      // often; the rest are drawn freely.
      Agreement near = null;
      if (!agreements.isEmpty() && r.nextInt(3) != 0) {
        List<Agreement> active = new ArrayList<>();
        for (Agreement a : agreements) {
          if (a.status() == AgreementStatus.ACTIVE) {
            active.add(a);
          }
        }
        near = !active.isEmpty() && r.nextInt(4) != 0 ? pick(r, active) : pick(r, agreements);
      }
      String owner;
      if (r.nextInt(20) == 0) {
        owner = pick(r, strangers);
      } else if (near != null && r.nextInt(4) != 0) {
        owner = pick(r, near.parties());
      } else {
        owner = pick(r, orgIds);
      }
      Tlp tlp;
      if (r.nextInt(8) == 0) {
        tlp = null;
      } else if (near != null && r.nextInt(4) != 0) {
        // At the ceiling, below it, or one level above it.
        int rank = ReleaseOracle.rank(near.ceiling()) + r.nextInt(-2, 2);
        tlp = TLPS[Math.max(0, Math.min(TLPS.length - 1, rank))];
      } else {
        tlp = TLPS[r.nextInt(TLPS.length)];
      }
      Set<String> domains = new LinkedHashSet<>();
      if (near != null && r.nextInt(4) != 0) {
        List<String> covered = List.copyOf(near.domains());
        for (int n = r.nextInt(1, Math.min(3, covered.size()) + 1); domains.size() < n; ) {
          domains.add(pick(r, covered));
        }
        if (r.nextInt(5) == 0) {
          domains.add(pick(r, DOMAINS));
        }
      } else {
        int n = switch (r.nextInt(20)) {
          case 0, 1, 2 -> 3;
          case 3, 4, 5, 6, 7, 8 -> 2;
          default -> 1;
        };
        while (domains.size() < n) {
          domains.add(pick(r, DOMAINS));
        }
      }
      List<String> releaseTo = new ArrayList<>();
      int chance = r.nextInt(5);
      for (String o : orgIds) {
        if (r.nextInt(4) < chance) {
          releaseTo.add(o);
        }
      }
      if (r.nextInt(10) == 0) {
        releaseTo.add(pick(r, strangers));
      }
      if (near != null && r.nextBoolean()) {
        for (String p : near.parties()) {
          if (!releaseTo.contains(p) && r.nextInt(4) != 0) {
            releaseTo.add(p);
          }
        }
      }
      String receivedBy = null;
      if (r.nextInt(3) == 0) {
        receivedBy = near != null && r.nextBoolean() ? pick(r, near.parties()) : pick(r, orgIds);
      }
      return new ReleaseSubject(id, type, owner, tlp, domains, releaseTo, receivedBy);
    }

    private static String randomType(SplittableRandom r) {
      int x = r.nextInt(100);
      if (x < 22) {
        return "indicator";
      } else if (x < 32) {
        return "malware";
      } else if (x < 47) {
        return "identity";
      } else if (x < 52) {
        return "marking-definition";
      } else if (x < 55) {
        return "extension-definition";
      } else if (x < 67) {
        return "kuroshio-agreement";
      } else if (x < 77) {
        return "relationship";
      } else if (x < 82) {
        return "report";
      } else if (x < 86) {
        return "sighting";
      } else if (x < 92) {
        return "x-kuroshio-vessel";
      } else if (x < 96) {
        return "campaign";
      } else {
        return "note";
      }
    }

    /** The base instant, an instant near it, or exactly on (or next to) a validity boundary. */
    Instant randomNow(SplittableRandom r) {
      int x = r.nextInt(10);
      if (x < 5 || agreements.isEmpty()) {
        return NOW;
      } else if (x < 7) {
        return NOW.plusMillis(r.nextLong(-400L * 86_400_000, 400L * 86_400_000));
      }
      Agreement a = pick(r, agreements);
      Instant edge = a.validUntil() != null && r.nextBoolean() ? a.validUntil() : a.validFrom();
      return switch (r.nextInt(3)) {
        case 0 -> edge.minusMillis(1);
        case 1 -> edge.plusMillis(1);
        default -> edge;
      };
    }

    String name(String org) {
      int i = orgIds.indexOf(org);
      if (i >= 0) {
        return "org" + i + " (" + org + ")";
      }
      return org + (strangers.contains(org) ? " (stranger, not a known organisation)" : "");
    }

    String describe() {
      StringBuilder sb = new StringBuilder();
      sb.append("node organisation: ").append(NODE_ORG).append('\n');
      sb.append("organisations:\n");
      for (int i = 0; i < orgIds.size(); i++) {
        sb.append("  org").append(i).append(' ').append(orgIds.get(i)).append('\n');
      }
      sb.append("strangers (not organisations): ").append(strangers).append('\n');
      sb.append("agreements (").append(agreements.size()).append("):\n");
      for (Agreement a : agreements) {
        sb.append("  ").append(a.id()).append(' ').append(a.status()).append(" parties=");
        List<String> names = new ArrayList<>();
        for (String p : a.parties()) {
          int i = orgIds.indexOf(p);
          names.add(i >= 0 ? "org" + i : p);
        }
        sb.append(names).append(" domains=").append(a.domains()).append(" ceiling=")
            .append(a.ceiling()).append(" valid=[").append(a.validFrom()).append(", ")
            .append(a.validUntil() == null ? "open" : a.validUntil()).append(")\n    ")
            .append(a).append('\n');
      }
      return sb.toString();
    }
  }

  private static Agreement randomAgreement(SplittableRandom r, List<String> orgs,
      List<String> strangers) {
    int partyCount = r.nextInt(2, 5);
    List<String> parties = new ArrayList<>();
    while (parties.size() < partyCount) {
      String p = r.nextInt(25) == 0 ? pick(r, strangers) : pick(r, orgs);
      if (!parties.contains(p)) {
        parties.add(p);
      }
    }
    Set<String> domains = new LinkedHashSet<>();
    int d = r.nextInt(3) == 0 ? r.nextInt(1, 6) : r.nextInt(1, 3);
    while (domains.size() < d) {
      domains.add(pick(r, DOMAINS));
    }
    Tlp ceiling = TLPS[r.nextInt(TLPS.length)];
    long day = 86_400_000L;
    Instant from = switch (r.nextInt(8)) {
      case 0 -> NOW;
      case 1 -> NOW.plusMillis(r.nextLong(1, 100 * day));
      default -> NOW.minusMillis(r.nextLong(1, 400 * day));
    };
    Instant until = switch (r.nextInt(10)) {
      case 0, 1, 2, 3 -> null;
      case 4 -> NOW.isAfter(from) ? NOW : from.plusMillis(r.nextLong(1, 300 * day));
      case 5, 6 -> from.plusMillis(r.nextLong(1, 500 * day));
      default -> {
        // Still valid at NOW (unless it has not started yet).
        Instant u = NOW.plusMillis(r.nextLong(1, 400 * day));
        yield u.isAfter(from) ? u : from.plusMillis(r.nextLong(1, day));
      }
    };
    Instant created = from.minusMillis(r.nextLong(0, 30 * day));
    String by = "admin@" + NODE_ORG;
    AgreementKind kind = AgreementKind.values()[r.nextInt(AgreementKind.values().length)];
    Agreement a = new Agreement(uuidId("kuroshio-agreement", r), kind,
        "Agreement on " + String.join(" and ", domains), parties, domains, ceiling, from, until,
        AgreementStatus.DRAFT, List.of(new StatusChange(AgreementStatus.DRAFT, by, created,
            "created")), NODE_ORG, created, created);
    // Walk a random status history from draft; most walks end active so that data flows.
    int steps = switch (r.nextInt(10)) {
      case 0 -> 0;
      case 1, 2, 3, 4, 5 -> 1;
      case 6, 7 -> 2;
      default -> r.nextInt(3, 7);
    };
    for (int i = 0; i < steps && !a.status().next().isEmpty(); i++) {
      a = step(r, a, a.modified().plusSeconds(r.nextInt(1, 86_400)));
    }
    if (r.nextInt(3) == 0 && a.status().next().contains(AgreementStatus.ACTIVE)) {
      a = a.withStatus(AgreementStatus.ACTIVE, by, a.modified().plusSeconds(60), "resumed");
    }
    return a;
  }

  /** Moves an agreement to a random allowed next status (active when allowed, mostly). */
  private static Agreement step(SplittableRandom r, Agreement a, Instant at) {
    List<AgreementStatus> options = new ArrayList<>();
    for (AgreementStatus s : AgreementStatus.values()) {
      if (a.status().next().contains(s)) {
        options.add(s);
      }
    }
    AgreementStatus next = options.contains(AgreementStatus.ACTIVE) && r.nextInt(10) < 7
        ? AgreementStatus.ACTIVE
        : options.get(r.nextInt(options.size()));
    return a.withStatus(next, "admin@" + NODE_ORG, at, "moved to " + next.wireName());
  }

  private static <T> T pick(SplittableRandom r, List<T> from) {
    return from.get(r.nextInt(from.size()));
  }

  private static String uuidId(String type, SplittableRandom r) {
    return type + "--" + String.format(Locale.ROOT, "%08x-%04x-4%03x-%04x-%012x",
        r.nextLong(0x1_0000_0000L), r.nextInt(0x10000), r.nextInt(0x1000),
        0x8000 | r.nextInt(0x4000), r.nextLong(0x1_0000_0000_0000L));
  }
}
