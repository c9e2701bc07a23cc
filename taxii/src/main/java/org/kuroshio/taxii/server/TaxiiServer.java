package org.kuroshio.taxii.server;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.kuroshio.sharing.Accounts;
import org.kuroshio.sharing.NodeData;
import org.kuroshio.sharing.Principal;
import org.kuroshio.stix.IdGenerator;

/** Registers the TAXII 2.1 endpoints on a Javalin configuration. */
public final class TaxiiServer {
  /**
   * The request attribute under which the TAXII routes store the authenticated
   * {@link Principal}, so that request logs and metrics need not authenticate again.
   */
  public static final String PRINCIPAL_ATTRIBUTE = "kuroshio.principal";

  private TaxiiServer() {}

  /**
   * Returns who made the request, as the TAXII routes authenticated it; empty for requests
   * that did not reach a TAXII route or failed authentication.
   */
  public static Optional<Principal> principal(Context ctx) {
    return ctx.attribute(PRINCIPAL_ATTRIBUTE) instanceof Principal p ? Optional.of(p)
        : Optional.empty();
  }

  /**
   * Authenticates a request as the TAXII endpoints do: HTTP Basic or a Bearer token in the
   * {@code Authorization} header, checked against {@code accounts}. Other HTTP APIs of the node
   * call this so that every endpoint accepts the same credentials.
   *
   * @throws AuthenticationException when the credentials are missing, malformed or wrong; its
   *     message is fit for a 401 body
   */
  public static Principal authenticate(Context ctx, Accounts accounts) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      throw new AuthenticationException("credentials are required (HTTP Basic or Bearer token)");
    }
    int space = header.indexOf(' ');
    String scheme = space < 0 ? header : header.substring(0, space);
    String value = space < 0 ? "" : header.substring(space + 1).strip();
    Optional<Principal> principal;
    if (scheme.equalsIgnoreCase("Basic")) {
      principal = basic(value, accounts);
    } else if (scheme.equalsIgnoreCase("Bearer")) {
      principal = value.isEmpty() ? Optional.empty() : accounts.authenticateToken(value);
    } else {
      throw new AuthenticationException("unsupported authorisation scheme "
          + Filters.abbreviate(scheme) + " (use Basic or Bearer)");
    }
    return principal.orElseThrow(() -> new AuthenticationException("invalid credentials"));
  }

  private static Optional<Principal> basic(String value, Accounts accounts) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new AuthenticationException("malformed Basic credentials (not base64)");
    }
    String text = new String(decoded, StandardCharsets.UTF_8);
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new AuthenticationException(
          "malformed Basic credentials (no ':' between user and password)");
    }
    char[] password = text.substring(colon + 1).toCharArray();
    try {
      return accounts.authenticateBasic(text.substring(0, colon), password);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * Adds discovery ({@code /taxii2/}) and one API root ({@code /<apiRootPath>/...}) with every
   * TAXII 2.1 endpoint to the config, reading and writing only through {@code data}. Routes are
   * registered with trailing slashes; Javalin's default {@code ignoreTrailingSlashes} also
   * serves them without. Status ids are random UUIDs and request timestamps come from the
   * system clock.
   */
  public static void register(
      JavalinConfig config, NodeData data, Accounts accounts, TaxiiSettings settings) {
    register(config, data, accounts, settings, Clock.systemUTC(), IdGenerator.random());
  }

  /** As {@link #register(JavalinConfig, NodeData, Accounts, TaxiiSettings)}, with a clock and ids. */
  public static void register(JavalinConfig config, NodeData data, Accounts accounts,
      TaxiiSettings settings, Clock clock, IdGenerator ids) {
    new TaxiiRoutes(data, accounts, settings, clock, ids).register(config);
  }

  /**
   * Applies the server settings the TAXII endpoints are meant to run with: Jetty on virtual
   * threads. Call it once on the application's config (it affects every route).
   */
  public static void configureServer(JavalinConfig config) {
    config.concurrency.useVirtualThreads = true;
  }

  /** Returns a Javalin instance serving only TAXII (not started), for tests and small nodes. */
  public static Javalin create(NodeData data, Accounts accounts, TaxiiSettings settings) {
    return Javalin.create(config -> {
      configureServer(config);
      register(config, data, accounts, settings);
    });
  }
}
