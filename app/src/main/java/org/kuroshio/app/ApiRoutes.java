package org.kuroshio.app;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.kuroshio.sharing.Accounts;
import org.kuroshio.sharing.Agreement;
import org.kuroshio.sharing.AgreementKind;
import org.kuroshio.sharing.AgreementStatus;
import org.kuroshio.sharing.AuditEntry;
import org.kuroshio.sharing.AuditLog;
import org.kuroshio.sharing.CollectionView;
import org.kuroshio.sharing.Credentials;
import org.kuroshio.sharing.Decision;
import org.kuroshio.sharing.Directory;
import org.kuroshio.sharing.Governance;
import org.kuroshio.sharing.NodeData;
import org.kuroshio.sharing.NotFoundException;
import org.kuroshio.sharing.Organisation;
import org.kuroshio.sharing.PeerRegistry;
import org.kuroshio.sharing.PolicyViolationException;
import org.kuroshio.sharing.Principal;
import org.kuroshio.sharing.Role;
import org.kuroshio.sharing.SharingState;
import org.kuroshio.stix.StixException;
import org.kuroshio.stix.StixJson;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Timestamps;
import org.kuroshio.stix.Tlp;
import org.kuroshio.store.Contribution;
import org.kuroshio.store.ObjectQuery;
import org.kuroshio.store.StoredVersion;
import org.kuroshio.store.VersionMatch;
import org.kuroshio.taxii.federation.Federation;
import org.kuroshio.taxii.federation.LinkHealth;
import org.kuroshio.taxii.federation.PassResult;
import org.kuroshio.taxii.server.AuthenticationException;
import org.kuroshio.taxii.server.HttpFailure;
import org.kuroshio.taxii.server.TaxiiServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The node's REST API under {@code /api/} (docs/API.md, the contract in
 * {@code openapi.yaml}): objects and policy through the release rule, organisations, users and
 * tokens, agreements, the audit log, federation, and the maritime picture
 * ({@link MaritimeRoutes}).
 *
 * <p>Every request passes, in order: authentication as for TAXII ({@link TaxiiServer#authenticate},
 * 401), the query parameters the endpoint knows (400 naming an unknown one), the caller's rights
 * (403), then the endpoint. Bodies are read only after that, through {@link ApiBody} (415, 413,
 * 400). Reads of intelligence go through {@link NodeData}, which applies the release rule and
 * records releases in the audit log; a thing the caller may not see answers as one that does not
 * exist (404 with the same body apart from the id). Provenance, releasability and explain release
 * no contents, so they are not recorded as releases.
 *
 * <p>"Node admin" is {@link Role#ADMIN} in the node's own organisation; "org admin" is
 * {@link Role#ADMIN} in any organisation, for its own users and tokens.
 */
final class ApiRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String JSON = "application/json";
  private static final List<HandlerType> METHODS = List.of(HandlerType.GET, HandlerType.POST,
      HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);
  private static final Pattern STIX_ID =
      Pattern.compile("[a-z][a-z0-9-]{0,249}--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}"
          + "-[0-9a-f]{12}");
  private static final Pattern STIX_TYPE = Pattern.compile("[a-z][a-z0-9-]{0,249}");
  private static final int MAX_PATH_PARAM = 300;
  private static final int MIN_PASSWORD = 12;
  private static final int MAX_PASSWORD = 1_024;
  private static final int DEFAULT_SEARCH_LIMIT = 50;
  private static final int MAX_SEARCH_LIMIT = 1_000;
  private static final int MAX_SEARCH_TEXT = 200;
  private static final int DEFAULT_AUDIT_LIMIT = 100;
  private static final String FEDERATION_DOWN = "federation is not running on this node";

  /** One registered route: a method and a Javalin path template. */
  record Route(HandlerType method, String path) {}

  /** One endpoint's work once the principal is known. */
  @FunctionalInterface
  private interface Endpoint {
    void handle(Context ctx, Principal principal);
  }

  private record Registered(Endpoint endpoint, Set<String> queryParams) {}

  private final NodeData data;
  private final Accounts accounts;
  private final Governance governance;
  private final Directory directory;
  private final AuditLog audit;
  private final PeerRegistry peers;
  private final Supplier<Optional<Federation>> federation;
  private final Clock clock;
  private final Map<Route, Registered> table = new LinkedHashMap<>();

  ApiRoutes(NodeData data, Accounts accounts, NodeServices services,
      Supplier<Optional<Federation>> federation, Clock clock) {
    this.data = data;
    this.accounts = accounts;
    this.governance = data.governance();
    this.directory = services.directory();
    this.audit = services.audit();
    this.peers = services.peers();
    this.federation = federation;
    this.clock = clock;
    define();
    new MaritimeRoutes(services.maritime(), governance).define((method, path, e, params) ->
        table.put(new Route(method, path), new Registered(e::handle, Set.of(params))));
  }

  private void define() {
    // Literal paths before templates that would also match them (Javalin takes the first).
    get("/api/objects/{id}", this::object, "version");
    get("/api/objects/{id}/provenance", this::provenance);
    get("/api/objects/{id}/releasability", this::releasability);
    get("/api/policy/explain", this::explain, "object", "org");
    get("/api/search", this::search, "q", "type", "limit");
    get("/api/organisations", this::organisations);
    on(HandlerType.POST, "/api/organisations", this::addOrganisation);
    get("/api/users", this::users, "organisation");
    on(HandlerType.POST, "/api/users", this::createUser);
    on(HandlerType.PATCH, "/api/users/{name}", this::updateUser);
    get("/api/users/{name}/tokens", this::tokens);
    on(HandlerType.POST, "/api/users/{name}/tokens", this::issueToken);
    on(HandlerType.DELETE, "/api/tokens/{id}", this::revokeToken);
    get("/api/agreements", this::agreements);
    on(HandlerType.POST, "/api/agreements", this::createAgreement);
    on(HandlerType.POST, "/api/agreements/adopt", this::adoptAgreement);
    get("/api/agreements/{id}", this::agreement);
    on(HandlerType.POST, "/api/agreements/{id}/status", this::changeStatus);
    get("/api/audit", this::audit, "organisation", "user", "object", "agreement", "from",
        "until", "after", "limit");
    get("/api/audit/verify", this::verifyAudit);
    get("/api/peers", this::peers);
    on(HandlerType.PUT, "/api/peers/{id}", this::putPeer);
    on(HandlerType.DELETE, "/api/peers/{id}", this::removePeer);
    on(HandlerType.POST, "/api/peers/{id}/sync", this::syncPeer);
    get("/api/federation/health", this::federationHealth);
  }

  private void get(String path, Endpoint endpoint, String... queryParams) {
    table.put(new Route(HandlerType.GET, path), new Registered(endpoint, Set.of(queryParams)));
  }

  private void on(HandlerType method, String path, Endpoint endpoint) {
    table.put(new Route(method, path), new Registered(endpoint, Set.of()));
  }

  /** Returns the routes this API serves, in registration order (the OpenAPI test reads it). */
  List<Route> routes() {
    return List.copyOf(table.keySet());
  }

  /**
   * Registers every route, then a 405 answer with an {@code Allow} header for the other methods
   * on each path. Call before TAXII registers its catch-all under the API root.
   */
  void register(JavalinConfig config) {
    Map<String, Set<HandlerType>> byPath = new LinkedHashMap<>();
    for (Map.Entry<Route, Registered> e : table.entrySet()) {
      Route r = e.getKey();
      config.routes.addHttpHandler(r.method(), r.path(), wrap(e.getValue()));
      byPath.computeIfAbsent(r.path(), k -> new HashSet<>()).add(r.method());
    }
    for (Map.Entry<String, Set<HandlerType>> e : byPath.entrySet()) {
      String allow = METHODS.stream().filter(e.getValue()::contains).map(HandlerType::name)
          .collect(Collectors.joining(", "));
      Handler notAllowed = ctx -> {
        ctx.header("Allow", allow);
        error(ctx, 405, "Method not allowed", ctx.method().name() + " is not supported on "
            + abbreviate(ctx.path()) + "; allowed: " + allow);
      };
      for (HandlerType m : METHODS) {
        if (!e.getValue().contains(m)) {
          config.routes.addHttpHandler(m, e.getKey(), notAllowed);
        }
      }
    }
  }

  // ---- the pipeline every request passes ----

  private Handler wrap(Registered registered) {
    return ctx -> {
      try {
        Principal principal;
        try {
          principal = TaxiiServer.authenticate(ctx, accounts);
        } catch (AuthenticationException e) {
          throw new HttpFailure(401, "Unauthorized", e.getMessage());
        }
        ctx.attribute(TaxiiServer.PRINCIPAL_ATTRIBUTE, principal);
        for (String name : ctx.queryParamMap().keySet()) {
          if (!registered.queryParams().contains(name)) {
            throw HttpFailure.badRequest("unknown query parameter \"" + abbreviate(name) + "\""
                + (registered.queryParams().isEmpty() ? " (this endpoint takes none)"
                : " (allowed: " + String.join(", ", sorted(registered.queryParams())) + ")"));
          }
        }
        ctx.header("Cache-Control", "no-store");
        registered.endpoint().handle(ctx, principal);
      } catch (HttpFailure f) {
        error(ctx, f.status(), f.title(), f.getMessage());
      } catch (NotFoundException e) {
        error(ctx, 404, "Not found", e.getMessage());
      } catch (PolicyViolationException e) {
        error(ctx, 403, "Forbidden", e.getMessage());
      } catch (IllegalArgumentException e) {
        error(ctx, 400, "Bad request", String.valueOf(e.getMessage()));
      } catch (RuntimeException e) {
        LOG.error("event=api_failure method={} path={}", ctx.method().name(),
            abbreviate(ctx.path()), e);
        error(ctx, 500, "Internal error", "the server failed to handle the request");
      }
    };
  }

  private static void error(Context ctx, int status, String title, String description) {
    HttpFailure.prepareHeaders(ctx, status);
    ObjectNode body = F.objectNode();
    body.put("title", title);
    body.put("description", description);
    body.put("http_status", status);
    send(ctx, status, body);
  }

  private static void send(Context ctx, int status, JsonNode body) {
    ctx.status(status);
    ctx.contentType(JSON);
    ctx.result(StixJson.writeBytes(body));
  }

  // ---- rights ----

  private boolean nodeAdmin(Principal p) {
    return p.has(Role.ADMIN) && p.organisation().equals(governance.state().nodeOrganisation());
  }

  private void requireNodeAdmin(Principal p, String what) {
    if (!nodeAdmin(p)) {
      throw HttpFailure.forbidden(what + " needs the admin role in the node's own organisation");
    }
  }

  /** Whether the principal administers the users of this organisation. */
  private boolean administers(Principal p, String organisation) {
    return nodeAdmin(p) || (p.has(Role.ADMIN) && p.organisation().equals(organisation));
  }

  /**
   * Returns a user the principal may manage (itself, a user of the organisation it administers,
   * or any user for a node admin); a user it may not manage answers as a missing one.
   */
  private Directory.User visibleUser(Principal p, String name) {
    Optional<Directory.User> u = directory.user(name);
    if (u.isEmpty() || !(u.get().name().equals(p.user())
        || administers(p, u.get().organisation()))) {
      throw new NotFoundException("user", name);
    }
    return u.get();
  }

  // ---- objects and policy ----

  private void object(Context ctx, Principal p) {
    String id = objectId(ctx);
    String version = Optional.ofNullable(ctx.queryParam("version")).orElse("all");
    VersionMatch match = switch (version) {
      case "all" -> VersionMatch.ALL;
      case "last" -> VersionMatch.LAST;
      case "first" -> new VersionMatch(true, false, false, Set.of());
      default -> throw HttpFailure.badRequest("version must be last, first or all; got "
          + abbreviate(version));
    };
    List<StoredVersion> versions = data.object(p, id, match, "api.object");
    if (versions.isEmpty()) {
      throw new NotFoundException("object", id);
    }
    StringBuilder out = new StringBuilder("{\"versions\":[");
    boolean first = true;
    for (StoredVersion v : versions) {
      if (v.json() == null) {
        throw new IllegalStateException("the door returned a version without its body: " + id);
      }
      out.append(first ? "" : ",").append(v.json());
      first = false;
    }
    out.append("]}");
    ctx.status(200);
    ctx.contentType(JSON);
    ctx.result(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Lists the contributions of the versions released to the caller (not audited). */
  private void provenance(Context ctx, Principal p) {
    String id = objectId(ctx);
    List<Contribution> all = data.provenance(p, id);
    if (all.isEmpty()) {
      throw new NotFoundException("object", id);
    }
    ArrayNode list = F.arrayNode();
    for (Contribution c : all) {
      ObjectNode o = list.addObject();
      o.put("version", c.version());
      o.put("organisation", c.organisation());
      o.put("node", c.node());
      o.put("agreement", c.agreement());
      o.put("at", Timestamps.formatMicros(c.at()));
    }
    ObjectNode body = F.objectNode();
    body.set("contributions", list);
    send(ctx, 200, body);
  }

  private void releasability(Context ctx, Principal p) {
    String id = objectId(ctx);
    Map<String, Decision> decisions = data.releasability(p, id);
    SharingState s = governance.state();
    ObjectNode body = F.objectNode();
    body.put("object", id);
    ArrayNode orgs = body.putArray("organisations");
    for (Map.Entry<String, Decision> e : decisions.entrySet()) {
      ObjectNode o = orgs.addObject();
      o.put("organisation", e.getKey());
      o.put("name", s.organisation(e.getKey()).map(Organisation::name).orElse(e.getKey()));
      decision(o, e.getValue());
    }
    send(ctx, 200, body);
  }

  private void explain(Context ctx, Principal p) {
    String object = QueryParams.requiredQuery(ctx, "object");
    if (!STIX_ID.matcher(object).matches()) {
      throw HttpFailure.badRequest("object is not a STIX id (type--uuid): " + abbreviate(object));
    }
    String org = QueryParams.requiredQuery(ctx, "org");
    if (governance.state().organisation(org).isEmpty()) {
      throw HttpFailure.badRequest("org names no organisation known to this node: "
          + abbreviate(org));
    }
    Decision d = data.explain(p, object, org);
    ObjectNode body = F.objectNode();
    body.put("object", object);
    body.put("organisation", org);
    decision(body, d);
    send(ctx, 200, body);
  }

  private static void decision(ObjectNode o, Decision d) {
    o.put("allowed", d.allowed());
    o.put("reason", d.reason().name());
    o.put("rule", d.reason().rule());
    o.put("agreement", d.agreementId());
    o.put("explanation", d.explanation());
  }

  private void search(Context ctx, Principal p) {
    String q = ctx.queryParam("q");
    if (q == null || q.isEmpty()) {
      throw HttpFailure.badRequest("q (the text to search for) is required");
    }
    if (q.length() > MAX_SEARCH_TEXT) {
      throw HttpFailure.badRequest("q is " + q.length() + " characters long; at most "
          + MAX_SEARCH_TEXT + " are accepted");
    }
    Set<String> types = new LinkedHashSet<>();
    for (String t : ctx.queryParams("type")) {
      for (String one : t.split(",", -1)) {
        if (!STIX_TYPE.matcher(one).matches()) {
          throw HttpFailure.badRequest("type is not a STIX type name: " + abbreviate(one));
        }
        types.add(one);
      }
    }
    if (types.size() > 100) {
      throw HttpFailure.badRequest("at most 100 types may be given");
    }
    int limit = QueryParams.intQuery(ctx, "limit", DEFAULT_SEARCH_LIMIT, 1, MAX_SEARCH_LIMIT);
    List<StoredVersion> found = data.search(p, q, types, limit);
    StringBuilder out = new StringBuilder("{\"objects\":[");
    boolean first = true;
    for (StoredVersion v : found) {
      if (v.json() != null) {
        out.append(first ? "" : ",").append(v.json());
        first = false;
      }
    }
    out.append("]}");
    ctx.status(200);
    ctx.contentType(JSON);
    ctx.result(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  // ---- organisations ----

  private void organisations(Context ctx, Principal p) {
    List<Organisation> orgs = new ArrayList<>(governance.state().organisations());
    orgs.sort(Comparator.comparing(Organisation::name).thenComparing(Organisation::id));
    ObjectNode body = F.objectNode();
    ArrayNode list = body.putArray("organisations");
    for (Organisation o : orgs) {
      list.add(organisation(o));
    }
    send(ctx, 200, body);
  }

  private static ObjectNode organisation(Organisation o) {
    ObjectNode n = F.objectNode();
    n.put("id", o.id());
    n.put("name", o.name());
    n.put("created", Timestamps.formatMillis(o.created()));
    return n;
  }

  private void addOrganisation(Context ctx, Principal p) {
    requireNodeAdmin(p, "registering an organisation");
    ApiBody body = ApiBody.read(ctx, "POST /api/organisations", Set.of("name", "id"));
    String name = body.string("name", Organisation.MAX_NAME);
    String id = body.optString("id", 100);
    if (id != null && governance.state().organisation(id).isPresent()) {
      throw HttpFailure.conflict("an organisation with id " + id + " is registered already");
    }
    send(ctx, 201, organisation(governance.addOrganisation(p, name, id)));
  }

  // ---- users and tokens ----

  private void users(Context ctx, Principal p) {
    String org = ctx.queryParam("organisation");
    List<Directory.User> list;
    if (nodeAdmin(p)) {
      list = directory.users(org);
    } else if (p.has(Role.ADMIN)) {
      if (org != null && !org.equals(p.organisation())) {
        throw HttpFailure.forbidden("an organisation's admin lists only its own organisation's"
            + " users");
      }
      list = directory.users(p.organisation());
    } else {
      throw HttpFailure.forbidden("listing users needs the admin role");
    }
    ObjectNode body = F.objectNode();
    ArrayNode users = body.putArray("users");
    for (Directory.User u : list) {
      users.add(user(u));
    }
    send(ctx, 200, body);
  }

  private static ObjectNode user(Directory.User u) {
    ObjectNode n = F.objectNode();
    n.put("name", u.name());
    n.put("organisation", u.organisation());
    ArrayNode roles = n.putArray("roles");
    EnumSet.copyOf(u.roles()).forEach(r -> roles.add(roleName(r)));
    n.put("disabled", u.disabled());
    n.put("created", Timestamps.formatMillis(u.created()));
    return n;
  }

  static String roleName(Role r) {
    return r.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static Set<Role> roles(List<String> names) {
    if (names.isEmpty()) {
      throw HttpFailure.badRequest("roles must name at least one role (admin, analyst, read-only,"
          + " machine)");
    }
    Set<Role> out = EnumSet.noneOf(Role.class);
    for (String n : names) {
      Role found = null;
      for (Role r : Role.values()) {
        if (roleName(r).equals(n.strip().toLowerCase(Locale.ROOT).replace('_', '-'))) {
          found = r;
        }
      }
      if (found == null) {
        throw HttpFailure.badRequest("not a role (admin, analyst, read-only, machine): "
            + abbreviate(n));
      }
      out.add(found);
    }
    return out;
  }

  private static String passwordHash(String password) {
    if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
      throw HttpFailure.badRequest("password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD
          + " characters long");
    }
    char[] chars = password.toCharArray();
    try {
      return Credentials.hashPassword(chars);
    } finally {
      java.util.Arrays.fill(chars, '\0');
    }
  }

  private void createUser(Context ctx, Principal p) {
    if (!p.has(Role.ADMIN)) {
      throw HttpFailure.forbidden("creating users needs the admin role");
    }
    ApiBody body = ApiBody.read(ctx, "POST /api/users",
        Set.of("name", "organisation", "roles", "password"));
    String name = body.string("name", 256);
    String org = Optional.ofNullable(body.optString("organisation", 100))
        .orElse(p.organisation());
    if (!administers(p, org)) {
      throw HttpFailure.forbidden("an organisation's admin creates users only in its own"
          + " organisation");
    }
    if (governance.state().organisation(org).isEmpty()) {
      throw HttpFailure.badRequest("organisation names no organisation known to this node: "
          + abbreviate(org));
    }
    Set<Role> roles = roles(body.strings("roles", 4, 20));
    String password = body.optString("password", MAX_PASSWORD);
    if (directory.user(name).isPresent()) {
      throw HttpFailure.conflict("a user named " + name + " exists already");
    }
    directory.createUser(name, org, roles, password == null ? null : passwordHash(password));
    send(ctx, 201, user(directory.user(name).orElseThrow()));
  }

  private void updateUser(Context ctx, Principal p) {
    String name = pathParam(ctx, "name");
    Directory.User u = visibleUser(p, name);
    ApiBody body = ApiBody.read(ctx, "PATCH /api/users/{name}",
        Set.of("roles", "password", "disabled"));
    List<String> roleNames = body.optStrings("roles", 4, 20);
    Boolean disabled = body.optBoolean("disabled");
    String password = body.optString("password", MAX_PASSWORD);
    if (roleNames == null && disabled == null && password == null) {
      throw HttpFailure.badRequest("the body of PATCH /api/users/{name} changes nothing: give"
          + " roles, password or disabled");
    }
    if ((roleNames != null || disabled != null) && !administers(p, u.organisation())) {
      throw HttpFailure.forbidden("changing roles or disabling a user needs the admin role in its"
          + " organisation; a user may change only its own password");
    }
    directory.updateUser(name, roleNames == null ? null : roles(roleNames),
        password == null ? null : passwordHash(password), disabled);
    send(ctx, 200, user(directory.user(name).orElseThrow()));
  }

  private void tokens(Context ctx, Principal p) {
    Directory.User u = visibleUser(p, pathParam(ctx, "name"));
    ObjectNode body = F.objectNode();
    ArrayNode list = body.putArray("tokens");
    for (Directory.Token t : directory.tokens(u.name())) {
      ObjectNode o = list.addObject();
      o.put("id", t.id());
      o.put("label", t.label());
      o.put("created", Timestamps.formatMillis(t.created()));
      o.put("expires", t.expires() == null ? null : Timestamps.formatMillis(t.expires()));
      o.put("revoked", t.revoked() == null ? null : Timestamps.formatMillis(t.revoked()));
    }
    send(ctx, 200, body);
  }

  private void issueToken(Context ctx, Principal p) {
    Directory.User u = visibleUser(p, pathParam(ctx, "name"));
    ApiBody body = ApiBody.read(ctx, "POST /api/users/{name}/tokens", Set.of("label", "expires"));
    String label = body.string("label", 200);
    Instant expires = body.optTime("expires");
    Directory.IssuedToken issued = directory.issueToken(u.name(), label, expires);
    ObjectNode o = F.objectNode();
    o.put("token", issued.secret());
    o.put("id", issued.token().id());
    o.put("label", issued.token().label());
    o.put("created", Timestamps.formatMillis(issued.token().created()));
    o.put("expires", issued.token().expires() == null ? null
        : Timestamps.formatMillis(issued.token().expires()));
    send(ctx, 201, o);
  }

  private void revokeToken(Context ctx, Principal p) {
    String id = pathParam(ctx, "id");
    boolean mayRevoke = nodeAdmin(p);
    if (!mayRevoke) {
      List<Directory.User> candidates = p.has(Role.ADMIN) ? directory.users(p.organisation())
          : directory.user(p.user()).map(List::of).orElse(List.of());
      for (Directory.User u : candidates) {
        if (directory.tokens(u.name()).stream().anyMatch(t -> t.id().equals(id))) {
          mayRevoke = true;
          break;
        }
      }
    }
    if (!mayRevoke || !directory.revokeToken(id, clock.instant())) {
      throw new NotFoundException("token", id);
    }
    ctx.status(204);
  }

  // ---- agreements ----

  private boolean mayRead(Principal p, Agreement a) {
    return nodeAdmin(p) || a.hasParty(p.organisation());
  }

  private void agreements(Context ctx, Principal p) {
    ObjectNode body = F.objectNode();
    ArrayNode list = body.putArray("agreements");
    for (Agreement a : governance.state().agreements()) {
      if (mayRead(p, a)) {
        list.add(a.toStix().json());
      }
    }
    send(ctx, 200, body);
  }

  private void agreement(Context ctx, Principal p) {
    String id = pathParam(ctx, "id");
    Agreement a = governance.state().agreement(id).filter(x -> mayRead(p, x))
        .orElseThrow(() -> new NotFoundException("agreement", id));
    send(ctx, 200, a.toStix().json());
  }

  private void createAgreement(Context ctx, Principal p) {
    requireNodeAdmin(p, "creating an agreement");
    ApiBody body = ApiBody.read(ctx, "POST /api/agreements", Set.of("kind", "title", "parties",
        "domains", "tlp_ceiling", "valid_from", "valid_until"));
    AgreementKind kind = AgreementKind.parse(body.string("kind", 64));
    String title = body.string("title", Agreement.MAX_TITLE);
    List<String> parties = body.strings("parties", Agreement.MAX_PARTIES, 100);
    Set<String> domains = new LinkedHashSet<>(body.strings("domains", 10, 64));
    String ceilingName = body.string("tlp_ceiling", 32);
    Tlp ceiling = Tlp.fromName(ceilingName).orElseThrow(() -> HttpFailure.badRequest(
        "tlp_ceiling is not a TLP level (clear, green, amber, amber+strict, red): "
            + abbreviate(ceilingName)));
    Instant from = Optional.ofNullable(body.optTime("valid_from")).orElse(clock.instant());
    Instant until = body.optTime("valid_until");
    Agreement a = governance.createAgreement(p, kind, title, parties, domains, ceiling, from,
        until);
    send(ctx, 201, a.toStix().json());
  }

  private void changeStatus(Context ctx, Principal p) {
    requireNodeAdmin(p, "changing an agreement's status");
    String id = pathParam(ctx, "id");
    ApiBody body = ApiBody.read(ctx, "POST /api/agreements/{id}/status",
        Set.of("status", "reason"));
    AgreementStatus status = AgreementStatus.parse(body.string("status", 32));
    String reason = Optional.ofNullable(body.optString("reason", 2_000)).orElse("");
    if (governance.state().agreement(id).isEmpty()) {
      throw new NotFoundException("agreement", id);
    }
    send(ctx, 200, governance.changeStatus(p, id, status, reason).toStix().json());
  }

  private void adoptAgreement(Context ctx, Principal p) {
    requireNodeAdmin(p, "adopting an agreement");
    ObjectNode json = ApiBody.object(ctx, "POST /api/agreements/adopt");
    Agreement a;
    try {
      a = Agreement.fromStix(StixObject.of(json));
    } catch (StixException e) {
      throw HttpFailure.badRequest("the body is not a kuroshio-agreement object: "
          + e.getMessage());
    }
    boolean known = governance.state().agreement(a.id()).isPresent();
    send(ctx, known ? 200 : 201, governance.adopt(p, a).toStix().json());
  }

  // ---- audit ----

  private void audit(Context ctx, Principal p) {
    String org = ctx.queryParam("organisation");
    if (!nodeAdmin(p)) {
      if (!p.has(Role.ADMIN)) {
        throw HttpFailure.forbidden("reading the audit log needs the admin role");
      }
      if (org != null && !org.equals(p.organisation())) {
        throw HttpFailure.forbidden("an organisation's admin reads only its own organisation's"
            + " audit entries");
      }
      org = p.organisation();
    }
    int limit = QueryParams.intQuery(ctx, "limit", DEFAULT_AUDIT_LIMIT, 1, AuditLog.Query.MAX_LIMIT);
    String afterText = ctx.queryParam("after");
    long after = 0;
    if (afterText != null) {
      try {
        after = Long.parseLong(afterText);
      } catch (NumberFormatException e) {
        after = -1;
      }
      if (after < 0) {
        throw HttpFailure.badRequest("after must be an entry number (0 or more): "
            + abbreviate(afterText));
      }
    }
    AuditLog.Query q = new AuditLog.Query(org, QueryParams.optQuery(ctx, "user"), QueryParams.optQuery(ctx, "object"),
        QueryParams.optQuery(ctx, "agreement"), QueryParams.timeQuery(ctx, "from"), QueryParams.timeQuery(ctx, "until"), after,
        limit);
    List<AuditLog.Recorded> found = audit.query(q);
    ObjectNode body = F.objectNode();
    ArrayNode entries = body.putArray("entries");
    for (AuditLog.Recorded r : found) {
      AuditEntry e = r.entry();
      ObjectNode o = entries.addObject();
      o.put("seq", r.seq());
      o.put("hash", r.hash());
      o.put("at", Timestamps.formatMicros(e.at()));
      o.put("user", e.user());
      o.put("organisation", e.organisation());
      o.put("action", e.action());
      o.put("collection", e.collection());
      ArrayNode items = o.putArray("items");
      for (AuditEntry.Item i : e.items()) {
        ObjectNode item = items.addObject();
        item.put("id", i.id());
        item.put("version", i.version());
        item.put("reason", i.reason());
        item.put("agreement", i.agreement());
      }
    }
    if (found.size() == limit) {
      body.put("next", found.getLast().seq());
    } else {
      body.putNull("next");
    }
    send(ctx, 200, body);
  }

  private void verifyAudit(Context ctx, Principal p) {
    requireNodeAdmin(p, "verifying the audit log");
    AuditLog.Verification v = audit.verify();
    ObjectNode body = F.objectNode();
    body.put("intact", v.intact());
    body.put("entries", v.entries());
    body.put("first_bad_seq", v.firstBadSeq());
    body.put("problem", v.problem());
    send(ctx, 200, body);
  }

  // ---- federation ----

  private static ObjectNode peer(PeerRegistry.Peer peer) {
    ObjectNode o = F.objectNode();
    o.put("id", peer.id());
    o.put("base_url", peer.baseUrl().toString());
    o.put("organisation", peer.organisation());
    o.put("auth", peer.auth() instanceof PeerRegistry.Bearer ? "bearer" : "basic");
    ArrayNode pull = o.putArray("pull");
    peer.pull().forEach(pull::add);
    ArrayNode push = o.putArray("push");
    peer.push().forEach(push::add);
    o.put("interval_seconds", peer.intervalSeconds());
    o.put("enabled", peer.enabled());
    return o;
  }

  private void peers(Context ctx, Principal p) {
    requireNodeAdmin(p, "listing peers");
    ObjectNode body = F.objectNode();
    ArrayNode list = body.putArray("peers");
    for (PeerRegistry.Peer peer : peers.peers()) {
      list.add(peer(peer));
    }
    send(ctx, 200, body);
  }

  private void putPeer(Context ctx, Principal p) {
    requireNodeAdmin(p, "configuring a peer");
    String id = pathParam(ctx, "id");
    ApiBody body = ApiBody.read(ctx, "PUT /api/peers/{id}", Set.of("base_url", "organisation",
        "token", "user", "password", "pull", "push", "interval_seconds", "enabled"));
    Optional<PeerRegistry.Peer> existing = peers.peer(id);
    String url = body.string("base_url", PeerRegistry.Peer.MAX_URL);
    URI base;
    try {
      base = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw HttpFailure.badRequest("base_url is not a URL: " + abbreviate(url));
    }
    String org = body.string("organisation", 100);
    if (governance.state().organisation(org).isEmpty()) {
      throw HttpFailure.badRequest("organisation names no organisation known to this node: "
          + abbreviate(org) + " (register it first)");
    }
    String token = body.optString("token", 4_096);
    String user = body.optString("user", 256);
    String password = body.optString("password", 1_024);
    PeerRegistry.Auth auth;
    if (token != null) {
      if (user != null || password != null) {
        throw HttpFailure.badRequest("give either token or user and password, not both");
      }
      auth = new PeerRegistry.Bearer(token);
    } else if (user != null || password != null) {
      if (user == null || password == null) {
        throw HttpFailure.badRequest("Basic authentication to a peer needs both user and"
            + " password");
      }
      auth = new PeerRegistry.Basic(user, password);
    } else if (existing.isPresent()) {
      auth = existing.get().auth();
    } else {
      throw HttpFailure.badRequest("a new peer needs credentials: token, or user and password");
    }
    List<String> pull = Optional.ofNullable(body.optStrings("pull",
        PeerRegistry.Peer.MAX_COLLECTIONS, 100)).orElse(List.of());
    List<String> push = Optional.ofNullable(body.optStrings("push",
        PeerRegistry.Peer.MAX_COLLECTIONS, 100)).orElse(List.of());
    int interval = Optional.ofNullable(body.optInt("interval_seconds")).orElse(300);
    boolean enabled = Optional.ofNullable(body.optBoolean("enabled")).orElse(true);
    PeerRegistry.Peer peer = new PeerRegistry.Peer(id, base, auth, org, pull, push, interval,
        enabled);
    peers.putPeer(peer);
    send(ctx, 200, peer(peers.peer(id).orElse(peer)));
  }

  private void removePeer(Context ctx, Principal p) {
    requireNodeAdmin(p, "removing a peer");
    String id = pathParam(ctx, "id");
    if (!peers.removePeer(id)) {
      throw new NotFoundException("peer", id);
    }
    ctx.status(204);
  }

  private Federation runningFederation() {
    return federation.get().orElseThrow(() -> HttpFailure.unavailable(FEDERATION_DOWN));
  }

  private void syncPeer(Context ctx, Principal p) {
    requireNodeAdmin(p, "synchronising with a peer");
    String id = pathParam(ctx, "id");
    Federation f = runningFederation();
    PeerRegistry.Peer peer = peers.peer(id).orElseThrow(() -> new NotFoundException("peer", id));
    if (!peer.enabled()) {
      throw HttpFailure.conflict("peer " + id + " is disabled; enable it first");
    }
    List<PassResult> passes = f.syncNow(id);
    ObjectNode body = F.objectNode();
    body.put("peer", id);
    ArrayNode list = body.putArray("passes");
    for (PassResult r : passes) {
      ObjectNode o = list.addObject();
      o.put("collection", r.collection());
      o.put("direction", r.direction().name().toLowerCase(Locale.ROOT));
      o.put("ok", r.ok());
      o.put("pages", r.pages());
      o.put("objects", r.objects());
      o.put("accepted", r.accepted());
      o.put("refused", r.refused());
      o.put("more", r.more());
      o.put("error", r.error());
    }
    body.set("peers", health(f.health(id)));
    send(ctx, 200, body);
  }

  private void federationHealth(Context ctx, Principal p) {
    requireNodeAdmin(p, "reading federation health");
    ObjectNode body = F.objectNode();
    body.set("peers", health(runningFederation().health()));
    send(ctx, 200, body);
  }

  private static ArrayNode health(List<LinkHealth> links) {
    ArrayNode list = F.arrayNode();
    for (LinkHealth h : links) {
      ObjectNode o = list.addObject();
      o.put("peer", h.peer());
      o.put("collection", h.collection());
      o.put("direction", h.direction().name().toLowerCase(Locale.ROOT));
      o.put("enabled", h.enabled());
      o.put("state", h.state().name().toLowerCase(Locale.ROOT));
      o.put("failures", h.consecutiveFailures());
      o.put("last_error", h.lastError());
      o.put("last_failure", time(h.lastFailure()));
      o.put("last_success", time(h.lastSuccess()));
      o.put("next_attempt", time(h.nextAttempt()));
      o.put("cursor", h.cursor());
    }
    return list;
  }

  // ---- parameters ----

  private static @Nullable String time(@Nullable Instant t) {
    return t == null ? null : Timestamps.formatMillis(t);
  }

  private static String objectId(Context ctx) {
    String id = pathParam(ctx, "id");
    if (!STIX_ID.matcher(id).matches()) {
      throw HttpFailure.badRequest("not a STIX id (type--uuid, lower case): " + abbreviate(id));
    }
    return id;
  }

  private static String pathParam(Context ctx, String name) {
    String v = ctx.pathParam(name);
    if (v.isEmpty() || v.length() > MAX_PATH_PARAM) {
      throw HttpFailure.badRequest(name + " must be 1 to " + MAX_PATH_PARAM + " characters long");
    }
    return v;
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  /** Cuts text for messages to 100 characters and replaces control characters. */
  static String abbreviate(String s) {
    String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
