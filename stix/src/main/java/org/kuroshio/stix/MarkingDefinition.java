package org.kuroshio.stix;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code marking-definition}: a TLP level (1.0 or 2.0), a statement, or another marking. It has
 * no {@code modified}: marking definitions are never versioned. The {@code definition} and
 * {@code extensions} bodies stay in {@link CommonProperties#others()}.
 *
 * @param common shared and unmodelled properties ({@code modified} is null)
 * @param name a name such as {@code TLP:AMBER}, or null
 * @param definitionType {@code statement}, {@code tlp} or another type, or null when the
 *     marking is defined by an extension (TLP 2.0)
 */
public record MarkingDefinition(
    CommonProperties common,
    @Nullable String name,
    @Nullable String definitionType) implements TypedObject {

  /** The STIX type name. */
  public static final String TYPE = "marking-definition";

  /**
   * Checks the marking's rules.
   *
   * @throws InvalidPropertyException when it has a {@code modified}, or neither a definition nor
   *     extensions
   */
  public MarkingDefinition {
    if (common.modified() != null) {
      throw new InvalidPropertyException(common.id(), "modified",
          "a marking-definition is not versioned and has no modified");
    }
    boolean defined = definitionType != null && common.others().containsKey("definition");
    if (!defined && !common.others().containsKey("extensions")) {
      throw new InvalidPropertyException(common.id(), "definition",
          "a marking-definition needs definition_type and definition, or extensions");
    }
  }

  /**
   * Reads a marking definition.
   *
   * @throws InvalidPropertyException when the object is not one or breaks its rules
   */
  public static MarkingDefinition from(StixObject object) {
    TypedJson r = TypedJson.read(object, TYPE);
    String name = r.optString("name");
    String definitionType = r.optString("definition_type");
    return new MarkingDefinition(r.common(false), name, definitionType);
  }

  /** Returns the TLP level this marking defines, when it is one of the TLP 1.0 or 2.0 markings. */
  public Optional<Tlp> tlp() {
    return Markings.tlpOfDefinition(toStixObject());
  }

  /** Returns the text of a {@code statement} marking. */
  public Optional<String> statement() {
    return common.other("definition").filter(d -> "statement".equals(definitionType))
        .map(d -> d.get("statement")).filter(s -> s != null && s.isString())
        .map(s -> s.asString());
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public StixObject toStixObject() {
    ObjectNode o = TypedJson.start(TYPE, common);
    TypedJson.put(o, "name", name);
    TypedJson.put(o, "definition_type", definitionType);
    return TypedJson.finish(o, common);
  }
}
