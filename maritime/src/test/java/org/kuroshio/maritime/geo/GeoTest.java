package org.kuroshio.maritime.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class GeoTest {
  @Test
  void oneMinuteOfLatitudeIsAboutOneNauticalMile() {
    double d = Geo.distanceM(25.0, 121.0, 25.0 + 1.0 / 60, 121.0);
    assertThat(d).isCloseTo(1852.0, withinPercentage(0.5));
    // WGS-84 (Vincenty inverse) gives 1,846.2 m at 25 N: north-south the sphere is 0.38 % long
    // there, near its worst (the meridional radius of curvature is smallest at the equator)
    assertThat(d).isCloseTo(1846.2, withinPercentage(0.5));
  }

  @Test
  void keelungToMatsuMatchesTheEllipsoidWithinHaversineError() {
    // Keelung harbour to Nangan (Matsu); Vincenty inverse on WGS-84 gives 212,855 m
    double d = Geo.distanceM(25.1333, 121.7417, 26.1597, 119.9497);
    assertThat(d).isCloseTo(212_855.0, withinPercentage(0.3));
    assertThat(d).isNotCloseTo(212_855.0, withinPercentage(0.01)); // it is a sphere, not WGS-84
  }

  @Test
  void londonToParisMatchesTheEllipsoidWithinHaversineError() {
    // Vincenty inverse on WGS-84: 343,923 m
    assertThat(Geo.distanceM(51.5074, -0.1278, 48.8566, 2.3522))
        .isCloseTo(343_923.0, withinPercentage(0.3));
  }

  @Test
  void pointToSegmentIsThePerpendicularDistanceInMetres() {
    // segment running north along 120 E; a point 500 m east of its middle
    double[] p = Geo.destination(25.5, 120.0, 90.0, 500.0);
    assertThat(Geo.pointToSegmentM(p[0], p[1], 25.0, 120.0, 26.0, 120.0))
        .isCloseTo(500.0, withinPercentage(0.1));
    // beyond the end the distance is to the end point
    double[] q = Geo.destination(26.0, 120.0, 0.0, 3000.0);
    assertThat(Geo.pointToSegmentM(q[0], q[1], 25.0, 120.0, 26.0, 120.0))
        .isCloseTo(3000.0, withinPercentage(0.1));
    assertThat(Geo.segmentFraction(q[0], q[1], 25.0, 120.0, 26.0, 120.0)).isEqualTo(1.0);
  }

  @Test
  void pointToDiagonalSegmentAgreesWithBruteForce() {
    double lat1 = 24.8;
    double lon1 = 119.6;
    double lat2 = 25.6;
    double lon2 = 121.2;
    double plat = 25.23;
    double plon = 120.31;
    double brute = Double.MAX_VALUE;
    for (int i = 0; i <= 200_000; i++) {
      double t = i / 200_000.0;
      brute = Math.min(brute,
          Geo.distanceM(plat, plon, lat1 + t * (lat2 - lat1), lon1 + t * (lon2 - lon1)));
    }
    assertThat(Geo.pointToSegmentM(plat, plon, lat1, lon1, lat2, lon2))
        .isCloseTo(brute, withinPercentage(0.05));
  }

  @Test
  void degenerateSegmentIsAPoint() {
    assertThat(Geo.pointToSegmentM(25.0, 121.0, 25.0, 121.01, 25.0, 121.01))
        .isCloseTo(Geo.distanceM(25.0, 121.0, 25.0, 121.01), within(1e-6));
  }

  @Test
  void segmentBearingIsUndirected() {
    assertThat(Geo.segmentBearingDeg(25.0, 25.0, 120.0, 26.0, 120.0)).isEqualTo(0.0);
    assertThat(Geo.segmentBearingDeg(25.0, 26.0, 120.0, 25.0, 120.0)).isEqualTo(0.0);
    assertThat(Geo.segmentBearingDeg(0.0, 0.0, 120.0, 0.0, 121.0)).isCloseTo(90.0, within(1e-9));
    assertThat(Geo.segmentBearingDeg(0.0, 0.0, 121.0, 0.0, 120.0)).isCloseTo(90.0, within(1e-9));
    assertThat(Geo.segmentBearingDeg(0.0, 0.0, 0.0, 1.0, 1.0)).isCloseTo(45.0, within(1e-9));
    assertThat(Geo.segmentBearingDeg(0.0, 1.0, 1.0, 0.0, 0.0)).isCloseTo(45.0, within(1e-9));
  }

  @Test
  void normalizesLongitudeAndChecksPositions() {
    assertThat(Geo.normalizeLon(180.0)).isEqualTo(-180.0);
    assertThat(Geo.normalizeLon(190.0)).isCloseTo(-170.0, within(1e-9));
    assertThat(Geo.normalizeLon(-190.0)).isCloseTo(170.0, within(1e-9));
    assertThat(Geo.normalizeLon(12.5)).isEqualTo(12.5);
    assertThat(Geo.isValid(91.0, 0.0)).isFalse();
    assertThat(Geo.isValid(0.0, 181.0)).isFalse();
    assertThat(Geo.isValid(Double.NaN, 0.0)).isFalse();
    assertThat(Geo.isValid(-90.0, 180.0)).isTrue();
  }
}
