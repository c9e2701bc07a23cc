package org.kuroshio.stix;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kuroshio.stix.TypeRegistry.Kind;
import org.kuroshio.stix.TypeRegistry.PropDef;
import org.kuroshio.stix.TypeRegistry.TypeDef;
import tools.jackson.databind.JsonNode;

/**
 * Validates single STIX 2.1 objects against the specification's MUSTs, driven by the type
 * registry (property tables) plus the multi-property rules in {@link Constraints}.
 *
 * <p>Strict validation reports every MUST violation as an error; lenient validation reports them
 * as warnings, except the fatal ones (not a JSON object, missing or invalid {@code type} or
 * {@code id}), which are errors in both modes. SHOULD violations, values outside open
 * vocabularies, unknown (custom) types and SCO ids that differ from the deterministic id are
 * always warnings. Each {@link Issue} names the object, the property path and a short rule name.
 *
 * <p>Thread-safe and reusable. It reads the tree in one pass and never re-serialises it.
 */
public final class Validator {
  private static final Validator STRICT = new Validator(true);
  private static final Validator LENIENT = new Validator(false);
  private static final Set<String> RESERVED_PROPERTIES =
      Set.of("severity", "action", "username", "phone_numbers");
  private static final String EXT_DEF_PREFIX = "extension-definition--";

  private final boolean strict;
  private final TypeRegistry registry = TypeRegistry.INSTANCE;
  private final TypeDef customDef;
  private final TypeDef sdoCommon;
  private final TypeDef scoCommon;

  private Validator(boolean strict) {
    this.strict = strict;
    this.sdoCommon = registry.groups.get("sdo-common");
    this.scoCommon = registry.groups.get("sco-common");
    TypeDef custom = new TypeDef("custom", null);
    scoCommon.props.values().forEach(p -> custom.props.put(p.name, p));
    sdoCommon.props.values().forEach(p -> custom.props.put(p.name, p));
    custom.props.remove("spec_version");
    custom.props.remove("created");
    custom.props.remove("modified");
    this.customDef = custom;
  }

  /** Returns a validator that reports MUST violations as errors. */
  public static Validator strict() {
    return STRICT;
  }

  /** Returns a validator that reports non-fatal MUST violations as warnings. */
  public static Validator lenient() {
    return LENIENT;
  }

  /** Returns whether this validator is strict. */
  public boolean isStrict() {
    return strict;
  }

  /** Validates a parsed object. */
  public ValidationReport validate(StixObject object) {
    return validate(object.json());
  }

  /**
   * Validates any JSON value. A value that is not a JSON object, or lacks a valid type or id,
   * yields a fatal error. A bundle is checked for shape and each of its objects is validated.
   */
  public ValidationReport validate(JsonNode node) {
    if (node == null || !node.isObject()) {
      Ctx ctx = new Ctx(strict, "?", node, "?");
      ctx.fatal("", "not-an-object", "a STIX object must be a JSON object, not "
          + (node == null ? "nothing" : node.getNodeType().name().toLowerCase()));
      return ctx.report();
    }
    JsonNode typeNode = node.get("type");
    JsonNode idNode = node.get("id");
    String id = idNode != null && idNode.isString() ? idNode.asString() : null;
    String where = id != null ? id : (typeNode != null && typeNode.isString()
        ? typeNode.asString() : "?");
    if (typeNode == null || !typeNode.isString()) {
      Ctx ctx = new Ctx(strict, where, node, "?");
      ctx.fatal("type", typeNode == null ? "required-property" : "property-type",
          typeNode == null ? "type is required" : "type must be a string");
      return ctx.report();
    }
    String type = typeNode.asString();
    Ctx ctx = new Ctx(strict, where, node, type);
    if (!Identifiers.isTypeName(type)) {
      ctx.fatal("type", "invalid-type", "type \"" + type + "\" is not a valid STIX type name"
          + " (3-250 characters of a-z, 0-9 and single hyphens, starting with a letter)");
      return ctx.report();
    }
    if (idNode == null) {
      ctx.fatal("id", "required-property", "id is required");
      return ctx.report();
    }
    if (id == null || !Identifiers.isValid(id, type)) {
      ctx.fatal("id", "invalid-id", "id must be \"" + type + "--<uuid>\" with an RFC 4122"
          + " UUID of version 1 to 5, but is " + idNode);
      return ctx.report();
    }
    if (type.equals("bundle")) {
      validateBundle(node, ctx);
      return ctx.report();
    }
    if (checkSurrogates(node, "", ctx, 0) > 0) {
      return ctx.report();
    }
    TypeDef def = registry.type(type);
    if (def == null) {
      def = customType(node, ctx, type);
    }
    checkObject(node, def, "", ctx, true);
    Constraints.check(node, def, ctx);
    return ctx.report();
  }

