package org.kuroshio.maritime.vessel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/** Compact tracks: order, time and area queries, compaction, interpolation, memory. */
class TrackStoreTest {
  static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00Z
  static final long MIN = 60_000L;

  static Fix fix(int mmsi, long time, double lat, double lon) {
    return new Fix(mmsi, time, lat, lon, 10.0, 90.0, 90, 0);
  }

  @Test
  void fixesComeBackInTimeOrder_withTheirValues() {
    TrackStore s = new TrackStore();
    s.add(new Fix(1, T0 + 2 * MIN, 25.2, 121.2, 12.3, 45.6, 44, 7));
    s.add(fix(1, T0, 25.0, 121.0));
    s.add(fix(1, T0 + MIN, 25.1, 121.1)); // out of order: inserted
    s.add(new Fix(1, T0 + 3 * MIN, 25.3, 121.3, Double.NaN, Double.NaN, 511, 15));

    List<Fix> t = s.track(1, Long.MIN_VALUE, Long.MAX_VALUE);
    assertThat(t).extracting(Fix::time)
        .containsExactly(T0, T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN);
    assertThat(t.get(2)).isEqualTo(new Fix(1, T0 + 2 * MIN, 25.2, 121.2, 12.3, 45.6, 44, 7));
    assertThat(t.get(3).hasSpeed()).isFalse();
    assertThat(t.get(3).hasCourse()).isFalse();
    assertThat(t.get(3).heading()).isEqualTo(511);
    assertThat(s.outOfOrder()).isEqualTo(2);
    assertThat(s.fixCount()).isEqualTo(4);
    assertThat(s.latest(1).time()).isEqualTo(T0 + 3 * MIN);
    assertThat(s.latest(2)).isNull();
  }

  @Test
  void theSameReportHeardTwice_isStoredOnce() {
    TrackStore s = new TrackStore();
    s.add(fix(1, T0, 25.0, 121.0));
    s.add(fix(1, T0, 25.0, 121.0));
    s.add(fix(1, T0, 25.0001, 121.0)); // same second, another position: kept
    assertThat(s.fixCount()).isEqualTo(2);
    assertThat(s.duplicates()).isEqualTo(1);
  }

  @Test
  void timeQuery_isInclusive() {
    TrackStore s = new TrackStore();
    for (int i = 0; i < 10; i++) {
      s.add(fix(7, T0 + i * MIN, 25.0, 121.0 + i * 0.01));
    }
    assertThat(s.track(7, T0 + 2 * MIN, T0 + 4 * MIN)).extracting(Fix::time)
        .containsExactly(T0 + 2 * MIN, T0 + 3 * MIN, T0 + 4 * MIN);
    assertThat(s.track(7, T0 + 2 * MIN + 1, T0 + 4 * MIN - 1)).extracting(Fix::time)
        .containsExactly(T0 + 3 * MIN);
    assertThat(s.track(7, T0 + 20 * MIN, T0 + 30 * MIN)).isEmpty();
    assertThat(s.track(8, T0, T0 + 30 * MIN)).isEmpty();
    assertThat(s.track(7, Long.MAX_VALUE, Long.MAX_VALUE)).isEmpty();
    assertThat(s.track(7, Long.MIN_VALUE, Long.MIN_VALUE)).isEmpty();
    assertThat(s.track(7, T0 + 5 * MIN, T0)).isEmpty();
  }

  @Test
  void areaQuery_insideOutsideAndEdges() {
    TrackStore s = new TrackStore();
    s.add(fix(1, T0, 25.5, 121.5)); // inside
    s.add(fix(2, T0, 26.5, 121.5)); // north of the box
    s.add(fix(3, T0, 25.0, 121.0)); // on the corner
    s.add(fix(4, T0 + 10 * MIN, 25.5, 121.5)); // inside but later
    s.add(fix(5, T0, 25.5, 122.0000002)); // just east of the edge
    assertThat(s.vesselsIn(25.0, 121.0, 26.0, 122.0, T0, T0 + 5 * MIN)).containsExactly(1, 3);
    assertThat(s.vesselsIn(25.0, 121.0, 26.0, 122.0, T0, T0 + 10 * MIN))
        .containsExactly(1, 3, 4);
  }

