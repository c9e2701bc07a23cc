package org.kuroshio.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** The streaming bundle reader in a mode matrix (whole, byte by byte, random splits). */
class BundleReaderTest {
  private static final String INDICATOR =
      "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--00000000-0000-4000-"
          + "8000-0000000000%02d\",\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":"
          + "\"2026-01-01T00:00:00.000Z\",\"pattern\":\"[ipv4-addr:value = '10.0.0.%d']\","
          + "\"pattern_type\":\"stix\",\"valid_from\":\"2026-01-01T00:00:00Z\","
          + "\"x_note\":\"caf\\u00e9 \\ud83d\\ude00\",\"x_nested\":{\"a\":[1,2.5,{\"b\":true}]}}";

  static String bundle(int n) {
    StringBuilder sb = new StringBuilder(
        "{\n  \"type\": \"bundle\",\n  \"id\": \"bundle--00000000-0000-4000-8000-000000000099\",\n"
            + "  \"objects\": [\n");
    for (int i = 1; i <= n; i++) {
      sb.append("    ").append(String.format(INDICATOR, i, i)).append(i < n ? ",\n" : "\n");
    }
    return sb.append("  ]\n}\n").toString();
  }

  static Stream<Arguments> modes() {
    return Stream.of(
        Arguments.of("whole", (Function<byte[], InputStream>) ByteArrayInputStream::new),
        Arguments.of("one byte at a time",
            (Function<byte[], InputStream>) b -> ThrottledInputStream.chunks(b, 1)),
        Arguments.of("random splits 1",
            (Function<byte[], InputStream>) b -> ThrottledInputStream.randomChunks(b, 1)),
        Arguments.of("random splits 2",
            (Function<byte[], InputStream>) b -> ThrottledInputStream.randomChunks(b, 42)));
  }

