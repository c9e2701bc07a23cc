package org.kuroshio.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.kuroshio.app.AdminClient.Table;
import org.kuroshio.app.AdminClient.Text;
import org.kuroshio.sharing.AgreementKind;
import org.kuroshio.stix.Domains;
import org.kuroshio.stix.Tlp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code kuroshio agreement ...}: the sharing agreements of a running node, over its REST API. */
@Command(name = "agreement", mixinStandardHelpOptions = true,
    description = {"Create, list and change the sharing agreements of a running node"
        + " (REST API).",
        "Parties' users see their agreements; only the node's administrators change them."},
    subcommands = {AgreementCommand.ListAgreements.class, AgreementCommand.Show.class,
        AgreementCommand.Create.class, AgreementCommand.Activate.class,
        AgreementCommand.Suspend.class, AgreementCommand.Terminate.class,
        AgreementCommand.Adopt.class})
final class AgreementCommand implements Runnable {
  /** Largest agreement file {@code adopt} reads: 1 MiB, the REST API's request limit. */
  static final int MAX_FILE = 1024 * 1024;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  private static String path(String id) {
    return "api/agreements/" + AdminClient.segment(id);
  }

  /** {@code kuroshio agreement list}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the agreements you may see (node administrators: all of them).")
  static final class ListAgreements implements Callable<Integer> {
    @Mixin AdminClient.Options remote;

    @Override
    public Integer call() {
      JsonNode answer = remote.client().get("api/agreements");
      if (!remote.printedJson(answer)) {
        Table t = new Table("ID", "KIND", "STATUS", "CEILING", "DOMAINS", "PARTIES", "TITLE");
        for (JsonNode a : answer.path("agreements")) {
          t.row(Text.field(a, "id"), Text.field(a, "agreement_kind"), Text.field(a, "status"),
              Text.field(a, "tlp_ceiling"), Text.field(a, "domains"),
              String.valueOf(a.path("parties").size()), Text.clip(Text.field(a, "name"), 60));
        }
        t.print(remote.out(), "no agreements");
      }
      return Main.OK;
    }
  }

  /** Prints one agreement: its terms, then its status history. */
  static void describe(PrintWriter out, JsonNode a) {
    out.println("id:          " + Text.field(a, "id"));
    out.println("title:       " + Text.field(a, "name"));
    out.println("kind:        " + Text.field(a, "agreement_kind"));
    out.println("status:      " + Text.field(a, "status"));
    out.println("parties:     " + Text.field(a, "parties").replace(",", ", "));
    out.println("domains:     " + Text.field(a, "domains").replace(",", ", "));
    out.println("tlp ceiling: " + Text.field(a, "tlp_ceiling"));
    out.println("valid from:  " + Text.field(a, "valid_from"));
    out.println("valid until: " + (Text.field(a, "valid_until").isEmpty() ? "open-ended"
        : Text.field(a, "valid_until")));
    out.println("modified:    " + Text.field(a, "modified"));
    out.println("history:");
    for (JsonNode c : a.path("status_history")) {
      String reason = Text.field(c, "reason");
      out.println("  " + Text.field(c, "changed") + "  " + Text.field(c, "status") + "  by "
          + Text.field(c, "changed_by") + (reason.isEmpty() ? "" : "  (" + reason + ")"));
    }
  }

