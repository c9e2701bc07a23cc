package org.kuroshio.app;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.kuroshio.app.AdminClient.Table;
import org.kuroshio.app.AdminClient.Text;
import org.kuroshio.sharing.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kuroshio user ...}: the users of a running node over its REST API, and a helper that
 * writes user entries for the configuration file.
 */
@Command(name = "user",
    description = {"Manage the users of a running node (REST API), or hash a password for the"
        + " configuration file.",
        "Node administrators manage every user; an organisation's administrators its own."},
    subcommands = {UserCommand.HashPassword.class, UserCommand.ListUsers.class,
        UserCommand.AddUser.class, UserCommand.DisableUser.class, UserCommand.EnableUser.class,
        UserCommand.SetRoles.class, UserCommand.SetPassword.class})
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

  /** The role names the node accepts. */
  private static final List<String> ROLES = List.of("admin", "analyst", "read-only", "machine");

  /** Checks role names and returns them as a JSON array (lower case, without repeats). */
  static ArrayNode roles(List<String> given) {
    if (given.isEmpty()) {
      throw new IllegalArgumentException("give at least one --role (" + String.join(", ", ROLES)
          + ")");
    }
    ArrayNode out = AdminClient.object().arrayNode();
    List<String> seen = new ArrayList<>();
    for (String r : given) {
      String role = r.strip().toLowerCase(Locale.ROOT).replace('_', '-');
      if (!ROLES.contains(role)) {
        throw new IllegalArgumentException("--role: not a role: \"" + r + "\" (roles: "
            + String.join(", ", ROLES) + ")");
      }
      if (!seen.contains(role)) {
        seen.add(role);
        out.add(role);
      }
    }
    return out;
  }

  /** Reads a new password, one line, from standard input (never from the command line). */
  static String passwordFromStdin(Main main) throws IOException {
    BufferedReader in = new BufferedReader(
        new InputStreamReader(main.stdin(), StandardCharsets.UTF_8));
    String line = in.readLine();
    if (line == null || line.isEmpty()) {
      throw new IllegalArgumentException("--password-stdin: standard input holds no password"
          + " (give it on one line)");
    }
    return line;
  }

  private static String path(String name) {
    return "api/users/" + AdminClient.segment(name);
  }

  /** {@code kuroshio user list [--org ID]}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the users of a running node (never their secrets).")
  static final class ListUsers implements Callable<Integer> {
    @Mixin AdminClient.Options remote;

    @Option(names = "--org", paramLabel = "ID", description = "only this organisation's users")
    @Nullable String organisation;

    @Override
    public Integer call() {
      JsonNode answer = remote.client().get(AdminClient.query("api/users",
          "organisation", organisation));
      if (!remote.printedJson(answer)) {
        Table t = new Table("NAME", "ORGANISATION", "ROLES", "DISABLED", "CREATED");
        for (JsonNode u : answer.path("users")) {
          t.row(Text.field(u, "name"), Text.field(u, "organisation"), Text.field(u, "roles"),
              Text.field(u, "disabled"), Text.field(u, "created"));
        }
        t.print(remote.out(), "no users");
      }
      return Main.OK;
    }
  }

  /** {@code kuroshio user add NAME --org ID --role ROLE... [--password-stdin]}. */
  @Command(name = "add", mixinStandardHelpOptions = true,
      description = {"Create a user of a running node.",
          "Without --password-stdin the user has no password: issue it a token"
              + " (kuroshio token issue --for NAME)."})
  static final class AddUser implements Callable<Integer> {
    @Mixin AdminClient.Options remote;

    @Parameters(index = "0", paramLabel = "NAME", description = "the login name")
    String name = "";

    @Option(names = "--org", required = true, paramLabel = "ID",
        description = "the organisation the user acts for (identity--...)")
    String organisation = "";

    @Option(names = "--role", required = true, paramLabel = "ROLE",
        description = "admin, analyst, read-only or machine (repeatable)")
    List<String> roles = new ArrayList<>();

    @Option(names = "--password-stdin",
        description = "read the password (at least 12 characters) from one line of standard input")
    boolean passwordStdin;

    @Override
    public Integer call() throws IOException {
      if (name.isBlank() || name.indexOf(':') >= 0) {
        throw new IllegalArgumentException("NAME must be non-blank and without ':': " + name);
      }
      ObjectNode body = AdminClient.object();
      body.put("name", name);
      body.put("organisation", organisation);
      body.set("roles", roles(roles));
      if (passwordStdin) {
        body.put("password", passwordFromStdin(remote.main()));
      }
      JsonNode answer = remote.client().post("api/users", body);
      if (!remote.printedJson(answer)) {
        remote.out().println("added user " + Text.field(answer, "name") + " of "
            + Text.field(answer, "organisation") + " with roles " + Text.field(answer, "roles"));
      }
      return Main.OK;
    }
  }

  /** Changes one user with {@code PATCH /api/users/NAME} and prints what it became. */
  private static int patch(AdminClient.Options remote, String name, ObjectNode change,
      String done) {
    JsonNode answer = remote.client().patch(path(name), change);
    if (!remote.printedJson(answer)) {
      remote.out().println(done + " " + Text.clean(name));
    }
    return Main.OK;
  }

  /** {@code kuroshio user disable NAME}. */
  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = "Disable a user: its password and tokens stop working at once.")
  static final class DisableUser implements Callable<Integer> {
    @Mixin AdminClient.Options remote;

    @Parameters(index = "0", paramLabel = "NAME") String name = "";

    @Override
    public Integer call() {
      return patch(remote, name, AdminClient.object().put("disabled", true), "disabled user");
    }
  }

  /** {@code kuroshio user enable NAME}. */
  @Command(name = "enable", mixinStandardHelpOptions = true,
      description = "Enable a disabled user again.")
  static final class EnableUser implements Callable<Integer> {
    @Mixin AdminClient.Options remote;

    @Parameters(index = "0", paramLabel = "NAME") String name = "";

    @Override
    public Integer call() {
      return patch(remote, name, AdminClient.object().put("disabled", false), "enabled user");
    }
  }

  /** {@code kuroshio user set-roles NAME --role ROLE...}. */
  @Command(name = "set-roles", mixinStandardHelpOptions = true,
      description = "Replace a user's roles.")
  static final class SetRoles implements Callable<Integer> {
    @Mixin AdminClient.Options remote;

    @Parameters(index = "0", paramLabel = "NAME") String name = "";

    @Option(names = "--role", required = true, paramLabel = "ROLE",
        description = "admin, analyst, read-only or machine (repeatable)")
    List<String> roles = new ArrayList<>();

    @Override
    public Integer call() {
      ObjectNode change = AdminClient.object();
      change.set("roles", roles(roles));
      return patch(remote, name, change, "set the roles of user");
    }
  }

  /** {@code kuroshio user set-password NAME}: reads the new password from standard input. */
  @Command(name = "set-password", mixinStandardHelpOptions = true,
      description = "Set a user's password, read from one line of standard input.")
  static final class SetPassword implements Callable<Integer> {
    @Mixin AdminClient.Options remote;

    @Parameters(index = "0", paramLabel = "NAME") String name = "";

    @Override
    public Integer call() throws IOException {
      ObjectNode change = AdminClient.object();
      change.put("password", passwordFromStdin(remote.main()));
      return patch(remote, name, change, "set the password of user");
    }
  }
}
