package org.kuroshio.maritime.vessel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kuroshio.testing.SharedData;

/** MMSI formats (STANDARDS 4.5), MIDs and flags. */
class MmsiTest {

  @ParameterizedTest(name = "{0} is {1} with MID {2}")
  @CsvSource({
      "416123456, SHIP, 416",
      "201000001, SHIP, 201",
      "775999999, SHIP, 775",
      "036699999, GROUP, 366",
      "041612345, GROUP, 416",
      "004160001, COAST_STATION, 416",
      "003669999, COAST_STATION, 366",
      "111416123, SAR_AIRCRAFT, 416",
      "992416001, AID_TO_NAVIGATION, 241",
      "994161234, AID_TO_NAVIGATION, 416",
      "984161234, CRAFT_OF_PARENT, 416",
      "970123456, SART, -1",
      "972123456, MOB, -1",
      "974123456, EPIRB, -1",
      "841612345, DIVER, 416",
  })
  void everyFormatIsRecognised(String digits, Mmsi.Kind kind, int mid) {
    int mmsi = Integer.parseInt(digits);
    assertThat(Mmsi.kind(mmsi)).isEqualTo(kind);
    assertThat(Mmsi.mid(mmsi)).isEqualTo(mid);
  }

  @ParameterizedTest(name = "{0} is invalid")
  @CsvSource({
      "100123456", // 1xx but not 111
      "110123456",
      "111100123", // SAR aircraft with MID 100
      "800123456", // diver with MID 001
      "812345678", // diver with MID 123
      "200123456", // MID 200 below the range
      "776123456", // MID 776 above the range
      "799999999",
      "976123456", // 97x other than 970/972/974
      "990012345", // AtoN with MID 001
      "980012345", // craft with MID 001
      "000012345", // coast station with MID 001
      "019912345", // group with MID 199
      "0",
      "-1",
      "1000000000",
  })
  void malformedNumbersAreInvalid(String digits) {
    int mmsi = Integer.parseInt(digits);
    assertThat(Mmsi.kind(mmsi)).isEqualTo(Mmsi.Kind.INVALID);
    assertThat(Mmsi.mid(mmsi)).isEqualTo(-1);
    assertThat(Mmsi.hasValidMid(mmsi)).isFalse();
    assertThat(Mmsi.flag(mmsi)).isNull();
  }

  @ParameterizedTest(name = "{0} flies {1}")
  @CsvSource({
      "416123456, TW, Taiwan",
      "412123456, CN, China",
      "413123456, CN, China",
      "431123456, JP, Japan",
      "538123456, MH, Marshall Islands",
      "366123456, US, United States",
      "204123456, PT, Portugal",
      "036699999, US, United States",
      "111431123, JP, Japan",
      "994161234, TW, Taiwan",
      "841212345, CN, China",
  })
  void flagsComeFromTheMid(String digits, String alpha2, String country) {
    int mmsi = Integer.parseInt(digits);
    assertThat(Mmsi.flag(mmsi)).isEqualTo(alpha2);
    assertThat(Mmsi.country(mmsi)).isEqualTo(country);
    assertThat(Mmsi.hasValidMid(mmsi)).isTrue();
  }

  @Test
  void aWellFormedButUnallocatedMid_isAShipWithoutFlag() {
    // 217 is inside 201-775 but not allocated to any country.
    assertThat(Mmsi.flagOfMid(217)).isNull();
    assertThat(Mmsi.kind(217123456)).isEqualTo(Mmsi.Kind.SHIP);
    assertThat(Mmsi.mid(217123456)).isEqualTo(217);
    assertThat(Mmsi.hasValidMid(217123456)).isFalse();
    assertThat(Mmsi.flag(217123456)).isNull();
    assertThat(Mmsi.country(217123456)).isNull();
  }

  @Test
  void sartMobAndEpirb_carryNoFlag() {
    assertThat(Mmsi.flag(970416123)).isNull();
    assertThat(Mmsi.hasValidMid(972416123)).isFalse();
    assertThat(Mmsi.country(974416123)).isNull();
  }

  @Test
  void theShippedTableAgreesWithTheSharedMidList() throws IOException {
    Path csv = SharedData.require("ais/mid/mid.csv");
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    List<String> disagreements = new ArrayList<>();
    int rows = 0;
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      int c1 = line.indexOf(',');
      int c2 = line.indexOf(',', c1 + 1);
      int mid = Integer.parseInt(line.substring(0, c1));
      String alpha2 = line.substring(c1 + 1, c2);
      String country = line.substring(c2 + 1);
      if (country.startsWith("\"")) {
        country = country.substring(1, country.length() - 1);
      }
      rows++;
      if (!alpha2.equals(Mmsi.flagOfMid(mid)) || !country.equals(Mmsi.countryOfMid(mid))) {
        disagreements.add(mid + ": shared " + alpha2 + "/" + country + ", ours "
            + Mmsi.flagOfMid(mid) + "/" + Mmsi.countryOfMid(mid));
      }
    }
    assertThat(rows).isGreaterThan(250);
    assertThat(disagreements).isEmpty();
  }

  @Test
  void theShippedTableHasNoMidOutsideTheSharedList() throws IOException {
    Path csv = SharedData.require("ais/mid/mid.csv");
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    java.util.Set<Integer> shared = new java.util.HashSet<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        shared.add(Integer.parseInt(line.substring(0, line.indexOf(','))));
      }
    }
    List<Integer> extra = new ArrayList<>();
    for (int mid = Mmsi.MIN_MID; mid <= Mmsi.MAX_MID; mid++) {
      if (Mmsi.flagOfMid(mid) != null && !shared.contains(mid)) {
        extra.add(mid);
      }
    }
    assertThat(extra).isEmpty();
  }
}
