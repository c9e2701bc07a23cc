package org.kuroshio.stix;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The STIX 2.1 property tables, read once from {@code stix21-types.txt} (see its header for the
 * format): every type's properties with their kind, whether required, list-ness, reference
 * targets, vocabularies and bounds. Multi-property rules live in {@link Constraints}.
 */
final class TypeRegistry {
  /** What a property holds. */
  enum Kind {
    STRING, BOOLEAN, INTEGER, FLOAT, TIMESTAMP, TIMESTAMP_MS, HEX, BINARY, URL, DICT, HASHES, ANY,
    REF, OPEN, CLOSED, EMBEDDED, EXTENSIONS
  }

  /** A vocabulary: open ones warn on other values, closed ones reject them. */
  record Vocab(String name, boolean open, Set<String> values) {}

  /** Allowed target types of a reference. */
  static final class RefSpec {
    final boolean any;
    final boolean negated;
    final Set<String> types;
    final boolean sdo;
    final boolean sco;
    final boolean custom;

    RefSpec(String spec) {
      this.any = spec.equals("*");
      this.negated = spec.startsWith("-");
      Set<String> t = new HashSet<>();
      boolean sdo = false;
      boolean sco = false;
      boolean custom = false;
      for (String part : (negated ? spec.substring(1) : spec).split("\\|")) {
        switch (part) {
          case "@sdo" -> sdo = true;
          case "@sco" -> sco = true;
          case "@custom" -> custom = true;
          case "*" -> { }
          default -> t.add(part);
        }
      }
      this.types = Set.copyOf(t);
      this.sdo = sdo;
      this.sco = sco;
      this.custom = custom;
    }

    boolean accepts(String type) {
      if (any) {
        return true;
      }
      if (negated) {
        return !types.contains(type);
      }
      if (types.contains(type)) {
        return true;
      }
      StixTypes.Category c = StixTypes.categoryOrNull(type);
      return (sdo && c == StixTypes.Category.SDO) || (sco && c == StixTypes.Category.SCO)
          || (custom && c == null);
    }

    String describe() {
      if (any) {
        return "any object";
      }
      List<String> parts = new ArrayList<>(types);
      if (sdo) {
        parts.add("an SDO");
      }
      if (sco) {
        parts.add("an SCO");
      }
      if (custom) {
        parts.add("a custom type");
      }
      parts.sort(null);
      return (negated ? "anything but " : "") + String.join(", ", parts);
    }
  }

  /** One property definition. */
  static final class PropDef {
    final String name;
    final Kind kind;
    final boolean list;
    final boolean required;
    final boolean deprecated;
    final double min;
    final double max;
    final @Nullable String constant;
    final @Nullable Vocab vocab;
    final @Nullable RefSpec ref;
    final @Nullable TypeDef embedded;

    PropDef(String name, Kind kind, boolean list, boolean required, boolean deprecated, double min,
        double max, @Nullable String constant, @Nullable Vocab vocab, @Nullable RefSpec ref,
        @Nullable TypeDef embedded) {
      this.name = name;
      this.kind = kind;
      this.list = list;
      this.required = required;
      this.deprecated = deprecated;
      this.min = min;
      this.max = max;
      this.constant = constant;
      this.vocab = vocab;
      this.ref = ref;
      this.embedded = embedded;
    }
  }

  /** One type: an object type, a predefined extension or an embedded type. */
  static final class TypeDef {
    final String name;
    final StixTypes.@Nullable Category category;
    final Map<String, PropDef> props = new HashMap<>();
    final List<PropDef> required = new ArrayList<>();
    final Map<String, TypeDef> extensions = new HashMap<>();

    TypeDef(String name, StixTypes.@Nullable Category category) {
      this.name = name;
      this.category = category;
    }

    void add(PropDef p) {
      props.put(p.name, p);
      required.removeIf(r -> r.name.equals(p.name));
      if (p.required) {
        required.add(p);
      }
    }
  }

  static final TypeRegistry INSTANCE = load();

  final Map<String, TypeDef> types;
  final Map<String, TypeDef> groups;
  final Map<String, TypeDef> embedded;
  final Map<String, Vocab> vocabs;

  private TypeRegistry(Map<String, TypeDef> types, Map<String, TypeDef> groups,
      Map<String, TypeDef> embedded, Map<String, Vocab> vocabs) {
    this.types = types;
    this.groups = groups;
    this.embedded = embedded;
    this.vocabs = vocabs;
  }

  @Nullable TypeDef type(String name) {
    return types.get(name);
  }

