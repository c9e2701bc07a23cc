package org.kuroshio.app;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.kuroshio.app.AdminClient.Table;
import org.kuroshio.app.AdminClient.Text;
import org.kuroshio.sharing.AuditEntry;
import org.kuroshio.sharing.AuditLog;
import org.kuroshio.sharing.SharingException;
import org.kuroshio.store.StixStore;
import org.kuroshio.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code kuroshio audit ...}: the hash-chained release log, read and verified. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = {"Read and verify the audit log of every release (who received which object"
        + " versions, under which agreement, when)."},
    subcommands = {AuditCommand.ListEntries.class, AuditCommand.Verify.class})
final class AuditCommand implements Runnable {
  /** Entries {@code audit list} asks for unless {@code --limit} says otherwise. */
  static final int DEFAULT_LIMIT = 100;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code kuroshio audit list [filters]}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = {"List audit entries of a running node, oldest first (REST API).",
          "Node administrators see every entry, an organisation's administrators their"
              + " organisation's."})
  static final class ListEntries implements Callable<Integer> {
    @Mixin AdminClient.Options remote;

    @Option(names = "--org", paramLabel = "ID", description = "only releases to this organisation")
    @Nullable String organisation;

    @Option(names = "--for-user", paramLabel = "NAME", description = "only releases to this user")
    @Nullable String forUser;

    @Option(names = "--object", paramLabel = "ID",
        description = "only entries releasing this object")
    @Nullable String object;

    @Option(names = "--agreement", paramLabel = "ID",
        description = "only entries with a release under this agreement")
    @Nullable String agreement;

    @Option(names = "--from", paramLabel = "TIME",
        description = "only entries at or after (RFC 3339)")
    @Nullable String from;

    @Option(names = "--until", paramLabel = "TIME", description = "only entries before (RFC 3339)")
    @Nullable String until;

    @Option(names = "--after", paramLabel = "SEQ",
        description = "only entries after this sequence number (the next page)")
    @Nullable Long after;

    @Option(names = "--limit", paramLabel = "N",
        description = "most entries (1 to " + AuditLog.Query.MAX_LIMIT + "; default: "
            + DEFAULT_LIMIT + ")")
    int limit = DEFAULT_LIMIT;

    @Option(names = "--items", description = "print each released object version too")
    boolean items;

    @Override
    public Integer call() {
      if (limit < 1 || limit > AuditLog.Query.MAX_LIMIT) {
        throw new IllegalArgumentException("--limit must be 1 to " + AuditLog.Query.MAX_LIMIT
            + ": " + limit);
      }
      if (after != null && after < 0) {
        throw new IllegalArgumentException("--after must not be negative: " + after);
      }
      String path = AdminClient.query("api/audit",
          "organisation", organisation, "user", forUser, "object", object,
          "agreement", agreement,
          "from", from == null ? null : AdminClient.time("--from", from),
          "until", until == null ? null : AdminClient.time("--until", until),
          "after", after, "limit", limit);
      JsonNode answer = remote.client().get(path);
      if (remote.printedJson(answer)) {
        return Main.OK;
      }
      PrintWriter out = remote.out();
      JsonNode entries = answer.path("entries");
      if (entries.isEmpty()) {
        out.println("no audit entries");
      }
      if (items) {
        for (JsonNode e : entries) {
          out.println(entryLine(e));
          for (JsonNode i : e.path("items")) {
            out.println("    " + itemLine(i));
          }
        }
      } else {
        Table t = new Table("SEQ", "AT", "USER", "ORGANISATION", "ACTION", "COLLECTION", "ITEMS");
        for (JsonNode e : entries) {
          t.row(Text.field(e, "seq"), Text.field(e, "at"), Text.field(e, "user"),
              Text.field(e, "organisation"), Text.field(e, "action"),
              Text.field(e, "collection"), String.valueOf(e.path("items").size()));
        }
        if (!entries.isEmpty()) {
          t.print(out, "");
        }
      }
      JsonNode next = answer.get("next");
      if (next != null && next.isNumber()) {
        remote.err().println("kuroshio: more entries: continue with --after " + next.asLong());
      }
      return Main.OK;
    }
  }

  private static String entryLine(JsonNode e) {
    return "entry " + Text.field(e, "seq") + ": at " + Text.field(e, "at") + ", user "
        + Text.field(e, "user") + " of " + Text.field(e, "organisation") + ", action "
        + Text.field(e, "action")
        + (Text.field(e, "collection").isEmpty() ? "" : ", collection "
            + Text.field(e, "collection"))
        + ", " + e.path("items").size() + " item(s), hash " + Text.field(e, "hash");
  }

  private static String itemLine(JsonNode i) {
    return Text.field(i, "id") + " " + Text.field(i, "version") + " " + Text.field(i, "reason")
        + (Text.field(i, "agreement").isEmpty() ? "" : " " + Text.field(i, "agreement"));
  }

  /** {@code kuroshio audit verify}. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Recompute the audit log's hash chain: any edited, removed or reordered"
          + " entry breaks it.",
          "By default asks the running node (REST API, node administrators). With --offline"
              + " (or --config) opens the database of a stopped node instead.",
          "Exits 0 when the chain is intact, 1 when it is broken (naming the first bad entry"
              + " and the problem)."})
  static final class Verify implements Callable<Integer> {
    @Mixin AdminClient.Options remote;
    @Mixin ConfigOption config;

    @Option(names = "--offline",
        description = "open the database of a stopped node (its configuration: --config,"
            + " $KUROSHIO_CONFIG, KUROSHIO_* variables) instead of asking a running one")
    boolean offline;

    @Override
    public Integer call() {
      boolean local = offline || config.file != null;
      if (local && (remote.urlGiven() || remote.credentialsGiven())) {
        throw new IllegalArgumentException("--offline (or --config) opens the database itself:"
            + " --url, --user and --token-env do not apply");
      }
      return local ? offline() : online();
    }

    private int online() {
      AdminClient client = remote.client();
      JsonNode answer = client.get("api/audit/verify");
      if (remote.printedJson(answer)) {
        return answer.path("intact").asBoolean(false) ? Main.OK : Main.PROBLEMS;
      }
      boolean intact = answer.path("intact").asBoolean(false);
      long entries = answer.path("entries").asLong(0);
      JsonNode bad = answer.get("first_bad_seq");
      Long seq = bad != null && bad.isNumber() ? bad.asLong() : null;
      String entry = null;
      if (!intact && seq != null) {
        try {
          JsonNode page = client.get(AdminClient.query("api/audit", "after", seq - 1,
              "limit", 1));
          for (JsonNode e : page.path("entries")) {
            if (e.path("seq").asLong(-1) == seq) {
              entry = entryLine(e);
            }
          }
        } catch (Main.CommandFailure e) {
          // The entry itself may be unreadable; the verdict stands without it.
        }
      }
      return report(intact, entries, seq, Text.field(answer, "problem"), entry);
    }

    private int offline() {
      AppConfig c = config.load(remote.main());
      try (StixStore store = openStore(c)) {
        AuditLog audit = AuditLog.open(store.database(), Clock.systemUTC());
        AuditLog.Verification v = audit.verify();
        if (remote.json) {
          ObjectNode o = AdminClient.object();
          o.put("intact", v.intact());
          o.put("entries", v.entries());
          if (v.firstBadSeq() != null) {
            o.put("first_bad_seq", v.firstBadSeq().longValue());
          } else {
            o.putNull("first_bad_seq");
          }
          o.put("problem", v.problem());
          remote.out().println(AdminClient.pretty(o));
          return v.intact() ? Main.OK : Main.PROBLEMS;
        }
        String entry = null;
        Long seq = v.firstBadSeq();
        if (!v.intact() && seq != null && seq > 0) {
          entry = storedEntry(audit, seq);
        }
        return report(v.intact(), v.entries(), seq, v.problem() == null ? "" : v.problem(),
            entry);
      } catch (SharingException e) {
        throw new Main.CommandFailure("cannot verify the audit log: " + e.getMessage(), e);
      }
    }

    /** Describes a stored entry, or returns null when it is gone or cannot be read. */
    private static @Nullable String storedEntry(AuditLog audit, long seq) {
      try {
        List<AuditLog.Recorded> r = audit.query(new AuditLog.Query(null, null, null, null, null,
            null, seq - 1, 1));
        if (r.isEmpty() || r.get(0).seq() != seq) {
          return null;
        }
        AuditEntry e = r.get(0).entry();
        return "entry " + seq + ": at " + e.at() + ", user " + Text.clean(e.user()) + " of "
            + Text.clean(e.organisation()) + ", action " + Text.clean(e.action())
            + (e.collection() == null ? "" : ", collection " + Text.clean(e.collection()))
            + ", " + e.items().size() + " item(s), hash " + r.get(0).hash();
      } catch (RuntimeException e) {
        return null;
      }
    }

    private int report(boolean intact, long entries, @Nullable Long seq, String problem,
        @Nullable String entry) {
      PrintWriter out = remote.out();
      if (intact) {
        out.println("audit log intact: " + entries + " entries verified");
        return Main.OK;
      }
      out.println("audit log BROKEN at entry " + (seq == null ? "?" : seq) + ": "
          + Text.clean(problem) + " (" + entries + " entries checked)");
      if (entry != null) {
        out.println("  " + entry);
      }
      return Main.PROBLEMS;
    }
  }

  /**
   * Opens a stopped node's store, explaining the usual reason when an embedded database is
   * locked (the same words as the other offline commands).
   */
  private static StixStore openStore(AppConfig config) {
    try {
      return Node.openStore(config);
    } catch (StoreException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("already in use") || m.contains("locked")) {
        throw new Main.CommandFailure("the database is in use by another process (is the node"
            + " running? stop it, or ask it with --url): " + m, e);
      }
      throw e;
    }
  }
}
