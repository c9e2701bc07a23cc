package org.kuroshio.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.kuroshio.stix.Timestamps;

/**
 * Deterministic benchmark data: TLP-marked indicators of about 600 bytes each, the shape of a
 * partner's daily indicator feed. The same seed gives the same bytes.
 */
public final class Corpus {
  /** Owner identity of every generated indicator. */
  public static final String CREATOR = "identity--00000000-0000-4000-8000-00000000b001";

  private static final String TLP_GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
  private static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");

  private final long seed;

  public Corpus(long seed) {
    this.seed = seed;
  }

  /** Returns the id of indicator {@code i}. */
  public String id(long i) {
    return "indicator--" + new UUID(0x1234_0000_0000_4000L | (seed & 0xFFF) << 16, 0x8000_0000_0000_0000L | i);
  }

  /** Returns the JSON text of indicator {@code i}. */
  public String indicator(long i) {
    String created = Timestamps.formatMillis(BASE.plusSeconds(i % 31_536_000));
    long a = (i * 2654435761L + seed) & 0xFFFF_FFFFL;
    String ip = String.format(Locale.ROOT, "%d.%d.%d.%d", 10 + (a >>> 24) % 200, (a >>> 16) & 255, (a >>> 8) & 255, a & 255);
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id(i) + "\","
        + "\"created_by_ref\":\"" + CREATOR + "\","
        + "\"created\":\"" + created + "\",\"modified\":\"" + created + "\","
        + "\"name\":\"Command and control address " + i + "\","
        + "\"indicator_types\":[\"malicious-activity\"],"
        + "\"pattern\":\"[ipv4-addr:value = '" + ip + "'] OR [domain-name:value = 'c2-" + i
        + ".example.net']\","
        + "\"pattern_type\":\"stix\",\"pattern_version\":\"2.1\","
        + "\"valid_from\":\"" + created + "\","
        + "\"confidence\":80,"
        + "\"object_marking_refs\":[\"" + TLP_GREEN + "\"]}";
  }

  /** Writes indicators {@code [from, to)} as a STIX bundle. */
  public void writeBundle(OutputStream out, long from, long to) throws IOException {
    out.write(("{\"type\":\"bundle\",\"id\":\"bundle--" + new UUID(seed, 0x8000_0000_0000_0000L | to)
        + "\",\"objects\":[").getBytes(StandardCharsets.UTF_8));
    for (long i = from; i < to; i++) {
      if (i > from) {
        out.write(',');
        out.write('\n');
      }
      out.write(indicator(i).getBytes(StandardCharsets.UTF_8));
    }
    out.write("]}\n".getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a bundle of {@code count} indicators to a file, unless it already exists. */
  public Path bundleFile(Path dir, long count) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("indicators-v2-" + seed + "-" + count + ".json");
    if (!Files.exists(file)) {
      Path tmp = Files.createTempFile(dir, "corpus", ".tmp");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
        writeBundle(out, 0, count);
      }
      Files.move(tmp, file);
    }
    return file;
  }

  /** Returns a TAXII envelope holding indicators {@code [from, to)}. */
  public String envelope(long from, long to) {
    StringBuilder sb = new StringBuilder((int) (to - from) * 640 + 16).append("{\"objects\":[");
    for (long i = from; i < to; i++) {
      if (i > from) {
        sb.append(',');
      }
      sb.append(indicator(i));
    }
    return sb.append("]}").toString();
  }
}
