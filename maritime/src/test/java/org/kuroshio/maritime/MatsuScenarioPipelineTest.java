package org.kuroshio.maritime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kuroshio.maritime.detect.EventKind;
import org.kuroshio.maritime.detect.MaritimeEvent;
import org.kuroshio.maritime.geo.Cable;
import org.kuroshio.maritime.geo.GeoIndex;
import org.kuroshio.maritime.scenario.MatsuScenario;
import org.kuroshio.testing.SharedData;
import org.locationtech.jts.geom.Coordinate;

/**
 * The demo's story over the real cable and boundary geometry, through the whole pipeline: the
 * freighter's behaviour over Taiwan Strait Express-1 is found, the ships merely passing through
 * the same corridor are not.
 */
class MatsuScenarioPipelineTest {
  static final String TSE1 = "taiwan-strait-express-1-tse-1";
  static final long START = 1_767_268_800L; // 2026-01-01T12:00:00Z: 20:00 in Matsu
  static GeoIndex zones;
  static MatsuScenario.Result story;
  static List<MaritimeEvent> events = new CopyOnWriteArrayList<>();
  static MaritimePipeline.Summary summary;

  @BeforeAll
  static void run() {
    Path cables = SharedData.require("cables/cables-west-pacific-subset.geojson");
    Path landing = SharedData.require("cables/landing-points-west-pacific-subset.geojson");
    Path borders = SharedData.require("maritime/osm-borders-maritime-10000m-west-pacific.geojson");
    zones = GeoIndex.load(cables, landing, borders, null, 1_852);
    Cable tse = zones.cableMap().cable(TSE1).orElseThrow();
    List<double[]> route = new ArrayList<>();
    for (Coordinate c : tse.route().getCoordinates()) {
      route.add(new double[] {c.x, c.y});
    }
    story = MatsuScenario.write(route, START, 11);
    Clock clock = Clock.fixed(Instant.ofEpochSecond(START + 8 * 3_600), ZoneOffset.UTC);
    try (MaritimePipeline p = new MaritimePipeline(MaritimePipeline.Settings.DEFAULTS, zones,
        clock, events::add)) {
      p.acceptAll(story.lines());
      p.advance((START + 8 * 3_600) * 1000L);
      summary = p.finish();
    }
  }

  @Test
  void everyLineIsDecoded() {
    assertThat(summary.decode().payloadErrorCount()).isZero();
    assertThat(summary.messages()).isGreaterThan(10_000);
    assertThat(summary.vessels()).isEqualTo(2 + story.backgroundMmsis().size());
  }

  @Test
  void theFreighterThreatensTheCable_withItsEvidence() {
    List<MaritimeEvent> threats = of(EventKind.CABLE_THREAT, MatsuScenario.FREIGHTER.mmsi());
    assertThat(threats).isNotEmpty();
    MaritimeEvent strongest = threats.stream()
        .max((a, b) -> Double.compare(a.score(), b.score())).orElseThrow();
    assertThat(strongest.score()).isGreaterThanOrEqualTo(0.9);
    assertThat(strongest.details()).containsEntry("cableId", TSE1);
    assertThat(strongest.details().get("indicators")).contains("zigzag", "crossing", "drop");
    assertThat(strongest.evidence()).hasSizeGreaterThan(10)
        .allSatisfy(f -> assertThat(f.mmsi()).isEqualTo(MatsuScenario.FREIGHTER.mmsi()));
    assertThat(strongest.summary()).isNotBlank();
  }

  @Test
  void itsDarkPeriodInTheCorridorIsAGap() {
    assertThat(of(EventKind.AIS_GAP, MatsuScenario.FREIGHTER.mmsi())).isNotEmpty();
  }

  @Test
  void theSecondIdentityIsTheSameHull() {
    assertThat(of(EventKind.IDENTITY_SWAP, MatsuScenario.FREIGHTER.mmsi())).singleElement()
        .satisfies(e -> assertThat(e.otherMmsi()).isEqualTo(MatsuScenario.SECOND_IDENTITY.mmsi()));
  }

  @Test
  void shipsTransitingTheCorridor_areNoThreat() {
    for (int mmsi : story.backgroundMmsis()) {
      assertThat(of(EventKind.CABLE_THREAT, mmsi)).as("vessel %d", mmsi).isEmpty();
      assertThat(of(EventKind.IDENTITY_SWAP, mmsi)).as("vessel %d", mmsi).isEmpty();
    }
  }

  private static List<MaritimeEvent> of(EventKind kind, int mmsi) {
    return events.stream().filter(e -> e.kind() == kind && e.mmsi() == mmsi).toList();
  }
}
