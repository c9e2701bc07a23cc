package org.kuroshio.maritime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.kuroshio.maritime.ais.AisStream;
import org.kuroshio.maritime.detect.EventKind;
import org.kuroshio.maritime.detect.MaritimeEvent;
import org.kuroshio.maritime.geo.Zones;
import org.kuroshio.maritime.vessel.Fix;
import org.kuroshio.maritime.vessel.Fixes;
import org.kuroshio.maritime.vessel.Mmsi;
import org.kuroshio.testing.SharedData;

class MaritimePipelineTest {
  private static final long T0 = 1_735_689_600L; // 2025-01-01T00:00:00Z, seconds
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(T0 + 8 * 3_600 + 120),
      ZoneOffset.UTC);

  /** A territorial sea east of 120.05 E. */
  private static final Zones SEA = new Zones() {
    @Override
    public List<CorridorHit> corridorsAt(double lat, double lon) {
      return List.of();
    }

    @Override
    public @Nullable String territorialSeaAt(double lat, double lon) {
      return lon >= 120.05 && lon <= 121 && lat >= 24 && lat <= 26 ? "TWN" : null;
    }

    @Override
    public boolean inAnchorage(double lat, double lon) {
      return false;
    }

    @Override
    public List<AreaHit> areasAt(double lat, double lon) {
      return List.of();
    }
  };

  @Test
  void syntheticLinesGoThroughEveryStage() {
    List<MaritimeEvent> sunk = new CopyOnWriteArrayList<>();
    MaritimePipeline p = new MaritimePipeline(
        MaritimePipeline.Settings.DEFAULTS.withBatching(16, 2), SEA, CLOCK, sunk::add);
    int ship = 416_000_001;
    List<String> lines = new ArrayList<>();
    lines.addAll(SyntheticNmea.staticData(ship, 9_876_543, "BX1234", "KUROSHIO ONE", 70, T0));
    // 10 kn east for 60 min, one report a minute: crosses 120.05 E after about 16 min
    double lon = 120.0;
    for (int i = 0; i <= 60; i++) {
      lines.addAll(SyntheticNmea.position(ship, 25.0, lon, 10.0, 90.0, 90, 0, T0 + i * 60L));
      lon += 10 * 1852.0 / 60 / (111_195.0 * Math.cos(Math.toRadians(25)));
    }
    lines.add("!AIVDM,1,1,,A,15M67FC000G?ufbE`FepT@3n00Sa,0*00"); // bad checksum
    p.acceptAll(lines);
    p.advance((T0 + 3_600 + 31 * 60) * 1000L); // 31 min of silence in the territorial sea
    List<String> later = new ArrayList<>();
    later.addAll(SyntheticNmea.position(ship, 25.0, lon, 10.0, 90.0, 90, 0, T0 + 8 * 3_600));
    later.addAll(SyntheticNmea.staticData(ship, 9_876_543, "BX1234", "KUROSHIO TWO", 70,
        T0 + 8 * 3_600 + 60));
    later.addAll(SyntheticNmea.position(208_000_001, 25.5, 120.5, 5.0, 0.0, 0, 0, -1));
    // a corrupt time stamp a year ahead must not move the stream time or hide later reports
    later.addAll(SyntheticNmea.position(ship, 25.0, lon, 10.0, 90.0, 90, 0, T0 + 400 * 86_400L));
    later.forEach(p);
    MaritimePipeline.Summary s = p.finish();

    assertThat(s.failures()).isZero();
    assertThat(s.messages()).isEqualTo(2 + 61 + 1 + 1 + 1);
    assertThat(s.futureSkipped()).isEqualTo(1);
    assertThat(s.fixes()).isEqualTo(61 + 1 + 1);
    assertThat(s.decode().sentences().lineErrors()).isEqualTo(1);
    assertThat(s.identityChanges()).isEqualTo(1);
    assertThat(s.vessels()).isEqualTo(2);
    assertThat(s.events()).containsEntry(EventKind.INCURSION, 1L)
        .containsEntry(EventKind.AIS_GAP, 2L)
        .containsEntry(EventKind.IDENTITY_CHANGE, 1L)
        .containsEntry(EventKind.INVALID_MMSI, 1L)
        .containsEntry(EventKind.ENCOUNTER, 0L);
    assertThat(s.eventCount()).isEqualTo(5);
    assertThat(sunk).hasSize(5);
    assertThat(p.recentEvents()).containsExactlyElementsOf(sunk);

    MaritimeEvent incursion = sunk.stream().filter(e -> e.kind() == EventKind.INCURSION)
        .findFirst().orElseThrow();
    assertThat(incursion.start()).isBetween((T0 + 14 * 60) * 1000L, (T0 + 18 * 60) * 1000L);
    MaritimeEvent change = sunk.stream().filter(e -> e.kind() == EventKind.IDENTITY_CHANGE)
        .findFirst().orElseThrow();
    assertThat(change.details()).containsEntry("before", "KUROSHIO ONE")
        .containsEntry("after", "KUROSHIO TWO");
    MaritimeEvent invalid = sunk.stream().filter(e -> e.kind() == EventKind.INVALID_MMSI)
        .findFirst().orElseThrow();
    // no tag block: the last time the input recorded (the static data a minute before)
    assertThat(invalid.start()).isEqualTo((T0 + 8 * 3_600 + 60) * 1000L);
    assertThat(sunk.stream().filter(e -> e.kind() == EventKind.AIS_GAP)
        .map(e -> e.details().get("state"))).containsExactly("open", "closed");

    assertThat(p.tracks().latest(ship)).isNotNull();
    Object vessel = p.withRegistry(r -> r.get(ship));
    assertThat(vessel).isNotNull();
    assertThat(p.sar().size()).isEqualTo(2);
    assertThat(p.finish()).isSameAs(s);
    assertThatThrownBy(() -> p.accept("x")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void realRecordingCountsMatchTheDecoderAndTheMidTable() {
    Path file = SharedData.require("ais/dma-aislib/stream_example.txt");
    // independent count: decode alone
    List<Fix> expectedFixes = new ArrayList<>();
    long[] messages = new long[1];
    AisStream.Summary decodeOnly = AisStream.read(file, m -> {
      messages[0]++;
      Fix f = Fixes.of(m.message(), m.time() == null ? CLOCK.millis() : m.time().toEpochMilli());
      if (f != null) {
        expectedFixes.add(f);
      }
    });
    Set<Integer> invalid = new HashSet<>();
    for (Fix f : expectedFixes) {
      Mmsi.Kind k = Mmsi.kind(f.mmsi());
      if (k == Mmsi.Kind.INVALID || (k == Mmsi.Kind.SHIP && !Mmsi.hasValidMid(f.mmsi()))) {
        invalid.add(f.mmsi());
      }
    }

    MaritimePipeline p = new MaritimePipeline(MaritimePipeline.Settings.DEFAULTS, Zones.NONE,
        CLOCK, e -> { });
    try (var lines = java.nio.file.Files.lines(file)) {
      lines.forEach(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    MaritimePipeline.Summary s = p.finish();

    assertThat(messages[0]).isGreaterThan(4_000);
    assertThat(s.failures()).isZero();
    assertThat(s.messages()).isEqualTo(messages[0]);
    assertThat(s.fixes()).isEqualTo(expectedFixes.size());
    assertThat(s.decode().sentences().lines()).isEqualTo(decodeOnly.sentences().lines());
    assertThat(s.events()).containsEntry(EventKind.INVALID_MMSI, (long) invalid.size());
    // no zones: nothing about cables, seas or areas
    assertThat(s.events()).containsEntry(EventKind.CABLE_THREAT, 0L)
        .containsEntry(EventKind.INCURSION, 0L);
    for (MaritimeEvent e : p.recentEvents()) {
      assertThat(e.evidence()).hasSizeLessThanOrEqualTo(50);
      assertThat(e.end()).isGreaterThanOrEqualTo(e.start());
    }
  }
}
