package org.kuroshio.stix;

import java.util.List;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kuroshio's fixed identifiers: the creator identity, its extension-definitions and the namespace
 * for name-based UUIDs. They are constants so that every node agrees on them.
 *
 * <p>The domains extension is a {@code property-extension} whose body holds {@code domains}, a
 * list of domain names (see {@link Domains}). The release-list extension is a
 * {@code property-extension} on a marking-definition whose body holds {@code identities}, the
 * identity ids a TLP:RED object may be released to (see {@link Markings#releaseList}).
 */
public final class KuroshioExtensions {
  private KuroshioExtensions() {}

  /** The namespace for Kuroshio's UUIDv5 identifiers (such as a {@code local} collection id). */
  public static final UUID NAMESPACE = UUID.fromString("2e135777-cf66-41aa-b7c1-a0e5f4d47710");

  /** The identity that creates every Kuroshio extension-definition. */
  public static final String CREATOR_ID = "identity--6d078f1f-cad1-46d4-876d-f51ab8cd299a";

  /** The extension-definition that states an object's domains explicitly. */
  public static final String DOMAINS_ID =
      "extension-definition--0e4da927-4a28-4eca-b031-2116e1acaeaa";

  /** The marking-definition extension that lists the identities a marking releases to. */
  public static final String RELEASE_LIST_ID =
      "extension-definition--7fab48c2-b550-4cc1-b723-589b73df011a";

  /** Reserved: the new-sdo extension of the agreement object ({@link #AGREEMENT_TYPE}). */
  public static final String AGREEMENT_ID =
      "extension-definition--719c039c-b9c0-4ac8-b561-d095301d451d";

  /** Reserved: the property extension describing a vessel. */
  public static final String VESSEL_ID =
      "extension-definition--decf1cf6-e84b-4367-859e-4f23196224a8";

  /** Reserved: the property extension describing a maritime event found by a detector. */
  public static final String MARITIME_EVENT_ID =
      "extension-definition--3df5f8a5-d4bb-49d9-99ef-88875c4b70e3";

  /** The STIX type of the agreement SDO. */
  public static final String AGREEMENT_TYPE = "kuroshio-agreement";

  /** The property inside the domains extension that lists domain names. */
  public static final String DOMAINS_PROPERTY = "domains";

  /** The property inside the release-list extension that lists identity ids. */
  public static final String RELEASE_LIST_PROPERTY = "identities";

  /** The {@code created} and {@code modified} of every Kuroshio definition object. */
  public static final String CREATED = "2026-01-01T00:00:00.000Z";

  private static final StixObject CREATOR = buildCreator();
  private static final StixObject DOMAINS =
      definition(DOMAINS_ID, "kuroshio-domains",
          "The sharing domains of an object: cyber, maritime, fimi, disaster-response,"
              + " defence-research.", "property-extension");
  private static final StixObject RELEASE_LIST =
      definition(RELEASE_LIST_ID, "kuroshio-release-list",
          "The identities that a marking-definition explicitly releases objects to.",
          "property-extension");
  private static final StixObject AGREEMENT =
      definition(AGREEMENT_ID, "kuroshio-agreement",
          "An instrument of cooperation between organisations.", "new-sdo");
  private static final StixObject VESSEL =
      definition(VESSEL_ID, "kuroshio-vessel", "A vessel and its identifiers.",
          "property-extension");
  private static final StixObject MARITIME_EVENT =
      definition(MARITIME_EVENT_ID, "kuroshio-maritime-event",
          "A maritime event found by a detector.", "property-extension");

  /** Returns the identity that creates Kuroshio's extension-definitions. */
  public static StixObject creator() {
    return CREATOR;
  }

  private static StixObject buildCreator() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("type", "identity");
    o.put("spec_version", "2.1");
    o.put("id", CREATOR_ID);
    o.put("created", CREATED);
    o.put("modified", CREATED);
    o.put("name", "Kuroshio");
    o.put("identity_class", "organization");
    o.put("description", "The Kuroshio project, creator of Kuroshio's extension-definitions.");
    return StixObject.of(o);
  }

  /** Returns the domains extension-definition. */
  public static StixObject domains() {
    return DOMAINS;
  }

  /** Returns the release-list extension-definition. */
  public static StixObject releaseList() {
    return RELEASE_LIST;
  }

  /** Returns the (reserved) agreement extension-definition. */
  public static StixObject agreement() {
    return AGREEMENT;
  }

  /** Returns the (reserved) vessel extension-definition. */
  public static StixObject vessel() {
    return VESSEL;
  }

  /** Returns the (reserved) maritime event extension-definition. */
  public static StixObject maritimeEvent() {
    return MARITIME_EVENT;
  }

  /** Returns every Kuroshio definition object: the creator identity, then each definition. */
  public static List<StixObject> all() {
    return List.of(CREATOR, DOMAINS, RELEASE_LIST, AGREEMENT, VESSEL, MARITIME_EVENT);
  }

  private static StixObject definition(String id, String name, String description,
      String extensionType) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("type", "extension-definition");
    o.put("spec_version", "2.1");
    o.put("id", id);
    o.put("created_by_ref", CREATOR_ID);
    o.put("created", CREATED);
    o.put("modified", CREATED);
    o.put("name", name);
    o.put("description", description);
    o.put("schema", "https://kuroshio.invalid/extensions/" + name + "/v1");
    o.put("version", "1.0.0");
    ArrayNode types = o.putArray("extension_types");
    types.add(extensionType);
    return StixObject.of(o);
  }
}