  /** {@code kuroshio agreement show ID}. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show one agreement and its status history.")
  static final class Show implements Callable<Integer> {
    @Mixin AdminClient.Options remote;

    @Parameters(index = "0", paramLabel = "ID", description = "the agreement's id")
    String id = "";

    @Override
    public Integer call() {
      JsonNode answer = remote.client().get(path(id));
      if (!remote.printedJson(answer)) {
        describe(remote.out(), answer);
      }
      return Main.OK;
    }
  }

  /** {@code kuroshio agreement create ...}: records a draft. */
  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Record a draft agreement between organisations the node knows, and its"
          + " collection. Activate it to let data flow."})
  static final class Create implements Callable<Integer> {
    @Mixin AdminClient.Options remote;

    @Option(names = "--kind", required = true, paramLabel = "KIND",
        description = "statement-of-intent, letter-of-intent, memorandum-of-understanding (mou),"
            + " pact or dialogue")
    String kind = "";

    @Option(names = "--title", required = true, paramLabel = "TEXT", description = "its title")
    String title = "";

    @Option(names = "--party", required = true, paramLabel = "ID",
        description = "a party's organisation id (repeat for each of two or more parties)")
    List<String> parties = new ArrayList<>();

    @Option(names = "--domain", required = true, paramLabel = "DOMAIN",
        description = "a domain it covers: cyber, maritime, fimi, disaster-response,"
            + " defence-research (repeatable)")
    List<String> domains = new ArrayList<>();

    @Option(names = "--ceiling", required = true, paramLabel = "TLP",
        description = "the most restrictive TLP it carries: clear, green, amber, amber+strict,"
            + " red")
    String ceiling = "";

    @Option(names = "--valid-from", paramLabel = "TIME",
        description = "when it takes effect (RFC 3339; default: now)")
    @Nullable String validFrom;

    @Option(names = "--valid-until", paramLabel = "TIME",
        description = "when it ends (RFC 3339; default: open-ended)")
    @Nullable String validUntil;

    @Override
    public Integer call() {
      AgreementKind k = AgreementKind.parse(kind);
      Tlp tlp = Tlp.fromName(ceiling).orElseThrow(() -> new IllegalArgumentException(
          "--ceiling: not a TLP level (clear, green, amber, amber+strict, red): " + ceiling));
      if (title.isBlank()) {
        throw new IllegalArgumentException("--title must not be blank");
      }
      ObjectNode body = AdminClient.object();
      body.put("kind", k.wireName());
      body.put("title", title);
      ArrayNode p = body.putArray("parties");
      parties.forEach(p::add);
      ArrayNode d = body.putArray("domains");
      for (String domain : domains) {
        String n = domain.strip().toLowerCase(Locale.ROOT);
        if (!Domains.ALL.contains(n)) {
          throw new IllegalArgumentException("--domain: not a domain (" + String.join(", ",
              Domains.ALL.stream().sorted().toList()) + "): " + domain);
        }
        d.add(n);
      }
      body.put("tlp_ceiling", tlp.wireName());
      // Without --valid-from the node's clock says when "now" is.
      Instant from = validFrom == null ? null : AdminClient.time("--valid-from", validFrom);
      if (from != null) {
        body.put("valid_from", from.toString());
      }
      if (validUntil != null) {
        Instant until = AdminClient.time("--valid-until", validUntil);
        if (from != null && !until.isAfter(from)) {
          throw new IllegalArgumentException("--valid-until must be after --valid-from");
        }
        body.put("valid_until", until.toString());
      }
      JsonNode answer = remote.client().post("api/agreements", body);
      if (!remote.printedJson(answer)) {
        remote.out().println("created draft agreement " + Text.field(answer, "id")
            + " (activate it with: kuroshio agreement activate " + Text.field(answer, "id")
            + ")");
      }
      return Main.OK;
    }
  }

  /** What the status commands share: the id, the reason, and the call. */
  abstract static class ChangeStatus implements Callable<Integer> {
    @Mixin AdminClient.Options remote;

    @Parameters(index = "0", paramLabel = "ID", description = "the agreement's id")
    String id = "";

    @Option(names = "--reason", paramLabel = "TEXT",
        description = "why, kept in the agreement's history")
    @Nullable String reason;

    abstract String status();

    @Override
    public Integer call() {
      ObjectNode body = AdminClient.object();
      body.put("status", status());
      if (reason != null) {
        body.put("reason", reason);
      }
      JsonNode answer = remote.client().post(path(id) + "/status", body);
      if (!remote.printedJson(answer)) {
        remote.out().println("agreement " + Text.clean(id) + " is now "
            + Text.field(answer, "status"));
      }
      return Main.OK;
    }
  }

  /** {@code kuroshio agreement activate ID}. */
  @Command(name = "activate", mixinStandardHelpOptions = true,
      description = "Activate a draft or suspended agreement: data flows from the next"
          + " request.")
  static final class Activate extends ChangeStatus {
    @Override
    String status() {
      return "active";
    }
  }

  /** {@code kuroshio agreement suspend ID}. */
  @Command(name = "suspend", mixinStandardHelpOptions = true,
      description = "Suspend an active agreement: the flow stops at once, until reactivated.")
  static final class Suspend extends ChangeStatus {
    @Override
    String status() {
      return "suspended";
    }
  }

  /** {@code kuroshio agreement terminate ID}. */
  @Command(name = "terminate", mixinStandardHelpOptions = true,
      description = "End an agreement for good.")
  static final class Terminate extends ChangeStatus {
    @Override
    String status() {
      return "terminated";
    }
  }

  /** {@code kuroshio agreement adopt FILE}. */
  @Command(name = "adopt", mixinStandardHelpOptions = true,
      description = {"Register an agreement recorded on a partner's node, as it is (its STIX"
          + " JSON, from a file or '-' for standard input), so both nodes name the same"
          + " collection."})
  static final class Adopt implements Callable<Integer> {
    @Mixin AdminClient.Options remote;

    @Parameters(index = "0", paramLabel = "FILE",
        description = "the agreement object (kuroshio-agreement JSON), at most 1 MiB")
    String file = "";

    @Override
    public Integer call() {
      JsonNode agreement;
      try {
        agreement = AdminClient.parse(read(file, remote.main()));
      } catch (JacksonException e) {
        throw new IllegalArgumentException(file + ": not JSON: " + e.getOriginalMessage(), e);
      }
      if (agreement == null || !agreement.isObject()) {
        throw new IllegalArgumentException(file + ": not a JSON object");
      }
      JsonNode answer = remote.client().post("api/agreements/adopt", agreement);
      if (!remote.printedJson(answer)) {
        remote.out().println("adopted agreement " + Text.field(answer, "id") + " ("
            + Text.field(answer, "status") + ")");
      }
      return Main.OK;
    }

    private static String read(String file, Main main) {
      byte[] bytes;
      try (InputStream in = file.equals("-") ? main.stdin() : Files.newInputStream(Path.of(file))) {
        bytes = in.readNBytes(MAX_FILE + 1);
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException(file + ": no such file", e);
      } catch (IOException e) {
        throw new Main.CommandFailure(file + ": cannot read: " + e.getMessage(), e);
      }
      if (bytes.length > MAX_FILE) {
        throw new IllegalArgumentException(file + ": larger than 1 MiB");
      }
      try {
        return StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        throw new IllegalArgumentException(file + ": not UTF-8 text", e);
      }
    }
  }
}
