package org.kuroshio.maritime.vessel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.kuroshio.maritime.ais.AisMessage;
import org.kuroshio.maritime.ais.ExtendedPositionReportClassB;
import org.kuroshio.maritime.ais.LongRangeReport;
import org.kuroshio.maritime.ais.PositionReportClassA;
import org.kuroshio.maritime.ais.PositionReportClassB;
import org.kuroshio.maritime.ais.StaticDataReportPartA;
import org.kuroshio.maritime.ais.StaticDataReportPartB;
import org.kuroshio.maritime.ais.StaticVoyageData;
import org.kuroshio.maritime.ais.TimedAisMessage;

/**
 * The vessels seen on AIS, keyed by MMSI, with their identity and the history of its changes.
 *
 * <p><b>What updates what.</b> Type 5 sets IMO, call sign, name, ship type, dimensions and
 * destination; type 19 name, ship type and dimensions; type 24 part A the name, part B call sign,
 * ship type and dimensions (not for auxiliary craft, whose part B carries a mothership MMSI);
 * position reports (1-3, 18, 19, 27) set the position, speed, course and navigation status.
 * Messages of other types (base stations, aids to navigation, SAR aircraft, binary messages)
 * neither create nor update a vessel. A value that is "not available" (empty text, IMO 0, ship
 * type 0 or above 99, dimensions 0) never overwrites a known one. A position older than the one
 * held is ignored (out-of-order input); first/last seen track the earliest and newest message.
 *
 * <p><b>Identity changes.</b> {@link #apply} returns a change for every identity field (name, call
 * sign, IMO, ship type, destination) whose new value differs from a previous non-null value: the
 * first value of a field is not a change, and the same value again is not. When a well-formed IMO
 * number (check digit valid, see {@link Vessel#isValidImo}) that was last reported by MMSI A is
 * reported by MMSI B, a change of field {@code "mmsi"} with before = A, after = B is returned for
 * B. Changes are kept in a per-vessel history of the newest
 * {@link RegistrySettings#historyPerVessel}.
 * An MMSI of kind {@link Mmsi.Kind#INVALID} (0 is common in real feeds, used by many unrelated
 * transmitters) is registered and updated like any other, but its field changes are not reported:
 * they would say nothing about one vessel. The {@code "mmsi"} change is still reported for it.
 *
 * <p><b>Limits and cost.</b> At most {@link RegistrySettings#maxVessels} MMSIs are kept; messages
 * from further new MMSIs are counted ({@link #ignored}) and dropped. Per message the registry does
 * one hash lookup and updates mutable per-vessel state in place; {@link Vessel} snapshots are built
 * only by {@link #get} and {@link #all}. Not thread-safe: one thread applies messages and asks
 * (callers that share it must synchronise).
 */
public final class VesselRegistry {
  private final RegistrySettings settings;
  private final HashMap<Integer, State> vessels = new HashMap<>();
  /** Well-formed IMO number to the MMSI that last reported it. */
  private final HashMap<Integer, Integer> imoOwner = new HashMap<>();
  private long ignored;

  /** A registry with the default settings. */
  public VesselRegistry() {
    this(RegistrySettings.DEFAULTS);
  }

  /** A registry with the given settings. */
  public VesselRegistry(RegistrySettings settings) {
    this.settings = settings;
  }

  /**
   * Applies one message received at {@code time} (epoch ms) and returns the identity changes it
   * caused (often empty; never null).
   */
  public List<IdentityChange> apply(TimedAisMessage m, long time) {
    return apply(m.message(), time);
  }

