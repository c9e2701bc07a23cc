/**
 * Benchmarks of the maritime module (issue 4, "Speed"): AIS decoding against {@code gpsdecode},
 * the full pipeline with 10,000 vessels in view, and the search and rescue query over 100,000
 * vessels. Each is a main class run by {@code bench/maritime.sh}.
 */
@NullMarked
package org.kuroshio.bench.maritime;

import org.jspecify.annotations.NullMarked;
