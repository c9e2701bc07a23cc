package org.kuroshio.sharing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A user as configured on the node, with only hashes of its secrets.
 *
 * @param name the login name
 * @param organisation the organisation id the user acts for
 * @param roles the user's roles
 * @param passwordHash a {@link Credentials#hashPassword} result, or null when the user may not
 *     log in with a password
 * @param tokenHashes {@link Credentials#hashToken} results of the user's API tokens
 * @param collections rights per collection id; the key {@code "*"} gives rights on every
 *     collection not named
 */
public record UserAccount(
    String name,
    String organisation,
    Set<Role> roles,
    @Nullable String passwordHash,
    List<String> tokenHashes,
    Map<String, Permission> collections) {

  /** The key of {@link #collections()} that stands for every collection not named. */
  public static final String ANY_COLLECTION = "*";

  public UserAccount {
    Checks.require(!name.isBlank(), "user name must not be blank");
    Checks.require(!name.contains(":"), "user name must not contain ':' (HTTP Basic): " + name);
    Checks.require(!organisation.isBlank(), "organisation of user " + name + " must not be blank");
    roles = Set.copyOf(roles);
    tokenHashes = List.copyOf(tokenHashes);
    collections = Map.copyOf(collections);
  }

  /** Returns the principal this account authenticates as. */
  public Principal principal() {
    return new Principal(name, organisation, roles);
  }

  /** Returns the rights this account's own settings give on a collection (roles applied). */
  public Permission permission(String collectionId) {
    if (roles.contains(Role.ADMIN)) {
      return Permission.READ_WRITE;
    }
    Permission p = collections.get(collectionId);
    if (p == null) {
      p = collections.getOrDefault(ANY_COLLECTION, Permission.NONE);
    }
    return roles.contains(Role.READ_ONLY) ? p.and(Permission.READ) : p;
  }
}
