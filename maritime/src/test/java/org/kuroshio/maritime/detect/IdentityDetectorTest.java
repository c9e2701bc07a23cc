package org.kuroshio.maritime.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kuroshio.maritime.detect.TestZones.LAT;
import static org.kuroshio.maritime.detect.TestZones.LON;
import static org.kuroshio.maritime.detect.Track.MIN;
import static org.kuroshio.maritime.detect.Track.T0;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kuroshio.maritime.geo.Zones;
import org.kuroshio.maritime.vessel.Fix;
import org.kuroshio.maritime.vessel.IdentityChange;

class IdentityDetectorTest {
  private static final int OLD = 416_000_005;
  private static final int NEW = 412_000_006;

  /** OLD sails 30 min then falls silent; NEW first appears 5 min later {@code awayM} north. */
  private static Harness swap(double awayM, boolean oldKeepsReporting) {
    return swap(Zones.NONE, awayM, oldKeepsReporting);
  }

  private static Harness swap(Zones zones, double awayM, boolean oldKeepsReporting) {
    return swap(zones, awayM, oldKeepsReporting, 5);
  }

  /** As above, NEW appearing {@code delayMin} minutes after OLD's last report. */
  private static Harness swap(Zones zones, double awayM, boolean oldKeepsReporting, int delayMin) {
    Track old = Track.at(OLD, LAT, LON).sail(90, 8, 30);
    if (oldKeepsReporting) {
      old.sail(90, 8, 30);
    }
    // NEW starts 5 min later, awayM north of where OLD was last heard at T0 + 30 min
    Track fresh = Track.near(NEW, old.fixes().get(60).lat(), old.fixes().get(60).lon(), awayM, 0)
        .startingAt(T0 + (30 + delayMin) * MIN).sail(90, 8, 25);
    Harness h = new Harness(zones).feed(old, fresh);
    return h.advance(T0 + (56 + delayMin) * MIN);
  }

  @Test
  void newIdentityAppearingWhereAnotherWentSilentIsASwap() {
    Harness h = swap(800, false);
    assertThat(h.of(EventKind.IDENTITY_SWAP)).singleElement().satisfies(e -> {
      assertThat(e.mmsi()).isEqualTo(OLD);
      assertThat(e.otherMmsi()).isEqualTo(NEW);
      assertThat(e.details()).containsEntry("silenceS", "300").containsEntry("distanceM", "800");
      assertThat(e.evidence()).extracting(Fix::mmsi).containsExactly(OLD, NEW);
    });
  }

