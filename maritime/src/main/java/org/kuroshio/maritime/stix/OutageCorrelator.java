package org.kuroshio.maritime.stix;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kuroshio.maritime.detect.EventKind;
import org.kuroshio.maritime.detect.MaritimeEvent;
import org.kuroshio.stix.KuroshioExtensions;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Timestamps;
import tools.jackson.databind.node.ObjectNode;

/**
 * Raises an {@code incident} when a cable-threat event coincides with a reported outage of the
 * same cable (the event's details name it under {@link #CABLE_ID}).
 *
 * <p>A threat coincides with an outage when it ended no more than {@link Settings#before()}
 * before the outage start and started before the outage start plus {@link Settings#after()}.
 * Each coinciding pair gives one incident, with the maritime event extension (kind
 * {@code cable-threat}, the pair's first and last times, the outage in its details) and two
 * {@code related-to} relationships: to the event's observed-data ({@link MaritimeStix#event})
 * and to the vessel. Ids, {@code created} and {@code modified} derive from the pair, so
 * correlating again yields identical objects.
 */
public final class OutageCorrelator {
  /** The event detail that names the cable's id (agreed with the cable-threat detector). */
  public static final String CABLE_ID = "cableId";
  /** The event detail that names the cable. */
  public static final String CABLE_NAME = "cableName";
  /** The relationship type from an incident to its observed-data and vessel. */
  public static final String RELATED_TO = "related-to";

  /**
   * How a threat and an outage must lie in time to coincide.
   *
   * @param before how long before the outage start a threat may have ended (default 72 h: the
   *     recorded outage start is usually when the operator noticed or reported the fault, not when
   *     the damage was done, and a damaged cable can degrade before it fails; a triage judgement,
   *     not a sourced threshold)
   * @param after how long after the outage start a threat may have started (default 6 h: the
   *     recorded outage start is approximate, and a threat already under way when it was noticed
   *     may have been detected a little later, e.g. after an AIS gap)
   */
  public record Settings(Duration before, Duration after) {
    /** Most either window may be. */
    public static final Duration MAX = Duration.ofDays(30);

    /** The defaults: 72 h before, 6 h after. */
    public static final Settings DEFAULTS = new Settings(Duration.ofHours(72), Duration.ofHours(6));

    /**
     * Checks the windows.
     *
     * @throws IllegalArgumentException when a window is negative or longer than 30 days
     */
    public Settings {
      check("before", before);
      check("after", after);
    }

    private static void check(String what, Duration d) {
      if (d.isNegative() || d.compareTo(MAX) > 0) {
        throw new IllegalArgumentException("outage window " + what + " must be within 0 and "
            + MAX.toDays() + " days: " + d);
      }
    }
  }

  /**
   * A threat event that coincides with an outage.
   *
   * @param outage the outage
   * @param event the cable-threat event on the same cable
   */
  public record Match(CableOutage outage, MaritimeEvent event) {}

  private final Settings settings;

  /** A correlator with these windows. */
  public OutageCorrelator(Settings settings) {
    this.settings = settings;
  }

  /** A correlator with the default windows. */
  public OutageCorrelator() {
    this(Settings.DEFAULTS);
  }

  /** Returns whether a cable-threat event coincides in time with the outage (cable not checked). */
  public boolean coincides(CableOutage outage, MaritimeEvent event) {
    long outageStart = outage.start().toEpochMilli();
    return event.end() >= outageStart - settings.before().toMillis()
        && event.start() < outageStart + settings.after().toMillis();
  }

  /**
   * Returns every pair of an outage and a cable-threat event on the same cable that coincide,
   * outage by outage in the given order, events in the given order. Events of other kinds and
   * events without a {@link #CABLE_ID} detail are ignored.
   */
  public List<Match> matches(Collection<CableOutage> outages, Collection<MaritimeEvent> events) {
    Map<String, List<MaritimeEvent>> byCable = new HashMap<>();
    for (MaritimeEvent e : events) {
      String cable = e.details().get(CABLE_ID);
      if (e.kind() == EventKind.CABLE_THREAT && cable != null && !cable.isBlank()) {
        byCable.computeIfAbsent(cable, k -> new ArrayList<>()).add(e);
      }
    }
    List<Match> out = new ArrayList<>();
    for (CableOutage o : outages) {
      for (MaritimeEvent e : byCable.getOrDefault(o.cableId(), List.of())) {
        if (coincides(o, e)) {
          out.add(new Match(o, e));
        }
      }
    }
    return out;
  }

