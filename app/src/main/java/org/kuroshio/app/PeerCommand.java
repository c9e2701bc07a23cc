package org.kuroshio.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.kuroshio.app.AdminClient.Table;
import org.kuroshio.app.AdminClient.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code kuroshio peer ...}: the federation peers of a running node, over its REST API. */
@Command(name = "peer", mixinStandardHelpOptions = true,
    description = {"Tell a running node about its federation peers: which of their collections"
        + " to pull, which to push to, how often (REST API, node administrators)."},
    subcommands = {PeerCommand.ListPeers.class, PeerCommand.AddPeer.class,
        PeerCommand.RemovePeer.class, PeerCommand.SyncPeer.class, PeerCommand.Health.class})
final class PeerCommand implements Runnable {
  /** Seconds between pulls unless {@code --interval} says otherwise. */
  static final int DEFAULT_INTERVAL = 300;

  /** How long {@code peer sync} waits for the pass to finish. */
  static final Duration SYNC_TIMEOUT = Duration.ofMinutes(30);

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  private static String path(String id) {
    return "api/peers/" + AdminClient.segment(id);
  }

  /** {@code kuroshio peer list}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the peers (never their credentials).")
  static final class ListPeers implements Callable<Integer> {
    @Mixin AdminClient.Options remote;

    @Override
    public Integer call() {
      JsonNode answer = remote.client().get("api/peers");
      if (!remote.printedJson(answer)) {
        Table t = new Table("ID", "BASE URL", "ORGANISATION", "PULL", "PUSH", "INTERVAL",
            "ENABLED");
        for (JsonNode p : answer.path("peers")) {
          t.row(Text.field(p, "id"), Text.field(p, "base_url"), Text.field(p, "organisation"),
              Text.field(p, "pull"), Text.field(p, "push"),
              Text.field(p, "interval_seconds").isEmpty() ? ""
                  : Text.field(p, "interval_seconds") + " s",
              Text.field(p, "enabled"));
        }
        t.print(remote.out(), "no peers");
      }
      return Main.OK;
    }
  }

  /** {@code kuroshio peer add ID ...}: registers or replaces a peer. */
  @Command(name = "add", mixinStandardHelpOptions = true,
      description = {"Register a peer (or replace its settings). Its credentials come from"
          + " environment variables, never from the command line."})
  static final class AddPeer implements Callable<Integer> {
    @Mixin AdminClient.Options remote;

    @Parameters(index = "0", paramLabel = "ID", description = "a name for the peer")
    String id = "";

    @Option(names = "--base-url", required = true, paramLabel = "URL",
        description = "the peer's TAXII API root, such as https://peer.example.org/api/")
    String baseUrl = "";

    @Option(names = "--organisation", required = true, paramLabel = "ID",
        description = "the organisation that runs the peer (identity--...)")
    String organisation = "";

    @Option(names = "--peer-token-env", paramLabel = "VAR",
        description = "the environment variable holding the API token the peer gave this node")
    @Nullable String peerTokenEnv;

    @Option(names = "--peer-user", paramLabel = "NAME",
        description = "sign in to the peer with HTTP Basic as this user")
    @Nullable String peerUser;

    @Option(names = "--peer-password-env", paramLabel = "VAR",
        description = "with --peer-user: the environment variable holding its password")
    @Nullable String peerPasswordEnv;

    @Option(names = "--pull", required = true, arity = "1..*", paramLabel = "COLLECTION",
        description = "the peer's collections to pull from (ids)")
    List<String> pull = new ArrayList<>();

    @Option(names = "--push", arity = "1..*", paramLabel = "COLLECTION",
        description = "the peer's collections to push this node's objects to (ids)")
    List<String> push = new ArrayList<>();

    @Option(names = "--interval", paramLabel = "SECONDS",
        description = "seconds between passes (default: ${DEFAULT-VALUE})")
    int interval = DEFAULT_INTERVAL;

    @Option(names = "--disabled", description = "register it without pulling or pushing yet")
    boolean disabled;

    @Override
    public Integer call() {
      if (interval < 1) {
        throw new IllegalArgumentException("--interval must be at least 1 second: " + interval);
      }
      ObjectNode body = AdminClient.object();
      body.put("base_url", checkedUrl(baseUrl));
      body.put("organisation", organisation);
      credentials(body);
      ArrayNode p = body.putArray("pull");
      pull.forEach(p::add);
      ArrayNode q = body.putArray("push");
      push.forEach(q::add);
      body.put("interval_seconds", interval);
      body.put("enabled", !disabled);
      JsonNode answer = remote.client().put(path(id), body);
      if (!remote.printedJson(answer)) {
        remote.out().println("registered peer " + Text.clean(id) + " at "
            + Text.field(answer, "base_url") + ": pulls " + Text.field(answer, "pull")
            + (Text.field(answer, "push").isEmpty() ? "" : ", pushes "
                + Text.field(answer, "push")));
      }
      return Main.OK;
    }