  /** Applies one decoded message received at {@code time} (epoch ms); see {@link #apply}. */
  public List<IdentityChange> apply(AisMessage m, long time) {
    switch (m) {
      case PositionReportClassA a -> {
        State s = state(a.mmsi(), time);
        if (s != null) {
          position(s, time, a.lat(), a.lon(), a.speed(), a.course(), a.navStatus());
        }
        return List.of();
      }
      case PositionReportClassB b -> {
        State s = state(b.mmsi(), time);
        if (s != null) {
          position(s, time, b.lat(), b.lon(), b.speed(), b.course(), Fix.NO_STATUS);
        }
        return List.of();
      }
      case LongRangeReport r -> {
        State s = state(r.mmsi(), time);
        if (s != null) {
          position(s, time, r.lat(), r.lon(), r.speed() == null ? null : (double) r.speed(),
              r.course() == null ? null : (double) r.course(), r.navStatus());
        }
        return List.of();
      }
      case ExtendedPositionReportClassB b -> {
        State s = state(b.mmsi(), time);
        if (s == null) {
          return List.of();
        }
        position(s, time, b.lat(), b.lon(), b.speed(), b.course(), Fix.NO_STATUS);
        List<IdentityChange> out = null;
        out = textField(s, time, IdentityChange.NAME, b.shipname(), out);
        out = shipType(s, time, b.shiptype(), out);
        dimensions(s, b.toBow(), b.toStern(), b.toPort(), b.toStarboard());
        return done(out);
      }
      case StaticVoyageData d -> {
        State s = state(d.mmsi(), time);
        if (s == null) {
          return List.of();
        }
        List<IdentityChange> out = null;
        out = imo(s, time, d.imo(), out);
        out = textField(s, time, IdentityChange.CALLSIGN, d.callsign(), out);
        out = textField(s, time, IdentityChange.NAME, d.shipname(), out);
        out = shipType(s, time, d.shiptype(), out);
        dimensions(s, d.toBow(), d.toStern(), d.toPort(), d.toStarboard());
        out = textField(s, time, IdentityChange.DESTINATION, d.destination(), out);
        return done(out);
      }
      case StaticDataReportPartA a -> {
        State s = state(a.mmsi(), time);
        return s == null
            ? List.of()
            : done(textField(s, time, IdentityChange.NAME, a.shipname(), null));
      }
      case StaticDataReportPartB b -> {
        State s = state(b.mmsi(), time);
        if (s == null) {
          return List.of();
        }
        List<IdentityChange> out = null;
        out = textField(s, time, IdentityChange.CALLSIGN, b.callsign(), out);
        out = shipType(s, time, b.shiptype(), out);
        if (b.mothershipMmsi() == 0) {
          dimensions(s, b.toBow(), b.toStern(), b.toPort(), b.toStarboard());
        }
        return done(out);
      }
      default -> {
        return List.of();
      }
    }
  }

  /** A snapshot of the vessel with this MMSI, or null when it was never seen. */
  public @Nullable Vessel get(int mmsi) {
    State s = vessels.get(mmsi);
    return s == null ? null : s.snapshot();
  }

  /** The number of vessels held. */
  public int size() {
    return vessels.size();
  }

  /** Snapshots of all vessels, by MMSI. */
  public List<Vessel> all() {
    List<Vessel> out = new ArrayList<>(vessels.size());
    for (State s : vessels.values()) {
      out.add(s.snapshot());
    }
    out.sort(Comparator.comparingInt(Vessel::mmsi));
    return out;
  }

  /** The identity changes of one vessel, oldest first (at most the newest configured number). */
  public List<IdentityChange> history(int mmsi) {
    State s = vessels.get(mmsi);
    return s == null || s.history == null ? List.of() : List.copyOf(s.history);
  }

  /** Messages dropped because they came from a new MMSI while the registry was full. */
  public long ignored() {
    return ignored;
  }

  /** The settings in use. */
  public RegistrySettings settings() {
    return settings;
  }

  private @Nullable State state(int mmsi, long time) {
    State s = vessels.get(mmsi);
    if (s == null) {
      if (vessels.size() >= settings.maxVessels()) {
        ignored++;
        return null;
      }
      s = new State(mmsi, time);
      vessels.put(mmsi, s);
    } else {
      if (time > s.lastSeen) {
        s.lastSeen = time;
      }
      if (time < s.firstSeen) {
        s.firstSeen = time;
      }
    }
    return s;
  }

  private static void position(State s, long time, @Nullable Double lat, @Nullable Double lon,
      @Nullable Double speed, @Nullable Double course, int navStatus) {
    if (lat == null || lon == null || !Fixes.validPosition(lat, lon) || time < s.positionTime) {
      return;
    }
    s.positionTime = time;
    s.lat = lat;
    s.lon = lon;
    s.speed = speed == null ? Double.NaN : speed;
    s.course = course == null || course < 0 || course >= 360 ? Double.NaN : course;
    s.navStatus = navStatus;
  }

  private List<IdentityChange> done(@Nullable List<IdentityChange> out) {
    return out == null ? List.of() : out;
  }

  /**
   * Stores a reported name, call sign or destination ({@code field}, an {@link IdentityChange}
   * key): an empty report is ignored; replacing a known value is an identity change.
   */
  private @Nullable List<IdentityChange> textField(State s, long time, String field, String v,
      @Nullable List<IdentityChange> out) {
    String n = text(v);
    String before = s.text(field);
    if (n == null || n.equals(before)) {
      return out;
    }
    s.text(field, n);
    return before == null ? out : change(s, time, field, before, n, out);
  }

