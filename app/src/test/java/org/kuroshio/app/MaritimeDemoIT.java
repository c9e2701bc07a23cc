package org.kuroshio.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kuroshio.maritime.detect.EventKind;
import org.kuroshio.maritime.detect.MaritimeEvent;
import org.kuroshio.maritime.scenario.MatsuScenario;
import org.kuroshio.sharing.SharingState;
import org.kuroshio.store.Stores;
import org.kuroshio.taxii.TaxiiFilter;
import org.kuroshio.taxii.client.TaxiiClient;
import tools.jackson.databind.JsonNode;

/**
 * The maritime part of {@code kuroshio demo}: the Matsu story over the real cable (or the demo's
 * illustrative one), its events and the incident, and what the release rule shows the Pacific
 * ally (the letter of intent covers maritime up to AMBER) and Commerce (cyber only).
 */
class MaritimeDemoIT {
  @TempDir Path dir;

  static Path sharedData() {
    Path p = Path.of(System.getProperty("kuroshio.shared", "../shared"), "data");
    assumeThat(Files.isRegularFile(p.resolve(MaritimeDemo.CABLES)))
        .as("shared cable data under %s (absent in a user's clone)", p).isTrue();
    return p;
  }

  @Test
  void demo_overTheRealCable_printsTheStoryTheIncidentAndWhoSeesIt() {
    Path shared = sharedData();
    CliRun run = CliRun.run(Map.of(), "demo", "--port", "0", "--exit-after-load",
        "--iterations", "1000", "--data-dir", dir.resolve("demo").toString(), "--shared-data",
        shared.toString());

    assertThat(run.code()).as(run.err()).isEqualTo(Main.OK);
    String out = run.out();
    assertThat(out)
        .contains("over Taiwan Strait Express-1 (TSE-1) (the real route")
        .contains("stream_example.txt (Danish Maritime Authority, 2010)")
        .containsPattern("cable threat over Taiwan Strait Express-1 \\(TSE-1\\): score"
            + " 0\\.\\d\\d, \\d+ positions of evidence")
        .contains("incident: Outage of Taiwan Strait Express-1 (TSE-1) coincides with a cable"
            + " threat by MMSI 671234500");
    assertThat(seen(out, "Pacific ally")).isPositive();
    assertThat(seen(out, "Commerce")).isZero();
    // the cyber demo is still there
    assertThat(out).contains("(33 objects)", "Partner intelligence dialogue");
  }

  @Test
  void demo_withoutTheSharedData_usesTheIllustrativeCable() {
    CliRun run = CliRun.run(Map.of(), "demo", "--port", "0", "--exit-after-load",
        "--iterations", "1000", "--data-dir", dir.resolve("demo").toString(), "--shared-data",
        dir.resolve("nothing-here").toString());

    assertThat(run.code()).as(run.err()).isEqualTo(Main.OK);
    assertThat(run.out())
        .contains("the demo's illustrative cable Nangan-Tamsui (not a real route")
        .contains("replayed alongside: no real recording (the shared data was not found)")
        .contains("incident: Outage of Illustrative demo cable Nangan-Tamsui");
  }

  @Test
  void theEventsAndTheIncidentAreStored_pacificSeesThem_commerceSeesNone() {
    MaritimeDemo.Sources sources = MaritimeDemo.sources(dir.resolve("no-shared"), dir);
    AppConfig config = MaritimeDemo.configure(DemoScenario.configure(AppConfig.defaults(), 1000)
        .withListener("127.0.0.1", 0).withDataDir(dir), sources);
    try (Node node = Node.start(config, Stores.h2InMemory("demo-" + UUID.randomUUID()),
        Clock.systemUTC())) {
      MaritimeService m = node.maritime();
      DemoScenario.load(node.data());
      MaritimeDemo.Loaded loaded = MaritimeDemo.load(m, sources);

      int freighter = MatsuScenario.FREIGHTER.mmsi();
      List<MaritimeEvent> threats = m.events(EventKind.CABLE_THREAT, freighter, null, 10);
      assertThat(threats).isNotEmpty().allSatisfy(e -> {
        assertThat(e.details()).containsEntry("cableId", MaritimeDemo.DEMO_CABLE);
        assertThat(e.score()).isGreaterThanOrEqualTo(0.5);
        assertThat(e.evidence()).hasSizeGreaterThan(2);
      });
      assertThat(loaded.incident()).isNotNull();
      String incident = loaded.incident().id();
      String threat = m.stixId(threats.getFirst()).orElseThrow();

      // The Pacific ally reads them in the letter of intent's collection.
      List<JsonNode> loi = taxii(node, "pacific").allObjects(DemoScenario.LOI_COLLECTION,
          TaxiiFilter.none()).toList();
      assertThat(loi).extracting(o -> o.path("id").asString()).contains(incident, threat);
      assertThat(loi).filteredOn(o -> o.path("type").asString().equals("observed-data"))
          .hasSizeGreaterThanOrEqualTo(threats.size())
          .allSatisfy(o -> assertThat(o.path("object_marking_refs").toString())
              .contains(org.kuroshio.stix.Tlp.AMBER.markingId()));

      // Commerce sees no maritime object in any collection.
      TaxiiClient commerce = taxii(node, "commerce");
      for (String c : List.of(DemoScenario.SOI_COLLECTION, DemoScenario.PARTNER_COLLECTION,
          SharingState.localCollectionId(DemoScenario.COMMERCE))) {
        assertThat(commerce.allObjects(c, TaxiiFilter.none()).toList())
            .extracting(o -> o.path("type").asString())
            .doesNotContain("observed-data", "incident", "kuroshio-vessel", "location");
      }
      assertThat(MaritimeDemo.maritimeSeenBy(node.data(), "commerce", DemoScenario.COMMERCE))
          .isEmpty();
      assertThat(MaritimeDemo.maritimeSeenBy(node.data(), "pacific", DemoScenario.PACIFIC_ALLY))
          .containsKeys("observed-data", "incident", "kuroshio-vessel");
      // The node's own picture is the bureau's (maritime.owner) and holds the story.
      assertThat(m.organisation()).isEqualTo(DemoScenario.NSB);
      assertThat(m.zones().cableMap().cable(MaritimeDemo.DEMO_CABLE)).isPresent();
      assertThat(m.status().lines()).isPositive();
    }
  }

  private static TaxiiClient taxii(Node node, String user) {
    DemoScenario.DemoUser u = DemoScenario.users().stream()
        .filter(x -> x.name().equals(user)).findFirst().orElseThrow();
    return TaxiiClient.builder(node.uri().resolve("api/"))
        .basicAuth(u.name(), u.password().toCharArray()).build();
  }

  /** The count of maritime objects the demo says an organisation sees. */
  private static int seen(String out, String who) {
    Matcher m = Pattern.compile("    " + Pattern.quote(who) + " \\([^)]*\\): (\\d+) maritime"
        + " objects").matcher(out);
    assertThat(m.find()).as("a line for %s in%n%s", who, out).isTrue();
    return Integer.parseInt(m.group(1));
  }
}