  private static TypeRegistry load() {
    InputStream in = TypeRegistry.class.getResourceAsStream("stix21-types.txt");
    if (in == null) {
      throw new IllegalStateException("stix21-types.txt is missing from the class path");
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return parse(r.lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TypeRegistry parse(List<String> lines) {
    Map<String, TypeDef> types = new LinkedHashMap<>();
    Map<String, TypeDef> groups = new HashMap<>();
    Map<String, TypeDef> embedded = new HashMap<>();
    Map<String, Set<String>> vocabValues = new LinkedHashMap<>();
    Map<String, Boolean> vocabOpen = new HashMap<>();
    Map<String, Vocab> vocabs = new HashMap<>();
    TypeDef current = null;
    int lineNo = 0;
    for (String raw : lines) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] w = line.split("\\s+");
      boolean indented = Character.isWhitespace(raw.charAt(0));
      if (!indented) {
        switch (w[0]) {
          case "vocab" -> {
            vocabOpen.put(w[1], w[2].equals("open"));
            Set<String> values = vocabValues.computeIfAbsent(w[1], k -> new HashSet<>());
            for (int i = 3; i < w.length; i++) {
              values.add(w[i]);
            }
            current = null;
          }
          case "group" -> {
            current = new TypeDef(w[1], null);
            groups.put(w[1], current);
          }
          case "embedded" -> {
            current = new TypeDef(w[1], null);
            embedded.put(w[1], current);
          }
          case "type" -> {
            current = new TypeDef(w[1], StixTypes.Category.valueOf(w[2].toUpperCase()));
            for (int i = 3; i + 1 < w.length; i += 2) {
              if (!w[i].equals("use")) {
                throw bad(lineNo, "expected 'use'");
              }
              TypeDef g = groups.get(w[i + 1]);
              if (g == null) {
                throw bad(lineNo, "unknown group " + w[i + 1]);
              }
              g.props.values().forEach(current::add);
            }
            types.put(w[1], current);
          }
          case "ext" -> {
            TypeDef owner = types.get(w[1]);
            if (owner == null) {
              throw bad(lineNo, "unknown type " + w[1]);
            }
            current = new TypeDef(w[2], null);
            owner.extensions.put(w[2], current);
          }
          default -> throw bad(lineNo, "unknown directive " + w[0]);
        }
        if (w[0].equals("vocab")) {
          vocabs.put(w[1], new Vocab(w[1], vocabOpen.get(w[1]), vocabValues.get(w[1])));
        }
        continue;
      }
      if (current == null) {
        throw bad(lineNo, "property outside a definition");
      }
      current.add(property(w, lineNo, vocabs, embedded));
    }
    Map<String, Vocab> frozen = new HashMap<>();
    vocabValues.forEach((k, v) -> frozen.put(k, new Vocab(k, vocabOpen.get(k), Set.copyOf(v))));
    return new TypeRegistry(types, groups, embedded, frozen);
  }

  private static PropDef property(String[] w, int lineNo, Map<String, Vocab> vocabs,
      Map<String, TypeDef> embedded) {
    String name = w[0];
    int i = 1;
    boolean list = false;
    if (w[i].equals("list")) {
      list = true;
      i++;
    }
    String kindText = w[i++];
    Kind kind;
    Vocab vocab = null;
    RefSpec ref = null;
    TypeDef emb = null;
    int colon = kindText.indexOf(':');
    String head = colon < 0 ? kindText : kindText.substring(0, colon);
    String arg = colon < 0 ? "" : kindText.substring(colon + 1);
    switch (head) {
      case "string" -> kind = Kind.STRING;
      case "boolean" -> kind = Kind.BOOLEAN;
      case "integer" -> kind = Kind.INTEGER;
      case "float" -> kind = Kind.FLOAT;
      case "timestamp" -> kind = Kind.TIMESTAMP;
      case "timestamp-ms" -> kind = Kind.TIMESTAMP_MS;
      case "hex" -> kind = Kind.HEX;
      case "binary" -> kind = Kind.BINARY;
      case "url" -> kind = Kind.URL;
      case "dict" -> kind = Kind.DICT;
      case "hashes" -> kind = Kind.HASHES;
      case "any" -> kind = Kind.ANY;
      case "extensions" -> kind = Kind.EXTENSIONS;
      case "ref" -> {
        kind = Kind.REF;
        ref = new RefSpec(arg);
      }
      case "open", "closed" -> {
        kind = head.equals("open") ? Kind.OPEN : Kind.CLOSED;
        vocab = vocabs.get(arg);
        if (vocab == null) {
          throw bad(lineNo, "unknown vocabulary " + arg);
        }
      }
      case "embedded" -> {
        kind = Kind.EMBEDDED;
        emb = embedded.get(arg);
        if (emb == null) {
          throw bad(lineNo, "unknown embedded type " + arg);
        }
      }
      default -> throw bad(lineNo, "unknown kind " + kindText);
    }
    boolean required = false;
    boolean deprecated = false;
    double min = Double.NEGATIVE_INFINITY;
    double max = Double.POSITIVE_INFINITY;
    String constant = null;
    for (; i < w.length; i++) {
      String f = w[i];
      if (f.equals("required")) {
        required = true;
      } else if (f.equals("deprecated")) {
        deprecated = true;
      } else if (f.startsWith("min=")) {
        min = Double.parseDouble(f.substring(4));
      } else if (f.startsWith("max=")) {
        max = Double.parseDouble(f.substring(4));
      } else if (f.startsWith("const=")) {
        constant = f.substring(6);
      } else {
        throw bad(lineNo, "unknown flag " + f);
      }
    }
    return new PropDef(name, kind, list, required, deprecated, min, max, constant, vocab, ref, emb);
  }

  private static IllegalStateException bad(int line, String message) {
    return new IllegalStateException("stix21-types.txt line " + line + ": " + message);
  }
}
