package org.kuroshio.maritime.vessel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kuroshio.maritime.ais.AisStream;
import org.kuroshio.maritime.ais.BaseStationReport;
import org.kuroshio.maritime.ais.PositionReportClassA;
import org.kuroshio.maritime.ais.StaticDataReportPartA;
import org.kuroshio.maritime.ais.StaticDataReportPartB;
import org.kuroshio.maritime.ais.StaticVoyageData;
import org.kuroshio.maritime.ais.TimedAisMessage;
import org.kuroshio.testing.SharedData;

/** The registry over real recordings and hand-built identity changes. */
class VesselRegistryTest {

  static StaticVoyageData type5(int mmsi, int imo, String callSign, String name, int shipType,
      String destination) {
    return new StaticVoyageData(5, 0, mmsi, 0, imo, callSign, name, shipType, 100, 20, 10, 10, 1,
        5, 15, 14, 0, 8.5, destination, false);
  }

  static TimedAisMessage timed(org.kuroshio.maritime.ais.AisMessage m) {
    return new TimedAisMessage(m, null, 'A', null);
  }

  static PositionReportClassA position(int mmsi, double lat, double lon, double speed) {
    return FixesTest.classA(mmsi, 0, lat, lon, speed, 90.0, 90);
  }

  @Test
  void gpsdSample_namesAndCallSignsMatchTheGoldenDecodes() throws IOException {
    VesselRegistry reg = new VesselRegistry();
    long[] t = {0};
    AisStream.read(SharedData.require("ais/gpsd/sample.aivdm"), m -> reg.apply(m, t[0]++));

    // Concrete vessels from sample.aivdm.js.chk.
    Vessel ever = reg.get(351759000);
    assertThat(ever).isNotNull();
    assertThat(ever.name()).isEqualTo("EVER DIADEM");
    assertThat(ever.callSign()).isEqualTo("3FOF8");
    assertThat(ever.imo()).isEqualTo(9134270);
    assertThat(ever.shipType()).isEqualTo(70);
    assertThat(ever.length()).isEqualTo(295);
    assertThat(ever.beam()).isEqualTo(32);
    assertThat(ever.destination()).isEqualTo("NEW YORK");
    assertThat(ever.flag()).isEqualTo("PA");

    Vessel proguy = reg.get(271041815);
    assertThat(proguy).isNotNull();
    assertThat(proguy.name()).isEqualTo("PROGUY");
    assertThat(proguy.callSign()).isEqualTo("TC6163");
    assertThat(proguy.shipType()).isEqualTo(60);
    assertThat(proguy.flag()).isEqualTo("TR");

    Vessel rimes = reg.get(367059850);
    assertThat(rimes).isNotNull();
    assertThat(rimes.name()).isEqualTo("CAPT.J.RIMES");
    assertThat(rimes.lat()).isCloseTo(29.5436950, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(rimes.speed()).isEqualTo(8.7);

    Vessel health = reg.get(271010059);
    assertThat(health).isNotNull();
    assertThat(health.name()).isEqualTo("HEALTH CONTROL 13");
    assertThat(health.callSign()).isEqualTo("TCA2350");
    assertThat(health.destination()).isNull(); // sent empty
    assertThat(reg.history(271010059)).isEmpty(); // the same report twice is no change

    // Every name and call sign in the golden file: the registry holds the last one sent.
    Map<Integer, String> names = new LinkedHashMap<>();
    Map<Integer, String> callSigns = new LinkedHashMap<>();
    for (String line : Files.readAllLines(
        SharedData.require("ais/gpsd/sample.aivdm.js.chk"), StandardCharsets.UTF_8)) {
      int mmsi = Integer.parseInt(field(line, "\"mmsi\":", ","));
      String name = field(line, "\"shipname\":\"", "\"");
      String cs = field(line, "\"callsign\":\"", "\"");
      if (name != null && !name.isEmpty()) {
        names.put(mmsi, name);
      }
      if (cs != null && !cs.isEmpty()) {
        callSigns.put(mmsi, cs);
      }
    }
    assertThat(names).hasSizeGreaterThan(3);
    names.forEach((mmsi, name) -> assertThat(reg.get(mmsi)).as("vessel %d", mmsi)
        .isNotNull().extracting(Vessel::name).isEqualTo(name));
    callSigns.forEach((mmsi, cs) -> assertThat(reg.get(mmsi)).as("vessel %d", mmsi)
        .isNotNull().extracting(Vessel::callSign).isEqualTo(cs));
    // Base stations (type 4) and aids to navigation (21) are not vessels.
    assertThat(reg.get(3669702)).isNull();
  }

  private static String field(String line, String start, String end) {
    int a = line.indexOf(start);
    if (a < 0) {
      return null;
    }
    a += start.length();
    int b = line.indexOf(end, a);
    return b < 0 ? line.substring(a, line.length() - 1) : line.substring(a, b);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dma-aislib/ais250.txt", "dma-aislib/stream_example.txt",
      "dma-aislib/replay_dump.txt", "dma-aislib/decode_encode_messages.txt"})
  void dmaRecordings_fillTheRegistry(String file) {
    VesselRegistry reg = new VesselRegistry();
    List<TimedAisMessage> all = new ArrayList<>();
    AisStream.read(SharedData.require("ais/" + file), all::add);
    long t = 0;
    for (TimedAisMessage m : all) {
      long time = m.time() == null ? t++ : m.time().toEpochMilli();
      reg.apply(m, time);
    }
    assertThat(reg.size()).isPositive();
    for (Vessel v : reg.all()) {
      assertThat(v.firstSeen()).isLessThanOrEqualTo(v.lastSeen());
      if (v.hasPosition()) {
        assertThat(v.lat()).isBetween(-90.0, 90.0);
        assertThat(v.lon()).isBetween(-180.0, 180.0);
      }
    }
  }

