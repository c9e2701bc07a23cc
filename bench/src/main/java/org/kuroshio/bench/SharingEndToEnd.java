package org.kuroshio.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.kuroshio.sharing.Credentials;
import org.kuroshio.sharing.SharingState;
import org.kuroshio.stix.StixJson;
import tools.jackson.databind.JsonNode;

/**
 * The sharing issue's end-to-end benchmarks, on the real program and embedded H2:
 *
 * <ol>
 *   <li>TAXII GET through the release rule: a node knowing 50 organisations and 20 active
 *       agreements; organisation 1 imports OBJECTS indicators (TLP:GREEN, cyber); organisation 2
 *       reads them through the collection of its agreement with organisation 1 (every version
 *       decided by the rule and every page audited), beside organisation 1 reading its own
 *       {@code local} collection (the owner's path), alternating, ROUNDS times;
 *   <li>federation pull: a second node, organisation 2's, pulls that agreement collection from
 *       the first over TAXII until it holds everything.
 * </ol>
 *
 * <p>Arguments: JAR WORKDIR OBJECTS [ROUNDS]. Prints one line per figure.
 */
public final class SharingEndToEnd {
  private static final int ORGANISATIONS = 50;
  private static final int AGREEMENTS = 20;
  private static final String[] DOMAINS =
      {"cyber", "maritime", "fimi", "disaster-response", "defence-research"};
  private static final String[] CEILINGS = {"clear", "green", "amber", "amber+strict", "red"};
  private static final String[] KINDS = {"statement-of-intent", "letter-of-intent",
      "memorandum-of-understanding", "pact", "dialogue"};

  private final Path jar;
  private final Path work;
  private final long objects;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String ownerToken = Credentials.newToken();
  private final String readerToken = Credentials.newToken();
  private final String peerToken = Credentials.newToken();
  private final String adminToken = Credentials.newToken();

  private SharingEndToEnd(Path jar, Path work, long objects) {
    this.jar = jar;
    this.work = work;
    this.objects = objects;
  }

  static String org(int n) {
    return String.format(Locale.ROOT, "identity--00000000-0000-4000-8000-%012d", n);
  }

