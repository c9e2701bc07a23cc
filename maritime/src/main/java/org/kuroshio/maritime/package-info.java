/**
 * Maritime domain awareness: {@link org.kuroshio.maritime.MaritimePipeline} joins our own AIS
 * decoder, the vessel registry and track store, search-and-rescue assist and the behaviour
 * detectors; the subpackages hold each part (docs/MARITIME.md).
 */
@NullMarked
package org.kuroshio.maritime;

import org.jspecify.annotations.NullMarked;
