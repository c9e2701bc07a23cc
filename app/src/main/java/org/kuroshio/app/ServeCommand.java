package org.kuroshio.app;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kuroshio serve}: runs a node until it is stopped (Ctrl-C or SIGTERM). */
@Command(name = "serve", description = "Run a node: TAXII 2.1 server, health and metrics.")
final class ServeCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    AppConfig c = config.load(main);
    Node node = Node.start(c);
    spec.commandLine().getOut().println("kuroshio: serving " + node.uri() + "taxii2/ (stop with"
        + " Ctrl-C)");
    runUntilShutdown(node, () -> { });
    return Main.OK;
  }

  /**
   * Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes the node and runs
   * {@code afterClose}; the JVM does not halt before both are done.
   */
  static void runUntilShutdown(Node node, Runnable afterClose) throws InterruptedException {
    awaitShutdown(() -> {
      node.close();
      afterClose.run();
    });
  }

  /**
   * Blocks until the JVM is asked to stop, then runs {@code close}; the JVM does not halt before
   * it is done.
   */
  static void awaitShutdown(Runnable close) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopped.countDown();
      try {
        closed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "kuroshio-shutdown"));
    try {
      stopped.await();
    } finally {
      try {
        close.run();
      } finally {
        closed.countDown();
      }
    }
  }
}