  /** Runs the benchmarks; see the class comment for arguments. */
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: SharingEndToEnd JAR WORKDIR OBJECTS [ROUNDS]");
      System.exit(2);
    }
    SharingEndToEnd b = new SharingEndToEnd(Path.of(args[0]), Path.of(args[1]),
        Long.parseLong(args[2]));
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    b.run(rounds);
  }

  private void run(int rounds) throws Exception {
    Path bundle = new Corpus(1).bundleFile(work.resolve("corpus"), objects);
    Path a = work.resolve("sharing-a");
    EndToEnd.deleteTree(a);
    Files.createDirectories(a);
    int portA = EndToEnd.freePort();
    Path configA = a.resolve("kuroshio.json");
    Files.writeString(configA, configA(a, portA));

    // 1. The agreements, on the empty node: their collections then fill during the import.
    String loi;
    Process server = serve(configA, a);
    try {
      EndToEnd.awaitHealth(portA);
      loi = agreements("http://127.0.0.1:" + portA + "/api/");
    } finally {
      stop(server);
    }
    long start = System.nanoTime();
    List<String> out = EndToEnd.exec(List.of(EndToEnd.java(), "-Xmx512m", "-jar", jar.toString(),
        "import", "--config", configA.toString(), bundle.toString()));
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "sharing import objects=%d agreements=%d organisations=%d"
        + " wall_objects_per_second=%.0f | %s%n", objects, AGREEMENTS, ORGANISATIONS,
        objects / seconds, out.stream().filter(l -> l.startsWith("read ")).findFirst()
            .orElse("?"));

    server = serve(configA, a);
    try {
      EndToEnd.awaitHealth(portA);
      String apiA = "http://127.0.0.1:" + portA + "/api/";
      get(apiA, loi, rounds);
      federation(apiA, loi);
    } finally {
      stop(server);
    }
  }

  private void get(String api, String loi, int rounds) throws Exception {
    String local = SharingState.localCollectionId(org(1));
    TaxiiLoad owner = new TaxiiLoad(api, local, ownerToken);
    TaxiiLoad reader = new TaxiiLoad(api, loi, readerToken);
    owner.get(1000, 50_000, null); // warm-up
    reader.get(1000, 50_000, null);
    double[][] rates = new double[4][rounds];
    for (int r = 0; r < rounds; r++) {
      rates[0][r] = report("owner-local get-from-start", owner.get(1000, 200_000, null));
      rates[1][r] = report("rule-agreement get-from-start", reader.get(1000, 200_000, null));
      rates[2][r] = report("owner-local get-whole", owner.get(1000, Long.MAX_VALUE, null));
      rates[3][r] = report("rule-agreement get-whole", reader.get(1000, Long.MAX_VALUE, null));
    }
    double ownerStart = median(rates[0]);
    double ruleStart = median(rates[1]);
    double ownerWhole = median(rates[2]);
    double ruleWhole = median(rates[3]);
    System.out.printf(Locale.ROOT, "median get-from-start page=1000 owner=%.0f rule=%.0f"
        + " ratio=%.2f%n", ownerStart, ruleStart, ruleStart / ownerStart);
    System.out.printf(Locale.ROOT, "median get-whole page=1000 owner=%.0f rule=%.0f"
        + " ratio=%.2f%n", ownerWhole, ruleWhole, ruleWhole / ownerWhole);
  }

  private static double report(String what, TaxiiLoad.Result r) {
    System.out.printf(Locale.ROOT, "%s page=1000 %s%n", what, r);
    return r.objects() / r.seconds();
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** Node B (organisation 2) pulls the agreement collection from node A and is timed. */
  private void federation(String apiA, String loi) throws Exception {
    Path b = work.resolve("sharing-b");
    EndToEnd.deleteTree(b);
    Files.createDirectories(b);
    int portB = EndToEnd.freePort();
    Path configB = b.resolve("kuroshio.json");
    Files.writeString(configB, configB(b, portB));
    Process server = serve(configB, b);
    try {
      EndToEnd.awaitHealth(portB);
      String apiB = "http://127.0.0.1:" + portB + "/api/";
      String agreement = call("GET", apiA + "agreements/kuroshio-agreement--" + loi, ownerToken,
          null);
      call("POST", apiB + "agreements/adopt", adminToken, agreement);
      long start = System.nanoTime();
      call("PUT", apiB + "peers/node-a", adminToken, """
          {"base_url": "%s", "organisation": "%s", "token": "%s", "pull": ["%s"],
           "interval_seconds": 3600}
          """.formatted(apiA, org(1), peerToken, loi));
      long pulled = 0;
      int passes = 0;
      while (true) {
        JsonNode r = StixJson.readTree(call("POST", apiB + "peers/node-a/sync", adminToken, "{}"),
            StixJson.mapper());
        passes++;
        boolean more = false;
        for (JsonNode p : r.get("passes")) {
          if (!p.get("ok").asBoolean()) {
            throw new IllegalStateException("federation pass failed: " + p);
          }
          pulled += p.get("objects").asLong();
          more |= p.get("more").asBoolean();
        }
        if (!more) {
          break;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      TaxiiLoad.Result held = new TaxiiLoad(apiB, loi, adminToken).get(1000, Long.MAX_VALUE,
          null);
      System.out.printf(Locale.ROOT, "federation pull held=%d pulled_by_sync_calls=%d"
          + " sync_calls=%d seconds=%.1f objects_per_second=%.0f%n", held.objects(), pulled,
          passes, seconds, held.objects() / seconds);
    } finally {
      stop(server);
    }
  }

  /** Registers and activates the 20 agreements; returns the collection id of the one read. */
  private String agreements(String api) throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    String first = null;
    for (int i = 0; i < AGREEMENTS; i++) {
      String body;
      if (i == 0) {
        body = agreement("letter-of-intent", "Agreement 1-2", org(1), org(2), List.of("cyber"),
            "amber");
      } else {
        int p = 3 + random.nextInt(ORGANISATIONS - 2);
        int q = 3 + random.nextInt(ORGANISATIONS - 2);
        if (q == p) {
          q = p == ORGANISATIONS ? 3 : p + 1;
        }
        List<String> domains = new ArrayList<>();
        for (String d : DOMAINS) {
          if (random.nextBoolean()) {
            domains.add(d);
          }
        }
        if (domains.isEmpty()) {
          domains.add("cyber");
        }
        body = agreement(KINDS[random.nextInt(KINDS.length)], "Agreement " + p + "-" + q,
            org(p), org(q), domains, CEILINGS[random.nextInt(CEILINGS.length)]);
      }
      JsonNode made = StixJson.readTree(call("POST", api + "agreements", ownerToken, body),
          StixJson.mapper());
      String id = made.get("id").asString();
      call("POST", api + "agreements/" + id + "/status", ownerToken,
          "{\"status\": \"active\", \"reason\": \"bench\"}");
      if (first == null) {
        first = id.substring(id.indexOf("--") + 2);
      }
    }
    return first;
  }

  private static String agreement(String kind, String title, String p, String q,
      List<String> domains, String ceiling) {
    return """
        {"kind": "%s", "title": "%s", "parties": ["%s", "%s"], "domains": [%s],
         "tlp_ceiling": "%s", "valid_from": "2020-01-01T00:00:00Z"}
        """.formatted(kind, title, p, q, String.join(", ",
        domains.stream().map(d -> "\"" + d + "\"").toList()), ceiling);
  }

  private String call(String method, String url, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + token).header("Accept", "application/json")
        .timeout(Duration.ofMinutes(10));
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": "
          + r.body());
    }
    return r.body();
  }

  private Process serve(Path config, Path dir) throws Exception {
    return new ProcessBuilder(EndToEnd.java(), "-Xmx2g", "-jar", jar.toString(), "serve",
        "--config", config.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("serve.log").toFile()).start();
  }

  private static void stop(Process server) throws InterruptedException {
    server.destroy();
    if (!server.waitFor(60, TimeUnit.SECONDS)) {
      server.destroyForcibly().waitFor();
    }
  }

  private String configA(Path dir, int port) {
    StringBuilder orgs = new StringBuilder();
    for (int i = 2; i <= ORGANISATIONS; i++) {
      orgs.append(i == 2 ? "" : ",\n  ").append("{\"id\": \"").append(org(i))
          .append("\", \"name\": \"Organisation ").append(i).append("\"}");
    }
    return node(dir, port, 1, orgs.toString(), user("owner", 1, "admin", ownerToken) + ",\n  "
        + user("reader", 2, "analyst", readerToken) + ",\n  "
        + user("peer-b", 2, "machine", peerToken));
  }

  private String configB(Path dir, int port) {
    return node(dir, port, 2, "{\"id\": \"" + org(1) + "\", \"name\": \"Organisation 1\"}",
        user("admin-b", 2, "admin", adminToken));
  }

  private static String user(String name, int org, String role, String token) {
    return "{\"name\": \"" + name + "\", \"organisation\": \"" + org(org) + "\", \"roles\": [\""
        + role + "\"], \"token_hashes\": [\"" + Credentials.hashToken(token) + "\"]}";
  }

  private static String node(Path dir, int port, int org, String organisations, String users) {
    return "{\n\"node\": {\"title\": \"sharing bench " + org + "\", \"organisation\": \""
        + org(org) + "\", \"organisation_name\": \"Organisation " + org + "\"},\n"
        + "\"http\": {\"host\": \"127.0.0.1\", \"port\": " + port
        + ", \"max_content_length\": 104857600},\n"
        + "\"data_dir\": \"" + dir.resolve("data").toString().replace("\\", "/") + "\",\n"
        + "\"organisations\": [\n  " + organisations + "],\n"
        + "\"users\": [\n  " + users + "]\n}\n";
  }
}
