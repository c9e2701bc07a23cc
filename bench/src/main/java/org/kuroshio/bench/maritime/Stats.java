package org.kuroshio.bench.maritime;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/** Small helpers the maritime benchmarks share: medians, percentiles, heap after GC. */
final class Stats {
  private Stats() {}

  /** The median (the lower middle for an even count). */
  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v[(v.length - 1) / 2];
  }

  /** The {@code p}-th percentile (0-100) by the nearest-rank method. */
  static double percentile(double[] values, double p) {
    double[] v = values.clone();
    Arrays.sort(v);
    int rank = (int) Math.ceil(p / 100.0 * v.length);
    return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
  }

  /** The values rounded, in the order measured, as "a · b · c". */
  static String rounds(double[] values) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(" · ");
      }
      sb.append(String.format(Locale.ROOT, "%,.0f", values[i]));
    }
    return sb.toString();
  }

  /** Heap in use after a full collection (three System.gc() calls with pauses), in bytes. */
  static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** A one-line description of the JVM: version, collector and maximum heap. */
  static String jvm() {
    StringBuilder gcs = new StringBuilder();
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (!gcs.isEmpty()) {
        gcs.append('/');
      }
      gcs.append(gc.getName());
    }
    return String.format(Locale.ROOT, "java %s, %d processors visible, max heap %d MB, gc %s",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, gcs);
  }
}
