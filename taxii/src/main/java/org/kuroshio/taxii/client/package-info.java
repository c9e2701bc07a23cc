/**
 * The TAXII 2.1 client ({@link org.kuroshio.taxii.client.TaxiiClient}) over
 * {@code java.net.http}; it shares the wire types of {@code org.kuroshio.taxii} and never imports
 * the server.
 */
@NullMarked
package org.kuroshio.taxii.client;

import org.jspecify.annotations.NullMarked;
