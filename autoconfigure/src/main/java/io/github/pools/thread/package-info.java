/**
 * Thread pools: {@link io.github.pools.thread.ThreadPoolManager}, built on
 * {@link java.util.concurrent.ThreadPoolExecutor}, with platform or virtual threads.
 */
@NullMarked
package io.github.pools.thread;

import org.jspecify.annotations.NullMarked;