  private static List<StixObject> readAll(InputStream in, ParseLimits limits) {
    List<StixObject> out = new ArrayList<>();
    try (BundleReader r = BundleReader.open(in, limits)) {
      r.forEachRemaining(out::add);
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void readsEveryObject(String mode, Function<byte[], InputStream> input) {
    byte[] data = bundle(12).getBytes(StandardCharsets.UTF_8);
    List<StixObject> objects = readAll(input.apply(data), ParseLimits.DEFAULT);
    assertThat(objects).hasSize(12);
    assertThat(objects.get(4).id()).isEqualTo("indicator--00000000-0000-4000-8000-000000000005");
    assertThat(objects.get(4).string("x_note")).contains("café \uD83D\uDE00");
    assertThat(objects).allSatisfy(o -> assertThat(Validator.strict().validate(o).valid()).isTrue());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void readsTaxiiEnvelope_withHeaderAfterObjects(String mode, Function<byte[], InputStream> in) {
    String env = "{\"more\":false,\"objects\":[" + String.format(INDICATOR, 1, 1)
        + "],\"next\":\"abc\"}";
    try (BundleReader r = BundleReader.open(in.apply(env.getBytes(StandardCharsets.UTF_8)),
        ParseLimits.DEFAULT)) {
      assertThat(r.hasNext()).isTrue();
      assertThat(r.next().type()).isEqualTo("indicator");
      assertThat(r.hasNext()).isFalse();
      assertThat(r.header().get("next").asString()).isEqualTo("abc");
      assertThat(r.header().get("more").asBoolean()).isFalse();
      assertThat(r.bundleId()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void malformedJson_reportsLineAndColumn(String mode, Function<byte[], InputStream> in) {
    String bad = bundle(3).replace("\"pattern_type\":\"stix\",", "\"pattern_type\":\"stix\",,");
    assertThatThrownBy(() -> readAll(in.apply(bad.getBytes(StandardCharsets.UTF_8)),
        ParseLimits.DEFAULT))
        .isInstanceOf(ParseException.class)
        .satisfies(e -> {
          ParseException p = (ParseException) e;
          assertThat(p.line()).isEqualTo(5);
          assertThat(p.column()).isGreaterThan(200);
        });
  }

  @Test
  void elementThatIsNotAnObject_namesTheIndex() {
    String bad = "{\"type\":\"bundle\",\"id\":\"bundle--00000000-0000-4000-8000-000000000099\","
        + "\"objects\":[" + String.format(INDICATOR, 1, 1) + ",\"oops\"]}";
    assertThatThrownBy(() -> readAll(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)),
        ParseLimits.DEFAULT))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("objects[1] is not a JSON object but a string");
  }

  @Test
  void objectWithoutId_failsAloneAndTheReaderGoesOn() {
    String text = "{\"objects\":[{\"type\":\"indicator\"}," + String.format(INDICATOR, 2, 2) + "]}";
    try (BundleReader r = BundleReader.open(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), ParseLimits.DEFAULT)) {
      assertThatThrownBy(r::next).isInstanceOf(InvalidPropertyException.class)
          .hasMessageContaining("id");
      assertThat(r.next().id()).endsWith("000000000002");
      assertThat(r.hasNext()).isFalse();
    }
  }

  @Test
  void shapeErrors_areParseExceptions() {
    assertThatThrownBy(() -> readAll(stream("[1,2]"), ParseLimits.DEFAULT))
        .isInstanceOf(ParseException.class).hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> readAll(stream("{\"objects\":{}}"), ParseLimits.DEFAULT))
        .isInstanceOf(ParseException.class).hasMessageContaining("must be a JSON array");
    assertThatThrownBy(() -> readAll(stream("{\"type\":\"report\",\"objects\":[]}"),
        ParseLimits.DEFAULT))
        .isInstanceOf(ParseException.class).hasMessageContaining("must be \"bundle\"");
    assertThatThrownBy(() -> readAll(stream("{\"objects\":[]} {}"), ParseLimits.DEFAULT))
        .isInstanceOf(ParseException.class).hasMessageContaining("after the end");
    assertThatThrownBy(() -> readAll(stream("{\"objects\":[{\"type\":\"x\""), ParseLimits.DEFAULT))
        .isInstanceOf(ParseException.class);
  }

  @Test
  void limits_areEnforcedPerObjectAndPerBundle() {
    byte[] data = bundle(5).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> readAll(new ByteArrayInputStream(data),
        ParseLimits.DEFAULT.withMaxObjectsPerBundle(4)))
        .isInstanceOf(ParseException.class).hasMessageContaining("more than 4 objects");
    ParseLimits small = new ParseLimits(64, 1000, 250, 200, Long.MAX_VALUE);
    assertThatThrownBy(() -> readAll(new ByteArrayInputStream(data), small))
        .isInstanceOf(ParseException.class).hasMessageContaining("larger than 200 bytes");
    ParseLimits shallow = new ParseLimits(3, 1000, 250, 100_000, Long.MAX_VALUE);
    assertThatThrownBy(() -> readAll(new ByteArrayInputStream(data), shallow))
        .isInstanceOf(ParseException.class).hasMessageContaining("depth");
  }

  @Test
  void hugeSingleObject_isRefusedBeforeItIsBuffered() {
    // an endless object: the reader must give up after about maxObjectBytes, not run out of heap
    InputStream endless = new GeneratedInputStream(
        "{\"objects\":[{\"type\":\"x-big\",\"id\":\"x-big--00000000-0000-4000-8000-000000000001\"",
        i -> ",\"x_p" + i + "\":\"" + "a".repeat(100) + "\"", "}]}", Long.MAX_VALUE);
    ParseLimits limits = new ParseLimits(64, 1000, 250, 1_000_000, Long.MAX_VALUE);
    assertThatThrownBy(() -> readAll(endless, limits))
        .isInstanceOf(ParseException.class).hasMessageContaining("larger than 1000000 bytes");
  }

  @Test
  void largeBundle_isReadInBoundedMemory() {
    // About 200 MB of indicators generated on the fly: never held in memory, here or in the reader.
    long n = 500_000;
    String prefix = "{\"type\":\"bundle\",\"id\":\"bundle--00000000-0000-4000-8000-000000000099\","
        + "\"objects\":[";
    InputStream in = new GeneratedInputStream(prefix,
        i -> (i > 0 ? "," : "") + String.format(INDICATOR, i % 100, i % 250)
            + " ".repeat(80), "]}", n);
    long count = 0;
    long baseline = usedHeapAfterGc();
    long peak = 0;
    try (BundleReader r = BundleReader.open(in, ParseLimits.DEFAULT)) {
      while (r.hasNext()) {
        StixObject o = r.next();
        assertThat(o.type()).isEqualTo("indicator");
        if (++count % 125_000 == 0) {
          peak = Math.max(peak, usedHeapAfterGc() - baseline);
        }
      }
      assertThat(r.bundleId()).contains("bundle--00000000-0000-4000-8000-000000000099");
    }
    assertThat(count).isEqualTo(n);
    assertThat(((GeneratedInputStream) in).produced()).isGreaterThan(200_000_000L);
    // live data stays small while the input is 200 MB; a reader that kept the input or the
    // objects would hold hundreds of megabytes here
    assertThat(peak).isLessThan(32L * 1024 * 1024);
  }

  @Test
  void writerAndReader_roundTrip() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<StixObject> written = new ArrayList<>();
    try (BundleWriter w = BundleWriter.open(out, "bundle--00000000-0000-4000-8000-000000000099")) {
      for (int i = 1; i <= 3; i++) {
        StixObject o = StixJson.parse(String.format(INDICATOR, i, i));
        w.write(o);
        written.add(o);
      }
      assertThat(w.count()).isEqualTo(3);
    }
    List<StixObject> read = readAll(new ByteArrayInputStream(out.toByteArray()),
        ParseLimits.DEFAULT);
    assertThat(read).isEqualTo(written);
    ObjectNode whole = (ObjectNode) StixJson.readTree(out.toString(StandardCharsets.UTF_8),
        StixJson.mapper());
    assertThat(Validator.strict().validate(whole).valid()).isTrue();
  }

  @Test
  void emptyBundle_omitsObjects() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BundleWriter.open(out, "bundle--00000000-0000-4000-8000-000000000099").close();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
        "{\"type\":\"bundle\",\"id\":\"bundle--00000000-0000-4000-8000-000000000099\"}");
    assertThat(readAll(new ByteArrayInputStream(out.toByteArray()), ParseLimits.DEFAULT)).isEmpty();
  }

  private static long usedHeapAfterGc() {
    System.gc();
    java.lang.management.MemoryUsage heap =
        java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return heap.getUsed();
  }

  private static InputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