  @Test
  void dmaRecordings_concreteVessels() {
    VesselRegistry a = replay("dma-aislib/decode_encode_messages.txt");
    Vessel cemsea = a.get(210743000);
    assertThat(cemsea).isNotNull();
    assertThat(cemsea.name()).isEqualTo("CEMSEA");
    assertThat(cemsea.callSign()).isEqualTo("P3UD9");
    assertThat(cemsea.imo()).isEqualTo(9088275);
    assertThat(Vessel.isValidImo(cemsea.imo())).isTrue();
    assertThat(cemsea.destination()).isEqualTo("COPENHAGEN");
    assertThat(cemsea.flag()).isEqualTo("CY");
    assertThat(cemsea.hasPosition()).isTrue();

    Vessel pinta = replay("dma-aislib/stream_example.txt").get(205175000);
    assertThat(pinta.name()).isEqualTo("PINTA");
    assertThat(pinta.callSign()).isEqualTo("ORWK");
    assertThat(pinta.flag()).isEqualTo("BE");

    Vessel mosvik = replay("dma-aislib/replay_dump.txt").get(305203000);
    assertThat(mosvik.name()).isEqualTo("MOSVIK");
    assertThat(mosvik.callSign()).isEqualTo("V2PT9");
    assertThat(mosvik.destination()).isEqualTo("RIGA");
    assertThat(mosvik.flag()).isEqualTo("AG");
  }

  private static VesselRegistry replay(String file) {
    VesselRegistry reg = new VesselRegistry();
    long[] t = {0};
    AisStream.read(SharedData.require("ais/" + file),
        m -> reg.apply(m, m.time() == null ? t[0]++ : m.time().toEpochMilli()));
    return reg;
  }

