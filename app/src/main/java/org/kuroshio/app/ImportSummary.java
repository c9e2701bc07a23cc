package org.kuroshio.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.kuroshio.sharing.IngestResult;
import org.kuroshio.sharing.ObjectResult;

/** Tallies what an import did: objects read, stored, unchanged, rejected with reasons. */
final class ImportSummary {
  /** The message ingest gives a success that changed nothing. */
  static final String UNCHANGED = "unchanged";

  /** Rejections listed one by one; the rest are only counted. */
  static final int MAX_LISTED = 20;

  private long read;
  private long stored;
  private long unchanged;
  private long rejected;
  private final List<String> reasons = new ArrayList<>();

  /** Counts objects read from the input (before ingest). */
  void read(long n) {
    read += n;
  }

  /** Records the outcome of one ingest batch. */
  void add(IngestResult result) {
    for (ObjectResult r : result.results()) {
      if (!r.success()) {
        reject(r.id(), r.message());
      } else if (UNCHANGED.equals(r.message())) {
        unchanged++;
      } else {
        stored++;
      }
    }
  }

  /** Records an object refused before it reached ingest (or by a remote node). */
  void reject(String id, @Nullable String message) {
    rejected++;
    if (reasons.size() < MAX_LISTED) {
      reasons.add(id + ": " + (message == null ? "refused" : message));
    }
  }

  /** Counts remote successes that stored something. */
  void succeeded(long n) {
    stored += n;
  }

  /** Counts remote successes that changed nothing. */
  void unchanged(long n) {
    unchanged += n;
  }

  long readCount() {
    return read;
  }

  long storedCount() {
    return stored;
  }

  long unchangedCount() {
    return unchanged;
  }

  long rejectedCount() {
    return rejected;
  }

  List<String> reasons() {
    return List.copyOf(reasons);
  }

  /** Prints the summary, with the rate over {@code elapsed}. */
  void print(PrintWriter out, Duration elapsed) {
    double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
    out.printf(Locale.ROOT, "read %,d objects: %,d stored, %,d unchanged, %,d rejected"
        + " in %.1f s (%,.0f objects/s)%n", read, stored, unchanged, rejected, seconds,
        read / seconds);
    for (String r : reasons) {
      out.println("  rejected " + r);
    }
    if (rejected > reasons.size()) {
      out.printf(Locale.ROOT, "  ... and %,d more rejected%n", rejected - reasons.size());
    }
    out.flush();
  }
}
