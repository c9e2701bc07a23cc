package org.kuroshio.maritime.ais;

import java.util.EnumMap;
import java.util.Map;

/** Counters of one decoder: lines, sentences, payloads and errors per kind (thread-confined). */
public final class DecodeStats {

  /** What went wrong with a line, a fragment or a group. */
  public enum Kind {
    /** Sentence or tag block whose checksum does not match (line dropped). */
    BAD_CHECKSUM(true),
    /** Not parseable: missing checksum, wrong field count, bad characters, bad tag block. */
    MALFORMED(true),
    /** A well-formed NMEA sentence that is not AIS VDM/VDO nor a supported timestamp. */
    UNSUPPORTED_SENTENCE(true),
    /** Fragment count or number out of range (0, above the limit, number above count). */
    BAD_FRAGMENT(true),
    /** VDM/VDO sentence with an empty payload. */
    EMPTY_PAYLOAD(true),
    /** Line longer than the configured maximum (skipped). */
    LINE_TOO_LONG(true),
    /** Fragment identical to one already held for its group (ignored). */
    DUPLICATE_FRAGMENT(false),
    /** Fragment discarded because its group never completed (expired, superseded or flushed). */
    EXPIRED_FRAGMENT(false),
    /** Open group evicted because the open-group limit was reached (fragments also EXPIRED). */
    DROPPED_GROUP(false),
    /** Input stream ended inside a compressed block or could not be decompressed. */
    TRUNCATED_INPUT(false);

    private final boolean lineLevel;

    Kind(boolean lineLevel) {
      this.lineLevel = lineLevel;
    }

    /** True when this kind accounts for a whole input line (each line gets at most one). */
    public boolean lineLevel() {
      return lineLevel;
    }
  }

  private static final Kind[] KINDS = Kind.values();

  private final long[] errors = new long[KINDS.length];
  private long lines;
  private long ignored;
  private long sentences;
  private long timestamps;
  private long payloads;

  void line() {
    lines++;
  }

  void ignored() {
    ignored++;
  }

  void sentence() {
    sentences++;
  }

  void timestamp() {
    timestamps++;
  }

  void payload() {
    payloads++;
  }

  void error(Kind kind) {
    errors[kind.ordinal()]++;
  }

  void error(Kind kind, long n) {
    errors[kind.ordinal()] += n;
  }

  /** Records seen so far: input lines, plus one per escaped terminator splitting a line. */
  public long lines() {
    return lines;
  }

  /** Count of one error kind so far. */
  public long count(Kind kind) {
    return errors[kind.ordinal()];
  }

  /** A copy of the counters now. */
  public Snapshot snapshot() {
    EnumMap<Kind, Long> m = new EnumMap<>(Kind.class);
    for (Kind k : KINDS) {
      m.put(k, errors[k.ordinal()]);
    }
    return new Snapshot(lines, ignored, sentences, timestamps, payloads, Map.copyOf(m));
  }

  /**
   * Immutable counters. Every line is exactly one of: ignored (blank or {@code #} comment), an
   * accepted AIS sentence, an accepted timestamp line, or one line-level error.
   */
  public record Snapshot(
      long lines, long ignored, long sentences, long timestamps, long payloads,
      Map<Kind, Long> errors) {

    /** Copies the map. */
    public Snapshot {
      errors = Map.copyOf(errors);
    }

    /** Count of one kind. */
    public long count(Kind kind) {
      return errors.getOrDefault(kind, 0L);
    }

    /** Sum of the line-level error kinds. */
    public long lineErrors() {
      long n = 0;
      for (Map.Entry<Kind, Long> e : errors.entrySet()) {
        if (e.getKey().lineLevel()) {
          n += e.getValue();
        }
      }
      return n;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      sb.append("lines=").append(lines).append(" ignored=").append(ignored)
          .append(" sentences=").append(sentences).append(" timestamps=").append(timestamps)
          .append(" payloads=").append(payloads);
      for (Kind k : KINDS) {
        long v = count(k);
        if (v != 0) {
          sb.append(' ').append(k).append('=').append(v);
        }
      }
      return sb.toString();
    }
  }
}
