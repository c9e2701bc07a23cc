package org.kuroshio.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.kuroshio.sharing.Credentials;
import org.kuroshio.sharing.IngestResult;
import org.kuroshio.sharing.NodeData;
import org.kuroshio.sharing.ObjectResult;
import org.kuroshio.sharing.Agreement;
import org.kuroshio.sharing.AgreementKind;
import org.kuroshio.sharing.AgreementStatus;
import org.kuroshio.sharing.Organisation;
import org.kuroshio.sharing.SharingState;
import org.kuroshio.sharing.StatusChange;
import org.kuroshio.sharing.Principal;
import org.kuroshio.sharing.Role;
import org.kuroshio.sharing.UserAccount;
import org.kuroshio.stix.BundleReader;
import org.kuroshio.stix.Markings;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Tlp;
import org.kuroshio.stix.Domains;

/**
 * The demo scenario: the seed story in STIX 2.1 ({@code demo/scenario.json}), the partners' demo
 * accounts and the two collections it is loaded into.
 *
 * <p>Ten government agencies were breached and 6,000 e-mail accounts taken over; the National
 * Security Bureau attributes the intrusion set behind it to a state's security services (an
 * {@code attributed-to} relationship with a confidence); the accused state's foreign ministry
 * calls it "malicious slander" (an {@code opinion}, strongly disagreeing). Indicators, a sighting,
 * a note from the Pacific ally, a mitigation from the Department of Commerce and a report tie it
 * together; every object carries a TLP 2.0 marking. All names, domains and addresses are invented
 * (documentation ranges and {@code example.*} domains).
 */
public final class DemoScenario {
  /** The resource holding the scenario bundle. */
  public static final String RESOURCE = "/demo/scenario.json";

  /** The collection of the partners' dialogue, which all four partners read and write. */
  public static final String PARTNER_COLLECTION = "2f0e6a3c-1b7d-4c59-9a8e-5d3f7b1c0e21";

  /** The collection of the letter of intent between the bureau and the Pacific ally. */
  public static final String LOI_COLLECTION = "7c4b9d2e-8f1a-4e63-b5d0-3a6c9e2f1b84";

  /** The collection of the statement of intent between the bureau and the commerce department. */
  public static final String SOI_COLLECTION = "5e8d2c71-3b9a-4f06-a1d4-9c7e0b6f2a35";

  /** The demo node operator's identity. */
  public static final String OPERATOR = "identity--1c2baef2-4810-471b-b33f-fbd231b2f6aa";
  /** The National Security Bureau's identity. */
  public static final String NSB = "identity--c269aab2-eeb2-432d-9b95-73399bf90f60";
  /** The Pacific Ally National Security Office's identity. */
  public static final String PACIFIC_ALLY = "identity--d9276b53-1a7c-4f03-906d-256cbf37206c";
  /** The Department of Commerce's identity. */
  public static final String COMMERCE = "identity--56311492-c775-47c3-b0fc-c31748e8e71e";
  /** The Computer Association's identity. */
  public static final String COMPUTER_ASSOCIATION =
      "identity--6fe58811-2c15-4515-a6af-6f57e8a095db";

  private static final Set<String> PARTNERS = Set.of(NSB, PACIFIC_ALLY, COMMERCE,
      COMPUTER_ASSOCIATION);

  /** When the demo agreements were signed. */
  private static final Instant SIGNED = Instant.parse("2025-06-01T00:00:00Z");

  /**
   * A demo account; its secrets are printed by {@code kuroshio demo} and are public.
   *
   * @param name the login
   * @param password the password
   * @param token an API token, or null
   * @param organisation the organisation's identity id
   * @param organisationName the organisation's name
   * @param role the account's role
   */
  public record DemoUser(
      String name,
      String password,
      @Nullable String token,
      String organisation,
      String organisationName,
      Role role) {}

  private DemoScenario() {}

  /** Returns the demo accounts: one analyst per partner and the operator's administrator. */
  public static List<DemoUser> users() {
    return List.of(
        new DemoUser("nsb", "nsb-demo-password", "kuroshio-demo-token-nsb", NSB,
            "National Security Bureau", Role.ANALYST),
        new DemoUser("pacific", "pacific-demo-password", null, PACIFIC_ALLY,
            "Pacific Ally National Security Office", Role.ANALYST),
        new DemoUser("commerce", "commerce-demo-password", null, COMMERCE,
            "Department of Commerce", Role.ANALYST),
        new DemoUser("association", "association-demo-password", null, COMPUTER_ASSOCIATION,
            "Computer Association", Role.ANALYST),
        new DemoUser("admin", "admin-demo-password", null, OPERATOR, "Kuroshio demo operator",
            Role.ADMIN));
  }

  /** Returns the partner organisations (the operator is the node's own). */
  public static List<Organisation> organisations() {
    List<Organisation> out = new ArrayList<>();
    for (DemoUser u : users()) {
      if (!u.organisation().equals(OPERATOR)) {
        out.add(new Organisation(u.organisation(), u.organisationName(), SIGNED));
      }
    }
    return out;
  }

