package org.kuroshio.maritime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kuroshio.maritime.geo.Zones;
import org.kuroshio.maritime.scenario.MatsuScenario;

/** sync() returns only when everything accepted so far has been applied. */
class PipelineSyncTest {

  @Test
  void afterSync_everyAcceptedMessageIsApplied_whileThePipelineRuns() {
    MatsuScenario.Result story = MatsuScenario.write(
        List.of(new double[] {119.70, 26.03}, new double[] {120.40, 25.99}), 1_767_268_800L, 3);
    // small batches and a short queue, so the producer runs well ahead of the consumer
    MaritimePipeline.Settings settings = MaritimePipeline.Settings.DEFAULTS.withBatching(8, 2);
    try (MaritimePipeline p = new MaritimePipeline(settings, Zones.NONE,
        Clock.fixed(Instant.parse("2026-01-02T00:00:00Z"), ZoneOffset.UTC), e -> { })) {
      List<String> half = story.lines().subList(0, story.lines().size() / 2);
      p.acceptAll(half);
      p.sync();
      long applied = p.messages();
      long fixes = p.tracks().fixCount();

      long[] decoded = {0};
      half.forEach(new org.kuroshio.maritime.ais.AisStream(m -> decoded[0]++));
      assertThat(applied).isPositive().isEqualTo(decoded[0]);
      assertThat(fixes).isPositive().isLessThanOrEqualTo(applied);
      p.sync(); // nothing new: the same counts
      assertThat(p.messages()).isEqualTo(applied);
      p.acceptAll(story.lines().subList(half.size(), story.lines().size()));
      MaritimePipeline.Summary all = p.finish();
      assertThat(all.messages()).isGreaterThan(applied);
    }
  }
}
