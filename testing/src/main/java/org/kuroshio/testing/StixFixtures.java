package org.kuroshio.testing;

import java.time.Clock;
import org.kuroshio.stix.IdGenerator;
import org.kuroshio.stix.KuroshioExtensions;
import org.kuroshio.stix.Markings;
import org.kuroshio.stix.ScoIds;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Timestamps;
import org.kuroshio.stix.Tlp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builders with valid defaults for STIX objects, deterministic under a {@link FixedClock} and
 * {@link SequentialIds}: {@code fx.indicator().set("name", "x").build()}. Every default object
 * passes {@code Validator.strict()}.
 */
public final class StixFixtures {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Clock clock;
  private final IdGenerator ids;

  /** Fixtures at {@link FixedClock#DEFAULT_INSTANT} with ids from 1. */
  public StixFixtures() {
    this(new FixedClock(), new SequentialIds());
  }

  /** Fixtures using the given clock and ids. */
  public StixFixtures(Clock clock, IdGenerator ids) {
    this.clock = clock;
    this.ids = ids;
  }

  /** Returns the current time as a STIX timestamp with milliseconds. */
  public String now() {
    return Timestamps.formatMillis(clock.instant());
  }

  /** Returns a fresh id of the given type. */
  public String id(String type) {
    return type + "--" + ids.next();
  }

  /** Starts an SDO, SRO or meta object of any type with type, spec_version, id, created, modified. */
  public Builder object(String type) {
    Builder b = new Builder(type);
    b.node.put("spec_version", "2.1");
    b.node.put("id", id(type));
    String now = now();
    b.node.put("created", now);
    b.node.put("modified", now);
    return b;
  }

  /** An organisation identity. */
  public Builder identity() {
    return object("identity").set("name", "Example Organisation")
        .set("identity_class", "organization");
  }

  /** An indicator of a malicious IPv4 address, valid from now. */
  public Builder indicator() {
    return object("indicator").set("name", "Malicious address")
        .set("pattern", "[ipv4-addr:value = '198.51.100.7']").set("pattern_type", "stix")
        .set("valid_from", now()).list("indicator_types", "malicious-activity");
  }

  /** A malware family. */
  public Builder malware() {
    return object("malware").set("name", "Example RAT").set("is_family", true)
        .list("malware_types", "remote-access-trojan");
  }

  /** A threat actor. */
  public Builder threatActor() {
    return object("threat-actor").set("name", "Example Actor")
        .list("threat_actor_types", "nation-state");
  }

  /** An intrusion set. */
  public Builder intrusionSet() {
    return object("intrusion-set").set("name", "Example Set");
  }

  /** An attack pattern. */
  public Builder attackPattern() {
    return object("attack-pattern").set("name", "Spearphishing Attachment");
  }

  /** A campaign. */
  public Builder campaign() {
    return object("campaign").set("name", "Example Campaign");
  }

  /** An incident. */
  public Builder incident() {
    return object("incident").set("name", "Example Incident");
  }

  /** A vulnerability. */
  public Builder vulnerability() {
    return object("vulnerability").set("name", "CVE-2021-44228");
  }

  /** A location given by region. */
  public Builder location() {
    return object("location").set("region", "eastern-asia");
  }

  /** A relationship {@code source --type--> target}. */
  public Builder relationship(String sourceRef, String relationshipType, String targetRef) {
    return object("relationship").set("relationship_type", relationshipType)
        .set("source_ref", sourceRef).set("target_ref", targetRef);
  }

  /** A sighting of the given SDO. */
  public Builder sighting(String sightingOfRef) {
    return object("sighting").set("sighting_of_ref", sightingOfRef);
  }

  /** A report published now that refers to the given objects. */
  public Builder report(String... objectRefs) {
    return object("report").set("name", "Example Report").set("published", now())
        .list("report_types", "threat-report").list("object_refs", objectRefs);
  }

  /** A note about the given objects. */
  public Builder note(String... objectRefs) {
    return object("note").set("content", "An analyst note.").list("object_refs", objectRefs);
  }

  /** An opinion about the given objects. */
  public Builder opinion(String opinion, String... objectRefs) {
    return object("opinion").set("opinion", opinion).list("object_refs", objectRefs);
  }

  /** A statement marking-definition. */
  public StixObject statementMarking(String text) {
    return Markings.statement(id("marking-definition"), now(), text);
  }

  /** The OASIS TLP 2.0 marking-definition. */
  public StixObject tlpMarking(Tlp tlp) {
    return tlp.definition();
  }

  /** An IPv4 address SCO with its deterministic id. */
  public StixObject ipv4(String address) {
    ObjectNode o = F.objectNode();
    o.put("type", "ipv4-addr");
    o.put("spec_version", "2.1");
    o.put("value", address);
    o.put("id", ScoIds.deterministicId(o));
    return StixObject.of(o);
  }

  /** A domain-name SCO with its deterministic id. */
  public StixObject domainName(String name) {
    ObjectNode o = F.objectNode();
    o.put("type", "domain-name");
    o.put("spec_version", "2.1");
    o.put("value", name);
    o.put("id", ScoIds.deterministicId(o));
    return StixObject.of(o);
  }

  /** Builds one object; {@code set} and friends replace earlier values. */
  public static final class Builder {
    private final ObjectNode node = F.objectNode();

    private Builder(String type) {
      node.put("type", type);
    }

    /** Sets a string property. */
    public Builder set(String name, String value) {
      node.put(name, value);
      return this;
    }

    /** Sets a boolean property. */
    public Builder set(String name, boolean value) {
      node.put(name, value);
      return this;
    }

    /** Sets an integer property. */
    public Builder set(String name, long value) {
      node.put(name, value);
      return this;
    }

    /** Sets a property to any JSON value (copied). */
    public Builder set(String name, JsonNode value) {
      node.set(name, value.deepCopy());
      return this;
    }

    /** Sets a list of strings. */
    public Builder list(String name, String... values) {
      ArrayNode a = node.putArray(name);
      for (String v : values) {
        a.add(v);
      }
      return this;
    }

    /** Removes a property. */
    public Builder remove(String name) {
      node.remove(name);
      return this;
    }

    /** Sets created_by_ref. */
    public Builder createdBy(String identityId) {
      return set("created_by_ref", identityId);
    }

    /** Sets object_marking_refs to the TLP 2.0 ids of the given levels. */
    public Builder tlp(Tlp... levels) {
      ArrayNode a = node.putArray("object_marking_refs");
      for (Tlp t : levels) {
        a.add(t.markingId());
      }
      return this;
    }

    /** Sets object_marking_refs. */
    public Builder markings(String... markingIds) {
      return list("object_marking_refs", markingIds);
    }

    /** States the object's domains with the Kuroshio domains extension. */
    public Builder domains(String... domains) {
      ObjectNode ext = node.withObjectProperty("extensions")
          .putObject(KuroshioExtensions.DOMAINS_ID);
      ext.put("extension_type", "property-extension");
      ArrayNode a = ext.putArray(KuroshioExtensions.DOMAINS_PROPERTY);
      for (String d : domains) {
        a.add(d);
      }
      return this;
    }

    /** Returns the id the object will have. */
    public String id() {
      return node.get("id").asString();
    }

    /** Returns a copy of the JSON built so far. */
    public ObjectNode json() {
      return node.deepCopy();
    }

    /** Builds the object (the builder may be reused; each result is independent). */
    public StixObject build() {
      return StixObject.of(node.deepCopy());
    }
  }
}
