package org.kuroshio.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The node's Prometheus metrics: HTTP requests by method, route and status, objects ingested by
 * outcome, and the JVM. One instance per running node, so tests in one JVM do not share counts.
 */
final class NodeMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Counter stored;
  private final Counter unchanged;
  private final Counter rejected;

  NodeMetrics() {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    stored = ingested("stored");
    unchanged = ingested("unchanged");
    rejected = ingested("rejected");
  }

  private Counter ingested(String outcome) {
    return Counter.builder("kuroshio.objects.ingested")
        .description("Objects offered to the ingest pipeline, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  /** Records one HTTP request; {@code route} is the route template, never the raw path. */
  void request(String method, String route, int status, Duration duration) {
    Timer.builder("http.server.requests")
        .description("HTTP requests by method, route and status")
        .tag("method", method)
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .register(registry)
        .record(duration);
  }

  /** Counts the outcome of one ingest call. */
  void ingested(long storedCount, long unchangedCount, long rejectedCount) {
    stored.increment(storedCount);
    unchanged.increment(unchangedCount);
    rejected.increment(rejectedCount);
  }

  /** Returns the Prometheus text exposition of every metric. */
  String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