  @Test
  void areaQuery_overLongTracks_findsTheOneFixInside_alsoAfterLateInsertsAndCompaction() {
    TrackStore s = new TrackStore();
    for (int i = 0; i < 5000; i++) {
      s.add(fix(1, T0 + i * MIN, 30.0 + i * 1e-4, 130.0)); // far from the box
      s.add(fix(2, T0 + i * MIN, 30.0, 130.0 + i * 1e-4));
    }
    s.add(fix(1, T0 + 5000 * MIN, 25.5, 121.5)); // vessel 1's newest fix is inside
    assertThat(s.vesselsIn(25, 121, 26, 122, T0, T0 + 6000 * MIN)).containsExactly(1);
    assertThat(s.vesselsIn(25, 121, 26, 122, T0, T0 + 4999 * MIN)).isEmpty();
    s.add(fix(2, T0 + 700 * MIN + 30_000, 25.5, 121.5)); // late, into the middle of a block
    assertThat(s.vesselsIn(25, 121, 26, 122, T0, T0 + 4999 * MIN)).containsExactly(2);
    assertThat(s.vesselsIn(25, 121, 26, 122, T0 + 701 * MIN, T0 + 4999 * MIN)).isEmpty();
    s.compact(T0 + Duration.ofDays(34).toMillis()); // everything before day 4 thinned
    assertThat(s.vesselsIn(25, 121, 26, 122, T0, T0 + 6000 * MIN)).containsExactly(1);
    assertThat(s.vesselsIn(29, 129, 31, 131, T0, T0 + 6000 * MIN)).containsExactly(1, 2);
  }

  @Test
  void areaQuery_acrossTheAntimeridian() {
    TrackStore s = new TrackStore();
    s.add(fix(1, T0, 0.0, 179.5));
    s.add(fix(2, T0, 0.0, -179.5));
    s.add(fix(3, T0, 0.0, 0.0));
    assertThat(s.vesselsIn(-1, 179, 1, -179, T0, T0)).containsExactly(1, 2);
  }

