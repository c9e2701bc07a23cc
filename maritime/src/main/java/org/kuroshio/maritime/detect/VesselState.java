package org.kuroshio.maritime.detect;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.kuroshio.maritime.geo.Zones;
import org.kuroshio.maritime.vessel.Fix;

/**
 * What the detectors remember about one vessel: its last report with the zones it was in, a
 * sampled history (one report per sample interval, in a ring of primitive arrays that grows up to
 * the history capacity), and each detector's episode state.
 */
final class VesselState {
  static final long NO_CELL = Long.MIN_VALUE;
  static final byte IN_ANCHORAGE = 1;
  static final byte IN_CORRIDOR = 2;

  final int mmsi;
  Fix last;
  /** Zones of the last report. */
  List<Zones.CorridorHit> corridors = List.of();
  @Nullable String sea;
  boolean anchorage;
  List<Zones.AreaHit> areas = List.of();
  /** Where the zones were last looked up (reused while the vessel stays within a few metres). */
  double zoneLat = Double.NaN;
  double zoneLon = Double.NaN;

  // sampled history
  private final int capacity;
  private long[] time;
  private double[] lat;
  private double[] lon;
  private float[] speed;
  private byte[] flags;
  private int head;
  private int size;

  // gap
  boolean gapOpenReported;
  // loitering
  boolean loitering;
  long loiterStart;
  long loiterEnd;
  double loiterSpeedTime;
  @Nullable Evidence loiterEvidence;
  // encounter / neighbours
  long cell = NO_CELL;
  @Nullable ArrayList<EncounterDetector.Pair> pairs;
  // cable
  @Nullable ArrayList<CableThreatDetector.Visit> visits;
  // identity
  boolean mmsiChecked;
  boolean hasAlt;
  double altLat;
  double altLon;
  long altTime;
  int alternations;
  int altRun;
  long conflictReportedAt = Long.MIN_VALUE;
  @Nullable Evidence conflictEvidence;

  VesselState(Fix first, int capacity) {
    this.mmsi = first.mmsi();
    this.last = first;
    this.capacity = capacity;
    int initial = Math.min(16, capacity);
    time = new long[initial];
    lat = new double[initial];
    lon = new double[initial];
    speed = new float[initial];
    flags = new byte[initial];
  }

  /** Adds a sample; the oldest is dropped when the ring is at capacity. */
  void addSample(Fix f, double speedKn, byte flag) {
    if (size == time.length && size < capacity) {
      grow();
    }
    int idx = (head + size) % time.length;
    if (size == time.length) {
      idx = head;
      head = (head + 1) % time.length;
    } else {
      size++;
    }
    time[idx] = f.time();
    lat[idx] = f.lat();
    lon[idx] = f.lon();
    speed[idx] = (float) speedKn;
    flags[idx] = flag;
  }

  private void grow() {
    int n = Math.min(capacity, time.length * 2);
    long[] t = new long[n];
    double[] la = new double[n];
    double[] lo = new double[n];
    float[] s = new float[n];
    byte[] fl = new byte[n];
    for (int i = 0; i < size; i++) {
      int j = (head + i) % time.length;
      t[i] = time[j];
      la[i] = lat[j];
      lo[i] = lon[j];
      s[i] = speed[j];
      fl[i] = flags[j];
    }
    time = t;
    lat = la;
    lon = lo;
    speed = s;
    flags = fl;
    head = 0;
  }

  int samples() {
    return size;
  }

  /** Sample i, 0 = oldest. */
  long sampleTime(int i) {
    return time[(head + i) % time.length];
  }

  double sampleLat(int i) {
    return lat[(head + i) % time.length];
  }

  double sampleLon(int i) {
    return lon[(head + i) % time.length];
  }

  /** Speed of sample i in knots (reported, or derived from the previous sample), or NaN. */
  double sampleSpeed(int i) {
    return speed[(head + i) % time.length];
  }

  byte sampleFlags(int i) {
    return flags[(head + i) % time.length];
  }

  long lastSampleTime() {
    return size == 0 ? Long.MIN_VALUE : sampleTime(size - 1);
  }

  /** Sample i as a fix (heading and status are not kept in the history). */
  Fix sampleFix(int i) {
    return new Fix(mmsi, sampleTime(i), sampleLat(i), sampleLon(i), sampleSpeed(i), Double.NaN,
        Fix.NO_HEADING, Fix.NO_STATUS);
  }

  boolean inCorridor() {
    return !corridors.isEmpty();
  }
}
