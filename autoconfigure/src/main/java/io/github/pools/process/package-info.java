/**
 * Process pools: {@link io.github.pools.process.ProcessPoolManager} runs tasks in
 * long-lived worker JVMs that it starts, reuses and supervises, one private
 * standard-input/standard-output channel per worker.
 */
@NullMarked
package io.github.pools.process;

import org.jspecify.annotations.NullMarked;
