package org.kuroshio.maritime.ais;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Joins the fragments of multi-sentence AIS messages.
 *
 * <p>A fragment belongs to a group keyed by its tag-block group id when the line has one, else by
 * (talker, channel, sequential id). Fragments may arrive in any order; a group completes when all
 * of its fragments are present and then emits one {@link AisPayload} whose payload is the
 * fragments' text in order and whose fill bits are the last fragment's. Single-fragment sentences
 * pass straight through.
 *
 * <p>Incomplete groups expire when {@link AisLimits#maxLinesOpen()} later lines arrived, or when a
 * later sentence is timed {@link AisLimits#maxAge()} after the group; a group whose key is reused
 * with a different fragment count or different text for a fragment it already holds is superseded.
 * Their fragments are counted as {@code EXPIRED_FRAGMENT}. At most {@link AisLimits#maxOpenGroups()}
 * groups are open: beyond that the oldest is dropped ({@code DROPPED_GROUP}, its fragments also
 * {@code EXPIRED_FRAGMENT}). A fragment identical to one held is counted {@code DUPLICATE_FRAGMENT}
 * and ignored. Groups are kept in insertion order, so expiry looks only at the oldest: O(1)
 * amortised per line.
 *
 * <p>Not thread-safe.
 */
public final class Reassembler {

  private final AisLimits limits;
  private final DecodeStats stats;
  private final LinkedHashMap<Long, Group> open = new LinkedHashMap<>();

  /** Creates a reassembler counting into {@code stats}. */
  public Reassembler(AisLimits limits, DecodeStats stats) {
    this.limits = limits;
    this.stats = stats;
  }

  /** Open (incomplete) groups now. */
  public int openGroups() {
    return open.size();
  }

  /**
   * Adds one sentence received on input line {@code lineNo}.
   *
   * @param tag the line's tag block, or null
   * @param time the line's reception time, or null
   */
  public void add(NmeaSentence s, @Nullable TagBlock tag, @Nullable Instant time, long lineNo,
      Consumer<AisPayload> out) {
    expire(lineNo, time);
    String source = tag == null ? null : tag.source();
    if (s.fragmentCount() == 1) {
      emit(new AisPayload(s.payload(), s.fillBits(), time, s.channel(), source), out);
      return;
    }
    long key = tag != null && tag.hasGroup()
        ? (1L << 62) | (tag.groupId() & ((1L << 62) - 1))
        : ((long) s.talker0() << 40) | ((long) s.talker1() << 24)
            | ((long) s.channel() << 16) | (s.sequenceId() & 0xFFFF);
    Group g = open.get(key);
    if (g != null && g.total != s.fragmentCount()) {
      discard(key, g);
      g = null;
    }
    int k = s.fragmentNumber() - 1;
    if (g != null && g.lines[k] != null) {
      if (g.lines[k].regionMatches(g.starts[k], s.line(), s.payloadStart(),
          s.payloadEnd() - s.payloadStart()) && g.ends[k] - g.starts[k]
          == s.payloadEnd() - s.payloadStart()) {
        stats.error(DecodeStats.Kind.DUPLICATE_FRAGMENT);
        return;
      }
      discard(key, g);
      g = null;
    }
    if (g == null) {
      if (open.size() >= limits.maxOpenGroups()) {
        Iterator<Group> it = open.values().iterator();
        Group oldest = it.next();
        it.remove();
        stats.error(DecodeStats.Kind.DROPPED_GROUP);
        stats.error(DecodeStats.Kind.EXPIRED_FRAGMENT, oldest.received);
      }
      g = new Group(s.fragmentCount(), lineNo, s.channel());
      open.put(key, g);
    }
    g.lines[k] = s.line();
    g.starts[k] = s.payloadStart();
    g.ends[k] = s.payloadEnd();
    g.received++;
    if (k == g.total - 1) {
      g.fill = s.fillBits();
    }
    if (g.time == null) {
      g.time = time;
    }
    if (g.source == null) {
      g.source = source;
    }
    if (g.received == g.total) {
      open.remove(key);
      int len = 0;
      for (int i = 0; i < g.total; i++) {
        len += g.ends[i] - g.starts[i];
      }
      StringBuilder sb = new StringBuilder(len);
      for (int i = 0; i < g.total; i++) {
        sb.append(g.lines[i], g.starts[i], g.ends[i]);
      }
      emit(new AisPayload(sb.toString(), g.fill, g.time, g.channel, g.source), out);
    }
  }

  /** Expires groups that are too old at line {@code lineNo} (and time, when known). */
  public void expire(long lineNo, @Nullable Instant now) {
    while (!open.isEmpty()) {
      Iterator<Group> it = open.values().iterator();
      Group oldest = it.next();
      boolean old = lineNo - oldest.createdLine > limits.maxLinesOpen()
          || (now != null && oldest.time != null
              && now.isAfter(oldest.time.plus(limits.maxAge())));
      if (!old) {
        return;
      }
      it.remove();
      stats.error(DecodeStats.Kind.EXPIRED_FRAGMENT, oldest.received);
    }
  }

  /** Expires every open group (end of input). */
  public void flush() {
    for (Group g : open.values()) {
      stats.error(DecodeStats.Kind.EXPIRED_FRAGMENT, g.received);
    }
    open.clear();
  }

  private void discard(long key, Group g) {
    open.remove(key);
    stats.error(DecodeStats.Kind.EXPIRED_FRAGMENT, g.received);
  }

  private void emit(AisPayload p, Consumer<AisPayload> out) {
    stats.payload();
    out.accept(p);
  }

  /** One open group. */
  private static final class Group {
    final int total;
    final long createdLine;
    final char channel;
    final @Nullable String[] lines;
    final int[] starts;
    final int[] ends;
    int received;
    int fill;
    @Nullable Instant time;
    @Nullable String source;

    Group(int total, long createdLine, char channel) {
      this.total = total;
      this.createdLine = createdLine;
      this.channel = channel;
      this.lines = new String[total];
      this.starts = new int[total];
      this.ends = new int[total];
    }
  }
}
