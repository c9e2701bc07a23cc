package org.kuroshio.maritime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.kuroshio.maritime.ais.AisEncoder;
import org.kuroshio.maritime.ais.PositionReportClassA;
import org.kuroshio.maritime.geo.Zones;

/** Corrupt recorded times are skipped and counted, never stored. */
class PipelineTimeTest {
  static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");

  @Test
  void timesBefore2000_andMoreThanADayAhead_areSkipped() {
    var report = new PositionReportClassA(1, 0, 416000123, 0, 0, 9.0, true, 120.1, 25.2, 45.0,
        45, 0, 0, false, 0);
    AisEncoder.Armored a = AisEncoder.positionA(report);
    MaritimePipeline.Summary s;
    try (MaritimePipeline p = new MaritimePipeline(MaritimePipeline.Settings.DEFAULTS, Zones.NONE,
        Clock.fixed(NOW, ZoneOffset.UTC), e -> { })) {
      AisEncoder.sentences(a, 'A', 0, 0).forEach(p); // c:0, 1970
      AisEncoder.sentences(a, 'A', 0, 946_684_799L).forEach(p); // one second before 2000
      AisEncoder.sentences(a, 'A', 0, NOW.getEpochSecond() + 2 * 86_400).forEach(p);
      AisEncoder.sentences(a, 'A', 0, NOW.getEpochSecond() - 60).forEach(p);
      s = p.finish();
      assertThat(p.tracks().fixCount()).isEqualTo(1);
    }

    assertThat(s.messages()).isEqualTo(4);
    assertThat(s.pastSkipped()).isEqualTo(2);
    assertThat(s.futureSkipped()).isEqualTo(1);
    assertThat(s.fixes()).isEqualTo(1);
    assertThat(s.failures()).isZero();
  }
}
