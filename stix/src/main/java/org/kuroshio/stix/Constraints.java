package org.kuroshio.stix;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.TypeRegistry.TypeDef;
import tools.jackson.databind.JsonNode;

/**
 * The rules that involve several properties, per type (python-stix2's
 * {@code _check_object_constraints}): time order, mutually exclusive or co-required properties,
 * "at least one of", and the fixed shapes of TLP and Kuroshio extensions.
 */
final class Constraints {
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-(0\\d{3}|[1-9]\\d{3,})");
  private static final Pattern CAPEC = Pattern.compile("CAPEC-\\d+");
  private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");

  private Constraints() {}

  static void check(JsonNode o, TypeDef def, Ctx ctx) {
    order(o, "created", "modified", false, "modified-before-created", ctx);
    if (StixTypes.categoryOrNull(ctx.type) == StixTypes.Category.SCO) {
      checkScoId(o, ctx);
    }
    switch (ctx.type) {
      case "indicator" -> order(o, "valid_from", "valid_until", true,
          "valid-until-after-valid-from", ctx);
      case "campaign", "infrastructure", "intrusion-set", "threat-actor", "sighting" ->
          order(o, "first_seen", "last_seen", false, "last-seen-before-first-seen", ctx);
      case "observed-data" -> {
        order(o, "first_observed", "last_observed", false, "last-observed-before-first", ctx);
        boolean objects = o.has("objects");
        boolean refs = o.has("object_refs");
        if (objects == refs) {
          ctx.error(objects ? "objects" : "object_refs", "observed-data-content",
              "observed-data must have exactly one of object_refs and objects (deprecated)");
        }
      }
      case "relationship" -> {
        order(o, "start_time", "stop_time", true, "stop-time-after-start-time", ctx);
        JsonNode rt = o.get("relationship_type");
        if (rt != null && rt.isString() && !isRelationshipType(rt.asString())) {
          ctx.error("relationship_type", "invalid-value",
              "relationship_type must be lowercase letters, digits and hyphens");
        }
      }
      case "location" -> location(o, ctx);
      case "malware" -> {
        order(o, "first_seen", "last_seen", false, "last-seen-before-first-seen", ctx);
        JsonNode fam = o.get("is_family");
        if (fam != null && fam.isBoolean() && fam.booleanValue() && !o.has("name")) {
          ctx.error("name", "required-property", "name is required when is_family is true");
        }
      }
      case "malware-analysis" -> {
        if (!o.has("result") && !o.has("analysis_sco_refs")) {
          ctx.error("result", "at-least-one",
              "malware-analysis must have result or analysis_sco_refs");
        }
      }
      case "artifact" -> {
        if (o.has("payload_bin") && o.has("url")) {
          ctx.error("url", "mutually-exclusive", "artifact must not have both payload_bin and url");
        }
        if (o.has("url") && !o.has("hashes")) {
          ctx.error("hashes", "required-property", "hashes is required when url is present");
        }
      }
      case "email-message" -> {
        JsonNode mp = o.get("is_multipart");
        if (mp != null && mp.isBoolean()) {
          if (mp.booleanValue() && o.has("body")) {
            ctx.error("body", "email-body", "body must be absent when is_multipart is true");
          } else if (!mp.booleanValue() && o.has("body_multipart")) {
            ctx.error("body_multipart", "email-body",
                "body_multipart must be absent when is_multipart is false");
          }
        }
      }
      case "file" -> atLeastOne(o, ctx, "hashes", "name");
      case "network-traffic" -> {
        atLeastOne(o, ctx, "src_ref", "dst_ref");
        order(o, "start", "end", false, "end-before-start", ctx);
        JsonNode active = o.get("is_active");
        if (active != null && active.isBoolean() && active.booleanValue() && o.has("end")) {
          ctx.error("end", "network-traffic-active", "end must be absent when is_active is true");
        }
      }
      case "process", "x509-certificate" -> {
        if (!hasOwnProperty(o, def)) {
          ctx.error("", "at-least-one", ctx.type + " must have at least one property besides"
              + " the common ones");
        }
      }
      case "mac-addr" -> {
        JsonNode v = o.get("value");
        if (v != null && v.isString() && !MAC.matcher(v.asString()).matches()) {
          ctx.error("value", "invalid-value",
              "a MAC address must be six lowercase hex octets joined by colons");
        }
      }
      case "marking-definition" -> markingDefinition(o, ctx);
      case "language-content" -> languageContent(o, ctx);
      case "extension-definition" -> {
        if (o.has("extension_properties") && !listContains(o.get("extension_types"),
            "toplevel-property-extension")) {
          ctx.error("extension_properties", "extension-properties", "extension_properties is"
              + " allowed only with the toplevel-property-extension type");
        }
      }
      default -> { }
    }
  }

