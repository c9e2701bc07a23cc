package org.kuroshio.sharing;

/** What kind of account a principal acts for; {@link #ADMIN} may read and write everything. */
public enum Role {
  /** Operates the node: every collection, read and write. */
  ADMIN,
  /** A person working with intelligence: rights per collection. */
  ANALYST,
  /** May never write, whatever the collection rights say. */
  READ_ONLY,
  /** A program (a federated peer, a sensor): rights per collection, usually with a token. */
  MACHINE
}
