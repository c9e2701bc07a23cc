/** Synthetic but realistic AIS traffic for the demo, the tests and the benchmarks. */
@NullMarked
package org.kuroshio.maritime.scenario;

import org.jspecify.annotations.NullMarked;
