package org.kuroshio.maritime.vessel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kuroshio.maritime.ais.AidToNavigationReport;
import org.kuroshio.maritime.ais.AisDecoder;
import org.kuroshio.maritime.ais.AisMessage;
import org.kuroshio.maritime.ais.DecodeResult;
import org.kuroshio.maritime.ais.ExtendedPositionReportClassB;
import org.kuroshio.maritime.ais.LongRangeReport;
import org.kuroshio.maritime.ais.PositionReportClassA;
import org.kuroshio.maritime.ais.PositionReportClassB;
import org.kuroshio.maritime.ais.StaticDataReportPartA;

/** Position reports to fixes. */
class FixesTest {

  static PositionReportClassA classA(int mmsi, int status, Double lat, Double lon, Double speed,
      Double course, Integer heading) {
    return new PositionReportClassA(1, 0, mmsi, status, -128, speed, false, lon, lat, course,
        heading, 0, 0, false, 0);
  }

  @Test
  void classA_givesAllFields() {
    Fix f = Fixes.of(classA(416000001, 1, 25.1, 121.7, 0.3, 212.5, 90), 1000L);
    assertThat(f).isEqualTo(new Fix(416000001, 1000L, 25.1, 121.7, 0.3, 212.5, 90, 1));
  }

  @Test
  void realClassAReport_fromTheStandardsExample() {
    DecodeResult r = AisDecoder.decode("177KQJ5000G?tO`K>RA1wUbN0TKH", 0);
    AisMessage m = ((DecodeResult.Decoded) r).message();
    Fix f = Fixes.of(m, 5L);
    assertThat(f).isNotNull();
    assertThat(f.mmsi()).isEqualTo(477553000);
    assertThat(f.navStatus()).isEqualTo(Fix.MOORED);
    assertThat(f.lat()).isCloseTo(47.582833, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(f.lon()).isCloseTo(-122.345833, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(f.course()).isEqualTo(51.0);
    assertThat(f.heading()).isEqualTo(181);
  }

  @Test
  void notAvailableValues_becomeNanAnd511() {
    Fix f = Fixes.of(classA(416000001, 0, 25.1, 121.7, null, null, null), 0L);
    assertThat(f).isNotNull();
    assertThat(f.hasSpeed()).isFalse();
    assertThat(f.hasCourse()).isFalse();
    assertThat(f.heading()).isEqualTo(Fix.NO_HEADING);
  }

  @Test
  void noPosition_noFix() {
    assertThat(Fixes.of(classA(416000001, 0, null, 121.7, 5.0, 10.0, 10), 0L)).isNull();
    assertThat(Fixes.of(classA(416000001, 0, 25.0, null, 5.0, 10.0, 10), 0L)).isNull();
    assertThat(Fixes.of(classA(416000001, 0, 95.0, 121.7, 5.0, 10.0, 10), 0L)).isNull();
  }

  @Test
  void classB_hasStatus15() {
    PositionReportClassB b = new PositionReportClassB(18, 0, 416000002, 0, 6.5, false, 120.0,
        24.0, 45.0, null, 0, 0, true, false, false, false, false, false, false, 0);
    Fix f = Fixes.of(b, 7L);
    assertThat(f).isEqualTo(new Fix(416000002, 7L, 24.0, 120.0, 6.5, 45.0, 511, 15));

    ExtendedPositionReportClassB e = new ExtendedPositionReportClassB(19, 0, 416000003, 0, 1.0,
        false, 120.5, 24.5, 10.0, 12, 0, 0, "X", 30, 1, 1, 1, 1, 1, false, false, false);
    assertThat(Fixes.of(e, 8L)).isEqualTo(new Fix(416000003, 8L, 24.5, 120.5, 1.0, 10.0, 12, 15));
  }

  @Test
  void longRange_givesAFix() {
    LongRangeReport r = new LongRangeReport(27, 0, 416000004, false, false, 0, 121.0, 25.0, 12,
        300, false);
    assertThat(Fixes.of(r, 9L)).isEqualTo(new Fix(416000004, 9L, 25.0, 121.0, 12.0, 300.0, 511,
        0));
  }

  @Test
  void stationsAidsAndStaticData_giveNoFix() {
    AidToNavigationReport aton = new AidToNavigationReport(21, 0, 994161234, 1, "BUOY", false,
        121.0, 25.0, 0, 0, 0, 0, 1, 60, false, 0, false, false, false);
    assertThat(Fixes.of(aton, 0L)).isNull();
    assertThat(Fixes.of(new StaticDataReportPartA(24, 0, 416000001, "NAME"), 0L)).isNull();
  }
}
