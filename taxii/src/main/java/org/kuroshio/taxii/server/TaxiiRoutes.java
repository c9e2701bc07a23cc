package org.kuroshio.taxii.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.kuroshio.sharing.Accounts;
import org.kuroshio.sharing.CollectionView;
import org.kuroshio.sharing.IngestResult;
import org.kuroshio.sharing.NodeData;
import org.kuroshio.sharing.NotFoundException;
import org.kuroshio.sharing.ObjectResult;
import org.kuroshio.sharing.PolicyViolationException;
import org.kuroshio.sharing.Principal;
import org.kuroshio.stix.IdGenerator;
import org.kuroshio.stix.ParseLimits;
import org.kuroshio.stix.StixJson;
import org.kuroshio.stix.Timestamps;
import org.kuroshio.store.CollectionInfo;
import org.kuroshio.store.Page;
import org.kuroshio.store.StoredVersion;
import org.kuroshio.taxii.ApiRoot;
import org.kuroshio.taxii.Discovery;
import org.kuroshio.taxii.ManifestRecord;
import org.kuroshio.taxii.MediaTypes;
import org.kuroshio.taxii.Status;
import org.kuroshio.taxii.StatusDetails;
import org.kuroshio.taxii.TaxiiCollection;
import org.kuroshio.taxii.TaxiiError;
import org.kuroshio.taxii.Versions;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The TAXII 2.1 handlers. Each request passes, in order: authentication (401), the
 * {@code Accept} check (406), then the endpoint, which reaches data only through
 * {@link NodeData}. Every answer, errors included, is {@code application/taxii+json;version=2.1}.
 */
