package org.kuroshio.bench.maritime;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.kuroshio.maritime.ais.AisEncoder;
import org.kuroshio.maritime.ais.PositionReportClassA;
import org.kuroshio.maritime.ais.StaticVoyageData;
import org.kuroshio.maritime.geo.Geo;

/**
 * Synthetic but realistic class A traffic in the Taiwan Strait, written with
 * {@link AisEncoder} as {@code !AIVDM} sentences, each with an NMEA 4.0 tag block carrying its
 * receive time ({@code c:}, epoch seconds; {@code g:} on the two sentences of a type 5).
 *
 * <p><b>Sea area.</b> A band along the strait's axis, from 22.5°N 118.3°E to 25.8°N 120.6°E
 * (about 440 km), 0.5° of longitude either side of the axis (about 100 km wide), which keeps off
 * the mainland and Taiwan coasts but not off every island (Penghu, Kinmen lie inside). Vessels
 * start at uniformly random points of the band; one that would leave it turns back.
 *
 * <p><b>Mix</b> (fixed by the seed): 85 % transits at 8-18 kn along the axis (either way, ±15°,
 * drifting ±2° a report); 5 % slow at 1-3.5 kn zigzagging (a course change of ±20-60° every 2-5
 * minutes, the pattern of an anchor drag); 5 % loitering at 0.2-1.5 kn on a random walk; 5 % at
 * anchor (navigation status 1, 0-0.2 kn). Rates as ITU-R M.1371 for class A: every 10 s under way
 * (0-14 kn; the faster transits too, to keep one rate as the issue states it), every 3 minutes at
 * anchor; static and voyage data (type 5, two sentences) every 6 minutes. Each vessel reports at
 * its own second within the 10 s round, so times rise through the stream. MMSIs carry real
 * maritime identification digits (412, 413, 416, 477, 563, 636, 372, 538, 440, 431).
 */
final class Traffic {
  static final double LAT_A = 22.5;
  static final double LON_A = 118.3;
  static final double LAT_B = 25.8;
  static final double LON_B = 120.6;
  static final double HALF_WIDTH_DEG = 0.5;
  private static final double AX_LON = LON_B - LON_A;
  private static final double AX_LAT = LAT_B - LAT_A;
  private static final double AX_LEN = Math.hypot(AX_LON, AX_LAT);
  /** Bearing of the axis, degrees (in the lon/lat plane; the band is only approximate). */
  static final double AXIS_BEARING = Math.toDegrees(Math.atan2(AX_LON, AX_LAT));
  private static final int[] MIDS = {412, 413, 416, 477, 563, 636, 372, 538, 440, 431};
  private static final int ROUND_S = 10;
  private static final int ANCHOR_ROUNDS = 18;
  private static final int STATIC_ROUNDS = 36;

  enum Kind { TRANSIT, SLOW, LOITER, ANCHORED }

  private static final class Vessel {
    int mmsi;
    Kind kind;
    double lat;
    double lon;
    double speed;
    double course;
    int phase;
    int offset;
    long lastTime;
    long nextTurn;
    String name = "";
    String callsign = "";
    int shiptype;
    int imo;
  }

  /**
   * Generated traffic.
   *
   * @param lines the NMEA lines in time order
   * @param messages AIS messages in them (a type 5 is one message in two lines)
   * @param positions position reports (type 1)
   * @param statics static and voyage data reports (type 5)
   * @param startEpochS time of the first line
   * @param endEpochS time of the last line
   * @param vessels vessels per kind, in {@link Kind} order
   */
  record Result(String[] lines, long messages, long positions, long statics, long startEpochS,
      long endEpochS, int[] vessels) {
    String describe() {
      return String.format(Locale.ROOT,
          "synthetic Taiwan Strait traffic: %,d vessels (transit %,d, slow zigzag %,d,"
              + " loitering %,d, anchored %,d), %,d messages (%,d position reports type 1,"
              + " %,d static type 5) in %,d lines over %.1f h of traffic time",
          Arrays.stream(vessels).sum(), vessels[0], vessels[1], vessels[2], vessels[3], messages,
          positions, statics, lines.length, (endEpochS - startEpochS) / 3600.0);
    }
  }

  private Traffic() {}

  /**
   * Generates traffic of {@code vessels} vessels from {@code startEpochS} on until at least
   * {@code minMessages} messages are written.
   */
  static Result generate(int vessels, long minMessages, long seed, long startEpochS) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Vessel[] fleet = new Vessel[vessels];
    int[] kinds = new int[Kind.values().length];
    for (int i = 0; i < vessels; i++) {
      Vessel v = new Vessel();
      v.mmsi = MIDS[i % MIDS.length] * 1_000_000 + 100_000 + i;
      double r = rnd.nextDouble();
      v.kind = r < 0.85 ? Kind.TRANSIT : r < 0.90 ? Kind.SLOW : r < 0.95 ? Kind.LOITER
          : Kind.ANCHORED;
      kinds[v.kind.ordinal()]++;
      double u = rnd.nextDouble();
      double w = (rnd.nextDouble() * 2 - 1) * HALF_WIDTH_DEG * 0.95;
      v.lon = LON_A + u * AX_LON + w * AX_LAT / AX_LEN;
      v.lat = LAT_A + u * AX_LAT - w * AX_LON / AX_LEN;
      switch (v.kind) {
        case TRANSIT -> {
          v.speed = 8 + rnd.nextDouble() * 10;
          v.course = norm(AXIS_BEARING + (rnd.nextBoolean() ? 0 : 180)
              + (rnd.nextDouble() * 30 - 15));
        }
        case SLOW -> {
          v.speed = 1 + rnd.nextDouble() * 2.5;
          v.course = rnd.nextDouble() * 360;
        }
        case LOITER -> {
          v.speed = 0.2 + rnd.nextDouble() * 1.3;
          v.course = rnd.nextDouble() * 360;
        }
        case ANCHORED -> {
          v.speed = rnd.nextDouble() * 0.2;
          v.course = rnd.nextDouble() * 360;
        }
        default -> throw new IllegalStateException();
      }
      v.phase = rnd.nextInt(ROUND_S);
      v.offset = rnd.nextInt(STATIC_ROUNDS * ANCHOR_ROUNDS);
      v.lastTime = startEpochS;
      v.nextTurn = startEpochS + 120 + rnd.nextInt(180);
      v.name = String.format(Locale.ROOT, "BENCH %s %05d", v.kind.name().substring(0, 4), i);
      v.callsign = String.format(Locale.ROOT, "B%05d", i % 100_000);
      v.shiptype = switch (v.kind) {
        case TRANSIT -> rnd.nextBoolean() ? 70 : 80;
        case SLOW -> 70;
        case LOITER -> 30;
        case ANCHORED -> 70;
      };
      v.imo = v.kind == Kind.LOITER ? 0 : 9_000_000 + i;
      fleet[i] = v;
    }
    Vessel[] order = fleet.clone();
    Arrays.sort(order, (a, b) -> Integer.compare(a.phase, b.phase));

