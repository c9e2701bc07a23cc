package org.kuroshio.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import org.kuroshio.sharing.Permission;
import org.kuroshio.sharing.Principal;
import org.kuroshio.sharing.Role;
import org.kuroshio.sharing.UserAccount;
import org.kuroshio.stix.BundleReader;
import org.kuroshio.stix.Markings;
import org.kuroshio.stix.StixObject;
import org.kuroshio.stix.Tlp;
import org.kuroshio.store.CollectionInfo;

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

  /** The collection every partner reads and writes. */
  public static final String PARTNER_COLLECTION = "2f0e6a3c-1b7d-4c59-9a8e-5d3f7b1c0e21";

  /** The collection of the letter of intent between the bureau and the Pacific ally. */
  public static final String LOI_COLLECTION = "7c4b9d2e-8f1a-4e63-b5d0-3a6c9e2f1b84";

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

  /**
   * A demo account; its secrets are printed by {@code kuroshio demo} and are public.
   *
   * @param name the login
   * @param password the password
   * @param token an API token, or null
   * @param organisation the organisation's identity id
   * @param organisationName the organisation's name
   * @param collections rights per collection
   */
  public record DemoUser(
      String name,
      String password,
      @Nullable String token,
      String organisation,
      String organisationName,
      Map<String, Permission> collections) {
    public DemoUser {
      collections = Map.copyOf(collections);
    }
  }

  private DemoScenario() {}

  /** Returns the partners' demo accounts, one per organisation. */
  public static List<DemoUser> users() {
    Map<String, Permission> both = Map.of(PARTNER_COLLECTION, Permission.READ_WRITE,
        LOI_COLLECTION, Permission.READ_WRITE);
    Map<String, Permission> partner = Map.of(PARTNER_COLLECTION, Permission.READ_WRITE);
    return List.of(
        new DemoUser("nsb", "nsb-demo-password", "kuroshio-demo-token-nsb", NSB,
            "National Security Bureau", both),
        new DemoUser("pacific", "pacific-demo-password", null, PACIFIC_ALLY,
            "Pacific Ally National Security Office", both),
        new DemoUser("commerce", "commerce-demo-password", null, COMMERCE,
            "Department of Commerce", partner),
        new DemoUser("association", "association-demo-password", null, COMPUTER_ASSOCIATION,
            "Computer Association", partner));
  }

  /** Returns the two demo collections. */
  public static List<CollectionInfo> collections() {
    return List.of(
        new CollectionInfo(PARTNER_COLLECTION, "Partner intelligence",
            "Shared by all four partners: the government e-mail compromise.", "partners",
            List.of(CollectionInfo.STIX_21)),
        new CollectionInfo(LOI_COLLECTION, "Letter of intent: NSB and Pacific Ally",
            "Cybersecurity exchange under the letter of intent between the National Security"
                + " Bureau and the Pacific Ally National Security Office.", "loi-pacific",
            List.of(CollectionInfo.STIX_21)));
  }

  /**
   * Returns {@code base} turned into the demo node: its title, operator, collections and users
   * (password hashes with {@code iterations} PBKDF2 rounds; tests use fewer to start faster).
   */
  public static AppConfig configure(AppConfig base, int iterations) {
    List<UserAccount> accounts = new ArrayList<>();
    for (DemoUser u : users()) {
      accounts.add(new UserAccount(u.name(), u.organisation(), Set.of(Role.ANALYST),
          Credentials.hashPassword(u.password().toCharArray(), iterations),
          u.token() == null ? List.of() : List.of(Credentials.hashToken(u.token())),
          u.collections()));
    }
    return base
        .withNode(new AppConfig.NodeSettings("Kuroshio demo node",
            "Demonstration node: the government e-mail compromise shared between four partners.",
            OPERATOR))
        .withCollections(collections())
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
   * it; the bureau for the accused side's denial (it recorded it); the operator for the rest
   * (identities, marking-definitions).
   */
  static String contributor(StixObject o) {
    String creator = o.string("created_by_ref").orElse("");
    if (PARTNERS.contains(creator)) {
      return creator;
    }
    if (o.type().equals("opinion")) {
      return NSB;
    }
    return OPERATOR;
  }

  /**
   * Loads the scenario into the demo collections through the ingest pipeline, each object as
   * its contributing organisation: everything into the partner collection; the bureau's and the
   * ally's TLP:AMBER objects, with the identities and marking-definitions, into the letter of
   * intent's collection. Loading twice changes nothing.
   *
   * @return how many objects went into each collection
   * @throws IllegalStateException when ingest refuses any object (the scenario must be valid)
   */
  public static Map<String, Integer> load(NodeData data) {
    List<StixObject> all = objects();
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put(PARTNER_COLLECTION, ingestByContributor(data, PARTNER_COLLECTION, all));
    List<StixObject> loi = all.stream()
        .filter(o -> {
          String c = contributor(o);
          return c.equals(OPERATOR)
              || ((c.equals(NSB) || c.equals(PACIFIC_ALLY))
                  && Markings.tlp(o).filter(t -> t == Tlp.AMBER).isPresent());
        })
        .toList();
    counts.put(LOI_COLLECTION, ingestByContributor(data, LOI_COLLECTION, loi));
    return counts;
  }

  private static int ingestByContributor(NodeData data, String collection,
      List<StixObject> objects) {
    Map<String, List<StixObject>> byOwner = new LinkedHashMap<>();
    for (StixObject o : objects) {
      byOwner.computeIfAbsent(contributor(o), k -> new ArrayList<>()).add(o);
    }
    int stored = 0;
    for (Map.Entry<String, List<StixObject>> e : byOwner.entrySet()) {
      IngestResult result = data.add(Principal.system(e.getKey()), collection, e.getValue());
      if (result.failureCount() > 0) {
        StringBuilder why = new StringBuilder("the demo scenario was refused:");
        for (ObjectResult f : result.failures()) {
          why.append("\n  ").append(f.id()).append(": ").append(f.message());
        }
        throw new IllegalStateException(why.toString());
      }
      stored += result.successCount();
    }
    return stored;
  }
}