  private @Nullable List<IdentityChange> shipType(State s, long time, int v,
      @Nullable List<IdentityChange> out) {
    if (v <= 0 || v > 99 || v == s.shipType) {
      return out;
    }
    int before = s.shipType;
    s.shipType = v;
    return before == 0 ? out : change(s, time, IdentityChange.SHIPTYPE,
        Integer.toString(before), Integer.toString(v), out);
  }

  private @Nullable List<IdentityChange> imo(State s, long time, int v,
      @Nullable List<IdentityChange> out) {
    if (v <= 0 || v > 999_999_999) {
      return out;
    }
    if (Vessel.isValidImo(v)) {
      Integer owner = imoOwner.get(v);
      if (owner == null || owner != s.mmsi) {
        imoOwner.put(v, s.mmsi);
        if (owner != null) {
          out = change(s, time, IdentityChange.MMSI, Integer.toString(owner),
              Integer.toString(s.mmsi), out);
        }
      }
    }
    if (v == s.imo) {
      return out;
    }
    int before = s.imo;
    s.imo = v;
    if (before != 0) {
      imoOwner.remove(before, s.mmsi);
      out = change(s, time, IdentityChange.IMO, Integer.toString(before), Integer.toString(v), out);
    }
    return out;
  }

  private static void dimensions(State s, int bow, int stern, int port, int starboard) {
    if (bow + stern <= 0 && port + starboard <= 0) {
      return;
    }
    s.toBow = bow;
    s.toStern = stern;
    s.toPort = port;
    s.toStarboard = starboard;
  }

  private @Nullable List<IdentityChange> change(State s, long time, String field,
      String before, String after, @Nullable List<IdentityChange> out) {
    if (s.invalid && !field.equals(IdentityChange.MMSI)) {
      return out;
    }
    IdentityChange c = new IdentityChange(s.mmsi, time, field, before, after);
    int max = settings.historyPerVessel();
    if (max > 0) {
      if (s.history == null) {
        s.history = new ArrayDeque<>(4);
      }
      if (s.history.size() >= max) {
        s.history.removeFirst();
      }
      s.history.addLast(c);
    }
    List<IdentityChange> l = out == null ? new ArrayList<>(2) : out;
    l.add(c);
    return l;
  }

  /** Text as reported, or null when empty (not available). */
  private static @Nullable String text(String v) {
    String t = v.strip();
    return t.isEmpty() ? null : t;
  }

  /** Mutable per-vessel state; only the owning registry touches it. */
  private static final class State {
    final int mmsi;
    final boolean invalid;
    int imo;
    @Nullable String name;
    @Nullable String callSign;
    int shipType;
    int toBow;
    int toStern;
    int toPort;
    int toStarboard;
    @Nullable String destination;
    long firstSeen;
    long lastSeen;
    long positionTime = Long.MIN_VALUE;
    double lat = Double.NaN;
    double lon = Double.NaN;
    double speed = Double.NaN;
    double course = Double.NaN;
    int navStatus = Fix.NO_STATUS;
    @Nullable ArrayDeque<IdentityChange> history;

    State(int mmsi, long time) {
      this.mmsi = mmsi;
      this.invalid = Mmsi.kind(mmsi) == Mmsi.Kind.INVALID;
      this.firstSeen = time;
      this.lastSeen = time;
    }

    /** The stored name, call sign or destination ({@code field}, an {@link IdentityChange} key). */
    @Nullable String text(String field) {
      return switch (field) {
        case IdentityChange.NAME -> name;
        case IdentityChange.CALLSIGN -> callSign;
        case IdentityChange.DESTINATION -> destination;
        default -> throw new IllegalArgumentException("not a text field: " + field);
      };
    }

    void text(String field, String value) {
      switch (field) {
        case IdentityChange.NAME -> name = value;
        case IdentityChange.CALLSIGN -> callSign = value;
        case IdentityChange.DESTINATION -> destination = value;
        default -> throw new IllegalArgumentException("not a text field: " + field);
      }
    }

    Vessel snapshot() {
      return new Vessel(mmsi, imo, name, callSign, shipType, toBow, toStern, toPort, toStarboard,
          destination, Mmsi.flag(mmsi), firstSeen, lastSeen, lat, lon, speed, course, navStatus);
    }
  }
}