    List<String> lines = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 16,
        minMessages + minMessages / 10));
    long messages = 0;
    long positions = 0;
    long statics = 0;
    int sequence = 0;
    long t = startEpochS;
    for (long round = 0; messages < minMessages; round++) {
      for (Vessel v : order) {
        t = startEpochS + round * ROUND_S + v.phase;
        boolean anchored = v.kind == Kind.ANCHORED;
        if (!anchored || (round + v.offset) % ANCHOR_ROUNDS == 0) {
          step(v, t, rnd);
          char ch = (messages & 1) == 0 ? 'A' : 'B';
          lines.addAll(AisEncoder.sentences(AisEncoder.positionA(position(v, t)), ch, 0, t));
          messages++;
          positions++;
        }
        if ((round + v.offset) % STATIC_ROUNDS == 0) {
          char ch = (messages & 1) == 0 ? 'A' : 'B';
          lines.addAll(AisEncoder.sentences(AisEncoder.staticVoyage(voyage(v)), ch,
              sequence, t));
          sequence = (sequence + 1) % 10;
          messages++;
          statics++;
        }
      }
    }
    return new Result(lines.toArray(new String[0]), messages, positions, statics, startEpochS, t,
        kinds);
  }

  /** Writes the lines to a file, one per line, LF endings. */
  static void write(String[] lines, Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
      for (String l : lines) {
        w.write(l);
        w.write('\n');
      }
    }
  }

  private static void step(Vessel v, long t, SplittableRandom rnd) {
    double dt = t - v.lastTime;
    v.lastTime = t;
    switch (v.kind) {
      case TRANSIT -> v.course = norm(v.course + rnd.nextDouble() * 4 - 2);
      case SLOW -> {
        if (t >= v.nextTurn) {
          double turn = 20 + rnd.nextDouble() * 40;
          v.course = norm(v.course + (rnd.nextBoolean() ? turn : -turn));
          v.nextTurn = t + 120 + rnd.nextInt(180);
        }
      }
      case LOITER -> {
        v.course = norm(v.course + rnd.nextDouble() * 30 - 15);
        v.speed = Math.max(0.2, Math.min(1.5, v.speed + rnd.nextDouble() * 0.2 - 0.1));
      }
      case ANCHORED -> v.course = norm(v.course + rnd.nextDouble() * 60 - 30);
      default -> throw new IllegalStateException();
    }
    double d = Geo.knotsToMps(v.speed) * dt;
    double c = Math.toRadians(v.course);
    double nlat = v.lat + d * Math.cos(c) / Geo.METRES_PER_DEGREE;
    double nlon = v.lon + d * Math.sin(c) / (Geo.METRES_PER_DEGREE * Math.cos(Math.toRadians(
        v.lat)));
    if (!inBand(nlat, nlon)) {
      v.course = norm(v.course + 150 + rnd.nextDouble() * 60);
      return;
    }
    v.lat = nlat;
    v.lon = nlon;
  }

  static boolean inBand(double lat, double lon) {
    double x = lon - LON_A;
    double y = lat - LAT_A;
    double u = (x * AX_LON + y * AX_LAT) / (AX_LEN * AX_LEN);
    double w = (x * AX_LAT - y * AX_LON) / AX_LEN;
    return u >= 0 && u <= 1 && Math.abs(w) <= HALF_WIDTH_DEG;
  }

  private static PositionReportClassA position(Vessel v, long t) {
    int status = v.kind == Kind.ANCHORED ? 1 : 0;
    double speed = Math.round(v.speed * 10) / 10.0;
    return new PositionReportClassA(1, 0, v.mmsi, status, 0, speed, false, v.lon, v.lat,
        v.course, (int) Math.round(v.course) % 360, (int) (t % 60), 0, false, 0);
  }

  private static StaticVoyageData voyage(Vessel v) {
    return new StaticVoyageData(5, 0, v.mmsi, 0, v.imo, v.callsign, v.name, v.shiptype, 120, 30,
        12, 10, 1, 12, 1, 8, 30, 7.5, v.kind == Kind.LOITER ? "" : "KAOHSIUNG", false);
  }

  private static double norm(double deg) {
    double d = deg % 360;
    return d < 0 ? d + 360 : d;
  }
}
