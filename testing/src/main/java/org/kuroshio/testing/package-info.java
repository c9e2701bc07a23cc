/** Shared test fixtures: the location of the shared data, builders, fixed time and ids, contracts. */
@NullMarked
package org.kuroshio.testing;

import org.jspecify.annotations.NullMarked;
