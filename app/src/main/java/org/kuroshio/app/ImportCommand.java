package org.kuroshio.app;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.kuroshio.sharing.Accounts;
import org.kuroshio.sharing.IngestSettings;
import org.kuroshio.sharing.NodeData;
import org.kuroshio.sharing.Principal;
import org.kuroshio.stix.BundleReader;
import org.kuroshio.stix.ParseException;
import org.kuroshio.stix.ParseLimits;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/**
 * {@code kuroshio import FILE...}: streams bundles into a collection through the ingest pipeline,
 * in batches, either into the store of a stopped node or (with {@code --url}) over TAXII into a
 * running one.
 */
@Command(name = "import",
    description = {"Import STIX 2.1 bundles (or TAXII envelopes) into a collection.",
        "Without --url, writes into the store of a stopped node (the configuration's database),"
            + " as the node operator. With --url, posts to a running node over TAXII 2.1.",
        "Exits 0 when every object was stored or already present, 1 when any was rejected."})
final class ImportCommand implements Callable<Integer> {
  /** Objects per ingest call or TAXII envelope unless --batch-size says otherwise. */
  static final int DEFAULT_BATCH = 1000;

  @ParentCommand Main main;
  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "bundle files ('-' for stdin)")
  List<String> files = new ArrayList<>();

  @Option(names = "--collection", paramLabel = "ID",
      description = "collection id (default: the first configured collection)")
  @Nullable String collection;

  @Option(names = "--batch-size", paramLabel = "N",
      description = "objects per ingest call or TAXII envelope (default: ${DEFAULT-VALUE})")
  int batchSize = DEFAULT_BATCH;

  @Option(names = "--url", paramLabel = "URL",
      description = "post to a running node instead: its API root URL, such as"
          + " http://localhost:8080/api/ (authenticate with $KUROSHIO_TOKEN, or --user and"
          + " $KUROSHIO_PASSWORD)")
  @Nullable URI url;

  @Option(names = "--user", paramLabel = "NAME",
      description = "with --url: HTTP Basic user; the password comes from $KUROSHIO_PASSWORD")
  @Nullable String user;

  @Option(names = "--no-progress", description = "never draw the progress bar")
  boolean noProgress;

  @Override
  public Integer call() {
    if (batchSize < 1 || batchSize > IngestSettings.DEFAULT.maxObjectsPerCall()) {
      throw new IllegalArgumentException("--batch-size must be 1 to "
          + IngestSettings.DEFAULT.maxObjectsPerCall() + ": " + batchSize);
    }
    PrintWriter out = spec.commandLine().getOut();
    ImportSummary summary = new ImportSummary();
    long start = System.nanoTime();
    boolean broken;
    if (url != null) {
      broken = RemoteImport.run(this, url, summary);
    } else {
      broken = importLocally(summary);
    }
    summary.print(out, Duration.ofNanos(System.nanoTime() - start));
    return broken || summary.rejectedCount() > 0 ? Main.PROBLEMS : Main.OK;
  }

  private boolean importLocally(ImportSummary summary) {
    AppConfig c = config.load(main);
    Clock clock = Clock.systemUTC();
    try (StixStore store = openStopped(c)) {
      NodeData data = NodeData.open(store, Accounts.of(c.users(), clock),
          IngestSettings.DEFAULT, clock);
      Node.createCollections(c, data);
      Principal operator = Principal.system(c.node().organisation());
      String target = collection != null ? collection : c.defaultCollectionId();
      if (data.collection(operator, target).isEmpty()) {
        throw new Main.CommandFailure("no collection " + target + " on this node (configured: "
            + String.join(", ", c.collections().stream().map(x -> x.id() + " "
                + x.title()).toList()) + ")");
      }
      boolean broken = false;
      for (String file : files) {
        broken |= readFile(file, summary, batch -> summary.add(data.addJson(operator, target,
            batch)));
      }
      return broken;
    }
  }

  /** Opens the store, explaining the usual reason when an embedded database is locked. */
  private static StixStore openStopped(AppConfig c) {
    try {
      return Node.openStore(c);
    } catch (StoreException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("already in use") || m.contains("locked")) {
        throw new Main.CommandFailure("the database is in use by another process (is the node"
            + " running? stop it, or post to it with --url): " + m, e);
      }
      throw e;
    }
  }

  /** Receives each batch of raw objects. */
  @FunctionalInterface
  interface BatchSink {
    void accept(List<JsonNode> batch);
  }

  /**
   * Streams one file in batches into {@code sink}.
   *
   * @return whether the file was unreadable or malformed (objects before the fault are kept)
   */
  boolean readFile(String file, ImportSummary summary, BatchSink sink) {
    PrintWriter err = spec.commandLine().getErr();
    long size = -1;
    try {
      if (!file.equals("-")) {
        size = Files.size(Path.of(file));
      }
    } catch (NoSuchFileException e) {
      err.println(file + ": no such file");
      return true;
    } catch (IOException e) {
      err.println(file + ": cannot read: " + e.getMessage());
      return true;
    }
    Progress progress = new Progress(err, main.interactive() && !noProgress,
        file.equals("-") ? "stdin" : Path.of(file).getFileName().toString(), size);
    List<JsonNode> batch = new ArrayList<>(batchSize);
    try (InputStream raw = file.equals("-") ? main.stdin() : Files.newInputStream(Path.of(file));
        Progress.CountingStream counted = progress.wrap(new BufferedInputStream(raw, 1 << 16));
        BundleReader reader = BundleReader.open(counted, ParseLimits.DEFAULT)) {
      while (reader.hasNext()) {
        batch.add(reader.nextNode());
        summary.read(1);
        if (batch.size() >= batchSize) {
          sink.accept(List.copyOf(batch));
          batch.clear();
          progress.update(counted.count(), summary.readCount());
        }
      }
      if (!batch.isEmpty()) {
        sink.accept(List.copyOf(batch));
        batch.clear();
      }
      progress.update(counted.count(), summary.readCount());
      progress.finish();
      return false;
    } catch (ParseException e) {
      if (!batch.isEmpty()) {
        sink.accept(List.copyOf(batch));
      }
      progress.finish();
      err.println(file + (e.line() > 0 ? ":" + e.line() : "") + ": " + e.getMessage()
          + " (objects before this point were imported)");
      return true;
    } catch (IOException e) {
      progress.finish();
      err.println(file + ": cannot read: " + e.getMessage());
      return true;
    }
  }
}