  @Test
  void invalidMmsi_isRegisteredButItsFieldChangesAreNotReported() {
    VesselRegistry reg = new VesselRegistry();
    reg.apply(timed(new StaticDataReportPartA(24, 0, 0, "DFDS CANAL TOURS")), 1);
    assertThat(reg.apply(timed(new StaticDataReportPartA(24, 0, 0, "OTHER BOAT")), 2)).isEmpty();
    assertThat(reg.get(0).name()).isEqualTo("OTHER BOAT");
    assertThat(reg.history(0)).isEmpty();
    // A valid MMSI beside it does report.
    reg.apply(timed(new StaticDataReportPartA(24, 0, 219000126, "ALHOLM")), 3);
    assertThat(reg.apply(timed(new StaticDataReportPartA(24, 0, 219000126, "ALHOLM 2")), 4))
        .hasSize(1);
  }

  @Test
  void firstNameIsNotAChange_sameNameAgainIsNot_aNewNameIs() {
    VesselRegistry reg = new VesselRegistry();
    int mmsi = 416000001;
    assertThat(reg.apply(timed(type5(mmsi, 0, "BGXX", "HAI YANG", 70, "KEELUNG")), 1000))
        .isEmpty();
    assertThat(reg.apply(timed(type5(mmsi, 0, "BGXX", "HAI YANG", 70, "KEELUNG")), 2000))
        .isEmpty();
    List<IdentityChange> c =
        reg.apply(timed(type5(mmsi, 0, "BGXX", "SHUN XING 39", 70, "KEELUNG")), 3000);
    assertThat(c).containsExactly(
        new IdentityChange(mmsi, 3000, IdentityChange.NAME, "HAI YANG", "SHUN XING 39"));
    assertThat(reg.history(mmsi)).containsExactlyElementsOf(c);
    assertThat(reg.get(mmsi).name()).isEqualTo("SHUN XING 39");
  }

  @Test
  void emptyValues_neverOverwriteNorCountAsChanges() {
    VesselRegistry reg = new VesselRegistry();
    int mmsi = 416000001;
    reg.apply(timed(type5(mmsi, 9134270, "BGXX", "HAI YANG", 70, "KEELUNG")), 1000);
    assertThat(reg.apply(timed(type5(mmsi, 0, "", "", 0, "")), 2000)).isEmpty();
    Vessel v = reg.get(mmsi);
    assertThat(v.name()).isEqualTo("HAI YANG");
    assertThat(v.callSign()).isEqualTo("BGXX");
    assertThat(v.imo()).isEqualTo(9134270);
    assertThat(v.shipType()).isEqualTo(70);
    assertThat(v.destination()).isEqualTo("KEELUNG");
  }

