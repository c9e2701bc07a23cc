/**
 * The STIX 2.1 model: {@link org.kuroshio.stix.StixObject} keeps every object losslessly as JSON;
 * {@link org.kuroshio.stix.StixJson} reads and writes it under {@link org.kuroshio.stix.ParseLimits}.
 */
@NullMarked
package org.kuroshio.stix;

import org.jspecify.annotations.NullMarked;
