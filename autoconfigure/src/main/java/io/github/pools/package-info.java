/**
 * The public model of Pools: {@link io.github.pools.PoolManager}, the
 * {@link io.github.pools.PoolRegistry}, pool statistics and the exceptions a pool
 * throws or completes futures with.
 * <p>
 * Nothing in this package or in {@code io.github.pools.thread} and
 * {@code io.github.pools.process} depends on Spring: a plain Java program can build,
 * start, use and close a pool.
 */
@NullMarked
package io.github.pools;

import org.jspecify.annotations.NullMarked;
