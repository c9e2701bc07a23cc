package org.kuroshio.maritime.sar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.kuroshio.maritime.ais.StaticVoyageData;
import org.kuroshio.maritime.ais.TimedAisMessage;
import org.kuroshio.maritime.geo.Geo;
import org.kuroshio.maritime.vessel.Fix;
import org.kuroshio.maritime.vessel.TrackStore;
import org.kuroshio.maritime.vessel.VesselRegistry;

/** Vessels near a distress position, now and at a past time. */
class SarAssistTest {
  static final long NOW = 1_767_225_600_000L; // 2026-01-01T00:00Z
  static final double LAT = 25.0;
  static final double LON = 121.0; // on a cell corner of the 0.5 degree grid

  final VesselRegistry registry = new VesselRegistry();
  final SarAssist sar = new SarAssist(registry, SarSettings.DEFAULTS,
      Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

  /** Puts a vessel {@code distM} from the distress position on bearing {@code fromDistress}. */
  Fix at(int mmsi, double fromDistress, double distM, double speed, long time) {
    double[] p = Geo.destination(LAT, LON, fromDistress, distM);
    Fix f = new Fix(mmsi, time, p[0], p[1], speed, 0.0, 511, 0);
    sar.update(f);
    return f;
  }

  @Test
  void orderedByTimeToReach_thenNotMovingByDistance() {
    registry.apply(new TimedAisMessage(new StaticVoyageData(5, 0, 416000001, 0, 9134270, "BGXX",
        "HAI YANG", 70, 100, 20, 10, 10, 1, 0, 0, 24, 60, 0, "", false), null, 'A', null), NOW);
    at(416000001, 0, 5_000, 10.0, NOW); // north, 10 kn: 972 s
    at(416000002, 90, 2_000, 0.0, NOW); // east, stopped
    at(416000003, 180, 20_000, 20.0, NOW); // south, 20 kn: 1944 s
    at(416000004, 270, 60_000, 10.0, NOW); // outside 50 km
    at(416000005, 45, 3_000, 10.0, NOW - Duration.ofHours(2).toMillis()); // stale
    at(416000006, 300, 8_000, Double.NaN, NOW); // speed unknown
    at(416000007, 120, 1_000, 0.4, NOW); // below 0.5 kn: not moving

    List<SarCandidate> c = sar.nearNow(LAT, LON, 50_000, 10);

    assertThat(c).extracting(SarCandidate::mmsi)
        .containsExactly(416000001, 416000003, 416000007, 416000002, 416000006);
    SarCandidate first = c.get(0);
    assertThat(first.name()).isEqualTo("HAI YANG");
    assertThat(first.callSign()).isEqualTo("BGXX");
    assertThat(first.distanceM()).isCloseTo(5_000, offset(0.01));
    assertThat(first.bearingToDistressDeg()).isCloseTo(180, offset(1e-6));
    assertThat(first.timeToReach().toMillis())
        .isCloseTo(Math.round(5_000 / Geo.knotsToMps(10) * 1000), offset(1L));
    assertThat(first.speedKn()).isEqualTo(10.0);
    assertThat(first.positionTime()).isEqualTo(NOW);
    assertThat(c.get(2).timeToReach()).isNull();
    assertThat(c.get(4).timeToReach()).isNull();
    assertThat(c.get(4).name()).isNull();

    assertThat(sar.nearNow(LAT, LON, 50_000, 2)).extracting(SarCandidate::mmsi)
        .containsExactly(416000001, 416000003);
    // With an explicit "now" two hours back, the stale one counts again.
    assertThat(sar.nearNow(LAT, LON, 50_000, 10, NOW - Duration.ofHours(2).toMillis()))
        .extracting(SarCandidate::mmsi).contains(416000005);
  }

  @Test
  void radiusEdge_andCellBoundaries() {
    at(1, 10, 9_990, 5, NOW);
    at(2, 10, 10_010, 5, NOW);
    // Both sides of the 25.0 / 121.0 cell corner.
    at(3, 225, 500, 5, NOW);
    at(4, 45, 500, 5, NOW);
    at(5, 135, 500, 5, NOW);
    at(6, 315, 500, 5, NOW);
    assertThat(sar.nearNow(LAT, LON, 10_000, 10)).extracting(SarCandidate::mmsi)
        .containsExactlyInAnyOrder(1, 3, 4, 5, 6);
  }

  @Test
  void acrossTheAntimeridian() {
    sar.update(new Fix(1, NOW, 0.0, -179.95, 10, 0, 511, 0));
    sar.update(new Fix(2, NOW, 0.0, 179.0, 10, 0, 511, 0));
    List<SarCandidate> c = sar.nearNow(0.0, 179.95, 20_000, 10);
    assertThat(c).extracting(SarCandidate::mmsi).containsExactly(1);
    assertThat(c.get(0).distanceM()).isCloseTo(11_119.5, offset(1.0));
    assertThat(c.get(0).bearingToDistressDeg()).isCloseTo(270, offset(1e-6));
  }

  @Test
  void nearThePole() {
    sar.update(new Fix(1, NOW, 89.9, 180.0, 10, 0, 511, 0)); // over the pole: 22 km
    sar.update(new Fix(2, NOW, 89.7, 0.0, 10, 0, 511, 0)); // 22 km, same meridian
    sar.update(new Fix(3, NOW, 89.6, 0.0, 10, 0, 511, 0)); // 33 km
    assertThat(sar.nearNow(89.9, 0.0, 25_000, 10)).extracting(SarCandidate::mmsi)
        .containsExactlyInAnyOrder(1, 2);
  }

  @Test
  void aVesselThatMoved_isFoundOnlyAtItsNewPlace_andOlderReportsAreIgnored() {
    at(1, 0, 1_000, 10, NOW - 60_000);
    sar.update(new Fix(1, NOW, 30.0, 130.0, 10, 0, 511, 0));
    at(1, 0, 1_000, 10, NOW - 30_000); // late arrival, ignored
    assertThat(sar.nearNow(LAT, LON, 50_000, 10)).isEmpty();
    assertThat(sar.nearNow(30.0, 130.0, 1_000, 10)).extracting(SarCandidate::mmsi)
        .containsExactly(1);
    assertThat(sar.size()).isEqualTo(1);
  }

  @Test
  void agreesWithBruteForce_overRandomVesselsAndQueries() {
    Random rnd = new Random(42);
    int n = 20_000;
    double[][] pos = new double[n][];
    for (int i = 0; i < n; i++) {
      // Half spread over the globe, half clustered near a few spots incl. poles and 180.
      double la;
      double lo;
      if (i % 2 == 0) {
        la = Math.toDegrees(Math.asin(2 * rnd.nextDouble() - 1));
        lo = rnd.nextDouble() * 360 - 180;
      } else {
        double[][] spots = {{25, 121}, {0, 180}, {89.5, 10}, {-89.8, -100}, {60, -179.9}};
        double[] s = spots[i % spots.length];
        double[] p = Geo.destination(s[0], s[1], rnd.nextDouble() * 360,
            rnd.nextDouble() * 400_000);
        la = p[0];
        lo = p[1];
      }
      pos[i] = new double[] {la, lo};
      sar.update(new Fix(i + 1, NOW, la, lo, rnd.nextDouble() * 20, 0, 511, 0));
    }
    double[][] queries = {{25, 121}, {0, 180}, {0, -180}, {89.5, 10}, {90, 0}, {-89.8, -100},
        {60, -179.9}, {60, 179.9}, {-30, 45}};
    for (double[] q : queries) {
      for (double radius : new double[] {5_000, 50_000, 300_000, 500_000}) {
        TreeSet<Integer> expected = new TreeSet<>();
        for (int i = 0; i < n; i++) {
          double d = Geo.distanceM(pos[i][0], pos[i][1], q[0], q[1]);
          if (d <= radius - 0.01) {
            expected.add(i + 1);
          } else if (d <= radius + 0.01) {
            expected.add(-1); // too close to the edge to call
          }
        }
        expected.remove(-1);
        List<SarCandidate> got = sar.nearNow(q[0], q[1], radius, 10_000);
        assertThat(new TreeSet<>(got.stream().map(SarCandidate::mmsi).toList()))
            .as("query %s r=%s", java.util.Arrays.toString(q), radius)
            .containsAll(expected).hasSize(expected.size());
        for (SarCandidate c : got) {
          assertThat(c.distanceM()).isLessThanOrEqualTo(radius + 0.01);
        }
      }
    }
  }

  @Test
  void nearAt_usesWhereVesselsWereThen() {
    TrackStore tracks = new TrackStore();
    long then = NOW - Duration.ofHours(3).toMillis();
    // Vessel 1 passed the distress position 3 h ago and has gone far since.
    addTrack(tracks, 1, then - 5 * 60_000, LAT - 0.02, LON, then + 5 * 60_000, LAT + 0.02, LON,
        12);
    tracks.add(new Fix(1, NOW, 27.0, 123.0, 12, 0, 511, 0));
    // Vessel 2 is near now but was far then.
    tracks.add(new Fix(2, then, 20.0, 115.0, 8, 0, 511, 0));
    Fix near2 = at(2, 0, 1_000, 8, NOW);
    tracks.add(near2);
    // Vessel 3 was near then but its last fix before was 2 h older and nothing after: unknown.
    tracks.add(new Fix(3, then - Duration.ofHours(2).toMillis(), LAT, LON + 0.01, 3, 0, 511, 0));
    // Vessel 4 stopped 3 km away 30 min before and reported nothing until well after.
    tracks.add(new Fix(4, then - 30 * 60_000, LAT + 0.027, LON, 0, 0, 511, 1));
    tracks.add(new Fix(4, then + Duration.ofHours(2).toMillis(), LAT + 0.027, LON, 0, 0, 511, 1));

    List<SarCandidate> c = sar.nearAt(LAT, LON, then, 10_000, 10, tracks);

    assertThat(c).extracting(SarCandidate::mmsi).containsExactly(1, 4);
    assertThat(c.get(0).distanceM()).isLessThan(1.0);
    assertThat(c.get(0).positionTime()).isEqualTo(then);
    assertThat(c.get(0).timeToReach()).isNotNull();
    assertThat(c.get(1).timeToReach()).isNull();
    assertThat(c.get(1).positionTime()).isEqualTo(then - 30 * 60_000);
    assertThat(sar.nearNow(LAT, LON, 10_000, 10)).extracting(SarCandidate::mmsi)
        .containsExactly(2);
  }

  /** Adds a straight track from (lat0, lon0) at t0 to (lat1, lon1) at t1, one fix a minute. */
  static void addTrack(TrackStore tracks, int mmsi, long t0, double lat0, double lon0, long t1,
      double lat1, double lon1, double speed) {
    List<Fix> fixes = new ArrayList<>();
    int steps = (int) ((t1 - t0) / 60_000);
    for (int i = 0; i <= steps; i++) {
      double f = (double) i / steps;
      fixes.add(new Fix(mmsi, t0 + i * 60_000L, lat0 + f * (lat1 - lat0), lon0 + f * (lon1 - lon0),
          speed, 0, 511, 0));
    }
    fixes.forEach(tracks::add);
  }

  @Test
  void namesReportedAfterTheFirstFix_showWithinAMinuteOfFixes() {
    at(416000009, 0, 1_000, 5, NOW - 90_000);
    registry.apply(new TimedAisMessage(new StaticVoyageData(5, 0, 416000009, 0, 0, "BR3456",
        "LATE NAME", 70, 10, 10, 2, 2, 1, 0, 0, 24, 60, 0, "", false), null, 'A', null), NOW);
    at(416000009, 0, 1_000, 5, NOW - 60_000); // 30 s after the last read: not read again
    assertThat(sar.nearNow(LAT, LON, 5_000, 1).get(0).name()).isNull();
    at(416000009, 0, 1_000, 5, NOW); // 90 s after: read
    SarCandidate c = sar.nearNow(LAT, LON, 5_000, 1).get(0);
    assertThat(c.name()).isEqualTo("LATE NAME");
    assertThat(c.callSign()).isEqualTo("BR3456");
  }

  @Test
  void prune_takesOldPositionsOutUntilTheVesselReportsAgain() {
    at(1, 0, 1_000, 5, NOW - Duration.ofDays(2).toMillis());
    at(2, 0, 2_000, 5, NOW);
    assertThat(sar.prune(NOW - Duration.ofDays(1).toMillis())).isEqualTo(1);
    long twoDaysAgo = NOW - Duration.ofDays(2).toMillis();
    // Even with "now" back then, the pruned vessel is no longer found.
    assertThat(sar.nearNow(LAT, LON, 5_000, 10, twoDaysAgo)).extracting(SarCandidate::mmsi)
        .containsExactly(2);
    at(1, 0, 1_000, 5, NOW);
    assertThat(sar.nearNow(LAT, LON, 5_000, 10)).extracting(SarCandidate::mmsi)
        .containsExactly(1, 2);
    assertThat(sar.prune(NOW - Duration.ofDays(1).toMillis())).isZero();
  }

  @Test
  void badQueries_areRejected() {
    assertThatThrownBy(() -> sar.nearNow(LAT, LON, 500_001, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("radius");
    assertThatThrownBy(() -> sar.nearNow(LAT, LON, 0, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sar.nearNow(LAT, LON, 1000, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    assertThatThrownBy(() -> sar.nearNow(91, LON, 1000, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sar.update(new Fix(1, NOW, Double.NaN, 0, 0, 0, 511, 0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void boundOnVessels() {
    SarAssist small = new SarAssist(registry, new SarSettings(0.5, Duration.ofHours(1), 500_000,
        0.5, 2, 100), Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    for (int i = 1; i <= 3; i++) {
      small.update(new Fix(i, NOW, LAT, LON, 1, 0, 511, 0));
    }
    assertThat(small.size()).isEqualTo(2);
    assertThat(small.ignored()).isEqualTo(1);
  }
}
