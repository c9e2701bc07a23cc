/**
 * Accounts, principals and the one door to a node's data.
 *
 * <p>{@link org.kuroshio.sharing.Accounts} authenticates users (HTTP Basic passwords, bearer
 * tokens) and answers per-collection rights; {@link org.kuroshio.sharing.NodeData} is the only way
 * HTTP handlers, the CLI and analysis modules read or write a node's objects: every call names a
 * {@link org.kuroshio.sharing.Principal}, reads pass one access check, and writes pass the ingest
 * pipeline (validate, derive domains and markings, store).
 */
@NullMarked
package org.kuroshio.sharing;

import org.jspecify.annotations.NullMarked;
