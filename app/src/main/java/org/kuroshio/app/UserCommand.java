package org.kuroshio.app;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.kuroshio.sharing.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kuroshio user ...}: helpers that write user entries for the configuration file. */
@Command(name = "user", description = "Create values for the users of the configuration file.",
    subcommands = {UserCommand.HashPassword.class})
final class UserCommand implements Runnable {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code kuroshio user hash-password}: prints the salted hash of a password. */
  @Command(name = "hash-password",
      description = {"Print the salted PBKDF2 hash of a password, for password_hash in the"
          + " configuration file.",
          "Asks for the password on a terminal; otherwise reads one line from standard input."})
  static final class HashPassword implements Callable<Integer> {
    @ParentCommand UserCommand user;
    @Spec CommandSpec spec;

    @Option(names = "--iterations", paramLabel = "N",
        description = "PBKDF2 iterations (default: ${DEFAULT-VALUE})")
    int iterations = Credentials.DEFAULT_ITERATIONS;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      char[] password = readPassword(user.main);
      try {
        if (password.length == 0) {
          spec.commandLine().getErr().println("kuroshio: the password must not be empty");
          return Main.USAGE;
        }
        out.println(Credentials.hashPassword(password, iterations));
        return Main.OK;
      } finally {
        Arrays.fill(password, '\0');
      }
    }

    private static char[] readPassword(Main main) throws IOException {
      Console console = System.console();
      if (main.interactive() && console != null) {
        char[] first = console.readPassword("Password: ");
        char[] second = console.readPassword("Again: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
          throw new IllegalArgumentException("the passwords differ");
        }
        Arrays.fill(second, '\0');
        return first;
      }
      BufferedReader in = new BufferedReader(
          new InputStreamReader(main.stdin(), StandardCharsets.UTF_8));
      String line = in.readLine();
      return line == null ? new char[0] : line.toCharArray();
    }
  }
}
