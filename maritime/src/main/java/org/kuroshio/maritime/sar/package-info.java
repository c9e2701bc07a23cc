/**
 * Search and rescue assist: the vessels near a distress position now or at a past time, with the
 * time each would need to reach it.
 */
@NullMarked
package org.kuroshio.maritime.sar;

import org.jspecify.annotations.NullMarked;
