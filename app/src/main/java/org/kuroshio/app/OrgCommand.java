package org.kuroshio.app;

import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.kuroshio.app.AdminClient.Table;
import org.kuroshio.app.AdminClient.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code kuroshio org ...}: the organisations of a running node, over its REST API. */
@Command(name = "org", mixinStandardHelpOptions = true,
    description = {"List and register the organisations of a running node (REST API).",
        "Registering needs an administrator of the node's own organisation."},
    subcommands = {OrgCommand.ListOrgs.class, OrgCommand.AddOrg.class})
final class OrgCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code kuroshio org list}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the organisations the node knows.")
  static final class ListOrgs implements Callable<Integer> {
    @Mixin AdminClient.Options remote;

    @Override
    public Integer call() {
      JsonNode answer = remote.client().get("api/organisations");
      if (!remote.printedJson(answer)) {
        Table t = new Table("ID", "NAME", "CREATED");
        for (JsonNode o : answer.path("organisations")) {
          t.row(Text.field(o, "id"), Text.field(o, "name"), Text.field(o, "created"));
        }
        t.print(remote.out(), "no organisations");
      }
      return Main.OK;
    }
  }

  /** {@code kuroshio org add --name NAME [--id ID]}. */
  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Register an organisation (its STIX identity and its local collection).")
  static final class AddOrg implements Callable<Integer> {
    @Mixin AdminClient.Options remote;

    @Option(names = "--name", required = true, paramLabel = "NAME",
        description = "the organisation's name")
    String name = "";

    @Option(names = "--id", paramLabel = "identity--UUID",
        description = "its STIX identity id (default: a new one), to match the id partners use")
    @Nullable String id;

    @Override
    public Integer call() {
      if (name.isBlank()) {
        throw new IllegalArgumentException("--name must not be blank");
      }
      if (id != null && !id.startsWith("identity--")) {
        throw new IllegalArgumentException("--id must be a STIX identity id (identity--UUID): "
            + id);
      }
      ObjectNode body = AdminClient.object();
      body.put("name", name);
      if (id != null) {
        body.put("id", id);
      }
      JsonNode answer = remote.client().post("api/organisations", body);
      if (!remote.printedJson(answer)) {
        remote.out().println("added organisation " + Text.field(answer, "id") + " "
            + Text.field(answer, "name"));
      }
      return Main.OK;
    }
  }
}
