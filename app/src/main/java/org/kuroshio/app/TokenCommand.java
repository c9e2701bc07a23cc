package org.kuroshio.app;

import java.io.PrintWriter;
import org.kuroshio.sharing.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kuroshio token ...}: API token helpers. */
@Command(name = "token", description = "Create API tokens for the configuration file.",
    subcommands = {TokenCommand.NewToken.class})
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
}
