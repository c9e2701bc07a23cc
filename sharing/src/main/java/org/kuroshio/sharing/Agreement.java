package org.kuroshio.sharing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.kuroshio.stix.Domains;
import org.kuroshio.stix.KuroshioExtensions;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Timestamps;
import org.kuroshio.stix.Tlp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An instrument between two or more organisations that lets objects of its domains, marked at
 * most its TLP ceiling, flow between its parties while it is active and valid. Stored and shared
 * as a STIX {@value KuroshioExtensions#AGREEMENT_TYPE} object (a new SDO defined by
 * {@link KuroshioExtensions#agreement()}); its TAXII collection id is the UUID of its id.
 *
 * @param id {@code kuroshio-agreement--<uuid>}
 * @param kind the instrument
 * @param title a human title
 * @param parties the parties' organisation (identity) ids, two or more, in the order given
 * @param domains the domains it covers (see {@link Domains#ALL})
 * @param ceiling the most restrictive TLP it lets through (RED also needs a release list)
 * @param validFrom when it starts to apply
 * @param validUntil when it stops applying (exclusive), or null for open-ended
 * @param status the current status
 * @param history every status change, oldest first; the last one is {@code status}
 * @param createdBy the organisation (identity id) of the node that recorded it
 * @param created when it was recorded
 * @param modified when it last changed (the STIX version)
 */
public record Agreement(
    String id,
    AgreementKind kind,
    String title,
    List<String> parties,
    Set<String> domains,
    Tlp ceiling,
    Instant validFrom,
    @Nullable Instant validUntil,
    AgreementStatus status,
    List<StatusChange> history,
    String createdBy,
    Instant created,
    Instant modified) {

  /** The id prefix of agreement objects. */
  public static final String PREFIX = KuroshioExtensions.AGREEMENT_TYPE + "--";
  /** Most parties one agreement may name. */
  public static final int MAX_PARTIES = 100;
  /** Longest title accepted. */
  public static final int MAX_TITLE = 500;
  /** Most status changes kept in one agreement. */
  public static final int MAX_HISTORY = 1_000;

  public Agreement {
    Checks.require(id.startsWith(PREFIX) && isUuid(id.substring(PREFIX.length())),
        "agreement id must be " + PREFIX + "<lower-case uuid>: " + id);
    Checks.require(!title.isBlank(), "agreement title must not be blank");
    Checks.require(title.length() <= MAX_TITLE, "agreement title longer than " + MAX_TITLE);
    parties = List.copyOf(new LinkedHashSet<>(parties));
    Checks.require(parties.size() >= 2, "an agreement needs two or more distinct parties");
    Checks.require(parties.size() <= MAX_PARTIES, "an agreement names at most " + MAX_PARTIES
        + " parties");
    for (String p : parties) {
      Checks.require(p.startsWith("identity--"), "party is not an identity id: " + p);
    }
    domains = Set.copyOf(domains);
    Checks.require(!domains.isEmpty(), "an agreement covers at least one domain");
    for (String d : domains) {
      Checks.require(Domains.ALL.contains(d), "not a domain (" + String.join(", ", Domains.ALL)
          + "): " + d);
    }
    Checks.require(validUntil == null || validUntil.isAfter(validFrom),
        "valid_until must be after valid_from");
    history = List.copyOf(history);
    Checks.require(!history.isEmpty(), "an agreement's history starts with its creation");
    Checks.require(history.size() <= MAX_HISTORY, "agreement history longer than " + MAX_HISTORY);
    Checks.require(history.getLast().status() == status,
        "the last status change must be the current status");
    Checks.require(!modified.isBefore(created), "modified before created");
  }

  private static boolean isUuid(String s) {
    return s.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  }

  /** Returns the id of the agreement's TAXII collection: the UUID of its id. */
  public String collectionId() {
    return id.substring(PREFIX.length());
  }

  /** Returns whether the organisation is a party. */
  public boolean hasParty(String organisation) {
    return parties.contains(organisation);
  }

  /** Returns whether the agreement is active and within its validity at {@code now}. */
  public boolean inForce(Instant now) {
    return status == AgreementStatus.ACTIVE && withinValidity(now);
  }

  /** Returns whether {@code now} is within [validFrom, validUntil). */
  public boolean withinValidity(Instant now) {
    return !now.isBefore(validFrom) && (validUntil == null || now.isBefore(validUntil));
  }

  /** Returns whether the agreement covers every one of these domains. */
  public boolean coversDomains(Set<String> objectDomains) {
    return domains.containsAll(objectDomains);
  }

  /** Returns whether an object marked {@code tlp} is within the ceiling. */
  public boolean coversTlp(Tlp tlp) {
    return ceiling.atLeast(tlp);
  }

  /**
   * Returns this agreement moved to {@code next}.
   *
   * @throws IllegalArgumentException when the move is not allowed from the current status
   */
  public Agreement withStatus(AgreementStatus next, String by, Instant at, String reason) {
    Checks.require(status.next().contains(next), "an agreement cannot go from " + status.wireName()
        + " to " + next.wireName() + " (allowed: " + names(status.next()) + ")");
    List<StatusChange> h = new ArrayList<>(history);
    h.add(new StatusChange(next, by, at, reason));
    Instant m = at.isAfter(modified) ? at : modified.plusMillis(1);
    return new Agreement(id, kind, title, parties, domains, ceiling, validFrom, validUntil, next, h,
        createdBy, created, m);
  }

  private static String names(Set<AgreementStatus> statuses) {
    if (statuses.isEmpty()) {
      return "none, it is final";
    }
    List<String> out = new ArrayList<>();
    for (AgreementStatus s : AgreementStatus.values()) {
      if (statuses.contains(s)) {
        out.add(s.wireName());
      }
    }
    return String.join(", ", out);
  }

  /** Returns a new draft agreement with a random id. */
  public static Agreement draft(AgreementKind kind, String title, List<String> parties,
      Set<String> domains, Tlp ceiling, Instant validFrom, @Nullable Instant validUntil,
      String createdBy, String by, Instant now) {
    return new Agreement(PREFIX + UUID.randomUUID(), kind, title, parties, domains, ceiling,
        validFrom, validUntil, AgreementStatus.DRAFT,
        List.of(new StatusChange(AgreementStatus.DRAFT, by, now, "created")), createdBy, now, now);
  }

  /** Returns the agreement as its STIX object. */
  public StixObject toStix() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    o.put("type", KuroshioExtensions.AGREEMENT_TYPE);
    o.put("spec_version", "2.1");
    o.put("id", id);
    o.put("created_by_ref", createdBy);
    o.put("created", Timestamps.formatMillis(created));
    o.put("modified", Timestamps.formatMillis(modified));
    o.put("name", title);
    o.put("agreement_kind", kind.wireName());
    ArrayNode p = o.putArray("parties");
    parties.forEach(p::add);
    ArrayNode d = o.putArray("domains");
    domains.stream().sorted().forEach(d::add);
    o.put("tlp_ceiling", ceiling.wireName());
    o.put("valid_from", Timestamps.formatMillis(validFrom));
    if (validUntil != null) {
      o.put("valid_until", Timestamps.formatMillis(validUntil));
    }
    o.put("status", status.wireName());
    ArrayNode h = o.putArray("status_history");
    for (StatusChange c : history) {
      ObjectNode e = h.addObject();
      e.put("status", c.status().wireName());
      e.put("changed_by", c.by());
      e.put("changed", Timestamps.formatMillis(c.at()));
      e.put("reason", c.reason());
    }
    o.putObject("extensions").putObject(KuroshioExtensions.AGREEMENT_ID)
        .put("extension_type", "new-sdo");
    return StixObject.of(o);
  }

  /**
   * Reads an agreement from its STIX object.
   *
   * @throws IllegalArgumentException naming the first property that is missing or wrong
   */
  public static Agreement fromStix(StixObject object) {
    JsonNode o = object.json();
    Checks.require(KuroshioExtensions.AGREEMENT_TYPE.equals(text(o, "type")),
        "not a " + KuroshioExtensions.AGREEMENT_TYPE + " object");
    List<String> parties = new ArrayList<>();
    for (JsonNode p : array(o, "parties")) {
      parties.add(p.asString());
    }
    Set<String> domains = new LinkedHashSet<>();
    for (JsonNode d : array(o, "domains")) {
      domains.add(d.asString());
    }
    List<StatusChange> history = new ArrayList<>();
    for (JsonNode e : array(o, "status_history")) {
      history.add(new StatusChange(AgreementStatus.parse(text(e, "status")), text(e, "changed_by"),
          time(e, "changed"), e.has("reason") ? text(e, "reason") : ""));
    }
    String until = o.has("valid_until") ? text(o, "valid_until") : null;
    return new Agreement(text(o, "id"), AgreementKind.parse(text(o, "agreement_kind")),
        text(o, "name"), parties, domains,
        Tlp.fromName(text(o, "tlp_ceiling")).orElseThrow(
            () -> new IllegalArgumentException("tlp_ceiling is not a TLP level")),
        time(o, "valid_from"), until == null ? null : Timestamps.parse(until),
        AgreementStatus.parse(text(o, "status")), history, text(o, "created_by_ref"),
        time(o, "created"), time(o, "modified"));
  }

  private static String text(JsonNode o, String name) {
    JsonNode v = o.get(name);
    Checks.require(v != null && v.isString(), "agreement property " + name
        + " is missing or not a string");
    return v.asString();
  }

  private static Instant time(JsonNode o, String name) {
    return Timestamps.tryParse(text(o, name)).orElseThrow(
        () -> new IllegalArgumentException("agreement property " + name + " is not a timestamp"));
  }

  private static JsonNode array(JsonNode o, String name) {
    JsonNode v = o.get(name);
    Checks.require(v != null && v.isArray(), "agreement property " + name
        + " is missing or not a list");
    return v;
  }
}
