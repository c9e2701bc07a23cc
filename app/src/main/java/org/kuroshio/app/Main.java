package org.kuroshio.app;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.kuroshio.sharing.Accounts;
import org.kuroshio.sharing.NodeData;
import org.kuroshio.sharing.Principal;
import org.kuroshio.stix.StixException;
import org.kuroshio.store.Contribution;
import org.kuroshio.store.StoreException;
import org.kuroshio.taxii.federation.Federation;
import org.kuroshio.taxii.federation.LinkHealth;
import org.kuroshio.taxii.server.TaxiiServer;
import org.kuroshio.taxii.server.TaxiiSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code kuroshio} command line, and the static wiring of a node's HTTP routes that
 * {@link Node} and the end-to-end tests share.
 */
@Command(
    name = "kuroshio",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Hybrid-threat intelligence sharing node: STIX 2.1 store, TAXII 2.1 server.",
    subcommands = {
      ServeCommand.class,
      ImportCommand.class,
      ExportCommand.class,
      ValidateCommand.class,
      DemoCommand.class,
      UserCommand.class,
      TokenCommand.class,
      KeyCommand.class,
      OrgCommand.class,
      AgreementCommand.class,
      AuditCommand.class,
      PeerCommand.class,
      AisCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements java.util.concurrent.Callable<Integer> {
  private static final Logger HTTP_LOG = LoggerFactory.getLogger("http");

  /** Exit code: success. */
  public static final int OK = 0;
  /** Exit code: the command ran and found problems (validation errors, rejected objects). */
  public static final int PROBLEMS = 1;
  /** Exit code: bad usage or configuration. */
  public static final int USAGE = 2;
  /** Exit code: the command failed (database, file system or network). */
  public static final int FAILURE = 3;

  private final Map<String, String> environment;
  private final InputStream stdin;
  private final PrintStream stdout;
  private final boolean interactive;

  private Main(Map<String, String> environment, InputStream stdin, PrintStream stdout,
      boolean interactive) {
    this.environment = Map.copyOf(environment);
    this.stdin = stdin;
    this.stdout = stdout;
    this.interactive = interactive;
  }

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(execute(System.getenv(), System.in, System.out, System.err,
        System.console() != null, args));
  }

  /**
   * Runs one command with the given environment and streams, returning its exit code; tests call
   * this instead of {@link #main}.
   *
   * @param interactive whether a person watches (enables progress bars and password prompts)
   */
  public static int execute(Map<String, String> environment, InputStream stdin, PrintStream out,
      PrintStream err, boolean interactive, String... args) {
    PrintWriter o = new PrintWriter(out, true, StandardCharsets.UTF_8);
    PrintWriter e = new PrintWriter(err, true, StandardCharsets.UTF_8);
    CommandLine cli = new CommandLine(new Main(environment, stdin, out, interactive));
    cli.setOut(o);
    cli.setErr(e);
    cli.setExecutionExceptionHandler((ex, line, parsed) -> handle(ex, line.getErr()));
    int code = cli.execute(args);
    o.flush();
    e.flush();
    return code;
  }

  private static int handle(Exception ex, PrintWriter err) {
    if (ex instanceof ConfigException c) {
      err.println("kuroshio: bad configuration: " + c.getMessage());
      return USAGE;
    }
    if (ex instanceof IllegalArgumentException) {
      err.println("kuroshio: " + ex.getMessage());
      return USAGE;
    }
    if (ex instanceof StoreException || ex instanceof NodeException
        || ex instanceof UncheckedIOException || ex instanceof StixException
        || ex instanceof CommandFailure) {
      err.println("kuroshio: " + ex.getMessage());
      return FAILURE;
    }
    err.println("kuroshio: unexpected failure: " + ex);
    ex.printStackTrace(err);
    return FAILURE;
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    err.println("kuroshio: name a command: serve, import, export, validate, demo, user, token");
    spec.commandLine().usage(err);
    return USAGE;
  }

  Map<String, String> environment() {
    return environment;
  }

  InputStream stdin() {
    return stdin;
  }

  /** Returns standard output as a byte stream, for commands that write files such as bundles. */
  PrintStream stdout() {
    return stdout;
  }

  boolean interactive() {
    return interactive;
  }

  /**
   * What the HTTP routes need: the door, the accounts, the TAXII settings, the metrics and a
   * database probe; for the REST API ({@link ApiRoutes}) also the node's services, the
   * federation when it runs, and the clock.
   *
   * @param services the directory, audit log and peer registry, or null to serve no REST API
   * @param federation the running federation, or empty (the federation endpoints answer 503)
   */
  record Wiring(
      NodeData data,
      Accounts accounts,
      TaxiiSettings taxii,
      NodeMetrics metrics,
      BooleanSupplier databaseUp,
      @Nullable NodeServices services,
      Supplier<Optional<Federation>> federation,
      Clock clock) {

    /** Wiring without the REST API: TAXII, health and metrics only. */
    Wiring(NodeData data, Accounts accounts, TaxiiSettings taxii, NodeMetrics metrics,
        BooleanSupplier databaseUp) {
      this(data, accounts, taxii, metrics, databaseUp, null, Optional::empty, Clock.systemUTC());
    }
  }

  /**
   * Registers every route of a node on a Javalin configuration: {@code /health},
   * {@code /metrics}, the REST API under {@code /api/} (when the wiring has services), TAXII 2.1
   * ({@code /taxii2/} and the API root), plus the request log and request metrics, with Jetty
   * on virtual threads ({@link TaxiiServer#configureServer}).
   * {@link Node#start} and the end-to-end tests use this one method. The request log names the
   * principal the TAXII routes authenticated ({@link TaxiiServer#principal}); it never reads
   * the {@code Authorization} header itself.
   */
  static void routes(JavalinConfig config, Wiring wiring) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    TaxiiServer.configureServer(config);
    config.requestLogger.http((ctx, ms) -> logRequest(ctx, ms, wiring));
    config.routes.get("/health", ctx -> health(ctx, wiring.databaseUp(), wiring.federation(),
        wiring.services() == null ? null : wiring.services().maritime()));
    config.routes.get("/metrics", ctx -> {
      ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
      ctx.result(wiring.metrics().scrape());
    });
    config.routes.get("/", ctx -> {
      ObjectNode index = JsonNodeFactory.instance.objectNode();
      index.put("name", "Kuroshio");
      index.put("version", Version.get());
      index.put("taxii_discovery", "/taxii2/");
      index.put("health", "/health");
      index.put("metrics", "/metrics");
      ctx.contentType("application/json");
      ctx.result(index.toString());
    });
    NodeServices services = wiring.services();
    if (services != null) {
      // Before TAXII, whose catch-all under the API root would otherwise answer these paths.
      new ApiRoutes(wiring.data(), wiring.accounts(), services, wiring.federation(),
          wiring.clock()).register(config);
    }
    TaxiiServer.register(config, wiring.data(), wiring.accounts(), wiring.taxii());
  }

  /**
   * Answers {@code /health}: the database (503 when it is down) and, when the node federates,
   * its links to peers: how many, and which are failing (a failing peer degrades the node's
   * status but does not make it unhealthy); on a running node also the maritime picture's
   * counters ({@link MaritimeJson#status}).
   */
  private static void health(Context ctx, BooleanSupplier databaseUp,
      Supplier<Optional<Federation>> federation, @Nullable MaritimeService maritime) {
    boolean db = databaseUp.getAsBoolean();
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    // The federation's health is kept in the database: without the database, say nothing of it.
    List<LinkHealth> links = db ? federation.get().map(Federation::health).orElse(List.of())
        : List.of();
    List<LinkHealth> failing = links.stream()
        .filter(l -> l.state() == LinkHealth.State.FAILING).toList();
    body.put("status", !db ? "down" : failing.isEmpty() ? "up" : "degraded");
    body.put("database", db ? "up" : "down");
    body.put("version", Version.get());
    if (!links.isEmpty()) {
      ObjectNode f = body.putObject("federation");
      f.put("links", links.size());
      f.put("failing", failing.size());
      var list = f.putArray("failing_links");
      for (LinkHealth l : failing) {
        ObjectNode o = list.addObject();
        o.put("peer", l.peer());
        o.put("collection", l.collection());
        o.put("direction", l.direction().name().toLowerCase(java.util.Locale.ROOT));
        o.put("failures", l.consecutiveFailures());
        o.put("last_error", l.lastError());
      }
    }
    if (maritime != null) {
      body.set("maritime", MaritimeJson.status(maritime.status()));
    }
    ctx.status(db ? 200 : 503);
    ctx.contentType("application/json");
    ctx.result(body.toString());
  }

  private static void logRequest(Context ctx, Float ms, Wiring wiring) {
    String route = route(ctx);
    int status = ctx.statusCode();
    wiring.metrics().request(ctx.method().name(), route, status,
        Duration.ofNanos((long) (ms.doubleValue() * 1_000_000)));
    Principal p = TaxiiServer.principal(ctx).orElse(null);
    HTTP_LOG.info("method={} path={} route={} status={} duration_ms={} principal={} org={}",
        ctx.method().name(), quoteIfNeeded(ctx.path()), route, status,
        String.format(java.util.Locale.ROOT, "%.1f", ms), p == null ? "-" : p.user(),
        p == null ? "-" : p.organisation());
  }

  /** Returns the matched route template (never the raw path, which would explode metrics). */
  private static String route(Context ctx) {
    try {
      Endpoint e = ctx.endpoints().matchedHttpEndpoint();
      if (e != null) {
        return e.path;
      }
    } catch (RuntimeException ignored) {
      // no endpoint matched (404) or the router could not tell
    }
    return "unmatched";
  }

  private static String quoteIfNeeded(String s) {
    String clean = s.length() > 200 ? s.substring(0, 200) + "..." : s;
    if (clean.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\\' || c > 126)) {
      return '"' + clean.replace("\\", "\\\\").replace("\"", "\\\"")
          .replaceAll("[\\p{Cntrl}]", "?") + '"';
    }
    return clean;
  }

  /** Prints the program version. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"kuroshio " + Version.get()};
    }
  }

  /** A command that cannot complete, with a message for the person who ran it. */
  static final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandFailure(String message) {
      super(message);
    }

    CommandFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
