/** Benchmarks: a corpus generator, JMH micro-benchmarks and end-to-end load clients. */
@NullMarked
package org.kuroshio.bench;

import org.jspecify.annotations.NullMarked;
