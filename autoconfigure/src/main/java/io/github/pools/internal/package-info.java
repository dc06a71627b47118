/**
 * What the pool kinds share, by composition: {@code PoolControl} (state machine,
 * termination, rejection counts, listeners, task timers), {@code PoolSettings},
 * {@code BatchCalls} and {@code ChunkPipeline} (the batch calls, written once; each kind
 * plugs in how it submits a chunk). Public only so that the kinds' packages can use it;
 * applications should not depend on this package.
 */
@NullMarked
package io.github.pools.internal;

import org.jspecify.annotations.NullMarked;
