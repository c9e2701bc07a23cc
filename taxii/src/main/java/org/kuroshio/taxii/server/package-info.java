/**
 * The TAXII 2.1 server: routes registered on a Javalin config by
 * {@link org.kuroshio.taxii.server.TaxiiServer#register}, reading and writing only through
 * {@link org.kuroshio.sharing.NodeData}.
 */
@NullMarked
package org.kuroshio.taxii.server;

import org.jspecify.annotations.NullMarked;
