package org.kuroshio.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.kuroshio.app.AdminClient.Table;
import org.kuroshio.app.AdminClient.Text;
import org.kuroshio.sharing.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code kuroshio token ...}: API tokens of a running node, and tokens for the configuration. */
@Command(name = "token",
    description = "Issue, list and revoke the API tokens of a running node's users (REST API), or"
        + " create a token for the configuration file.",
    subcommands = {TokenCommand.NewToken.class, TokenCommand.Issue.class,
        TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code kuroshio token new}: prints a fresh token and the hash to configure. */
  @Command(name = "new", description = {"Print a new 256-bit API token and its hash.",
      "Give the token to the client (Authorization: Bearer TOKEN); put the hash in the user's"
          + " token_hashes."})
  static final class NewToken implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      String token = Credentials.newToken();
      PrintWriter out = spec.commandLine().getOut();
      out.println("token: " + token);
      out.println("hash:  " + Credentials.hashToken(token));
    }
  }

  private static String tokensOf(String user) {
    return "api/users/" + AdminClient.segment(user) + "/tokens";
  }

  /** {@code kuroshio token issue --for USER [--label L] [--expires T]}. */
  @Command(name = "issue", mixinStandardHelpOptions = true,
      description = {"Issue an API token to a user of a running node and print it.",
          "The node keeps only a hash: the token is shown this once."})
  static final class Issue implements Callable<Integer> {
    @Mixin AdminClient.Options remote;

    @Option(names = "--for", required = true, paramLabel = "USER",
        description = "the user the token signs in as")
    String user = "";

    @Option(names = "--label", paramLabel = "TEXT",
        description = "what the token is for, such as the program that uses it (default:"
            + " ${DEFAULT-VALUE})")
    String label = "issued with kuroshio token issue";

    @Option(names = "--expires", paramLabel = "TIME",
        description = "when the token stops working (RFC 3339, such as 2027-01-01T00:00:00Z;"
            + " default: never)")
    @Nullable String expires;

    @Override
    public Integer call() {
      ObjectNode body = AdminClient.object();
      body.put("label", label);
      if (expires != null) {
        body.put("expires", AdminClient.time("--expires", expires).toString());
      } else {
        body.putNull("expires");
      }
      JsonNode answer = remote.client().post(tokensOf(user), body);
      if (!remote.printedJson(answer)) {
        PrintWriter out = remote.out();
        out.println("token:   " + Text.field(answer, "token"));
        out.println("id:      " + Text.field(answer, "id"));
        out.println("label:   " + Text.field(answer, "label"));
        out.println("expires: " + (Text.field(answer, "expires").isEmpty() ? "never"
            : Text.field(answer, "expires")));
        remote.err().println("kuroshio: keep the token now: the node shows it only once"
            + " (Authorization: Bearer TOKEN)");
      }
      return Main.OK;
    }
  }

  /** {@code kuroshio token list --for USER}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List a user's API tokens (never the tokens themselves).")
  static final class ListTokens implements Callable<Integer> {
    @Mixin AdminClient.Options remote;

    @Option(names = "--for", required = true, paramLabel = "USER", description = "the user")
    String user = "";

    @Override
    public Integer call() {
      JsonNode answer = remote.client().get(tokensOf(user));
      if (!remote.printedJson(answer)) {
        Table t = new Table("ID", "LABEL", "CREATED", "EXPIRES", "REVOKED");
        for (JsonNode k : answer.path("tokens")) {
          t.row(Text.field(k, "id"), Text.field(k, "label"), Text.field(k, "created"),
              Text.field(k, "expires").isEmpty() ? "never" : Text.field(k, "expires"),
              revoked(k.get("revoked")));
        }
        t.print(remote.out(), "no tokens");
      }
      return Main.OK;
    }
  }

  /** Shows when a token was revoked ("no" when it was not); accepts a time or a boolean. */
  private static String revoked(@Nullable JsonNode value) {
    if (value == null || value.isNull() || (value.isBoolean() && !value.asBoolean())) {
      return "no";
    }
    return value.isString() ? Text.clip(value.asString(), 40) : "yes";
  }

  /** {@code kuroshio token revoke ID}. */
  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke an API token: it stops working at once.")
  static final class Revoke implements Callable<Integer> {
    @Mixin AdminClient.Options remote;

    @Parameters(index = "0", paramLabel = "ID", description = "the token's id (from token list)")
    String id = "";

    @Override
    public Integer call() {
      JsonNode answer = remote.client().delete("api/tokens/" + AdminClient.segment(id));
      if (!remote.printedJson(answer)) {
        remote.out().println("revoked token " + Text.clean(id));
      }
      return Main.OK;
    }
  }
}