  /**
   * Returns the incidents (each followed by its two relationships) of every coinciding pair.
   *
   * @throws IllegalArgumentException when {@code createdByIdentityId} is not an identity id
   */
  public List<StixObject> incidents(Collection<CableOutage> outages,
      Collection<MaritimeEvent> events, String createdByIdentityId) {
    MaritimeStix.requireIdentity(createdByIdentityId);
    List<StixObject> out = new ArrayList<>();
    for (Match m : matches(outages, events)) {
      out.addAll(incident(m, createdByIdentityId));
    }
    return out;
  }

  /**
   * Returns the incident of one pair, then its relationships to the event's observed-data and
   * to the vessel.
   *
   * @throws IllegalArgumentException when {@code createdByIdentityId} is not an identity id
   */
  public List<StixObject> incident(Match m, String createdByIdentityId) {
    MaritimeStix.requireIdentity(createdByIdentityId);
    CableOutage o = m.outage();
    MaritimeEvent e = m.event();
    long outageStart = o.start().truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
    long outageEnd = o.end() == null ? outageStart
        : o.end().truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
    long first = Math.min(outageStart, e.start());
    long last = Math.max(Math.max(outageEnd, outageStart), e.end());
    String created = time(first);
    String modified = time(last);
    String key = "cable-incident/" + o.cableId() + "/" + outageStart + "/"
        + MaritimeStix.eventKey(e);
    String id = "incident--" + MaritimeStix.uuid(key);
    String mmsi = Integer.toUnsignedString(e.mmsi());

    ObjectNode inc = MaritimeStix.sdo("incident", id, created, modified, createdByIdentityId);
    inc.put("name", MaritimeStix.cut("Outage of " + o.cableName() + " coincides with a cable"
        + " threat by MMSI " + mmsi, 300));
    inc.put("description", description(o, e, outageStart));
    ObjectNode ext = inc.putObject("extensions");
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put(CABLE_ID, o.cableId());
    extra.put(CABLE_NAME, o.cableName());
    extra.put("outageStart", time(outageStart));
    if (o.end() != null) {
      extra.put("outageEnd", time(outageEnd));
    }
    extra.put("outageReportedBy", o.reportedBy());
    extra.put("threatStart", time(e.start()));
    extra.put("threatEnd", time(e.end()));
    extra.put("observedData", MaritimeStix.observedDataId(e));
    ObjectNode body = MaritimeStix.eventBody(e, false, extra);
    body.put("start", created);
    body.put("end", modified);
    ext.set(KuroshioExtensions.MARITIME_EVENT_ID, body);
    MaritimeStix.putDomain(ext);

    List<StixObject> out = new ArrayList<>(3);
    out.add(StixObject.of(inc));
    String od = MaritimeStix.observedDataId(e);
    out.add(MaritimeStix.relationship(MaritimeStix.uuid(key + "/related-to/" + od), id,
        RELATED_TO, od, created, modified, createdByIdentityId));
    String vessel = MaritimeStix.vesselId(e.mmsi());
    out.add(MaritimeStix.relationship(MaritimeStix.uuid(key + "/related-to/" + vessel), id,
        RELATED_TO, vessel, created, modified, createdByIdentityId));
    return out;
  }

  private static String description(CableOutage o, MaritimeEvent e, long outageStart) {
    StringBuilder sb = new StringBuilder(256);
    sb.append(o.reportedBy()).append(" reported an outage of ").append(o.cableName())
        .append(" (").append(o.cableId()).append(") from ").append(time(outageStart));
    if (o.end() != null) {
      sb.append(" to ").append(time(o.end().truncatedTo(ChronoUnit.MILLIS).toEpochMilli()));
    }
    sb.append(". MMSI ").append(Integer.toUnsignedString(e.mmsi()))
        .append(" showed cable-threat behaviour over this cable from ").append(time(e.start()))
        .append(" to ").append(time(e.end()))
        .append(String.format(Locale.ROOT, " (score %.2f), ", e.score()));
    long gapMs = outageStart - e.end();
    if (gapMs > 0) {
      sb.append(String.format(Locale.ROOT, "ending %.1f h before the outage began",
          gapMs / 3_600_000.0));
    } else {
      sb.append("overlapping the outage start");
    }
    sb.append(": ").append(e.summary());
    if (o.description() != null && !o.description().isBlank()) {
      sb.append(" Outage report: ").append(o.description().strip());
    }
    return MaritimeStix.cut(sb.toString(), 8000);
  }

  private static String time(long millis) {
    return Timestamps.formatMillis(Instant.ofEpochMilli(millis));
  }
}
