package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kuroshio.maritime.MaritimePipeline;
import org.kuroshio.maritime.detect.EventKind;
import org.kuroshio.maritime.detect.MaritimeEvent;
import org.kuroshio.maritime.geo.Zones;
import org.kuroshio.maritime.scenario.MatsuScenario;
import org.kuroshio.maritime.stix.MaritimeStix;
import org.kuroshio.sharing.IngestResult;
import org.kuroshio.sharing.Principal;
import org.kuroshio.stix.StixObject;
import org.kuroshio.store.Stores;
import tools.jackson.databind.node.ObjectNode;

/**
 * The service's write path on a real node: an object the ingest pipeline refuses is counted and
 * logged, the rest of the flush is written, and the service goes on.
 */
class MaritimeServiceIT {
  private static final List<double[]> ROUTE =
      List.of(new double[] {119.70, 26.03}, new double[] {120.40, 25.99});

  @TempDir Path dir;

  @Test
  void aRefusedObjectIsCountedAndTheRestIsWritten() {
    long start = Instant.now().minusSeconds(30_000).getEpochSecond();
    List<String> lines = MatsuScenario.write(ROUTE, start, 7).lines();

    // What the detectors will report, found beforehand by a pipeline of the same settings.
    List<MaritimeEvent> events = new ArrayList<>();
    try (MaritimePipeline p = new MaritimePipeline(MaritimePipeline.Settings.DEFAULTS,
        Zones.NONE, Clock.systemUTC(), events::add)) {
      p.acceptAll(lines);
    }
    MaritimeEvent swap = events.stream().filter(e -> e.kind() == EventKind.IDENTITY_SWAP)
        .findFirst().orElseThrow();

    AppConfig config = AppConfig.defaults().withListener("127.0.0.1", 0).withDataDir(dir)
        .withMaritime(AppConfig.MaritimeSettings.NONE.withFlushInterval(Duration.ofHours(1)));
    try (Node node = Node.start(config, Stores.h2InMemory("refuse-" + UUID.randomUUID()),
        Clock.systemUTC())) {
      // Someone stored another body under the swap's observed-data id and version first.
      String org = node.config().node().organisation();
      StixObject od = new MaritimeStix().event(swap, org).stream()
          .filter(o -> o.type().equals("observed-data")).findFirst().orElseThrow();
      ObjectNode other = od.toJsonNode();
      other.put("number_observed", 2);
      IngestResult pre = node.data().add(Principal.system(org), config.defaultCollectionId(),
          List.of(StixObject.of(other)));
      assertThat(pre.failureCount()).isZero();

      MaritimeService m = node.maritime();
      m.ingest(lines);
      MaritimeService.Published p = m.flush();
      assertThat(p.refused()).isEqualTo(1);
      assertThat(p.written()).isPositive();
      assertThat(m.stixId(swap)).isEmpty();
      assertThat(m.status().refused()).isEqualTo(1);

      // The service goes on: the same lines again change nothing and refuse nothing new.
      m.ingest(lines);
      MaritimeService.Published again = m.flush();
      assertThat(again.refused()).isZero();
      assertThat(m.vessels()).isNotEmpty();
    }
  }
}
