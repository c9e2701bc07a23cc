/**
 * TAXII 2.1 wire types shared by the server ({@code taxii.server}) and the client
 * ({@code taxii.client}): discovery, API root, collection, envelope, manifest, versions, status
 * and error resources, the media types, and the failures the client reports.
 */
@NullMarked
package org.kuroshio.taxii;

import org.jspecify.annotations.NullMarked;
