package org.kuroshio.taxii.server;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Optional;
import org.kuroshio.sharing.Accounts;
import org.kuroshio.sharing.NodeData;
import org.kuroshio.sharing.Principal;
import org.kuroshio.stix.IdGenerator;

/** Registers the TAXII 2.1 endpoints on a Javalin configuration. */
public final class TaxiiServer {
  /**
   * The request attribute under which the TAXII routes store the authenticated
   * {@link Principal}, so that request logs and metrics need not authenticate again.
   */
  public static final String PRINCIPAL_ATTRIBUTE = "kuroshio.principal";

  private TaxiiServer() {}

  /**
   * Returns who made the request, as the TAXII routes authenticated it; empty for requests
   * that did not reach a TAXII route or failed authentication.
   */
  public static Optional<Principal> principal(Context ctx) {
    return ctx.attribute(PRINCIPAL_ATTRIBUTE) instanceof Principal p ? Optional.of(p)
        : Optional.empty();
  }

  /**
   * Adds discovery ({@code /taxii2/}) and one API root ({@code /<apiRootPath>/...}) with every
   * TAXII 2.1 endpoint to the config, reading and writing only through {@code data}. Routes are
   * registered with trailing slashes; Javalin's default {@code ignoreTrailingSlashes} also
   * serves them without. Status ids are random UUIDs and request timestamps come from the
   * system clock.
   */
  public static void register(
      JavalinConfig config, NodeData data, Accounts accounts, TaxiiSettings settings) {
    register(config, data, accounts, settings, Clock.systemUTC(), IdGenerator.random());
  }

  /** As {@link #register(JavalinConfig, NodeData, Accounts, TaxiiSettings)}, with a clock and ids. */
  public static void register(JavalinConfig config, NodeData data, Accounts accounts,
      TaxiiSettings settings, Clock clock, IdGenerator ids) {
    new TaxiiRoutes(data, accounts, settings, clock, ids).register(config);
  }

  /**
   * Applies the server settings the TAXII endpoints are meant to run with: Jetty on virtual
   * threads. Call it once on the application's config (it affects every route).
   */
  public static void configureServer(JavalinConfig config) {
    config.concurrency.useVirtualThreads = true;
  }

  /** Returns a Javalin instance serving only TAXII (not started), for tests and small nodes. */
  public static Javalin create(NodeData data, Accounts accounts, TaxiiSettings settings) {
    return Javalin.create(config -> {
      configureServer(config);
      register(config, data, accounts, settings);
    });
  }
}
