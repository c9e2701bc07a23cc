/** Geodata for the maritime detectors: distances, cable corridors, territorial seas, areas. */
@NullMarked
package org.kuroshio.maritime.geo;

import org.jspecify.annotations.NullMarked;
