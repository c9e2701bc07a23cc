package org.kuroshio.sharing;

import java.util.Set;

/**
 * Who is asking: an authenticated user acting for an organisation.
 *
 * @param user the account name
 * @param organisation the organisation id the user acts for (owner of what it contributes)
 * @param roles the account's roles
 */
public record Principal(String user, String organisation, Set<Role> roles) {

  public Principal {
    Checks.require(!user.isBlank(), "principal user must not be blank");
    Checks.require(!organisation.isBlank(), "principal organisation must not be blank");
    roles = Set.copyOf(roles);
  }

  /**
   * Returns the principal a node's own programs act as (the CLI {@code import}, demo loaders):
   * user {@code system}, role {@link Role#ADMIN}, for the node operator's organisation.
   */
  public static Principal system(String organisation) {
    return new Principal("system", organisation, Set.of(Role.ADMIN));
  }

  /** Returns whether the principal holds the role. */
  public boolean has(Role role) {
    return roles.contains(role);
  }
}
