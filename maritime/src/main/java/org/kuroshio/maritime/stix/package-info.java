/**
 * Maritime objects into STIX 2.1: vessels as {@code kuroshio-vessel} cyber-observables, detector
 * events as {@code observed-data} with the maritime event extension, a {@code location} and a
 * {@code located-at} relationship, and {@code incident}s when a cable threat coincides with a
 * reported cable outage. Every object carries the {@code maritime} domain; ids are deterministic.
 */
@NullMarked
package org.kuroshio.maritime.stix;

import org.jspecify.annotations.NullMarked;