final class TaxiiRoutes {
  private static final System.Logger LOG = System.getLogger(TaxiiRoutes.class.getName());
  private static final String DATE_FIRST = "X-TAXII-Date-Added-First";
  private static final String DATE_LAST = "X-TAXII-Date-Added-Last";
  private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.US_ASCII);
  /** The methods TAXII paths answer, with the endpoint or with 405 (404 under unknown paths). */
  private static final List<HandlerType> METHODS = List.of(HandlerType.GET, HandlerType.HEAD,
      HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

  private final NodeData data;
  private final Accounts accounts;
  private final TaxiiSettings settings;
  private final Clock clock;
  private final IdGenerator ids;
  private final Cursors cursors = new Cursors();
  private final JsonMapper envelopeMapper;

  /** One endpoint's work once the principal is known. */
  @FunctionalInterface
  private interface Endpoint {
    void handle(Context ctx, Principal principal) throws Exception;
  }

  TaxiiRoutes(NodeData data, Accounts accounts, TaxiiSettings settings, Clock clock,
      IdGenerator ids) {
    this.data = data;
    this.accounts = accounts;
    this.settings = settings;
    this.clock = clock;
    this.ids = ids;
    this.envelopeMapper = StixJson.mapper(new ParseLimits(settings.maxNestingDepth(),
        settings.maxStringLength(), 250, settings.maxContentLength(),
        settings.maxObjectsPerRequest()));
  }

  void register(JavalinConfig config) {
    String root = "/" + settings.apiRootPath();
    String collection = root + "/collections/{collectionId}";
    String object = collection + "/objects/{objectId}";
    readOnly(config, "/taxii2/", this::discovery);
    readOnly(config, root + "/", this::apiRoot);
    readOnly(config, root + "/status/{statusId}/", this::status);
    readOnly(config, root + "/collections/", this::collections);
    readOnly(config, collection + "/", this::collection);
    readOnly(config, collection + "/manifest/", this::manifest);
    Handler getObjects = wrap(this::getObjects);
    route(config, collection + "/objects/", Map.of(HandlerType.GET, getObjects,
        HandlerType.HEAD, getObjects, HandlerType.POST, wrap(this::addObjects)));
    Handler getObject = wrap(this::getObject);
    route(config, object + "/", Map.of(HandlerType.GET, getObject, HandlerType.HEAD, getObject,
        HandlerType.DELETE, wrap(this::deleteObject)));
    readOnly(config, object + "/versions/", this::versions);
    for (String prefix : List.of("/taxii2/", root + "/")) {
      Handler unknown = wrap((ctx, p) -> {
        throw HttpFailure.notFound("no TAXII endpoint at " + Filters.abbreviate(ctx.path()));
      });
      for (HandlerType method : METHODS) {
        config.routes.addHttpHandler(method, prefix + "<rest>", unknown);
      }
    }
  }

  /** Serves {@code path} with GET and HEAD, and answers 405 to the other methods. */
  private void readOnly(JavalinConfig config, String path, Endpoint endpoint) {
    Handler handler = wrap(endpoint);
    route(config, path, Map.of(HandlerType.GET, handler, HandlerType.HEAD, handler));
  }

  /**
   * Registers {@code handlers} on {@code path} and a 405 answer, with an {@code Allow} header
   * and a TAXII error body, for every other method in {@link #METHODS}.
   */
  private static void route(JavalinConfig config, String path,
      Map<HandlerType, Handler> handlers) {
    String allow = METHODS.stream().filter(handlers::containsKey).map(HandlerType::name)
        .collect(Collectors.joining(", "));
    Handler notAllowed = ctx -> {
      ctx.header("Allow", allow);
      error(ctx, 405, "Method not allowed", ctx.method().name() + " is not supported on "
          + Filters.abbreviate(ctx.path()) + "; allowed: " + allow);
    };
    for (HandlerType method : METHODS) {
      config.routes.addHttpHandler(method, path, handlers.getOrDefault(method, notAllowed));
    }
  }

  // ---- the pipeline every request passes ----

  private Handler wrap(Endpoint endpoint) {
    return ctx -> {
      try {
        Principal principal = authenticate(ctx);
        ctx.attribute(TaxiiServer.PRINCIPAL_ATTRIBUTE, principal);
        String accept = ctx.header("Accept");
        if (accept == null || !MediaTypes.acceptsTaxii21(accept)) {
          throw new HttpFailure(406, "Not acceptable",
              "the Accept header must name " + MediaTypes.TAXII_21 + " (or "
                  + MediaTypes.TAXII + "); got " + (accept == null ? "none"
                  : Filters.abbreviate(accept)));
        }
        endpoint.handle(ctx, principal);
      } catch (HttpFailure f) {
        error(ctx, f.status(), f.title(), f.getMessage());
      } catch (NotFoundException e) {
        error(ctx, 404, "Not found", e.getMessage());
      } catch (PolicyViolationException e) {
        error(ctx, 403, "Forbidden", e.getMessage());
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "TAXII " + ctx.method() + " " + ctx.path()
            + " failed", e);
        error(ctx, 500, "Internal error", "the server failed to handle the request");
      }
    };
  }

  private Principal authenticate(Context ctx) {
    try {
      return TaxiiServer.authenticate(ctx, accounts);
    } catch (AuthenticationException e) {
      throw unauthorised(e.getMessage());
    }
  }

  private static HttpFailure unauthorised(String description) {
    return new HttpFailure(401, "Unauthorized", description);
  }

  private static void error(Context ctx, int status, String title, String description) {
    HttpFailure.prepareHeaders(ctx, status);
    ctx.status(status);
    ctx.contentType(MediaTypes.TAXII_21);
    ctx.result(StixJson.writeBytes(TaxiiError.of(status, title, description).toJson()));
  }

  private static void json(Context ctx, int status, JsonNode body) {
    ctx.status(status);
    ctx.contentType(MediaTypes.TAXII_21);
    ctx.result(StixJson.writeBytes(body));
  }

  // ---- endpoints ----

  private void discovery(Context ctx, Principal principal) {
    String rootUrl = baseUrl(ctx) + "/" + settings.apiRootPath() + "/";
    json(ctx, 200, new Discovery(settings.title(), settings.description(), settings.contact(),
        rootUrl, List.of(rootUrl)).toJson());
  }

  private void apiRoot(Context ctx, Principal principal) {
    json(ctx, 200, new ApiRoot(settings.apiRootTitle(), settings.description(),
        List.of(MediaTypes.TAXII_21), settings.maxContentLength()).toJson());
  }

  private void status(Context ctx, Principal principal) {
    String id = ctx.pathParam("statusId");
    String text = data.status(principal, id)
        .orElseThrow(() -> HttpFailure.notFound("no status with id " + Filters.abbreviate(id)));
    ctx.status(200);
    ctx.contentType(MediaTypes.TAXII_21);
    ctx.result(text.getBytes(StandardCharsets.UTF_8));
  }

  private void collections(Context ctx, Principal principal) {
    List<TaxiiCollection> out = new ArrayList<>();
    for (CollectionView c : data.collections(principal)) {
      out.add(resource(c));
    }
    json(ctx, 200, TaxiiCollection.listToJson(out));
  }

  private void collection(Context ctx, Principal principal) {
    String id = ctx.pathParam("collectionId");
    CollectionView c = data.collection(principal, id)
        .orElseThrow(() -> new NotFoundException("collection", id));
    json(ctx, 200, resource(c).toJson());
  }

  private static TaxiiCollection resource(CollectionView c) {
    CollectionInfo info = c.info();
    return new TaxiiCollection(info.id(), info.title(), info.description(), info.alias(),
        c.permission().canRead(), c.permission().canWrite(), info.mediaTypes());
  }

  private void getObjects(Context ctx, Principal principal) throws IOException {
    String cid = ctx.pathParam("collectionId");
    Filters f = Filters.parse(ctx.queryParamMap(), settings.maxPageSize());
    String scope = f.scope("objects|" + cid);
    Page<StoredVersion> page = data.query(principal, cid, f.query(null, true, cursor(f, scope)),
        "taxii.objects");
    writeEnvelope(ctx, page, scope);
  }

  private void getObject(Context ctx, Principal principal) throws IOException {
    String cid = ctx.pathParam("collectionId");
    String oid = ctx.pathParam("objectId");
    Filters f = Filters.parse(ctx.queryParamMap(), settings.maxPageSize());
    requireObject(principal, cid, oid);
    String scope = f.scope("object|" + cid + "|" + oid);
    Page<StoredVersion> page =
        data.query(principal, cid, f.query(Set.of(oid), true, cursor(f, scope)), "taxii.object");
    writeEnvelope(ctx, page, scope);
  }

  private void manifest(Context ctx, Principal principal) {
    String cid = ctx.pathParam("collectionId");
    Filters f = Filters.parse(ctx.queryParamMap(), settings.maxPageSize());
    String scope = f.scope("manifest|" + cid);
    Page<StoredVersion> page = data.query(principal, cid, f.query(null, false, cursor(f, scope)),
        "taxii.manifest");
    List<ManifestRecord> records = new ArrayList<>(page.items().size());
    for (StoredVersion v : page.items()) {
      records.add(new ManifestRecord(v.id(), v.dateAdded(), v.versionText(),
          "application/stix+json;version=" + v.specVersion()));
    }
    dateHeaders(ctx, page);
    json(ctx, 200, new org.kuroshio.taxii.Manifest(page.more(), next(page, scope), records)
        .toJson());
  }

  private void versions(Context ctx, Principal principal) {
    String cid = ctx.pathParam("collectionId");
    String oid = ctx.pathParam("objectId");
    Filters f = Filters.parseAllVersions(ctx.queryParamMap(), settings.maxPageSize());
    requireObject(principal, cid, oid);
    String scope = f.scope("versions|" + cid + "|" + oid);
    Page<StoredVersion> page = data.query(principal, cid,
        new org.kuroshio.store.ObjectQuery(f.addedAfter, Set.of(oid), Set.of(),
            org.kuroshio.store.VersionMatch.ALL, f.specVersions, f.limit, cursor(f, scope),
            false), "taxii.versions");
    List<String> versions = new ArrayList<>(page.items().size());
    for (StoredVersion v : page.items()) {
      versions.add(v.versionText());
    }
    dateHeaders(ctx, page);
    json(ctx, 200, new Versions(page.more(), next(page, scope), versions).toJson());
  }

  private void deleteObject(Context ctx, Principal principal) {
    String cid = ctx.pathParam("collectionId");
    String oid = ctx.pathParam("objectId");
    Filters f = Filters.parseAllVersions(ctx.queryParamMap(), settings.maxPageSize());
    requireObject(principal, cid, oid);
    data.delete(principal, cid, oid, f.versions, f.specVersions);
    ctx.status(200);
    ctx.contentType(MediaTypes.TAXII_21);
    ctx.result(new byte[0]);
  }

  private void addObjects(Context ctx, Principal principal) {
    Instant received = clock.instant();
    String contentType = ctx.header("Content-Type");
    if (contentType == null || !MediaTypes.isTaxii21(contentType)) {
      throw new HttpFailure(415, "Unsupported media type",
          "the Content-Type of a POST must be " + MediaTypes.TAXII_21 + "; got "
              + (contentType == null ? "none" : Filters.abbreviate(contentType)));
    }
    String cid = ctx.pathParam("collectionId");
    // Rights before reading the body: a refused POST costs no more than its headers.
    CollectionView c = data.collection(principal, cid)
        .orElseThrow(() -> new NotFoundException("collection", cid));
    if (!c.permission().canWrite()) {
      throw new PolicyViolationException("no write right on collection " + cid);
    }
    long declared = ctx.req().getContentLengthLong();
    if (declared > settings.maxContentLength()) {
      throw HttpFailure.tooLarge("the body has " + declared + " bytes; this API root accepts at"
          + " most " + settings.maxContentLength() + " (max_content_length)");
    }
    byte[] body = readBody(ctx);
    List<JsonNode> objects = parseEnvelope(body);
    IngestResult result;
    try {
      result = data.addJson(principal, cid, objects);
    } catch (IllegalArgumentException e) {
      // The ingest pipeline's own batch limit, when it is lower than maxObjectsPerRequest.
      throw HttpFailure.tooLarge(e.getMessage());
    }
    List<StatusDetails> successes = new ArrayList<>();
    List<StatusDetails> failures = new ArrayList<>();
    for (ObjectResult r : result.results()) {
      (r.success() ? successes : failures).add(new StatusDetails(r.id(), r.version(),
          r.message()));
    }
    Status status = Status.complete(ids.next().toString(), received, successes, failures);
    ObjectNode json = status.toJson();
    data.saveStatus(principal, status.id(), StixJson.write(json));
    json(ctx, 202, json);
  }

  private byte[] readBody(Context ctx) {
    long max = settings.maxContentLength();
    try (InputStream in = ctx.req().getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(
          (int) Math.min(Math.max(ctx.req().getContentLengthLong(), 1024), max));
      byte[] buf = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > max) {
          throw HttpFailure.tooLarge("the body is larger than " + max
              + " bytes, the most this API root accepts (max_content_length)");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw HttpFailure.badRequest("the request body could not be read: " + e.getMessage());
    }
  }

  private List<JsonNode> parseEnvelope(byte[] body) {
    JsonNode root;
    try {
      root = envelopeMapper.readTree(body);
    } catch (StreamConstraintsException e) {
      String m = StixJson.describe(e);
      boolean depth = m.toLowerCase(java.util.Locale.ROOT).contains("nesting depth");
      throw new HttpFailure(depth ? 400 : 413, depth ? "Bad request" : "Request too large",
          "the envelope breaks a parse limit: " + m);
    } catch (JacksonException e) {
      throw HttpFailure.badRequest(StixJson.parseFailure(e).getMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw HttpFailure.badRequest("the body is empty; expected an envelope {\"objects\": [...]}");
    }
    if (!root.isObject()) {
      throw unprocessable("the body is not an envelope: expected a JSON object with an"
          + " \"objects\" array");
    }
    JsonNode objects = root.get("objects");
    if (objects == null || !objects.isArray()) {
      throw unprocessable("the envelope has no \"objects\" array");
    }
    if (objects.size() > settings.maxObjectsPerRequest()) {
      throw HttpFailure.tooLarge("the envelope holds " + objects.size() + " objects; at most "
          + settings.maxObjectsPerRequest() + " are accepted per request");
    }
    List<JsonNode> out = new ArrayList<>(objects.size());
    for (int i = 0; i < objects.size(); i++) {
      JsonNode o = objects.get(i);
      if (!o.isObject()) {
        throw unprocessable("objects[" + i + "] is not a JSON object");
      }
      out.add(o);
    }
    return out;
  }

  private static HttpFailure unprocessable(String description) {
    return new HttpFailure(422, "Unprocessable envelope", description);
  }

  // ---- helpers ----

  private void requireObject(Principal principal, String cid, String oid) {
    if (!data.contains(principal, cid, oid)) {
      throw new NotFoundException("object", oid);
    }
  }

  private @Nullable String cursor(Filters f, String scope) {
    if (f.next == null) {
      return null;
    }
    String c = cursors.decode(f.next, scope);
    if (c == null) {
      throw HttpFailure.badRequest("next is unknown or expired, or belongs to other filters: "
          + Filters.abbreviate(f.next));
    }
    return c;
  }

  private @Nullable String next(Page<StoredVersion> page, String scope) {
    String n = page.next();
    return page.more() && n != null ? cursors.encode(n, scope) : null;
  }

  private static void dateHeaders(Context ctx, Page<StoredVersion> page) {
    if (!page.items().isEmpty()) {
      ctx.header(DATE_FIRST, Timestamps.formatMicros(page.items().get(0).dateAdded()));
      ctx.header(DATE_LAST,
          Timestamps.formatMicros(page.items().get(page.items().size() - 1).dateAdded()));
    }
  }

  /** Writes the envelope straight from the stored JSON texts, without parsing them again. */
  private void writeEnvelope(Context ctx, Page<StoredVersion> page, String scope)
      throws IOException {
    dateHeaders(ctx, page);
    ctx.status(200);
    ctx.contentType(MediaTypes.TAXII_21);
    if (page.items().isEmpty() && !page.more()) {
      ctx.result(EMPTY_OBJECT);
      return;
    }
    String next = next(page, scope);
    OutputStream out = new BufferedOutputStream(ctx.outputStream(), 64 * 1024);
    out.write(page.more() ? "{\"more\":true".getBytes(StandardCharsets.US_ASCII)
        : "{\"more\":false".getBytes(StandardCharsets.US_ASCII));
    if (next != null) {
      // next is base64url and '.', so it needs no escaping.
      out.write((",\"next\":\"" + next + "\"").getBytes(StandardCharsets.US_ASCII));
    }
    out.write(",\"objects\":[".getBytes(StandardCharsets.US_ASCII));
    boolean first = true;
    for (StoredVersion v : page.items()) {
      String json = v.json();
      if (json == null) {
        throw new IllegalStateException("the store returned a version without its body: "
            + v.id());
      }
      if (!first) {
        out.write(',');
      }
      first = false;
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
    out.write("]}".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Returns the configured public URL, else the one the request's scheme and Host imply. */
  private String baseUrl(Context ctx) {
    String configured = settings.publicUrl();
    if (configured != null) {
      return configured;
    }
    String scheme = ctx.scheme();
    String host = ctx.host();
    return scheme + "://" + (host == null ? "localhost" : host) + ctx.contextPath()
        .replaceAll("/$", "");
  }
}
