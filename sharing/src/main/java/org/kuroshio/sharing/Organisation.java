package org.kuroshio.sharing;

import java.time.Instant;
import org.kuroshio.stix.KuroshioExtensions;
import org.kuroshio.stix.StixObject;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A partner organisation known to this node. Its id is the id of its STIX {@code identity}
 * (identity_class organization), which is also how objects' release lists and agreements' parties
 * name it.
 *
 * @param id the identity id ({@code identity--<uuid>})
 * @param name the organisation's name
 * @param created when the organisation was registered on this node
 */
public record Organisation(String id, String name, Instant created) {

  /** Longest organisation name accepted. */
  public static final int MAX_NAME = 250;

  public Organisation {
    Checks.require(id.matches("identity--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
        "organisation id must be an identity id (identity--<lower-case uuid>): " + id);
    Checks.require(!name.isBlank(), "organisation name must not be blank");
    Checks.require(name.length() <= MAX_NAME,
        "organisation name longer than " + MAX_NAME + " characters");
  }

  /**
   * Returns the organisation's STIX identity. Its timestamps are a fixed constant, not the
   * registration time, so that every node that registers the organisation under the same name
   * makes the identical object, and nodes exchanging it find it already there.
   */
  public StixObject identity() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    String when = KuroshioExtensions.CREATED;
    o.put("type", "identity");
    o.put("spec_version", "2.1");
    o.put("id", id);
    o.put("created", when);
    o.put("modified", when);
    o.put("name", name);
    o.put("identity_class", "organization");
    return StixObject.of(o);
  }
}
