package org.kuroshio.stix;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * An {@code indicator}: a pattern that detects something, valid from a time.
 *
 * @param common shared and unmodelled properties
 * @param name a name, or null
 * @param description a description, or null
 * @param indicatorTypes open vocabulary {@code indicator-type-ov}, possibly empty
 * @param pattern the detection pattern
 * @param patternType the pattern language (open vocabulary: stix, pcre, sigma, snort, suricata,
 *     yara)
 * @param patternVersion the language version, or null
 * @param validFrom when the indicator starts to be valid
 * @param validUntil when it stops being valid (after {@code validFrom}), or null
 */
public record Indicator(
    CommonProperties common,
    @Nullable String name,
    @Nullable String description,
    List<String> indicatorTypes,
    String pattern,
    String patternType,
    @Nullable String patternVersion,
    Instant validFrom,
    @Nullable Instant validUntil) implements TypedObject {

  /** The STIX type name. */
  public static final String TYPE = "indicator";

  /**
   * Checks the rules that span properties.
   *
   * @throws InvalidPropertyException when {@code valid_until} is not after {@code valid_from}
   */
  public Indicator {
    indicatorTypes = List.copyOf(indicatorTypes);
    if (validUntil != null && !validUntil.isAfter(validFrom)) {
      throw new InvalidPropertyException(common.id(), "valid_until",
          "valid_until must be later than valid_from");
    }
  }

  /**
   * Reads an indicator.
   *
   * @throws InvalidPropertyException when the object is not an indicator or breaks its rules
   */
  public static Indicator from(StixObject object) {
    TypedJson r = TypedJson.read(object, TYPE);
    String name = r.optString("name");
    String description = r.optString("description");
    List<String> types = r.strings("indicator_types");
    String pattern = r.string("pattern");
    String patternType = r.string("pattern_type");
    String patternVersion = r.optString("pattern_version");
    Instant validFrom = r.time("valid_from");
    Instant validUntil = r.optTime("valid_until");
    return new Indicator(r.common(true), name, description, types, pattern, patternType,
        patternVersion, validFrom, validUntil);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public StixObject toStixObject() {
    ObjectNode o = TypedJson.start(TYPE, common);
    TypedJson.put(o, "name", name);
    TypedJson.put(o, "description", description);
    TypedJson.putStrings(o, "indicator_types", indicatorTypes);
    o.put("pattern", pattern);
    o.put("pattern_type", patternType);
    TypedJson.put(o, "pattern_version", patternVersion);
    TypedJson.put(o, "valid_from", validFrom);
    TypedJson.put(o, "valid_until", validUntil);
    return TypedJson.finish(o, common);
  }

  /** Returns a builder for a new STIX-pattern indicator with a fresh id, valid from now. */
  public static Builder builder(String pattern, Clock clock, IdGenerator ids) {
    Instant now = clock.instant();
    return new Builder(CommonProperties.of(ids.nextId(TYPE), now), pattern, "stix", now);
  }

  /** Returns a builder holding this indicator's values, for a new version. */
  public Builder toBuilder() {
    Builder b = new Builder(common, pattern, patternType, validFrom);
    b.name = name;
    b.description = description;
    b.indicatorTypes = indicatorTypes;
    b.patternVersion = patternVersion;
    b.validUntil = validUntil;
    return b;
  }

  /** Builds an {@link Indicator}. */
  public static final class Builder extends CommonBuilder<Builder> {
    private @Nullable String name;
    private @Nullable String description;
    private List<String> indicatorTypes = List.of();
    private String pattern;
    private String patternType;
    private @Nullable String patternVersion;
    private Instant validFrom;
    private @Nullable Instant validUntil;

    private Builder(CommonProperties common, String pattern, String patternType,
        Instant validFrom) {
      super(common);
      this.pattern = pattern;
      this.patternType = patternType;
      this.validFrom = validFrom;
    }

    @Override
    Builder self() {
      return this;
    }

    /** Sets the name. */
    public Builder name(@Nullable String value) {
      name = value;
      return this;
    }

    /** Sets the description. */
    public Builder description(@Nullable String value) {
      description = value;
      return this;
    }

    /** Sets {@code indicator_types}. */
    public Builder indicatorTypes(String... values) {
      indicatorTypes = List.of(values);
      return this;
    }

    /** Sets the pattern. */
    public Builder pattern(String value) {
      pattern = value;
      return this;
    }

    /** Sets the pattern language. */
    public Builder patternType(String value) {
      patternType = value;
      return this;
    }

    /** Sets the pattern language version. */
    public Builder patternVersion(@Nullable String value) {
      patternVersion = value;
      return this;
    }

    /** Sets {@code valid_from}. */
    public Builder validFrom(Instant value) {
      validFrom = value;
      return this;
    }

    /** Sets {@code valid_until}. */
    public Builder validUntil(@Nullable Instant value) {
      validUntil = value;
      return this;
    }

    /**
     * Returns the indicator.
     *
     * @throws InvalidPropertyException when {@code valid_until} is not after {@code valid_from}
     */
    public Indicator build() {
      return new Indicator(common, name, description, indicatorTypes, pattern, patternType,
          patternVersion, validFrom, validUntil);
    }
  }
}
