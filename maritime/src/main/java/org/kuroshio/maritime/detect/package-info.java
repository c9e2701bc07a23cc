/** Behaviour detectors over vessel tracks: gaps, loitering, encounters, cable threats, identity. */
@NullMarked
package org.kuroshio.maritime.detect;

import org.jspecify.annotations.NullMarked;