  /**
   * Returns the demo agreements, all active: a letter of intent between the bureau and the
   * Pacific ally (cyber, maritime, FIMI, up to AMBER), a statement of intent between the bureau
   * and the commerce department (cyber, up to GREEN), and the four partners' dialogue (cyber, up
   * to GREEN). Their ids are fixed, so every demo node names the same collections.
   */
  public static List<Agreement> agreements() {
    return List.of(
        agreement(LOI_COLLECTION, AgreementKind.LETTER_OF_INTENT,
            "Letter of intent: NSB and Pacific Ally", List.of(NSB, PACIFIC_ALLY),
            Set.of(Domains.CYBER, Domains.MARITIME, Domains.FIMI), Tlp.AMBER),
        agreement(SOI_COLLECTION, AgreementKind.STATEMENT_OF_INTENT,
            "Statement of intent: NSB and Commerce", List.of(NSB, COMMERCE),
            Set.of(Domains.CYBER), Tlp.GREEN),
        agreement(PARTNER_COLLECTION, AgreementKind.DIALOGUE, "Partner intelligence dialogue",
            List.of(NSB, PACIFIC_ALLY, COMMERCE, COMPUTER_ASSOCIATION), Set.of(Domains.CYBER),
            Tlp.GREEN));
  }

  private static Agreement agreement(String uuid, AgreementKind kind, String title,
      List<String> parties, Set<String> domains, Tlp ceiling) {
    String by = "admin@" + OPERATOR;
    List<StatusChange> history = List.of(
        new StatusChange(AgreementStatus.DRAFT, by, SIGNED, "created"),
        new StatusChange(AgreementStatus.ACTIVE, by, SIGNED.plusSeconds(60), "signed"));
    return new Agreement(Agreement.PREFIX + uuid, kind, title, parties, domains, ceiling, SIGNED,
        null, AgreementStatus.ACTIVE, history, OPERATOR, SIGNED, SIGNED.plusSeconds(60));
  }

  /**
   * Returns {@code base} turned into the demo node: its title, operator, partner organisations
   * and users (password hashes with {@code iterations} PBKDF2 rounds; tests use fewer to start
   * faster).
   */
  public static AppConfig configure(AppConfig base, int iterations) {
    List<UserAccount> accounts = new ArrayList<>();
    for (DemoUser u : users()) {
      accounts.add(new UserAccount(u.name(), u.organisation(), Set.of(u.role()),
          Credentials.hashPassword(u.password().toCharArray(), iterations),
          u.token() == null ? List.of() : List.of(Credentials.hashToken(u.token())),
          Map.of()));
    }
    return base
        .withNode(new AppConfig.NodeSettings("Kuroshio demo node",
            "Demonstration node: the government e-mail compromise shared between four partners.",
            OPERATOR, "Kuroshio demo operator"))
        .withOrganisations(organisations())
        .withUsers(accounts);
  }

  /** Returns every object of the scenario, in bundle order. */
  public static List<StixObject> objects() {
    try (InputStream in = DemoScenario.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the demo scenario " + RESOURCE + " is missing");
      }
      List<StixObject> out = new ArrayList<>();
      try (BundleReader reader = BundleReader.open(in)) {
        reader.forEachRemaining(out::add);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the demo scenario", e);
    }
  }

  /**
   * Returns the organisation that contributes an object to the node: the partner that created
   * it; the bureau for the rest (the accused side's denial, identities, marking-definitions),
   * which it recorded.
   */
  static String contributor(StixObject o) {
    String creator = o.string("created_by_ref").orElse("");
    return PARTNERS.contains(creator) ? creator : NSB;
  }

  /**
   * Registers the demo agreements, then loads the scenario through the ingest pipeline into
   * each contributing organisation's local collection; the release rule then decides which
   * agreement collections show what. Identities of registered organisations are skipped (the
   * node publishes its own). Loading twice changes nothing.
   *
   * @return how many objects each organisation's local collection received, by collection id
   * @throws IllegalStateException when ingest refuses any object (the scenario must be valid)
   */
  public static Map<String, Integer> load(NodeData data) {
    Principal operator = Principal.system(OPERATOR);
    for (Agreement a : agreements()) {
      data.governance().adopt(operator, a);
    }
    List<StixObject> all = loadable(data);
    Map<String, List<StixObject>> byOwner = new LinkedHashMap<>();
    for (StixObject o : all) {
      byOwner.computeIfAbsent(contributor(o), k -> new ArrayList<>()).add(o);
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Map.Entry<String, List<StixObject>> e : byOwner.entrySet()) {
      String local = SharingState.localCollectionId(e.getKey());
      counts.put(local, ingest(data, e.getKey(), local, e.getValue()));
    }
    return counts;
  }

  /**
   * Returns the scenario objects a node loads: all but the identities of organisations it has
   * registered (the node publishes those itself).
   */
  static List<StixObject> loadable(NodeData data) {
    return objects().stream()
        .filter(o -> !(o.type().equals("identity")
            && data.governance().state().organisation(o.id()).isPresent()))
        .toList();
  }

  /**
   * Stores objects as their owner's contribution to a collection.
   *
   * @return how many were stored
   * @throws IllegalStateException naming every object refused (the scenario must be valid)
   */
  static int ingest(NodeData data, String owner, String collection,
      List<StixObject> objects) {
    IngestResult result = data.add(Principal.system(owner), collection, objects);
    if (result.failureCount() > 0) {
      StringBuilder why = new StringBuilder("the demo scenario was refused:");
      for (ObjectResult f : result.failures()) {
        why.append("\n  ").append(f.id()).append(": ").append(f.message());
      }
      throw new IllegalStateException(why.toString());
    }
    return result.successCount();
  }
}
