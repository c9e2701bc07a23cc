package org.kuroshio.stix;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code report}: a published collection of intelligence about a topic.
 *
 * @param common shared and unmodelled properties
 * @param name the name
 * @param description a description, or null
 * @param reportTypes open vocabulary {@code report-type-ov}, possibly empty
 * @param published when it was published
 * @param objectRefs what the report covers, at least one id
 */
public record Report(
    CommonProperties common,
    String name,
    @Nullable String description,
    List<String> reportTypes,
    Instant published,
    List<String> objectRefs) implements TypedObject {

  /** The STIX type name. */
  public static final String TYPE = "report";

  /**
   * Checks the report's rules.
   *
   * @throws InvalidPropertyException when it references nothing
   */
  public Report {
    reportTypes = List.copyOf(reportTypes);
    objectRefs = List.copyOf(objectRefs);
    TypedJson.requireNonEmpty(common.id(), "object_refs", objectRefs);
  }

  /**
   * Reads a report.
   *
   * @throws InvalidPropertyException when the object is not a report or breaks its rules
   */
  public static Report from(StixObject object) {
    TypedJson r = TypedJson.read(object, TYPE);
    String name = r.string("name");
    String description = r.optString("description");
    List<String> types = r.strings("report_types");
    Instant published = r.time("published");
    List<String> refs = r.strings("object_refs");
    return new Report(r.common(true), name, description, types, published, refs);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public StixObject toStixObject() {
    ObjectNode o = TypedJson.start(TYPE, common);
    o.put("name", name);
    TypedJson.put(o, "description", description);
    TypedJson.putStrings(o, "report_types", reportTypes);
    TypedJson.put(o, "published", published);
    TypedJson.putStrings(o, "object_refs", objectRefs);
    return TypedJson.finish(o, common);
  }

  /** Returns a builder for a new report published and created now, with a fresh id. */
  public static Builder builder(String name, Clock clock, IdGenerator ids) {
    Instant now = clock.instant();
    return new Builder(CommonProperties.of(ids.nextId(TYPE), now), name, now);
  }

  /** Returns a builder holding this report's values, for a new version. */
  public Builder toBuilder() {
    Builder b = new Builder(common, name, published);
    b.description = description;
    b.reportTypes = reportTypes;
    b.objectRefs = objectRefs;
    return b;
  }

  /** Builds a {@link Report}. */
  public static final class Builder extends CommonBuilder<Builder> {
    private String name;
    private @Nullable String description;
    private List<String> reportTypes = List.of();
    private Instant published;
    private List<String> objectRefs = List.of();

    private Builder(CommonProperties common, String name, Instant published) {
      super(common);
      this.name = name;
      this.published = published;
    }

    @Override
    Builder self() {
      return this;
    }

    /** Sets the name. */
    public Builder name(String value) {
      name = value;
      return this;
    }

    /** Sets the description. */
    public Builder description(@Nullable String value) {
      description = value;
      return this;
    }

    /** Sets {@code report_types}. */
    public Builder reportTypes(String... values) {
      reportTypes = List.of(values);
      return this;
    }

    /** Sets {@code published}. */
    public Builder published(Instant value) {
      published = value;
      return this;
    }

    /** Sets {@code object_refs}. */
    public Builder objectRefs(List<String> refs) {
      objectRefs = List.copyOf(refs);
      return this;
    }

    /**
     * Returns the report.
     *
     * @throws InvalidPropertyException when it references nothing
     */
    public Report build() {
      return new Report(common, name, description, reportTypes, published, objectRefs);
    }
  }
}