  private static boolean hasOwnProperty(JsonNode o, TypeDef def) {
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      switch (e.getKey()) {
        case "type", "id", "spec_version", "object_marking_refs", "granular_markings", "defanged"
            -> { }
        default -> {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isRelationshipType(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static void atLeastOne(JsonNode o, Ctx ctx, String a, String b) {
    if (!o.has(a) && !o.has(b)) {
      ctx.error(a, "at-least-one", ctx.type + " must have at least one of " + a + " and " + b);
    }
  }

  /** Checks that {@code later} is not before (or, when strict, not equal to) {@code earlier}. */
  private static void order(JsonNode o, String earlier, String later, boolean strictlyAfter,
      String rule, Ctx ctx) {
    Instant a = instant(o.get(earlier));
    Instant b = instant(o.get(later));
    if (a == null || b == null) {
      return;
    }
    int cmp = b.compareTo(a);
    if (cmp < 0 || (strictlyAfter && cmp == 0)) {
      ctx.error(later, rule, later + " must be " + (strictlyAfter ? "later than " : "no earlier"
          + " than ") + earlier);
    }
  }

  private static @Nullable Instant instant(@Nullable JsonNode n) {
    return n != null && n.isString() ? Timestamps.tryParse(n.asString()).orElse(null) : null;
  }

  private static void location(JsonNode o, Ctx ctx) {
    boolean lat = o.has("latitude");
    boolean lon = o.has("longitude");
    if (lat != lon) {
      ctx.error(lat ? "longitude" : "latitude", "location-coordinates",
          "latitude and longitude must be given together");
    }
    if (o.has("precision") && !(lat && lon)) {
      ctx.error("precision", "location-precision", "precision requires latitude and longitude");
    }
    if (!o.has("region") && !o.has("country") && !(lat && lon)) {
      ctx.error("region", "location-required",
          "location must have region, country, or latitude and longitude");
    }
  }

  private static void checkScoId(JsonNode o, Ctx ctx) {
    Optional<String> expected = ScoIds.tryDeterministicId(o);
    if (expected.isPresent() && !expected.get().equals(ctx.objectId)) {
      ctx.warn("id", "sco-id-mismatch", "the deterministic id of this " + ctx.type + " is "
          + expected.get());
    }
  }

  private static void markingDefinition(JsonNode o, Ctx ctx) {
    Optional<Tlp> tlp2 = Tlp.fromMarkingId(ctx.objectId)
        .filter(t -> t.markingId().equals(ctx.objectId));
    if (tlp2.isPresent()) {
      if (!tlp2.get().definition().json().equals(o)) {
        ctx.error("", "tlp-definition", "the TLP 2.0 marking-definition "
            + tlp2.get().displayName() + " must be exactly the OASIS object");
      }
      return;
    }
    JsonNode dt = o.get("definition_type");
    JsonNode def = o.get("definition");
    if (!o.has("extensions") && (dt == null || def == null)) {
      ctx.error(dt == null ? "definition_type" : "definition", "required-property",
          "definition_type and definition are required unless extensions are used");
    }
    if ((dt == null) != (def == null)) {
      ctx.error(dt == null ? "definition_type" : "definition", "required-property",
          "definition_type and definition go together");
    }
    if (dt == null || !dt.isString()) {
      return;
    }
    switch (dt.asString()) {
      case "statement" -> {
        if (def == null || !def.path("statement").isString()) {
          ctx.error("definition.statement", "required-property",
              "a statement marking needs definition.statement, a string");
        }
      }
      case "tlp" -> {
        Optional<Tlp> tlp1 = Tlp.fromMarkingId(ctx.objectId);
        String level = def == null ? "" : def.path("tlp").asString("");
        boolean matches = tlp1.isPresent() && (level.equals(tlp1.get().wireName())
            || (tlp1.get() == Tlp.CLEAR && level.equals("white")));
        if (!matches) {
          ctx.error("definition_type", "tlp-definition", "definition_type tlp is reserved for the"
              + " four TLP 1.0 marking-definitions with their fixed ids");
        }
      }
      default -> { }
    }
  }

  private static void languageContent(JsonNode o, Ctx ctx) {
    JsonNode contents = o.get("contents");
    if (contents == null || !contents.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : contents.properties()) {
      if (!e.getValue().isObject() || e.getValue().isEmpty()) {
        ctx.error("contents." + e.getKey(), "language-content",
            "each language in contents must map to a non-empty object of translated properties");
      }
    }
  }

  private static boolean listContains(@Nullable JsonNode list, String value) {
    if (list == null || !list.isArray()) {
      return false;
    }
    for (JsonNode n : list) {
      if (n.isString() && n.asString().equals(value)) {
        return true;
      }
    }
    return false;
  }

  // ---- embedded types and extensions

  static void checkEmbedded(String name, JsonNode v, String path, Ctx ctx) {
    switch (name) {
      case "external-reference" -> {
        String source = v.path("source_name").asString("");
        JsonNode ext = v.get("external_id");
        if (!v.has("description") && !v.has("url") && ext == null) {
          ctx.error(path, "external-reference",
              "an external reference needs description, url or external_id");
        }
        if (source.equals("cve") && !(ext != null && ext.isString()
            && CVE.matcher(ext.asString()).matches())) {
          ctx.error(path + ".external_id", "external-id", "source cve needs an external_id like"
              + " CVE-2021-44228");
        } else if (source.equals("capec") && !(ext != null && ext.isString()
            && CAPEC.matcher(ext.asString()).matches())) {
          ctx.error(path + ".external_id", "external-id", "source capec needs an external_id like"
              + " CAPEC-163");
        }
      }
      case "granular-marking" -> {
        boolean ref = v.has("marking_ref");
        boolean lang = v.has("lang");
        if (ref == lang) {
          ctx.error(path, "granular-marking",
              "a granular marking must have exactly one of marking_ref and lang");
        }
        JsonNode sel = v.get("selectors");
        if (sel != null && sel.isArray()) {
          for (int i = 0; i < sel.size(); i++) {
            JsonNode s = sel.get(i);
            if (s.isString() && Selectors.resolve(ctx.root, s.asString()) == null) {
              ctx.error(path + ".selectors[" + i + "]", "granular-selector", "selector \""
                  + s.asString() + "\" is malformed or names a property the object lacks");
            }
          }
        }
      }
      case "email-mime-part" -> {
        if (v.has("body") && v.has("body_raw_ref")) {
          ctx.error(path, "mutually-exclusive",
              "a MIME part must not have both body and body_raw_ref");
        }
      }
      default -> { }
    }
  }

  static void checkExtension(String key, JsonNode body, String path, Ctx ctx) {
    if (key.equals("tcp-ext") && !body.has("src_flags_hex") && !body.has("dst_flags_hex")) {
      ctx.error(path, "at-least-one", "tcp-ext must have src_flags_hex or dst_flags_hex");
    }
  }

  static void checkDefinedExtension(String key, JsonNode body, String path, Ctx ctx) {
    if (key.equals(Tlp.EXTENSION_ID)) {
      if (!ctx.type.equals("marking-definition")) {
        ctx.error(path, "extension-scope", "the TLP 2.0 extension belongs on marking-definitions");
      }
      JsonNode level = body.get("tlp_2_0");
      if (level == null || !level.isString() || Tlp.fromName(level.asString()).isEmpty()
          || level.asString().equals("white")) {
        ctx.error(path + ".tlp_2_0", "closed-vocabulary",
            "tlp_2_0 must be clear, green, amber, amber+strict or red");
      }
    } else if (key.equals(KuroshioExtensions.DOMAINS_ID)) {
      JsonNode list = body.get(KuroshioExtensions.DOMAINS_PROPERTY);
      String p = path + "." + KuroshioExtensions.DOMAINS_PROPERTY;
      if (list == null || !list.isArray() || list.isEmpty()) {
        ctx.error(p, "invalid-domains", "the domains extension needs a non-empty list of domains");
      } else {
        for (int i = 0; i < list.size(); i++) {
          JsonNode d = list.get(i);
          if (!d.isString() || !Domains.ALL.contains(d.asString())) {
            ctx.error(p + "[" + i + "]", "closed-vocabulary", d + " is not a domain; use one of "
                + String.join(", ", new java.util.TreeSet<>(Domains.ALL)));
          }
        }
      }
    } else if (key.equals(KuroshioExtensions.RELEASE_LIST_ID)) {
      String p = path + "." + KuroshioExtensions.RELEASE_LIST_PROPERTY;
      if (!ctx.type.equals("marking-definition")) {
        ctx.error(path, "extension-scope", "the release-list extension belongs on"
            + " marking-definitions");
      }
      JsonNode list = body.get(KuroshioExtensions.RELEASE_LIST_PROPERTY);
      if (list == null || !list.isArray() || list.isEmpty()) {
        ctx.error(p, "required-property", "a release list names at least one identity");
      } else {
        for (int i = 0; i < list.size(); i++) {
          JsonNode d = list.get(i);
          if (!d.isString() || !Identifiers.isValid(d.asString(), "identity")) {
            ctx.error(p + "[" + i + "]", "reference-type", "a release list holds identity ids");
          }
        }
      }
    }
  }
}
