package org.kuroshio.taxii.federation;

/** Which way objects flow on a link between this node and a peer. */
public enum Direction {
  /** From the peer's collection into this node. */
  PULL,
  /** From this node into the peer's collection. */
  PUSH
}