  @Test
  void newIdentityAfterFiftyMinutesDarkIsASwap() {
    assertThat(swap(Zones.NONE, 1_500, false, 50).of(EventKind.IDENTITY_SWAP)).singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("silenceS", "3000"));
  }

  @Test
  void newIdentityMoreThanAnHourLaterIsNoSwap() {
    assertThat(swap(Zones.NONE, 1_500, false, 61).of(EventKind.IDENTITY_SWAP)).isEmpty();
  }

  @Test
  void newIdentity20KmAwayIsNoSwap() {
    assertThat(swap(20_000, false).of(EventKind.IDENTITY_SWAP)).isEmpty();
  }

  @Test
  void identitiesChangingInAnAnchorageAreNoSwap() {
    // OLD ends its voyage about 7.4 km east of the start, inside a port's anchorage
    double lon = Track.at(OLD, LAT, LON).sail(90, 8, 30).lon();
    TestZones port = new TestZones().anchorage(LAT, lon, 3_000);
    assertThat(swap(port, 800, false).of(EventKind.IDENTITY_SWAP)).isEmpty();
  }

  @Test
  void newIdentityBesideAVesselThatKeepsReportingIsNoSwap() {
    assertThat(swap(800, true).of(EventKind.IDENTITY_SWAP)).isEmpty();
  }

  @Test
  void twoHullsAlternatingOnOneMmsiIsAConflict() {
    List<Fix> fixes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      long t = T0 + i * 30_000L;
      double lon = i % 2 == 0 ? LON : LON + 0.5; // about 50 km apart
      fixes.add(new Fix(OLD, t, LAT, lon + i * 0.0001, 10, 90, 90, 0));
    }
    Harness h = new Harness(Zones.NONE).feed(fixes);
    assertThat(h.of(EventKind.MMSI_CONFLICT)).singleElement().satisfies(e -> {
      assertThat(e.mmsi()).isEqualTo(OLD);
      assertThat(e.details()).containsEntry("alternations", "2");
      assertThat(Double.parseDouble(e.details().get("distanceKm"))).isGreaterThan(40);
      assertThat(e.summary()).contains("over 60 kn");
    });
    assertThat(h.detectors.hiddenCount()).isGreaterThan(0);
  }

  @Test
  void aSingleGpsGlitchIsNoConflict() {
    Track t = Track.at(OLD, LAT, LON).sail(90, 10, 10);
    List<Fix> fixes = new ArrayList<>(t.fixes());
    Fix last = fixes.get(fixes.size() - 1);
    fixes.add(new Fix(OLD, last.time() + 10_000, LAT + 0.5, LON, 10, 90, 90, 0));
    Track after = Track.at(OLD, last.lat(), last.lon()).startingAt(last.time() + 20_000)
        .sail(90, 10, 30);
    fixes.addAll(after.fixes());
    Harness h = new Harness(Zones.NONE).feed(fixes);
    assertThat(h.of(EventKind.MMSI_CONFLICT)).isEmpty();
    assertThat(h.detectors.hiddenCount()).isEqualTo(1);
  }

  @Test
  void aWrongFirstPositionIsReplacedByTheRealTrack() {
    List<Fix> fixes = new ArrayList<>();
    fixes.add(new Fix(OLD, T0, LAT + 1, LON, 10, 90, 90, 0));
    fixes.addAll(Track.at(OLD, LAT, LON).startingAt(T0 + 10_000).sail(90, 10, 10).fixes());
    Harness h = new Harness(Zones.NONE).feed(fixes);
    assertThat(h.of(EventKind.MMSI_CONFLICT)).isEmpty();
    assertThat(h.detectors.hiddenCount()).isEqualTo(2);
  }

  @Test
  void identityChangesFromTheRegistry() {
    Harness h = new Harness(Zones.NONE).feed(Track.at(OLD, LAT, LON).sail(90, 10, 5));
    h.detectors.onIdentityChange(new IdentityChange(OLD, T0 + 6 * MIN, IdentityChange.NAME,
        "EVER GIVEN", "EVER GIVING"));
    h.detectors.onIdentityChange(new IdentityChange(NEW, T0 + 7 * MIN, IdentityChange.MMSI,
        Integer.toString(OLD), Integer.toString(NEW)));
    List<MaritimeEvent> changes = h.of(EventKind.IDENTITY_CHANGE);
    assertThat(changes).hasSize(2);
    assertThat(changes.get(0).details()).containsEntry("field", "name")
        .containsEntry("before", "EVER GIVEN").containsEntry("after", "EVER GIVING");
    assertThat(changes.get(0).lat()).isCloseTo(LAT, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(changes.get(1).details()).containsEntry("flagBefore", "TW")
        .containsEntry("flagAfter", "CN").containsEntry("flagChanged", "true");
    assertThat(changes.get(1).otherMmsi()).isEqualTo(OLD);
    assertThat(changes.get(1).lat()).isNaN();
  }

  @Test
  void destinationChangesAreNotIdentityChanges() {
    Harness h = new Harness(Zones.NONE);
    h.detectors.onIdentityChange(new IdentityChange(OLD, T0, IdentityChange.DESTINATION,
        "KEELUNG", "KAOHSIUNG"));
    assertThat(h.events).isEmpty();
  }

  @Test
  void mmsiChangeWithinOneCountryIsNoFlagChange() {
    Harness h = new Harness(Zones.NONE);
    h.detectors.onIdentityChange(new IdentityChange(416_000_999, T0, IdentityChange.MMSI,
        "416000005", "416000999"));
    assertThat(h.of(EventKind.IDENTITY_CHANGE)).singleElement()
        .satisfies(e -> assertThat(e.details()).doesNotContainKey("flagChanged"));
  }

  @Test
  void invalidMmsiOncePerMmsi() {
    Track bad = Track.at(208_123_456, LAT, LON).sail(90, 10, 10);
    Track nonsense = Track.at(123_456_789, LAT, LON + 0.1).sail(90, 10, 10);
    Track good = Track.at(416_123_456, LAT, LON + 0.2).sail(90, 10, 10);
    Harness h = new Harness(Zones.NONE).feed(bad, nonsense, good);
    assertThat(h.of(EventKind.INVALID_MMSI)).extracting(MaritimeEvent::mmsi)
        .containsExactly(208_123_456, 123_456_789);
    assertThat(h.of(EventKind.INVALID_MMSI).get(0).details()).containsEntry("mid", "208")
        .containsEntry("format", "ship");
  }
}
