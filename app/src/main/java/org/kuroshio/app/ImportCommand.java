package org.kuroshio.app;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.kuroshio.sharing.BundleSignature;
import org.kuroshio.sharing.IngestSettings;
import org.kuroshio.sharing.NodeData;
import org.kuroshio.sharing.NodeKey;
import org.kuroshio.sharing.Principal;
import org.kuroshio.sharing.TrustedKeys;
import org.kuroshio.stix.BundleReader;
import org.kuroshio.stix.ParseException;
import org.kuroshio.stix.ParseLimits;
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
        "With --verify, imports only bundles signed by a trusted partner (FILE.sig beside each"
            + " FILE); every file is verified before any is read, and none is imported if one"
            + " fails.",
        "Exits 0 when every object was stored or already present, 1 when any was rejected or a"
            + " file failed verification."})
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

  @Option(names = "--verify",
      description = "refuse every file unless each has a valid Ed25519 signature FILE.sig by a"
          + " partner whose key is in --trusted-keys (written by export --sign); verifies all"
          + " files before importing any")
  boolean verify;

  @Option(names = "--trusted-keys", paramLabel = "DIR",
      description = "with --verify: the folder of partners' public key files (*.pub, from"
          + " 'kuroshio key export'; default: DATA_DIR/keys/trusted)")
  @Nullable Path trustedKeys;

  @Override
  public Integer call() {
    if (batchSize < 1 || batchSize > IngestSettings.DEFAULT.maxObjectsPerCall()) {
      throw new IllegalArgumentException("--batch-size must be 1 to "
          + IngestSettings.DEFAULT.maxObjectsPerCall() + ": " + batchSize);
    }
    if (trustedKeys != null && !verify) {
      throw new IllegalArgumentException("--trusted-keys needs --verify");
    }
    // Verification ends before the first object is read, so a refused file writes nothing.
    if (verify && !verifySignatures()) {
      return Main.PROBLEMS;
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

  /**
   * Verifies the signature of every file against the trusted keys, printing one line per file.
   *
   * @return whether every file passed
   */
  private boolean verifySignatures() {
    if (files.contains("-")) {
      throw new IllegalArgumentException("--verify needs files: standard input has no signature"
          + " file beside it");
    }
    Path dir = trustedKeys != null ? trustedKeys : KeyCommand.trustedKeysDir(config.load(main));
    TrustedKeys trusted;
    try {
      trusted = TrustedKeys.load(dir);
    } catch (NodeKey.KeyException e) {
      throw new IllegalArgumentException("trusted keys: " + e.getMessage(), e);
    }
    PrintWriter err = spec.commandLine().getErr();
    boolean passed = true;
    for (String file : files) {
      try {
        BundleSignature s = BundleSignature.verify(Path.of(file), trusted);
        err.println(file + ": signature verified: signed by " + s.signer() + " with key "
            + s.key());
      } catch (BundleSignature.VerificationException e) {
        err.println(e.getMessage());
        passed = false;
      }
    }
    if (!passed) {
      err.println("kuroshio: nothing imported: every file must pass verification");
    }
    return passed;
  }

  private boolean importLocally(ImportSummary summary) {
    try (OfflineNode node = OfflineNode.open(config.load(main))) {
      NodeData data = node.data();
      Principal operator = node.operator();
      String target = node.collection(collection);
      boolean broken = false;
      for (String file : files) {
        // Validation (and serialisation) runs on the reader thread; derivation and storage here.
        broken |= readFile(file, summary, data::validate,
            batch -> summary.add(data.add(operator, target, batch)));
      }
      return broken;
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
    return readFile(file, summary, batch -> batch, sink::accept);
  }

  /** One step of the reader thread: a prepared batch, or the end of the file. */
  private sealed interface Step<T> {}

  private record Batch<T>(T payload, int size, long bytes) implements Step<T> {}

  /** The end of a file: null when it was read to the end, else what stopped the reader. */
  private record End<T>(@Nullable Exception failure) implements Step<T> {}

  /** Batches read ahead of the writer: bounded, so memory stays bounded under a small heap. */
  private static final int READ_AHEAD = 2;

  /**
   * Streams one file in batches into {@code sink}, pipelined: a reader thread parses the next
   * batches and runs {@code prepare} on them while the calling thread hands the current one to
   * {@code sink}. Batches reach the sink in file order, one at a time, on the calling thread.
   *
   * @return whether the file was unreadable or malformed (objects before the fault are kept)
   */
  <T> boolean readFile(String file, ImportSummary summary, Function<List<JsonNode>, T> prepare,
      Consumer<T> sink) {
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
    BlockingQueue<Step<T>> steps = new ArrayBlockingQueue<>(READ_AHEAD);
    AtomicBoolean stop = new AtomicBoolean();
    Thread reader = Thread.ofPlatform().name("kuroshio-import-reader").daemon()
        .unstarted(() -> read(file, prepare, steps, stop));
    reader.start();
    try {
      while (true) {
        Step<T> step = steps.take();
        if (step instanceof Batch<T> b) {
          summary.read(b.size());
          sink.accept(b.payload());
          progress.update(b.bytes(), summary.readCount());
          continue;
        }
        Exception failure = ((End<T>) step).failure();
        progress.finish();
        if (failure == null) {
          return false;
        }
        if (failure instanceof ParseException e) {
          err.println(file + (e.line() > 0 ? ":" + e.line() : "") + ": " + e.getMessage()
              + " (objects before this point were imported)");
        } else if (failure instanceof IOException e) {
          err.println(file + ": cannot read: " + e.getMessage());
        } else if (failure instanceof RuntimeException e) {
          throw e;
        } else {
          throw new IllegalStateException("reading " + file + " failed: " + failure, failure);
        }
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Main.CommandFailure("interrupted while importing " + file, e);
    } finally {
      // On any failure of the sink, let the reader finish quickly and free what it holds.
      stop.set(true);
      steps.clear();
      reader.interrupt();
    }
  }

  /** The reader thread: parses batches, prepares them, and queues them, then queues the end. */
  private <T> void read(String file, Function<List<JsonNode>, T> prepare,
      BlockingQueue<Step<T>> steps, AtomicBoolean stop) {
    List<JsonNode> batch = new ArrayList<>(batchSize);
    Exception failure = null;
    long bytes = 0;
    try (InputStream raw = file.equals("-") ? main.stdin() : Files.newInputStream(Path.of(file));
        Progress.CountingStream counted = new Progress.CountingStream(new BufferedInputStream(raw, 1 << 16));
        BundleReader reader = BundleReader.open(counted, ParseLimits.DEFAULT)) {
      try {
        while (reader.hasNext() && !stop.get()) {
          batch.add(reader.nextNode());
          if (batch.size() >= batchSize) {
            bytes = counted.count();
            put(steps, new Batch<>(prepare.apply(List.copyOf(batch)), batch.size(), bytes), stop);
            batch.clear();
          }
        }
        bytes = counted.count();
      } catch (ParseException e) {
        failure = e;
      }
      if (!batch.isEmpty() && !stop.get()) {
        put(steps, new Batch<>(prepare.apply(List.copyOf(batch)), batch.size(), bytes), stop);
      }
    } catch (IOException | RuntimeException e) {
      failure = failure != null ? failure : e;
    } catch (InterruptedException e) {
      return;
    }
    try {
      put(steps, new End<>(failure), stop);
    } catch (InterruptedException e) {
      // The writer has gone: nobody waits for the end.
    }
  }

  private static <T> void put(BlockingQueue<Step<T>> steps, Step<T> step, AtomicBoolean stop)
      throws InterruptedException {
    while (!stop.get()) {
      if (steps.offer(step, 100, TimeUnit.MILLISECONDS)) {
        return;
      }
    }
  }
}
