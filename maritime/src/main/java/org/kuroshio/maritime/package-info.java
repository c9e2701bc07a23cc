/**
 * Maritime domain awareness: AIS decoding (our own, NMEA 0183 AIVDM/AIVDO with tag blocks and
 * multi-sentence reassembly), and later vessels, tracks and detectors.
 */
@NullMarked
package org.kuroshio.maritime;

import org.jspecify.annotations.NullMarked;
