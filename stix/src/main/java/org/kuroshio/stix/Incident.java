package org.kuroshio.stix;

import java.time.Clock;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * An {@code incident}: a cyber, maritime or FIMI event. STIX 2.1 defines only its name and
 * description; impact and detail arrive as extensions, which stay in
 * {@link CommonProperties#others()}.
 *
 * @param common shared and unmodelled properties
 * @param name the name
 * @param description a description, or null
 */
public record Incident(CommonProperties common, String name, @Nullable String description)
    implements TypedObject {

  /** The STIX type name. */
  public static final String TYPE = "incident";

  /** Returns a new incident with a fresh id, created now. */
  public static Incident of(String name, @Nullable String description, Clock clock,
      IdGenerator ids) {
    return new Incident(CommonProperties.of(ids.nextId(TYPE), clock.instant()), name,
        description);
  }

  /**
   * Reads an incident.
   *
   * @throws InvalidPropertyException when the object is not an incident or lacks a name
   */
  public static Incident from(StixObject object) {
    TypedJson r = TypedJson.read(object, TYPE);
    String name = r.string("name");
    String description = r.optString("description");
    return new Incident(r.common(true), name, description);
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
    return TypedJson.finish(o, common);
  }
}
