package org.kuroshio.maritime.ais;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole decoding path: NMEA lines in, {@link TimedAisMessage}s out. Sentences are parsed and
 * reassembled by {@link AisLineDecoder}, payloads decoded by {@link AisDecoder}; problems of
 * either layer are counted, never thrown. Not thread-safe: one stream per input.
 */
public final class AisStream implements Consumer<String> {
  private final AisLineDecoder lines;
  private final EnumMap<DecodeError, Long> payloadErrors = new EnumMap<>(DecodeError.class);
  private long messages;

  /** A stream handing every decoded message to {@code sink}, with the default limits. */
  public AisStream(Consumer<TimedAisMessage> sink) {
    this(sink, AisLimits.DEFAULTS);
  }

  /** A stream handing every decoded message to {@code sink}. */
  public AisStream(Consumer<TimedAisMessage> sink, AisLimits limits) {
    this.lines = new AisLineDecoder(p -> decode(p, sink), limits);
  }

  private void decode(AisPayload p, Consumer<TimedAisMessage> sink) {
    DecodeResult r = AisDecoder.decode(p.armored(), p.fillBits());
    if (r instanceof DecodeResult.Decoded d) {
      messages++;
      sink.accept(new TimedAisMessage(d.message(), p.time(), p.channel(), p.source()));
    } else if (r instanceof DecodeResult.Failed f) {
      payloadErrors.merge(f.error(), 1L, Long::sum);
    }
  }

  /** Decodes one line. */
  @Override
  public void accept(String line) {
    lines.accept(line);
  }

  /** Ends the input: open multi-sentence groups are expired and counted. */
  public void finish() {
    lines.finish();
  }

  /**
   * Decodes a whole file (plain or gzip) and returns what happened.
   *
   * @throws java.io.UncheckedIOException when the file cannot be read
   */
  public static Summary read(Path file, Consumer<TimedAisMessage> sink) {
    AisStream s = new AisStream(sink);
    AisReader.read(file, s.lines);
    return s.summary();
  }

  /**
   * Decodes a stream (plain or gzip) to its end and returns what happened.
   *
   * @throws java.io.UncheckedIOException when the stream cannot be read
   */
  public static Summary read(InputStream in, Consumer<TimedAisMessage> sink) {
    AisStream s = new AisStream(sink);
    AisReader.read(in, s.lines);
    return s.summary();
  }

  /** Returns the counts so far. */
  public Summary summary() {
    return new Summary(lines.stats().snapshot(), messages, new EnumMap<>(payloadErrors));
  }

  /**
   * What a stream did.
   *
   * @param sentences the sentence layer's counts (lines, payloads, errors per kind)
   * @param messages payloads decoded into messages
   * @param payloadErrors payloads that could not be decoded, per kind
   */
  public record Summary(DecodeStats.Snapshot sentences, long messages,
      Map<DecodeError, Long> payloadErrors) {

    public Summary {
      payloadErrors = Map.copyOf(payloadErrors);
    }

    /** Returns how many payloads could not be decoded. */
    public long payloadErrorCount() {
      return payloadErrors.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
