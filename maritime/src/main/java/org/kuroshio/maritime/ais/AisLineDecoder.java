package org.kuroshio.maritime.ais;

import java.time.Instant;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Turns input lines into whole-message {@link AisPayload}s for a consumer: tag blocks, checksums,
 * Gatehouse {@code $PGHP} timestamps and reassembly. Bad lines never throw; each is counted once
 * in {@link #stats()} by kind.
 *
 * <p>Line forms: blank or {@code #} comment (ignored); {@code [\tag block\]!xxVDM|VDO,...*hh};
 * {@code $PGHP,1,...*hh} (its time applies to the next AIS sentence); the USCG/AISHub form with
 * fields after the checksum ({@code ...*5B,s28089,d-103,...,1242958962}, the last a UNIX time in
 * seconds, as in the DMA and gpsd recordings); other {@code $} or
 * {@code !} sentences ({@code UNSUPPORTED_SENTENCE} when the checksum holds); anything else
 * {@code MALFORMED}. Optionally {@code $--RMC} GPS fixes act as a clock (see the constructor). A
 * sentence without a time of its own takes the last time recorded in the same input (real
 * recordings stamp only some lines); before the first recorded time it has none. Not thread-safe:
 * one decoder per input.
 */
public final class AisLineDecoder implements Consumer<String> {

  private final Consumer<AisPayload> sink;
  private final AisLimits limits;
  private final DecodeStats stats = new DecodeStats();
  private final Reassembler reassembler;
  private final boolean rmcClock;
  private @Nullable Instant rmcTime;
  private long lineNo;
  private @Nullable Instant pendingTime;
  private @Nullable Instant lastRecorded;

  /** A decoder with {@link AisLimits#DEFAULTS}. */
  public AisLineDecoder(Consumer<AisPayload> sink) {
    this(sink, AisLimits.DEFAULTS);
  }

  /** A decoder with the given limits. */
  public AisLineDecoder(Consumer<AisPayload> sink, AisLimits limits) {
    this(sink, limits, false);
  }

  /**
   * A decoder with the given limits; with {@code rmcClock}, valid {@code $--RMC} GPS sentences
   * in the stream (receiver logs such as gpsd's {@code ais-nmea.log}) set a clock whose last value
   * stamps AIS sentences that carry no time of their own, and count as timestamp lines.
   */
  public AisLineDecoder(Consumer<AisPayload> sink, AisLimits limits, boolean rmcClock) {
    this.sink = sink;
    this.limits = limits;
    this.rmcClock = rmcClock;
    this.reassembler = new Reassembler(limits, stats);
  }

  /** The counters (live; use {@link DecodeStats#snapshot()} for a copy). */
  public DecodeStats stats() {
    return stats;
  }

  /** The limits in force. */
  public AisLimits limits() {
    return limits;
  }

  /**
   * Decodes one line (without its line terminator; a trailing CR is allowed). A literal escaped
   * terminator ({@code \r\n} or {@code \x0d\x0a} as text) right after a sentence's checksum, as
   * written by the DMA and gpsd sample files, ends a record: the rest of the line is decoded as
   * the next record, and each record counts as one line in the statistics.
   */
  @Override
  public void accept(String line) {
    if (line.length() > limits.maxLineLength()) {
      lineTooLong();
      return;
    }
    int from = 0;
    while (from >= 0) {
      from = record(line, from, line.length());
    }
  }

  /** Decodes {@code line[start, end)}; returns where the next record starts, or -1. */
  private int record(String line, int start, int end) {
    lineNo++;
    stats.line();
    while (end > start && line.charAt(end - 1) <= ' ') {
      end--;
    }
    while (start < end && line.charAt(start) <= ' ') {
      start++;
    }
    if (start == end || line.charAt(start) == '#') {
      stats.ignored();
      return -1;
    }
    char c = line.charAt(start);
    TagBlock tag = null;
    if (c == '\\') {
      int close = line.indexOf('\\', start + 1);
      if (close < 0 || close >= end) {
        stats.error(DecodeStats.Kind.MALFORMED);
        return -1;
      }
      tag = TagBlock.tryParse(line, start + 1, close, stats);
      if (tag == null) {
        return -1;
      }
      start = close + 1;
      if (start == end) {
        stats.error(DecodeStats.Kind.MALFORMED);
        return -1;
      }
      c = line.charAt(start);
    }
    if (c == '!') {
      int next = -1;
      // '*' and '\\' cannot occur in a sentence's fields: the first '*' is its checksum, and a
      // literal line end can only follow the two checksum digits
      int star = line.indexOf('*', start);
      int bs = star > start && star + 3 < end ? star + 3 : -1;
      if (bs > 0 && line.charAt(bs) == '\\') {
        int esc = escapedTerminator(line, bs, end);
        if (esc > 0) {
          next = bs + esc;
          end = bs;
          int rest = next;
          while (rest < line.length() && line.charAt(rest) <= ' ') {
            rest++;
          }
          if (rest >= line.length()) {
            next = -1;
          }
        }
      }
      sentence(line, start, end, tag, star < end ? star : -1);
      return next;
    }
    if (c == '$') {
      otherSentence(line, start, end);
    } else {
      stats.error(DecodeStats.Kind.MALFORMED);
    }
    return -1;
  }

  /** Length of a literal {@code \r\n}, {@code \n}, {@code \x0d\x0a} or {@code \x0a} at i, or 0. */
  private static int escapedTerminator(String line, int i, int end) {
    if (line.startsWith("\\r\\n", i)) {
      return 4;
    }
    if (line.startsWith("\\x0d\\x0a", i) || line.startsWith("\\x0D\\x0A", i)) {
      return 8;
    }
    if (line.startsWith("\\n", i)) {
      return 2;
    }
    if (line.startsWith("\\x0a", i) || line.startsWith("\\x0A", i)) {
      return 4;
    }
    return 0;
  }

  /** Decodes one sentence; {@code star} is the index of its first '*', or -1 when it has none. */
  private void sentence(String line, int start, int end, @Nullable TagBlock tag, int star) {
    // USCG/AISHub form: fields after the checksum, the last one optionally a UNIX time
    Instant trailingTime = null;
    if (star > 0 && star + 3 < end && line.charAt(star + 3) == ',') {
      trailingTime = AisLineTime.trailingTime(line, star + 4, end);
      end = star + 3;
    }
    Instant pending = pendingTime;
    pendingTime = null;
    NmeaSentence s = NmeaSentence.tryParse(line, start, end, stats);
    if (s == null) {
      return;
    }
    stats.sentence();
    Instant time = tag != null && tag.time() != null ? tag.time()
        : trailingTime != null ? trailingTime : pending != null ? pending : null;
    if (time != null) {
      lastRecorded = time;
    } else {
      // a sentence without a time of its own in a recording that has times: it was received
      // after the last timed one (receivers that stamp only some lines, as in real recordings)
      time = rmcTime != null ? rmcTime : lastRecorded;
    }
    reassembler.add(s, tag, time, lineNo, sink);
  }

  /** Counts a line the reader skipped because it exceeded the maximum length. */
  void lineTooLong() {
    lineNo++;
    stats.line();
    stats.error(DecodeStats.Kind.LINE_TOO_LONG);
  }

  /** End of input: expires every open group. */
  public void finish() {
    reassembler.flush();
  }

  private void otherSentence(String line, int start, int end) {
    int star = end - 3;
    if (star <= start + 1 || line.charAt(star) != '*') {
      stats.error(DecodeStats.Kind.MALFORMED);
      return;
    }
    int want = NmeaSentence.hex2(line, star + 1);
    if (want < 0) {
      stats.error(DecodeStats.Kind.MALFORMED);
      return;
    }
    int sum = 0;
    for (int i = start + 1; i < star; i++) {
      sum ^= line.charAt(i);
    }
    if (sum != want) {
      stats.error(DecodeStats.Kind.BAD_CHECKSUM);
      return;
    }
    if (GatehouseTimestamp.matches(line, start, star)) {
      Instant t = GatehouseTimestamp.tryParse(line, start, star, stats);
      if (t != null) {
        stats.timestamp();
        pendingTime = t;
      }
      return;
    }
    if (rmcClock && star - start > 6 && line.startsWith("RMC,", start + 3)) {
      Instant t = rmcTime(line, start + 7, star);
      if (t != null) {
        stats.timestamp();
        rmcTime = t;
        return;
      }
    }
    stats.error(DecodeStats.Kind.UNSUPPORTED_SENTENCE);
  }

  /** {@code hhmmss[.ss],A,...,ddmmyy} of a valid RMC sentence, or null. */
  private static @Nullable Instant rmcTime(String line, int from, int end) {
    int[] comma = new int[9];
    int p = from - 1;
    for (int i = 0; i < 9; i++) {
      p = line.indexOf(',', p + 1);
      if (p < 0 || p >= end) {
        return null;
      }
      comma[i] = p;
    }
    // field 0 time (from..comma0), 1 status, 8 date (comma7+1..comma8)
    if (comma[0] - from < 6 || comma[1] != comma[0] + 2 || line.charAt(comma[0] + 1) != 'A'
        || comma[8] - comma[7] != 7) {
      return null;
    }
    int hh = NmeaSentence.smallInt(line, from, from + 2);
    int mi = NmeaSentence.smallInt(line, from + 2, from + 4);
    int ss = NmeaSentence.smallInt(line, from + 4, from + 6);
    int millis = 0;
    if (comma[0] > from + 7 && line.charAt(from + 6) == '.') {
      int digits = Math.min(3, comma[0] - from - 7);
      millis = NmeaSentence.smallInt(line, from + 7, from + 7 + digits);
      for (int i = digits; i < 3; i++) {
        millis *= 10;
      }
    }
    int d0 = comma[7] + 1;
    int dd = NmeaSentence.smallInt(line, d0, d0 + 2);
    int mo = NmeaSentence.smallInt(line, d0 + 2, d0 + 4);
    int yy = NmeaSentence.smallInt(line, d0 + 4, d0 + 6);
    if (hh < 0 || hh > 23 || mi < 0 || mi > 59 || ss < 0 || ss > 60 || millis < 0
        || dd < 1 || dd > 31 || mo < 1 || mo > 12 || yy < 0) {
      return null;
    }
    // two-digit year: 1980-2079, as GPS receivers report
    int year = yy < 80 ? 2000 + yy : 1900 + yy;
    long days = GatehouseTimestamp.daysFromCivil(year, mo, dd);
    return Instant.ofEpochSecond(days * 86400L + hh * 3600L + mi * 60L + ss, millis * 1_000_000L);
  }
}