  @Test
  void areaQuery_byPolygon() {
    TrackStore s = new TrackStore();
    GeometryFactory gf = new GeometryFactory();
    // A triangle: (121,25) (122,25) (121,26).
    Polygon tri = gf.createPolygon(new Coordinate[] {new Coordinate(121, 25),
        new Coordinate(122, 25), new Coordinate(121, 26), new Coordinate(121, 25)});
    s.add(fix(1, T0, 25.2, 121.2)); // inside
    s.add(fix(2, T0, 25.8, 121.8)); // inside the envelope, outside the triangle
    s.add(fix(3, T0, 25.0, 121.5)); // on the south edge
    s.add(fix(4, T0, 30.0, 130.0)); // far away
    assertThat(s.vesselsIn(tri, T0, T0)).containsExactly(1, 3);
    assertThat(s.vesselsIn(tri, T0 + 1000, T0 + 2000)).isEmpty();
    assertThatThrownBy(() -> s.vesselsIn(gf.createPoint(new Coordinate(0, 0)), T0, T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void compaction_thinsOldFixes_keepsTheLast30Days() {
    TrackStore s = new TrackStore();
    long now = T0 + Duration.ofDays(40).toMillis();
    for (long t = T0; t <= now; t += MIN) {
      s.add(fix(9, t, 25.0, 121.0 + (t - T0) / 1e9));
    }
    long cutoff = now - Duration.ofDays(30).toMillis();
    List<Fix> recentBefore = s.track(9, cutoff, now);
    long total = s.fixCount();

    s.compact(now);

    assertThat(s.track(9, cutoff, now)).isEqualTo(recentBefore);
    List<Fix> old = s.track(9, Long.MIN_VALUE, cutoff - 1);
    // 10 days at one per 10 minutes.
    assertThat(old).hasSize(10 * 24 * 6);
    for (int i = 1; i < old.size(); i++) {
      assertThat(old.get(i).time() - old.get(i - 1).time()).isEqualTo(10 * MIN);
    }
    assertThat(s.fixCount()).isEqualTo(recentBefore.size() + old.size()).isLessThan(total);
    long after = s.fixCount();
    s.compact(now);
    assertThat(s.fixCount()).isEqualTo(after);
  }

  @Test
  void at_interpolatesBetweenCloseFixes() {
    TrackStore s = new TrackStore();
    s.add(new Fix(1, T0, 25.0, 121.0, 10.0, 90.0, 90, 0));
    s.add(new Fix(1, T0 + 10 * MIN, 25.0, 121.2, 12.0, 95.0, 95, 0));
    Fix mid = s.at(1, T0 + 5 * MIN);
    assertThat(mid.time()).isEqualTo(T0 + 5 * MIN);
    assertThat(mid.lat()).isCloseTo(25.0, offset(1e-9));
    assertThat(mid.lon()).isCloseTo(121.1, offset(1e-9));
    assertThat(mid.speed()).isCloseTo(11.0, offset(1e-9));
    Fix early = s.at(1, T0 + 2 * MIN);
    assertThat(early.lon()).isCloseTo(121.04, offset(1e-9));
    assertThat(early.course()).isEqualTo(90.0);
    assertThat(s.at(1, T0)).isEqualTo(s.track(1, T0, T0).get(0));
  }

  @Test
  void at_acrossTheAntimeridian() {
    TrackStore s = new TrackStore();
    s.add(fix(1, T0, 0.0, 179.9));
    s.add(fix(1, T0 + 10 * MIN, 0.0, -179.9));
    assertThat(s.at(1, T0 + 5 * MIN).lon()).isCloseTo(180.0, offset(1e-6));
    assertThat(Math.abs(s.at(1, T0 + 7 * MIN + 30_000).lon())).isCloseTo(179.95, offset(1e-6));
  }

  @Test
  void at_acrossAWideGap_givesTheFixBeforeWithinAnHour_elseNothing() {
    TrackStore s = new TrackStore();
    s.add(fix(1, T0, 25.0, 121.0));
    s.add(fix(1, T0 + 180 * MIN, 25.0, 122.0)); // 3 h later: a dark period
    assertThat(s.at(1, T0 + 30 * MIN)).isEqualTo(s.track(1, T0, T0).get(0));
    assertThat(s.at(1, T0 + 60 * MIN)).isNotNull();
    assertThat(s.at(1, T0 + 61 * MIN)).isNull();
    assertThat(s.at(1, T0 - MIN)).isNull(); // before the first fix
    assertThat(s.at(1, T0 + 200 * MIN).lon()).isEqualTo(122.0); // after the newest, within 1 h
    assertThat(s.at(2, T0)).isNull();
  }

  @Test
  void aMillionFixes_takeAtMost32BytesEach() {
    TrackStore s = new TrackStore();
    for (int v = 0; v < 1000; v++) {
      for (int i = 0; i < 1000; i++) {
        s.add(new Fix(416000000 + v, T0 + i * 10_000L, 25 + i * 1e-4, 121 + v * 1e-3, 8.5,
            123.4, 120, 0));
      }
    }
    assertThat(s.fixCount()).isEqualTo(1_000_000);
    assertThat(s.vesselCount()).isEqualTo(1000);
    assertThat((double) s.memoryBytes() / s.fixCount()).isLessThanOrEqualTo(32.0);
  }

  @Test
  void bounds_onVesselsAndFixesPerVessel() {
    TrackStore s = new TrackStore(new TrackSettings(Duration.ofDays(30), Duration.ofMinutes(10),
        2, 8, Duration.ofMinutes(30), Duration.ofHours(1)));
    s.add(fix(1, T0, 25, 121));
    s.add(fix(2, T0, 25, 121));
    s.add(fix(3, T0, 25, 121));
    assertThat(s.vesselCount()).isEqualTo(2);
    assertThat(s.droppedVessels()).isEqualTo(1);
    for (int i = 1; i <= 8; i++) {
      s.add(fix(1, T0 + i * MIN, 25, 121));
    }
    // 9 fixes offered to a track of 8: the oldest two (a quarter) went.
    assertThat(s.evicted()).isEqualTo(2);
    assertThat(s.track(1, Long.MIN_VALUE, Long.MAX_VALUE)).extracting(Fix::time)
        .first().isEqualTo(T0 + 2 * MIN);
    assertThat(s.track(1, Long.MIN_VALUE, Long.MAX_VALUE)).hasSize(7);
  }

  @Test
  void badInput_isRejected() {
    TrackStore s = new TrackStore();
    assertThatThrownBy(() -> s.add(fix(1, T0, Double.NaN, 121)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.add(fix(1, T0, 91, 121)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.add(fix(1, Long.MAX_VALUE, 25, 121)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.vesselsIn(26, 121, 25, 122, T0, T0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(s.fixCount()).isZero();
  }

  @Test
  void readersDuringWrites_alwaysSeeSortedTracks() throws InterruptedException {
    TrackStore s = new TrackStore();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      for (int i = 0; i < 200_000; i++) {
        // Every tenth fix arrives late.
        long t = i % 10 == 9 ? T0 + (i - 5) * 1000L : T0 + i * 1000L;
        s.add(fix(1 + i % 3, t, 25 + (i % 1000) * 1e-4, 121));
      }
    });
    Thread reader = new Thread(() -> {
      try {
        while (writer.isAlive()) {
          List<Fix> t = s.track(1, Long.MIN_VALUE, Long.MAX_VALUE);
          for (int i = 1; i < t.size(); i++) {
            if (t.get(i).time() < t.get(i - 1).time()) {
              throw new AssertionError("unsorted at " + i);
            }
          }
          s.vesselsIn(24, 120, 26, 122, T0, T0 + 100_000_000L);
        }
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    writer.start();
    reader.start();
    writer.join();
    reader.join();
    assertThat(failure.get()).isNull();
  }
}
