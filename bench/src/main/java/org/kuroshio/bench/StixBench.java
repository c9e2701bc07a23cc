package org.kuroshio.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.kuroshio.stix.BundleReader;
import org.kuroshio.stix.ParseLimits;
import org.kuroshio.stix.StixJson;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.ValidationReport;
import org.kuroshio.stix.Validator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** Micro-benchmarks of the ingest hot path: parse, validate, and stream a bundle. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StixBench {
  private static final int BUNDLE_OBJECTS = 10_000;

  private String json;
  private StixObject object;
  private byte[] bundle;
  private final Validator validator = Validator.strict();

  /** Prepares one indicator and a bundle of 10,000. */
  @Setup
  public void setUp() throws IOException {
    Corpus corpus = new Corpus(7);
    json = corpus.indicator(42);
    object = StixJson.parse(json);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    corpus.writeBundle(out, 0, BUNDLE_OBJECTS);
    bundle = out.toByteArray();
  }

  /** Parses one indicator into a lossless object. */
  @Benchmark
  public StixObject parse() {
    return StixJson.parse(json);
  }

  /** Validates one parsed indicator strictly. */
  @Benchmark
  public ValidationReport validate() {
    return validator.validate(object);
  }

  /** Streams a bundle of 10,000 indicators object by object (score is objects per second). */
  @Benchmark
  @OperationsPerInvocation(BUNDLE_OBJECTS)
  public void readBundle(Blackhole bh) {
    try (BundleReader reader = BundleReader.open(new ByteArrayInputStream(bundle), ParseLimits.DEFAULT)) {
      while (reader.hasNext()) {
        bh.consume(reader.next());
      }
    }
  }
}
