package org.kuroshio.maritime.detect;

import java.util.Set;
import org.kuroshio.maritime.vessel.IdentityChange;

/**
 * Every threshold of every detector, with documented defaults. Each default says where it comes
 * from: "GFW" is Global Fishing Watch's published event definitions (STANDARDS.md section 5),
 * "issue" is issue 4's text, "ours" is our own choice, explained beside it.
 *
 * @param gap AIS gap (dark period)
 * @param loitering loitering
 * @param encounter encounters between two vessels
 * @param cable cable threat scoring
 * @param identity identity anomalies (swap, MMSI conflict)
 * @param incursion territorial sea and user area entries
 * @param limits memory and sampling limits shared by the detectors
 */
public record DetectorSettings(
    Gap gap, Loitering loitering, Encounter encounter, CableThreat cable, Identity identity,
    Incursion incursion, Limits limits) {

  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;

  /** The documented defaults. */
  public static final DetectorSettings DEFAULTS = new DetectorSettings(
      Gap.DEFAULTS, Loitering.DEFAULTS, Encounter.DEFAULTS, CableThreat.DEFAULTS,
      Identity.DEFAULTS, Incursion.DEFAULTS, Limits.DEFAULTS);

  /** Rejects nulls. */
  public DetectorSettings {
    require(gap != null && loitering != null && encounter != null && cable != null
        && identity != null && incursion != null && limits != null, "settings must not be null");
    require((long) limits.historyCapacity() * limits.sampleIntervalMs()
        >= loitering.minMs() + 2 * limits.sampleIntervalMs(),
        "history capacity x sample interval must cover the loitering time");
  }

  /** These settings with other incursion settings. */
  public DetectorSettings withIncursion(Incursion i) {
    return new DetectorSettings(gap, loitering, encounter, cable, identity, i, limits);
  }

  /** These settings with other gap settings. */
  public DetectorSettings withGap(Gap g) {
    return new DetectorSettings(g, loitering, encounter, cable, identity, incursion, limits);
  }

  /** These settings with other cable threat settings. */
  public DetectorSettings withCable(CableThreat c) {
    return new DetectorSettings(gap, loitering, encounter, c, identity, incursion, limits);
  }

  /** These settings with other limits. */
  public DetectorSettings withLimits(Limits l) {
    return new DetectorSettings(gap, loitering, encounter, cable, identity, incursion, l);
  }

  /**
   * AIS gap (dark period) thresholds.
   *
   * @param gapMs silence that makes a gap event: 6 h (GFW: gap events are built from gaps of at
   *     least 6 h)
   * @param countedMs gaps at least this long are "counted in analysis": 12 h (GFW published
   *     disabling dataset)
   * @param shortGapMs silence that makes a gap when the last position was inside a cable corridor
   *     or a territorial sea: 30 min (ours: class A reports every 2-10 s under way and every 3 min
   *     at anchor, class B every 30 s to 3 min, and these waters are within reach of coastal
   *     receivers; 30 min is ten times the slowest regular interval, so ordinary reception loss
   *     rarely reaches it, while a cable can be cut in less time than the 6 h standard gap)
   * @param minSpeedKn the last report must show at least this speed for a gap to count (the vessel
   *     was seen moving at sea, not lying still near a receiver's edge): 0.5 kn (ours); a report
   *     without speed is accepted
   */
  public record Gap(long gapMs, long countedMs, long shortGapMs, double minSpeedKn) {
    /** The documented defaults. */
    public static final Gap DEFAULTS = new Gap(6 * HOUR, 12 * HOUR, 30 * MINUTE, 0.5);

    /** Checks the values. */
    public Gap {
      require(gapMs > 0 && countedMs >= gapMs && shortGapMs > 0 && shortGapMs <= gapMs,
          "gap thresholds must be positive, counted >= gap >= short gap");
      require(minSpeedKn >= 0, "gap minimum speed must be >= 0");
    }
  }

  /**
   * Loitering thresholds.
   *
   * @param maxSpeedKn the average speed must stay below this: 2 kn (GFW loitering)
   * @param minMs for at least this long: 1 h (issue; GFW's carrier portal filters from 1 h)
   * @param maxSampleGapMs a silence longer than this breaks the slow run: 20 min (ours)
   */
  public record Loitering(double maxSpeedKn, long minMs, long maxSampleGapMs) {
    /** The documented defaults. */
    public static final Loitering DEFAULTS = new Loitering(2.0, HOUR, 20 * MINUTE);

    /** Checks the values. */
    public Loitering {
      require(maxSpeedKn > 0 && minMs > 0 && maxSampleGapMs > 0,
          "loitering thresholds must be positive");
    }
  }

  /**
   * Encounter thresholds.
   *
   * @param maxDistanceM the two vessels stay within this distance: 500 m (GFW)
   * @param minMs for at least this long: 2 h (GFW)
   * @param maxMedianSpeedKn the median speed of both vessels is below this: 2 kn (GFW)
   * @param candidateSpeedKn a vessel reporting at least this speed is not compared with its
   *     neighbours at that moment (saves work; an encounter needs a median below 2 kn): 4 kn (ours)
   */
  public record Encounter(
      double maxDistanceM, long minMs, double maxMedianSpeedKn, double candidateSpeedKn) {
    /** The documented defaults. */
    public static final Encounter DEFAULTS = new Encounter(500.0, 2 * HOUR, 2.0, 4.0);

    /** Checks the values. */
    public Encounter {
      require(maxDistanceM > 0 && maxDistanceM <= 5_000, "encounter distance must be in (0, 5 km]");
      require(minMs > 0 && maxMedianSpeedKn > 0 && candidateSpeedKn >= maxMedianSpeedKn,
          "encounter thresholds must be positive, candidate speed >= median speed");
    }
  }

  /**
   * Cable threat indicators and their weights. The score is the sum of the weights of the
   * indicators seen during one corridor visit, capped at 1; an event is made when it reaches
   * {@code threshold}.
   *
   * @param slowMinKn slow means at least this speed: 1 kn (issue: "about 1-4 knots")
   * @param slowMaxKn and at most this speed: 4 kn (issue)
   * @param turnDeg a course change larger than this counts as a turn: 30 deg (ours)
   * @param minTurns zigzag needs this many turns alternating left/right: 3 (ours)
   * @param turnWindowMs within this time: 1 h (ours)
   * @param minCrossings crossing the route back and forth needs this many crossings while slow: 2
   *     (ours: one crossing is an ordinary transit)
   * @param dragMinKn anchor-drag-like profile: speed at least this: 0.5 kn (ours, after the Baltic
   *     drag cases)
   * @param dragMaxKn and at most this: 3 kn (ours)
   * @param dragHeadingDeg with heading and course apart by more than this: 45 deg (ours: a ship
   *     dragging its anchor is pulled sideways or backwards)
   * @param dragMinMs held for at least this long: 10 min (ours)
   * @param dropFromKn sudden speed drop: from at least this speed: 6 kn (issue: Baltic 7 to 3 kn)
   * @param dropToKn to at most this speed: 3 kn (issue)
   * @param dropWithinMs within this time: 10 min (ours)
   * @param trafficRadiusM a drop with another vessel within this distance has a traffic cause: 1 km
   *     (ours)
   * @param weightZigzag weight of slow zigzag: 0.35 (ours)
   * @param weightCrossing weight of slow back-and-forth route crossing: 0.35 (ours)
   * @param weightAnchored weight of navigation status "at anchor" outside an anchorage: 0.5 (ours:
   *     alone it makes an event, the Matsu/Keelung pattern)
   * @param weightDrag weight of an anchor-drag-like profile: 0.5 (ours, as anchored)
   * @param weightLoitering weight of loitering in the corridor: 0.3 (ours)
   * @param weightGap weight of an AIS gap starting in the corridor: 0.4 (ours)
   * @param weightSpeedDrop weight of a sudden speed drop without traffic: 0.3 (ours)
   * @param threshold score that makes an event: 0.5 (ours: anchoring or dragging alone, or any two
   *     other indicators)
   * @param maxVisitMs a visit longer than this is reported in parts, so a ship lying over a cable
   *     is reported without waiting for it to leave: 2 h (ours; twice the zigzag window)
   */
  public record CableThreat(
      double slowMinKn, double slowMaxKn, double turnDeg, int minTurns, long turnWindowMs,
      int minCrossings, double dragMinKn, double dragMaxKn, double dragHeadingDeg, long dragMinMs,
      double dropFromKn, double dropToKn, long dropWithinMs, double trafficRadiusM,
      double weightZigzag, double weightCrossing, double weightAnchored, double weightDrag,
      double weightLoitering, double weightGap, double weightSpeedDrop, double threshold,
      long maxVisitMs) {
    /** The documented defaults. */
    public static final CableThreat DEFAULTS = new CableThreat(
        1.0, 4.0, 30.0, 3, HOUR, 2, 0.5, 3.0, 45.0, 10 * MINUTE, 6.0, 3.0, 10 * MINUTE, 1_000.0,
        0.35, 0.35, 0.5, 0.5, 0.3, 0.4, 0.3, 0.5, 2 * HOUR);

    /** Checks the values. */
    public CableThreat {
      require(slowMinKn >= 0 && slowMaxKn > slowMinKn, "cable slow range must be 0 <= min < max");
      require(turnDeg > 0 && turnDeg < 180 && minTurns >= 1 && turnWindowMs > 0,
          "cable turn thresholds out of range");
      require(minCrossings >= 1, "cable crossings must be >= 1");
      require(dragMinKn >= 0 && dragMaxKn > dragMinKn && dragHeadingDeg > 0 && dragMinMs > 0,
          "cable drag thresholds out of range");
      require(dropFromKn > dropToKn && dropToKn >= 0 && dropWithinMs > 0,
          "cable speed drop needs from > to >= 0");
      require(trafficRadiusM > 0 && trafficRadiusM <= 5_000, "traffic radius must be in (0, 5 km]");
      require(weightZigzag >= 0 && weightCrossing >= 0 && weightAnchored >= 0 && weightDrag >= 0
          && weightLoitering >= 0 && weightGap >= 0 && weightSpeedDrop >= 0,
          "cable weights must be >= 0");
      require(threshold > 0 && threshold <= 1, "cable threshold must be in (0, 1]");
      require(maxVisitMs >= turnWindowMs, "cable visit length must be >= the turn window");
    }
  }

  /**
   * Identity anomaly thresholds.
   *
   * @param swapMaxSilenceMs a new MMSI appearing at most this long after another went silent: 1 h
   *     (ours: the issue says "within minutes"; in the cable cases the hull stayed dark for tens of
   *     minutes before transmitting again under another identity, and a 10 min window would miss
   *     exactly that; the distance bound, the confirmation below, the anchorage exclusion and the
   *     "no other vessel still reporting there" rule keep chance pairs out)
   * @param swapMaxDistanceM at most this far from where the other was last seen: 2 km (issue)
   * @param swapConfirmMs the old identity must then stay silent this long before the swap is
   *     reported: 10 min (ours: otherwise every ship joining a busy roadstead would "swap")
   * @param conflictSpeedKn implied speed between two reports above this is impossible: 60 kn
   *     (issue; fast ferries reach about 40 kn)
   * @param conflictMinDistanceM and the jump must be longer than this: 10 km (issue; smaller jumps
   *     are GPS noise or time-stamp jitter)
   * @param conflictMinAlternations the MMSI must jump to the second place this many times: 2 (ours:
   *     one jump away and back is a single GPS glitch)
   * @param conflictWindowMs a second place not seen again within this time is forgotten: 1 h (ours)
   * @param changeFields registry fields ({@link IdentityChange} field names) whose change is
   *     reported: name, call sign, IMO, MMSI (an IMO under another MMSI) and ship type (issue:
   *     "name or flag or IMO changes"); destination is left out, it changes every voyage
   */
  public record Identity(
      long swapMaxSilenceMs, double swapMaxDistanceM, long swapConfirmMs, double conflictSpeedKn,
      double conflictMinDistanceM, int conflictMinAlternations, long conflictWindowMs,
      Set<String> changeFields) {
    /** The documented defaults. */
    public static final Identity DEFAULTS =
        new Identity(HOUR, 2_000.0, 10 * MINUTE, 60.0, 10_000.0, 2, HOUR,
            Set.of(IdentityChange.NAME, IdentityChange.CALLSIGN, IdentityChange.IMO,
                IdentityChange.MMSI, IdentityChange.SHIPTYPE));

    /** Checks the values. */
    public Identity {
      require(swapMaxSilenceMs > 0 && swapConfirmMs >= 0, "swap times must be positive");
      require(swapMaxDistanceM > 0 && swapMaxDistanceM <= 10_000, "swap distance in (0, 10 km]");
      require(conflictSpeedKn > 0 && conflictMinDistanceM >= 0 && conflictMinAlternations >= 1
          && conflictWindowMs > 0, "conflict thresholds out of range");
      changeFields = Set.copyOf(changeFields);
    }
  }

  /**
   * Incursion settings.
   *
   * @param watchedSeas ISO alpha-3 codes of the territorial seas whose entry is reported; empty
   *     means every territorial sea (default: empty, so nothing is missed; a deployment names its
   *     own and its partners' seas)
   * @param userAreas whether entering a user area is reported: true (issue)
   */
  public record Incursion(Set<String> watchedSeas, boolean userAreas) {
    /** The documented defaults: every territorial sea and every user area. */
    public static final Incursion DEFAULTS = new Incursion(Set.of(), true);

    /** Copies the set. */
    public Incursion {
      watchedSeas = Set.copyOf(watchedSeas);
    }

    /** Whether entering this territorial sea is reported. */
    public boolean watches(String sea) {
      return watchedSeas.isEmpty() || watchedSeas.contains(sea);
    }
  }

  /**
   * Memory and sampling limits.
   *
   * @param maxVessels vessels tracked at once; beyond it the least recently heard is forgotten:
   *     200,000 (ours: several times the vessels in view of a national network)
   * @param sampleIntervalMs the per-vessel history keeps one report per this interval: 30 s (ours)
   * @param historyCapacity reports kept per vessel: 130 (65 min at 30 s, about 3.8 KB; ours,
   *     covers the 1 h windows: loitering, zigzag; the sample interval and this must keep an hour)
   * @param maxEvidence positions per event, first and last kept, the middle thinned: 50 (ours)
   * @param staleMs a vessel not heard for this long is no longer a neighbour (encounter, traffic,
   *     swap): 15 min (ours)
   * @param scanIntervalMs {@code advance} looks at every vessel at most once per this much stream
   *     time: 60 s (ours)
   */
  public record Limits(
      int maxVessels, long sampleIntervalMs, int historyCapacity, int maxEvidence, long staleMs,
      long scanIntervalMs) {
    /** The documented defaults. */
    public static final Limits DEFAULTS =
        new Limits(200_000, 30_000L, 130, 50, 15 * MINUTE, MINUTE);

    /** Checks the values. */
    public Limits {
      require(maxVessels > 0 && sampleIntervalMs > 0 && historyCapacity >= 8 && maxEvidence >= 4
          && staleMs > 0 && scanIntervalMs >= 0, "limits out of range");
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
