/**
 * The STIX 2.1 model.
 *
 * <ul>
 *   <li>{@link org.kuroshio.stix.StixObject}: any STIX object, kept losslessly as its JSON tree;
 *       {@link org.kuroshio.stix.StixJson} reads and writes it under
 *       {@link org.kuroshio.stix.ParseLimits}.
 *   <li>{@link org.kuroshio.stix.Validator}: strict or lenient validation of single objects,
 *       driven by the type registry ({@code stix21-types.txt}, see
 *       {@link org.kuroshio.stix.StixTypes}); findings are {@link org.kuroshio.stix.Issue}s in a
 *       {@link org.kuroshio.stix.ValidationReport}.
 *   <li>{@link org.kuroshio.stix.ScoIds}: deterministic cyber-observable ids (UUIDv5 over
 *       RFC 8785 canonical JSON).
 *   <li>{@link org.kuroshio.stix.Tlp}, {@link org.kuroshio.stix.Markings}: TLP 2.0 and 1.0,
 *       statements, release lists, granular selectors.
 *   <li>{@link org.kuroshio.stix.Domains}, {@link org.kuroshio.stix.KuroshioExtensions}: sharing
 *       domains and Kuroshio's fixed extension-definitions.
 *   <li>{@link org.kuroshio.stix.BundleReader}, {@link org.kuroshio.stix.BundleWriter}: streaming
 *       bundles and TAXII envelopes in bounded memory.
 * </ul>
 */
@NullMarked
package org.kuroshio.stix;

import org.jspecify.annotations.NullMarked;
