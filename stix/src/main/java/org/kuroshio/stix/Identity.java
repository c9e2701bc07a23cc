package org.kuroshio.stix;

import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * An {@code identity}: a person, organisation or group; Kuroshio's partners are identities of
 * class {@code organization}.
 *
 * @param common shared and unmodelled properties
 * @param name the name
 * @param description a description, or null
 * @param roles the roles it plays, possibly empty
 * @param identityClass open vocabulary {@code identity-class-ov}, or null
 * @param sectors open vocabulary {@code industry-sector-ov}, possibly empty
 * @param contactInformation how to reach it, or null
 */
public record Identity(
    CommonProperties common,
    String name,
    @Nullable String description,
    List<String> roles,
    @Nullable String identityClass,
    List<String> sectors,
    @Nullable String contactInformation) implements TypedObject {

  /** The STIX type name. */
  public static final String TYPE = "identity";

  public Identity {
    roles = List.copyOf(roles);
    sectors = List.copyOf(sectors);
  }

  /** Returns a new organisation identity with a fresh id, created now. */
  public static Identity organisation(String name, Clock clock, IdGenerator ids) {
    return new Identity(CommonProperties.of(ids.nextId(TYPE), clock.instant()), name, null,
        List.of(), "organization", List.of(), null);
  }

  /**
   * Reads an identity.
   *
   * @throws InvalidPropertyException when the object is not an identity or lacks a name
   */
  public static Identity from(StixObject object) {
    TypedJson r = TypedJson.read(object, TYPE);
    String name = r.string("name");
    String description = r.optString("description");
    List<String> roles = r.strings("roles");
    String identityClass = r.optString("identity_class");
    List<String> sectors = r.strings("sectors");
    String contact = r.optString("contact_information");
    return new Identity(r.common(true), name, description, roles, identityClass, sectors,
        contact);
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
    TypedJson.putStrings(o, "roles", roles);
    TypedJson.put(o, "identity_class", identityClass);
    TypedJson.putStrings(o, "sectors", sectors);
    TypedJson.put(o, "contact_information", contactInformation);
    return TypedJson.finish(o, common);
  }
}
