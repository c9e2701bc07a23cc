package org.kuroshio.stix;

import java.util.Optional;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The five Traffic Light Protocol 2.0 levels, in order from least to most restrictive, with the
 * fixed OASIS marking-definition ids. TLP 1.0 ids are recognised and mapped (WHITE to CLEAR).
 */
public enum Tlp {
  CLEAR("marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "clear", "TLP:CLEAR",
      "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"),
  GREEN("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "green", "TLP:GREEN",
      "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"),
  AMBER("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "amber", "TLP:AMBER",
      "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"),
  AMBER_STRICT("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", "amber+strict",
      "TLP:AMBER+STRICT", null),
  RED("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "red", "TLP:RED",
      "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed");

  /** The id of the OASIS extension-definition that TLP 2.0 marking-definitions use. */
  public static final String EXTENSION_ID =
      "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

  /** The {@code created} timestamp shared by the five TLP 2.0 marking-definitions. */
  public static final String CREATED = "2022-10-01T00:00:00.000Z";

  /** The {@code created} timestamp shared by the four TLP 1.0 marking-definitions. */
  public static final String TLP1_CREATED = "2017-01-20T00:00:00.000Z";

  private final String markingId;
  private final String wireName;
  private final String displayName;
  private final @org.jspecify.annotations.Nullable String tlp1Id;
  private final StixObject definition;

  Tlp(String markingId, String wireName, String displayName,
      @org.jspecify.annotations.Nullable String tlp1Id) {
    this.markingId = markingId;
    this.wireName = wireName;
    this.displayName = displayName;
    this.tlp1Id = tlp1Id;
    this.definition = buildDefinition(markingId, wireName, displayName);
  }

  private static StixObject buildDefinition(String id, String wire, String name) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    o.put("type", "marking-definition");
    o.put("spec_version", "2.1");
    o.put("id", id);
    o.put("created", CREATED);
    o.put("name", name);
    ObjectNode ext = o.putObject("extensions").putObject(EXTENSION_ID);
    ext.put("extension_type", "property-extension");
    ext.put("tlp_2_0", wire);
    return StixObject.of(o);
  }

  /** Returns the TLP 2.0 marking-definition id. */
  public String markingId() {
    return markingId;
  }

  /** Returns the value of {@code tlp_2_0}: clear, green, amber, amber+strict or red. */
  public String wireName() {
    return wireName;
  }

  /** Returns the marking-definition's name, such as {@code TLP:AMBER+STRICT}. */
  public String displayName() {
    return displayName;
  }

  /** Returns the TLP 1.0 marking-definition id that maps to this level, if there is one. */
  public Optional<String> tlp1MarkingId() {
    return Optional.ofNullable(tlp1Id);
  }

  /** Returns the exact OASIS TLP 2.0 marking-definition object. */
  public StixObject definition() {
    return definition;
  }

  /** Returns whether this level is at least as restrictive as {@code other}. */
  public boolean atLeast(Tlp other) {
    return compareTo(other) >= 0;
  }

  /** Maps a TLP 2.0 or TLP 1.0 marking-definition id to its level. */
  public static Optional<Tlp> fromMarkingId(String id) {
    for (Tlp t : values()) {
      if (t.markingId.equals(id) || id.equals(t.tlp1Id)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** Maps a wire name ({@code amber+strict}, case-insensitive) or a {@code TLP:X} name. */
  public static Optional<Tlp> fromName(String name) {
    String n = name.strip().toLowerCase(java.util.Locale.ROOT);
    if (n.startsWith("tlp:")) {
      n = n.substring(4);
    }
    if (n.equals("white")) {
      return Optional.of(CLEAR);
    }
    for (Tlp t : values()) {
      if (t.wireName.equals(n) || t.name().toLowerCase(java.util.Locale.ROOT).equals(n)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