  private TypeDef customType(JsonNode node, Ctx ctx, String type) {
    if (type.equals("action")) {
      ctx.error("type", "reserved-type", "the type name \"action\" is reserved");
    }
    String declared = declaredNewType(node);
    ctx.warn("type", "unknown-type", "\"" + type + "\" is not a STIX 2.1 type"
        + (declared == null ? " and no extension-definition declares it"
            : " (a " + declared + " extension)"));
    if ("new-sdo".equals(declared) || "new-sro".equals(declared)) {
      return sdoCommon;
    }
    if ("new-sco".equals(declared)) {
      return scoCommon;
    }
    return customDef;
  }

  private static String declaredNewType(JsonNode node) {
    JsonNode ext = node.get("extensions");
    if (ext == null || !ext.isObject()) {
      return null;
    }
    for (Map.Entry<String, JsonNode> e : ext.properties()) {
      JsonNode t = e.getValue().get("extension_type");
      if (e.getKey().startsWith(EXT_DEF_PREFIX) && t != null && t.isString()
          && t.asString().startsWith("new-")) {
        return t.asString();
      }
    }
    return null;
  }

  private void validateBundle(JsonNode node, Ctx ctx) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String name = e.getKey();
      JsonNode v = e.getValue();
      switch (name) {
        case "type", "id" -> { }
        case "objects" -> {
          if (!v.isArray()) {
            ctx.error("objects", "property-type", "objects must be a list of STIX objects");
          } else if (v.isEmpty()) {
            ctx.error("objects", "empty-list", "objects, when present, must not be empty");
          } else {
            for (int i = 0; i < v.size(); i++) {
              JsonNode o = v.get(i);
              if (!o.isObject()) {
                ctx.fatal(Ctx.index("objects", i), "not-an-object",
                    "each element of objects must be a JSON object");
              } else {
                ctx.addAll(validate(o).issues());
              }
            }
          }
        }
        case "spec_version" -> ctx.warn("spec_version", "bundle-spec-version",
            "a STIX 2.1 bundle has no spec_version (STIX 2.0 bundles had one)");
        default -> {
          if (v.isNull()) {
            ctx.error(name, "null-value", name + " is null; omit the property instead");
          }
        }
      }
    }
  }

  /** Most lone-surrogate issues reported for one object; the first ones name the problem. */
  private static final int MAX_SURROGATE_ISSUES = 5;

  /**
   * Reports, as fatal, every string and property name holding a lone UTF-16 surrogate. JSON may
   * escape one (a backslash, then {@code ud800}) and Jackson parses it, but it is not a Unicode
   * character, so the object could not be written back as UTF-8 (storing, serving and signing
   * would all fail later). Returns how many were found, counting on from {@code found}.
   */
  private static int checkSurrogates(JsonNode v, String path, Ctx ctx, int found) {
    if (found >= MAX_SURROGATE_ISSUES) {
      return found;
    }
    if (v.isString()) {
      int at = loneSurrogate(v.asString());
      if (at >= 0) {
        String code = Integer.toHexString(v.asString().charAt(at));
        ctx.fatal(path, "lone-surrogate", "the string at " + (path.isEmpty() ? "the top" : path)
            + " holds a lone UTF-16 surrogate (U+" + code.toUpperCase(java.util.Locale.ROOT)
            + " at character " + at + "), which is not a Unicode character and cannot be"
            + " written as UTF-8");
        return found + 1;
      }
    } else if (v.isArray()) {
      for (int i = 0; i < v.size() && found < MAX_SURROGATE_ISSUES; i++) {
        if (v.get(i).isContainer() || v.get(i).isString()) {
          found = checkSurrogates(v.get(i), Ctx.index(path, i), ctx, found);
        }
      }
    } else if (v.isObject()) {
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        if (found >= MAX_SURROGATE_ISSUES) {
          break;
        }
        String here = Ctx.path(path, e.getKey());
        if (loneSurrogate(e.getKey()) >= 0) {
          ctx.fatal(here, "lone-surrogate", "a property name under "
              + (path.isEmpty() ? "the top" : path) + " holds a lone UTF-16 surrogate, which is"
              + " not a Unicode character and cannot be written as UTF-8");
          found++;
        }
        JsonNode child = e.getValue();
        if (child.isContainer() || child.isString()) {
          found = checkSurrogates(child, here, ctx, found);
        }
      }
    }
    return found;
  }

  /** Returns the index of the first unpaired surrogate in {@code s}, or -1. */
  static int loneSurrogate(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        boolean paired = Character.isHighSurrogate(c) && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1));
        if (paired) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  // ---- objects and properties

  void checkObject(JsonNode o, TypeDef def, String prefix, Ctx ctx, boolean top) {
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      String name = e.getKey();
      JsonNode v = e.getValue();
      PropDef p = def.props.get(name);
      if (v.isNull()) {
        ctx.error(Ctx.path(prefix, name), "null-value",
            name + " is null; omit the property instead");
        continue;
      }
      if (p == null) {
        if (top) {
          checkCustomProperty(name, v, ctx);
        } else {
          checkNoNulls(v, Ctx.path(prefix, name), ctx);
        }
        continue;
      }
      checkValue(p, v, prefix.isEmpty() ? name : Ctx.path(prefix, name), ctx);
    }
    for (int i = 0; i < def.required.size(); i++) {
      PropDef r = def.required.get(i);
      if (!o.has(r.name)) {
        ctx.error(Ctx.path(prefix, r.name), "required-property",
            r.name + " is required on " + (top ? def.name : prefix));
      }
    }
  }

  private void checkCustomProperty(String name, JsonNode v, Ctx ctx) {
    if (RESERVED_PROPERTIES.contains(name)) {
      ctx.error(name, "reserved-property", name + " is a reserved property name");
    } else if (!isPropertyName(name)) {
      ctx.error(name, "property-name", "custom property name \"" + name + "\" must be 3-250"
          + " characters of a-z, 0-9 and _ starting with a letter");
    }
    if (name.endsWith("_bin") && !(v.isString() && Values.isBase64(v.asString()))) {
      ctx.error(name, "invalid-binary", name + " ends in _bin so must hold base64");
    } else if (name.endsWith("_hex") && !(v.isString() && Values.isHex(v.asString()))) {
      ctx.error(name, "invalid-hex", name + " ends in _hex so must hold hexadecimal octets");
    }
    checkNoNulls(v, name, ctx);
  }

  static boolean isPropertyName(String name) {
    int n = name.length();
    if (n < 3 || n > 250) {
      return false;
    }
    char c0 = name.charAt(0);
    if (c0 < 'a' || c0 > 'z') {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = name.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return true;
  }

  void checkValue(PropDef p, JsonNode v, String path, Ctx ctx) {
    if (p.deprecated) {
      ctx.warn(path, "deprecated-property", p.name + " is deprecated in STIX 2.1");
    }
    if (p.list) {
      if (!v.isArray()) {
        ctx.error(path, "property-type", p.name + " must be a list");
        return;
      }
      if (v.isEmpty()) {
        ctx.error(path, "empty-list", p.name + " must not be an empty list; omit it instead");
        return;
      }
      for (int i = 0; i < v.size(); i++) {
        JsonNode item = v.get(i);
        if (item.isNull()) {
          ctx.error(Ctx.index(path, i), "null-value", "lists must not hold null");
        } else {
          checkScalar(p, item, path, i, ctx);
        }
      }
    } else {
      checkScalar(p, v, path, -1, ctx);
    }
  }

  private static String at(String path, int i) {
    return i < 0 ? path : Ctx.index(path, i);
  }

  private void checkScalar(PropDef p, JsonNode v, String path, int i, Ctx ctx) {
    switch (p.kind) {
      case STRING -> {
        if (!v.isString()) {
          typeError(p, "a string", path, i, ctx);
        } else if (p.constant != null && !p.constant.equals(v.asString())) {
          ctx.error(at(path, i), "invalid-value",
              p.name + " must be \"" + p.constant + "\" but is \"" + v.asString() + "\"");
        }
      }
      case URL -> {
        if (!v.isString()) {
          typeError(p, "a URL string", path, i, ctx);
        } else if (!Values.isUrl(v.asString())) {
          ctx.error(at(path, i), "invalid-url", p.name + " must be an absolute URL");
        }
      }
      case BOOLEAN -> {
        if (!v.isBoolean()) {
          typeError(p, "a boolean", path, i, ctx);
        }
      }
      case INTEGER -> {
        if (!Values.isInteger(v)) {
          typeError(p, "an integer", path, i, ctx);
        } else {
          range(p, v.doubleValue(), path, i, ctx);
        }
      }
      case FLOAT -> {
        if (!v.isNumber()) {
          typeError(p, "a number", path, i, ctx);
        } else {
          range(p, v.doubleValue(), path, i, ctx);
        }
      }
      case TIMESTAMP, TIMESTAMP_MS -> {
        if (!v.isString() || Timestamps.tryParse(v.asString()).isEmpty()) {
          ctx.error(at(path, i), "invalid-timestamp", p.name
              + " must be an RFC 3339 UTC timestamp such as 2016-05-12T08:17:27.000Z, not " + v);
        } else if (p.kind == Kind.TIMESTAMP_MS && Timestamps.precision(v.asString()) < 3) {
          ctx.error(at(path, i), "timestamp-precision",
              p.name + " must be precise to at least the millisecond: " + v.asString());
        }
      }
      case HEX -> {
        if (!v.isString() || !Values.isHex(v.asString())) {
          ctx.error(at(path, i), "invalid-hex", p.name + " must hold hexadecimal octets");
        }
      }
      case BINARY -> {
        if (!v.isString() || !Values.isBase64(v.asString())) {
          ctx.error(at(path, i), "invalid-binary", p.name + " must hold base64 data");
        }
      }
      case DICT -> checkDictionary(p, v, at(path, i), ctx);
      case HASHES -> checkHashes(p, v, at(path, i), ctx);
      case ANY -> checkNoNulls(v, at(path, i), ctx);
      case REF -> {
        if (!v.isString()) {
          typeError(p, "an identifier", path, i, ctx);
          return;
        }
        String target = Identifiers.typeOf(v.asString());
        if (target == null) {
          ctx.error(at(path, i), "invalid-identifier",
              p.name + " must be an identifier (type--uuid), not \"" + v.asString() + "\"");
        } else if (!p.ref.accepts(target)) {
          ctx.error(at(path, i), "reference-type", p.name + " must refer to "
              + p.ref.describe() + ", not to a " + target);
        }
      }
      case OPEN -> {
        if (!v.isString()) {
          typeError(p, "a string", path, i, ctx);
        } else if (!p.vocab.values().contains(v.asString())) {
          ctx.warn(at(path, i), "open-vocabulary", "\"" + v.asString() + "\" is not in the "
              + p.vocab.name() + " vocabulary");
        }
      }
      case CLOSED -> {
        if (!v.isString()) {
          typeError(p, "a string", path, i, ctx);
        } else if (!p.vocab.values().contains(v.asString())) {
          ctx.error(at(path, i), "closed-vocabulary", "\"" + v.asString() + "\" is not one of"
              + " the allowed " + p.vocab.name() + " values");
        }
      }
      case EMBEDDED -> {
        if (!v.isObject()) {
          typeError(p, "an object", path, i, ctx);
          return;
        }
        String here = at(path, i);
        checkObject(v, p.embedded, here, ctx, false);
        Constraints.checkEmbedded(p.embedded.name, v, here, ctx);
      }
      case EXTENSIONS -> checkExtensions(v, at(path, i), ctx);
    }
  }

  private static void typeError(PropDef p, String what, String path, int i, Ctx ctx) {
    ctx.error(at(path, i), "property-type", p.name + " must be " + what);
  }

  private static void range(PropDef p, double d, String path, int i, Ctx ctx) {
    if (d < p.min || d > p.max) {
      ctx.error(at(path, i), "out-of-range", p.name + " must be within " + fmt(p.min) + " and "
          + fmt(p.max) + " but is " + (d == Math.rint(d) ? fmt(d) : Double.toString(d)));
    }
  }

  private static String fmt(double d) {
    if (Double.isInfinite(d)) {
      return d > 0 ? "infinity" : "-infinity";
    }
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  static void checkNoNulls(JsonNode v, String path, Ctx ctx) {
    if (v.isNull()) {
      ctx.error(path, "null-value", path + " is null; omit the property instead");
    } else if (v.isContainer()) {
      if (v.isArray()) {
        for (int i = 0; i < v.size(); i++) {
          if (v.get(i).isContainer() || v.get(i).isNull()) {
            checkNoNulls(v.get(i), Ctx.index(path, i), ctx);
          }
        }
      } else {
        for (Map.Entry<String, JsonNode> e : v.properties()) {
          if (e.getValue().isContainer() || e.getValue().isNull()) {
            checkNoNulls(e.getValue(), Ctx.path(path, e.getKey()), ctx);
          }
        }
      }
    }
  }

  private static void checkDictionary(PropDef p, JsonNode v, String path, Ctx ctx) {
    if (!v.isObject()) {
      ctx.error(path, "property-type", p.name + " must be a dictionary");
      return;
    }
    if (v.isEmpty()) {
      ctx.error(path, "empty-dictionary", p.name + " must have at least one key");
      return;
    }
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      if (!Values.isDictionaryKey(e.getKey())) {
        ctx.error(Ctx.path(path, e.getKey()), "dictionary-key", "dictionary key \""
            + e.getKey() + "\" must be at most 250 characters of a-z, A-Z, 0-9, _ and -");
      }
      checkNoNulls(e.getValue(), Ctx.path(path, e.getKey()), ctx);
    }
  }

  private static void checkHashes(PropDef p, JsonNode v, String path, Ctx ctx) {
    if (!v.isObject()) {
      ctx.error(path, "property-type", p.name + " must be a dictionary of hashes");
      return;
    }
    if (v.isEmpty()) {
      ctx.error(path, "empty-dictionary", p.name + " must have at least one hash");
      return;
    }
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      String algo = e.getKey();
      String here = Ctx.path(path, algo);
      JsonNode h = e.getValue();
      if (!h.isString()) {
        ctx.error(here, "property-type", "a hash value must be a string");
        continue;
      }
      Optional<Boolean> ok = Values.hashMatches(algo, h.asString());
      if (ok.isEmpty()) {
        if (algo.length() < 3 || algo.length() > 250 || !Values.isDictionaryKey(algo)) {
          ctx.error(here, "hash-algorithm", "hash name \"" + algo
              + "\" must be 3-250 characters of a-z, A-Z, 0-9, _ and -");
        } else {
          ctx.warn(here, "open-vocabulary", "\"" + algo
              + "\" is not in the hashing-algorithm vocabulary");
        }
      } else if (!ok.get()) {
        ctx.error(here, "invalid-hash", "\"" + h.asString() + "\" is not a valid " + algo);
      }
    }
  }

  private void checkExtensions(JsonNode v, String path, Ctx ctx) {
    if (!v.isObject()) {
      ctx.error(path, "property-type", "extensions must be a dictionary");
      return;
    }
    if (v.isEmpty()) {
      ctx.error(path, "empty-dictionary", "extensions must hold at least one extension");
      return;
    }
    TypeDef owner = registry.type(ctx.type);
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      String key = e.getKey();
      JsonNode body = e.getValue();
      String here = Ctx.path(path, key);
      if (!body.isObject()) {
        ctx.error(here, "property-type", "an extension must be an object");
        continue;
      }
      if (body.isEmpty()) {
        ctx.error(here, "empty-extension", "an extension must have at least one property");
        continue;
      }
      if (key.startsWith(EXT_DEF_PREFIX)) {
        if (!Identifiers.isValid(key, "extension-definition")) {
          ctx.error(here, "extension-name", "\"" + key + "\" is not an extension-definition id");
          continue;
        }
        checkDefinedExtension(key, body, here, ctx);
      } else if (key.endsWith("-ext") && Identifiers.isTypeName(key)) {
        if (ctx.type.equals("marking-definition")) {
          ctx.error(here, "extension-name",
              "a marking-definition may only use extension-definition extensions");
          continue;
        }
        TypeDef ext = owner == null ? null : owner.extensions.get(key);
        if (ext != null) {
          checkObject(body, ext, here, ctx, false);
          Constraints.checkExtension(key, body, here, ctx);
        } else {
          checkNoNulls(body, here, ctx);
        }
      } else {
        ctx.error(here, "extension-name", "extension key \"" + key
            + "\" must be an extension-definition id or a name ending in -ext");
      }
    }
  }

  private void checkDefinedExtension(String key, JsonNode body, String here, Ctx ctx) {
    TypeDef base = registry.embedded.get("extension");
    checkObject(body, base, here, ctx, false);
    JsonNode et = body.get("extension_type");
    if (et != null && et.isString() && et.asString().equals("toplevel-property-extension")) {
      ctx.toplevelExtension = true;
    }
    Constraints.checkDefinedExtension(key, body, here, ctx);
  }
}