  @Test
  void callSignImoTypeAndDestinationChanges_fire() {
    VesselRegistry reg = new VesselRegistry();
    int mmsi = 412000001;
    reg.apply(timed(type5(mmsi, 9134270, "BGXX", "A", 70, "KEELUNG")), 1000);
    List<IdentityChange> c = reg.apply(timed(type5(mmsi, 9074729, "BGYY", "A", 80, "MATSU")),
        2000);
    assertThat(c).extracting(IdentityChange::field, IdentityChange::before, IdentityChange::after)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("imo", "9134270", "9074729"),
            org.assertj.core.groups.Tuple.tuple("callsign", "BGXX", "BGYY"),
            org.assertj.core.groups.Tuple.tuple("shiptype", "70", "80"),
            org.assertj.core.groups.Tuple.tuple("destination", "KEELUNG", "MATSU"));
  }

  @Test
  void imoMovingToAnotherMmsi_firesMmsiChange() {
    VesselRegistry reg = new VesselRegistry();
    assertThat(reg.apply(timed(type5(416000001, 9134270, "BGXX", "HAI YANG", 70, "")), 1000))
        .isEmpty();
    List<IdentityChange> c =
        reg.apply(timed(type5(412000002, 9134270, "BGZZ", "SHUN XING", 70, "")), 2000);
    assertThat(c).containsExactly(new IdentityChange(412000002, 2000, IdentityChange.MMSI,
        "416000001", "412000002"));
    assertThat(Mmsi.flag(Integer.parseInt(c.get(0).before())))
        .isNotEqualTo(Mmsi.flag(Integer.parseInt(c.get(0).after())));
    assertThat(reg.history(412000002)).containsExactlyElementsOf(c);
    // The same MMSI repeating its IMO does not fire again.
    assertThat(reg.apply(timed(type5(412000002, 9134270, "BGZZ", "SHUN XING", 70, "")), 3000))
        .isEmpty();
  }

  @Test
  void malformedImoSharedByTwoMmsis_doesNotFire() {
    VesselRegistry reg = new VesselRegistry();
    reg.apply(timed(type5(416000001, 1234568, "BGXX", "A", 70, "")), 1000); // bad check digit
    assertThat(reg.apply(timed(type5(412000002, 1234568, "BGZZ", "B", 70, "")), 2000)).isEmpty();
  }

  @Test
  void type24_partsSetNameCallSignAndType() {
    VesselRegistry reg = new VesselRegistry();
    reg.apply(timed(new StaticDataReportPartA(24, 0, 416000005, "LITTLE ONE")), 1);
    reg.apply(timed(new StaticDataReportPartB(24, 0, 416000005, 37, "", 0, 0, "BX1234", 5, 7, 2,
        2, 0)), 2);
    Vessel v = reg.get(416000005);
    assertThat(v.name()).isEqualTo("LITTLE ONE");
    assertThat(v.callSign()).isEqualTo("BX1234");
    assertThat(v.shipType()).isEqualTo(37);
    assertThat(v.length()).isEqualTo(12);
    assertThat(reg.apply(timed(new StaticDataReportPartA(24, 0, 416000005, "BIG ONE")), 3))
        .singleElement().extracting(IdentityChange::before).isEqualTo("LITTLE ONE");
  }

  @Test
  void positions_updateLastSeenAndIgnoreOlderReports() {
    VesselRegistry reg = new VesselRegistry();
    reg.apply(timed(position(416000001, 25.0, 121.0, 10.0)), 2000);
    reg.apply(timed(position(416000001, 25.1, 121.1, 11.0)), 1000); // late arrival
    Vessel v = reg.get(416000001);
    assertThat(v.lat()).isEqualTo(25.0);
    assertThat(v.speed()).isEqualTo(10.0);
    assertThat(v.firstSeen()).isEqualTo(1000);
    assertThat(v.lastSeen()).isEqualTo(2000);
    assertThat(v.flag()).isEqualTo("TW");
  }

  @Test
  void baseStations_areNotVessels() {
    VesselRegistry reg = new VesselRegistry();
    reg.apply(timed(new BaseStationReport(4, 0, 4160001, 2026, 1, 1, 0, 0, 0, true, 121.0, 25.0,
        1, false, 0)), 0);
    assertThat(reg.size()).isZero();
  }

  @Test
  void boundOnVessels_countsAndIgnoresNewcomers() {
    VesselRegistry reg = new VesselRegistry(new RegistrySettings(2, 100));
    reg.apply(timed(position(416000001, 25.0, 121.0, 1)), 0);
    reg.apply(timed(position(416000002, 25.0, 121.0, 1)), 0);
    reg.apply(timed(position(416000003, 25.0, 121.0, 1)), 0);
    reg.apply(timed(position(416000001, 25.0, 121.0, 1)), 1);
    assertThat(reg.size()).isEqualTo(2);
    assertThat(reg.get(416000003)).isNull();
    assertThat(reg.ignored()).isEqualTo(1);
    assertThat(reg.all()).extracting(Vessel::mmsi).containsExactly(416000001, 416000002);
  }

  @Test
  void history_keepsTheNewest() {
    VesselRegistry reg = new VesselRegistry(new RegistrySettings(10, 3));
    for (int i = 0; i < 6; i++) {
      reg.apply(timed(new StaticDataReportPartA(24, 0, 416000001, "NAME " + i)), i);
    }
    assertThat(reg.history(416000001)).extracting(IdentityChange::after)
        .containsExactly("NAME 3", "NAME 4", "NAME 5");
  }
}
