package org.kuroshio.maritime.scenario;

import java.util.ArrayList;
import java.util.List;
import org.kuroshio.maritime.ais.AisEncoder;
import org.kuroshio.maritime.ais.PositionReportClassA;
import org.kuroshio.maritime.ais.StaticVoyageData;
import org.kuroshio.maritime.geo.Geo;

/**
 * Steers one synthetic class A vessel and writes what its transponder would send: a position
 * report every {@code reportSeconds}, static and voyage data every six minutes, each line with a
 * tag block time. Lines are collected with their times so several writers can be merged in order.
 */
public final class TrackWriter {
  private final ScenarioVessel vessel;
  private final List<TimedLine> out;
  private double lat;
  private double lon;
  private long time;
  private long lastStatic = -1_000_000;
  private int sequence;
  private boolean transmitting = true;

  /** A writer for {@code vessel} starting at a position and time (epoch seconds). */
  public TrackWriter(ScenarioVessel vessel, double lat, double lon, long epochSeconds,
      List<TimedLine> out) {
    this.vessel = vessel;
    this.lat = lat;
    this.lon = lon;
    this.time = epochSeconds;
    this.out = out;
  }

  /** Where the vessel is now, {lat, lon}. */
  public double[] position() {
    return new double[] {lat, lon};
  }

  /** The current time, epoch seconds. */
  public long time() {
    return time;
  }

  /** Switches the transponder off (nothing is written until {@link #on()}). */
  public TrackWriter off() {
    transmitting = false;
    return this;
  }

  /** Switches the transponder on. */
  public TrackWriter on() {
    transmitting = true;
    return this;
  }

  /** Moves to a new position instantly (a hull reappearing elsewhere). */
  public TrackWriter jumpTo(double newLat, double newLon) {
    lat = newLat;
    lon = newLon;
    return this;
  }

  /**
   * Sails for a while on a course at a speed, reporting every {@code reportSeconds}.
   *
   * @param navStatus AIS navigation status to send (0 under way, 1 at anchor, ...)
   */
  public TrackWriter sail(double courseDeg, double speedKn, long seconds, int reportSeconds,
      int navStatus) {
    long end = time + seconds;
    while (time < end) {
      long step = Math.min(reportSeconds, end - time);
      double[] next = Geo.destination(lat, lon, courseDeg, Geo.knotsToMps(speedKn) * step);
      lat = next[0];
      lon = next[1];
      time += step;
      report(courseDeg, speedKn, navStatus);
    }
    return this;
  }

  /** Waits without moving (for a vessel whose transponder is off, or at anchor when on). */
  public TrackWriter idle(long seconds, int reportSeconds, int navStatus) {
    return sail(0, 0, seconds, reportSeconds, navStatus);
  }

  private void report(double courseDeg, double speedKn, int navStatus) {
    if (!transmitting) {
      return;
    }
    if (time - lastStatic >= 360) {
      lastStatic = time;
      StaticVoyageData v = new StaticVoyageData(5, 0, vessel.mmsi(), 0, vessel.imo(),
          vessel.callSign(), vessel.name(), vessel.shipType(), vessel.length() * 4 / 5,
          vessel.length() - vessel.length() * 4 / 5, vessel.beam() / 2, vessel.beam() - vessel.beam() / 2, 1, 0, 0, 24,
          60, 6.5, vessel.destination(), false);
      for (String line : AisEncoder.sentences(AisEncoder.staticVoyage(v), 'B', sequence++ % 10,
          time)) {
        out.add(new TimedLine(time, line));
      }
    }
    int heading = (int) Math.round(courseDeg) % 360;
    PositionReportClassA p = new PositionReportClassA(1, 0, vessel.mmsi(), navStatus, 0,
        speedKn, true, lon, lat, courseDeg % 360.0, heading, (int) (time % 60), 0, false, 0);
    for (String line : AisEncoder.sentences(AisEncoder.positionA(p), 'A', 0, time)) {
      out.add(new TimedLine(time, line));
    }
  }

  /** Returns the lines written so far (shared list). */
  public List<TimedLine> lines() {
    return out;
  }

  /** Merges the lines of several writers into time order (stable). */
  public static List<String> merge(List<TimedLine> lines) {
    List<TimedLine> sorted = new ArrayList<>(lines);
    sorted.sort((a, b) -> Long.compare(a.epochSeconds(), b.epochSeconds()));
    List<String> out = new ArrayList<>(sorted.size());
    for (TimedLine l : sorted) {
      out.add(l.line());
    }
    return out;
  }

  /**
   * One NMEA line and its time.
   *
   * @param epochSeconds the tag block time
   * @param line the line
   */
  public record TimedLine(long epochSeconds, String line) {}
}
