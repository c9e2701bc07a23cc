package org.kuroshio.stix;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** The object types STIX 2.1 defines, by category, as the type registry knows them. */
public final class StixTypes {
  /** The kinds of STIX object. */
  public enum Category {
    /** A STIX Domain Object, such as indicator. */
    SDO,
    /** A STIX Relationship Object: relationship or sighting. */
    SRO,
    /** A STIX Cyber-observable Object, such as ipv4-addr. */
    SCO,
    /** A meta object: marking-definition, language-content, extension-definition. */
    META
  }

  private StixTypes() {}

  /** Returns the category of a STIX 2.1 type, or empty for custom and unknown types. */
  public static Optional<Category> category(String type) {
    return Optional.ofNullable(categoryOrNull(type));
  }

  static @Nullable Category categoryOrNull(String type) {
    TypeRegistry.TypeDef def = TypeRegistry.INSTANCE.type(type);
    return def == null ? null : def.category;
  }

  /** Returns whether STIX 2.1 defines the type (bundle excluded: it is not an object). */
  public static boolean isKnown(String type) {
    return TypeRegistry.INSTANCE.type(type) != null;
  }

  /** Returns the STIX 2.1 types of a category, sorted. */
  public static Set<String> of(Category category) {
    Set<String> out = new TreeSet<>();
    TypeRegistry.INSTANCE.types.forEach((name, def) -> {
      if (def.category == category) {
        out.add(name);
      }
    });
    return java.util.Collections.unmodifiableSet(out);
  }

  /** Returns the names of the predefined extensions of a type (such as archive-ext of file). */
  public static Set<String> predefinedExtensions(String type) {
    TypeRegistry.TypeDef def = TypeRegistry.INSTANCE.type(type);
    return def == null ? Set.of() : Set.copyOf(def.extensions.keySet());
  }
}