    private void credentials(ObjectNode body) {
      Map<String, String> env = remote.main().environment();
      if ((peerTokenEnv == null) == (peerUser == null)) {
        throw new IllegalArgumentException("give the peer's credentials one way: --peer-token-env"
            + " VAR, or --peer-user NAME with --peer-password-env VAR");
      }
      if (peerTokenEnv != null) {
        if (peerPasswordEnv != null) {
          throw new IllegalArgumentException("--peer-password-env needs --peer-user, not"
              + " --peer-token-env");
        }
        body.put("token", secret(env, "--peer-token-env", peerTokenEnv));
        return;
      }
      if (peerPasswordEnv == null) {
        throw new IllegalArgumentException("--peer-user needs --peer-password-env VAR (the"
            + " environment variable holding the password)");
      }
      body.put("user", peerUser);
      body.put("password", secret(env, "--peer-password-env", peerPasswordEnv));
    }

    private static String secret(Map<String, String> env, String option, String var) {
      String v = env.get(var);
      if (v == null || v.isEmpty()) {
        throw new IllegalArgumentException(option + " " + var + ": the environment variable is"
            + " unset or empty");
      }
      return v;
    }

    private static String checkedUrl(String text) {
      try {
        URI u = new URI(text.strip());
        String scheme = u.getScheme();
        if (scheme == null || u.getHost() == null
            || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
            || u.getRawUserInfo() != null || u.getRawQuery() != null
            || u.getRawFragment() != null) {
          throw new IllegalArgumentException("--base-url must be an absolute http or https URL"
              + " without user name, query or fragment: " + text);
        }
        return u.toString();
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("--base-url: not a URL: " + text, e);
      }
    }
  }

  /** {@code kuroshio peer remove ID}. */
  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Forget a peer (what it sent stays).")
  static final class RemovePeer implements Callable<Integer> {
    @Mixin AdminClient.Options remote;

    @Parameters(index = "0", paramLabel = "ID") String id = "";

    @Override
    public Integer call() {
      JsonNode answer = remote.client().delete(path(id));
      if (!remote.printedJson(answer)) {
        remote.out().println("removed peer " + Text.clean(id));
      }
      return Main.OK;
    }
  }

  /** {@code kuroshio peer sync ID}. */
  @Command(name = "sync", mixinStandardHelpOptions = true,
      description = "Run one pull and push pass with a peer now.")
  static final class SyncPeer implements Callable<Integer> {
    @Mixin AdminClient.Options remote;

    @Parameters(index = "0", paramLabel = "ID") String id = "";

    @Override
    public Integer call() {
      JsonNode answer = remote.client().post(path(id) + "/sync", null, SYNC_TIMEOUT);
      if (!remote.printedJson(answer)) {
        Table t = new Table("COLLECTION", "DIRECTION", "OK", "PAGES", "OBJECTS", "ACCEPTED",
            "REFUSED", "MORE", "ERROR");
        for (JsonNode r : answer.path("passes")) {
          t.row(Text.field(r, "collection"), Text.field(r, "direction"), Text.field(r, "ok"),
              Text.field(r, "pages"), Text.field(r, "objects"), Text.field(r, "accepted"),
              Text.field(r, "refused"), Text.field(r, "more"),
              Text.clip(Text.field(r, "error"), 80));
        }
        t.print(remote.out(), "no passes ran (the peer has no collections to pull or push)");
        printHealth(remote, answer);
      }
      return Main.OK;
    }
  }

  /** {@code kuroshio peer health}. */
  @Command(name = "health", mixinStandardHelpOptions = true,
      description = "Show each peer collection's state: up or failing, failures, last error.")
  static final class Health implements Callable<Integer> {
    @Mixin AdminClient.Options remote;

    @Override
    public Integer call() {
      JsonNode answer = remote.client().get("api/federation/health");
      if (!remote.printedJson(answer)) {
        printHealth(remote, answer);
      }
      return Main.OK;
    }
  }

  private static void printHealth(AdminClient.Options remote, JsonNode answer) {
    Table t = new Table("PEER", "COLLECTION", "DIRECTION", "STATE", "FAILURES", "LAST SUCCESS",
        "NEXT ATTEMPT", "LAST ERROR");
    for (JsonNode h : answer.path("peers")) {
      t.row(Text.field(h, "peer"), Text.field(h, "collection"), Text.field(h, "direction"),
          Text.field(h, "state"),
          Text.field(h, "failures"), Text.field(h, "last_success"),
          Text.field(h, "next_attempt"), Text.clip(Text.field(h, "last_error"), 80));
    }
    t.print(remote.out(), "no peer health yet");
  }
}
