/** Vessels: the registry of identities (MMSI, IMO, name, flag) and the track store of positions. */
@NullMarked
package org.kuroshio.maritime.vessel;

import org.jspecify.annotations.NullMarked;
