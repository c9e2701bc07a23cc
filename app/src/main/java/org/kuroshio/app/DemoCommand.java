package org.kuroshio.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.kuroshio.sharing.Agreement;
import org.kuroshio.sharing.CollectionView;
import org.kuroshio.sharing.Credentials;
import org.kuroshio.sharing.Principal;
import org.kuroshio.store.ObjectQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kuroshio demo}: starts a node on an embedded database, loads the demo scenario and
 * prints what to try.
 */
@Command(name = "demo",
    description = {"Start a demo node with the scenario loaded, print its URL, accounts and curl"
        + " commands, and run until Ctrl-C.",
        "The database lives in a temporary folder removed on exit, unless --data-dir is given."})
final class DemoCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Option(names = {"-p", "--port"}, paramLabel = "PORT",
      description = "HTTP port, 0 for any free one (default: ${DEFAULT-VALUE})")
  int port = 8080;

  @Option(names = "--host", paramLabel = "ADDRESS",
      description = "address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface)")
  String host = "127.0.0.1";

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "keep the demo database in DIR (default: a temporary folder)")
  @Nullable Path dataDir;

  @Option(names = "--exit-after-load",
      description = "stop once the scenario is loaded and the summary printed (for tests and CI)")
  boolean exitAfterLoad;

  @Option(names = "--federation",
      description = "start three nodes on loopback instead (the bureau, the Pacific ally and"
          + " Commerce), exchanging the scenario under the demo agreements")
  boolean federation;

  @Option(names = "--shared-data", paramLabel = "DIR",
      description = "the shared data folder with the real cable routes, territorial seas and AIS"
          + " recordings (default: $KUROSHIO_SHARED_DATA, else ../shared/data); without it the"
          + " maritime story runs over the demo's own illustrative cable")
  @Nullable Path sharedData;

  @Option(names = "--iterations", hidden = true,
      description = "PBKDF2 iterations for the demo passwords")
  int iterations = Credentials.DEFAULT_ITERATIONS;

  @Override
  public Integer call() throws IOException, InterruptedException {
    boolean temporary = dataDir == null;
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("kuroshio-demo-");
    Runnable cleanup = () -> {
      if (temporary) {
        deleteQuietly(dir);
      }
    };
    MaritimeDemo.Sources sources = MaritimeDemo.sources(
        MaritimeDemo.sharedData(sharedData, main.environment()), dir);
    if (federation) {
      try {
        return federated(dir, temporary, cleanup, sources);
      } finally {
        cleanup.run();
      }
    }
    try {
      AppConfig config = DemoScenario.configure(AppConfig.defaults(), iterations)
          .withDataDir(dir);
      config = MaritimeDemo.configure(config.withListener(host, port), sources);
      Node node = Node.start(config);
      try {
        Map<String, Integer> loaded = DemoScenario.load(node.data());
        MaritimeDemo.Loaded maritime = MaritimeDemo.load(node.maritime(), sources);
        printWelcome(spec.commandLine().getOut(), node, loaded, node.maritime(), maritime, dir,
            temporary);
      } catch (RuntimeException e) {
        node.close();
        throw e;
      }
      if (exitAfterLoad) {
        node.close();
      } else {
        ServeCommand.awaitShutdown(() -> {
          try {
            node.close();
          } finally {
            cleanup.run();
          }
        });
      }
      return Main.OK;
    } finally {
      cleanup.run();
    }
  }

  private int federated(Path dir, boolean temporary, Runnable cleanup,
      MaritimeDemo.Sources sources) throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    FederationDemo demo = FederationDemo.start(dir, host, iterations,
        org.kuroshio.taxii.federation.FederationSettings.defaults(), sources);
    try {
      MaritimeDemo.Loaded maritime = demo.loadMaritime();
      out.println();
      out.println("Three Kuroshio nodes are running on loopback"
          + (temporary ? " (databases removed on exit)" : " (databases in " + dir + ")") + ":");
      for (FederationDemo.Member m : demo.members()) {
        out.printf("  %-9s %s  (login %s / %s)%n", m.name(), m.node().uri(), m.name()
            .equals("bureau") ? "nsb" : m.name(), m.password());
      }
      out.println();
      out.println("Agreements on every node:");
      for (Agreement a : DemoScenario.agreements()) {
        if (!a.collectionId().equals(DemoScenario.PARTNER_COLLECTION)) {
          out.printf("  %-40s %s, up to %s%n", a.title(),
              String.join(", ", new java.util.TreeSet<>(a.domains())),
              a.ceiling().displayName());
        }
      }
      out.println();
      out.println("Exchange: the Pacific ally pulls the letter of intent from the bureau; the"
          + " bureau pulls it from the Pacific ally and pushes the statement of intent to"
          + " Commerce.");
      for (var r : demo.exchange()) {
        if (!r.ok()) {
          out.printf("  %-9s %-4s %s  failed: %s%n", r.peer(), r.direction().name()
              .toLowerCase(java.util.Locale.ROOT), r.collection(), r.error());
        }
      }
      for (FederationDemo.Member m : demo.members()) {
        for (var h : m.node().federation().health()) {
          out.printf("  %-9s %-4s %-9s %s  %s%n", m.name(), h.direction().name()
              .toLowerCase(java.util.Locale.ROOT), h.peer(), h.collection(),
              h.state().name().toLowerCase(java.util.Locale.ROOT));
        }
      }
      out.println();
      out.println("What each organisation now holds on its own node (owner: objects by TLP):");
      Map<String, String> names = Map.of(DemoScenario.NSB, "National Security Bureau",
          DemoScenario.PACIFIC_ALLY, "Pacific ally", DemoScenario.COMMERCE, "Commerce");
      for (FederationDemo.Member m : demo.members()) {
        out.printf("  %s node:%n", m.name());
        FederationDemo.holdings(m).forEach((owner, byTlp) -> out.printf("    %-26s %s%n",
            names.getOrDefault(owner, owner), byTlp));
      }
      out.println();
      out.println("Commerce holds only the bureau's CLEAR and GREEN cyber objects: nothing of the"
          + " Pacific ally, nothing AMBER (its agreement is cyber up to GREEN, and what the bureau"
          + " received from the ally goes no further).");
      out.println();
      Map<String, Integer> pacificMaritime = MaritimeDemo.maritimeSeenBy(
          demo.member("pacific").node().data(), "pacific", DemoScenario.PACIFIC_ALLY);
      Map<String, Integer> commerceMaritime = MaritimeDemo.maritimeSeenBy(
          demo.member("commerce").node().data(), "commerce", DemoScenario.COMMERCE);
      out.println("Maritime: the bureau's node detected the freighter over "
          + maritime.cable().name() + (maritime.incident() != null
              ? " and raised an incident for the cable's outage" : "") + " (TLP:AMBER).");
      out.printf("  the Pacific ally's node pulled %d maritime objects %s under the letter of"
          + " intent;%n", pacificMaritime.values().stream().mapToInt(Integer::intValue).sum(),
          pacificMaritime);
      out.printf("  Commerce's node holds %d (its statement of intent is cyber only).%n",
          commerceMaritime.values().stream().mapToInt(Integer::intValue).sum());
      out.flush();
      if (exitAfterLoad) {
        demo.close();
      } else {
        out.println("Stop with Ctrl-C.");
        out.flush();
        ServeCommand.awaitShutdown(() -> {
          demo.close();
          cleanup.run();
        });
      }
      return Main.OK;
    } catch (RuntimeException e) {
      demo.close();
      throw e;
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      deleteTree(dir);
    } catch (IOException e) {
      System.err.println("kuroshio: could not remove " + dir + ": " + e.getMessage());
    }
  }

  private static void printWelcome(PrintWriter out, Node node, Map<String, Integer> loaded,
      MaritimeService maritimeDesk, MaritimeDemo.Loaded maritime, Path dir, boolean temporary) {
    String base = node.uri().toString();
    String api = base + Node.taxiiSettings(node.config()).apiRootPath() + "/";
    String accept = "-H 'Accept: application/taxii+json;version=2.1'";
    DemoScenario.DemoUser nsb = DemoScenario.users().get(0);
    out.println();
    out.println("Kuroshio demo node is running at " + base);
    out.println("  TAXII discovery  " + base + "taxii2/");
    out.println("  API root         " + api);
    out.println("  health, metrics  " + base + "health  " + base + "metrics");
    out.println("  database         " + dir + (temporary ? " (removed on exit)" : ""));
    out.println();
    int total = loaded.values().stream().mapToInt(Integer::intValue).sum();
    out.println("Scenario loaded: the e-mail compromise of ten government agencies ("
        + total + " objects).");
    out.println("Agreements (each is a TAXII collection its parties see while it is active):");
    for (Agreement a : DemoScenario.agreements()) {
      out.printf("  %-40s id %s%n", a.title(), a.collectionId());
      out.printf("  %-40s %s, up to %s%n", "", String.join(", ",
          new java.util.TreeSet<>(a.domains())), a.ceiling().displayName());
    }
    out.println();
    out.println("Accounts (HTTP Basic; demo secrets, do not reuse), and what the release rule"
        + " lets each see:");
    for (DemoScenario.DemoUser u : DemoScenario.users()) {
      Principal p = new Principal(u.name(), u.organisation(), Set.of(u.role()));
      StringBuilder seen = new StringBuilder();
      for (CollectionView c : node.data().collections(p)) {
        long n = node.data().count(p, c.id(), ObjectQuery.all(1));
        seen.append(seen.isEmpty() ? "" : "; ").append(c.info().title()).append(": ").append(n);
      }
      out.printf("  %-12s %-26s %s%n", u.name(), u.password(), u.organisationName());
      out.printf("  %-12s %-26s %s%n", "", "", seen);
    }
    out.println("  API token of nsb: " + nsb.token() + "  (Authorization: Bearer ...)");
    out.println();
    MaritimeDemo.print(out, node.data(), maritimeDesk, maritime);
    out.println("Try:");
    out.println("  curl -s -u nsb:" + nsb.password() + " " + accept + " " + base + "taxii2/");
    out.println("  curl -s -u commerce:commerce-demo-password " + accept + " " + api
        + "collections/");
    out.println("  curl -sg -H 'Authorization: Bearer " + nsb.token() + "' " + accept + " '"
        + api + "collections/" + DemoScenario.PARTNER_COLLECTION
        + "/objects/?match[type]=indicator'");
    out.println("  curl -sg -u pacific:pacific-demo-password " + accept + " '" + api
        + "collections/" + DemoScenario.LOI_COLLECTION + "/objects/?match[type]=incident'");
    out.println();
    out.println("Stop with Ctrl-C.");
    out.flush();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, @Nullable IOException e)
          throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
