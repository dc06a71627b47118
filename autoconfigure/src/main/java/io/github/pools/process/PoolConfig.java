package io.github.pools.process;

import java.time.Duration;

import io.github.pools.internal.PoolSettings;
import io.github.pools.process.channel.ObjectCodec;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a process pool that its machinery reads, fixed when it is built.
 * The sizes in {@code settings} are where the pool starts; a resize changes them in
 * {@link WorkerPool}.
 *
 * @param settings the settings every kind of pool has
 * @param taskTimeout longest time a task may run, or {@code null} for no limit
 * @param idleTimeout idle time after which a worker above the core size exits
 * @param startTimeout longest time a worker may take to become ready, and to exit once
 * told to stop
 * @param shutdownHook whether the pool registers a JVM shutdown hook that closes it
 * @param maxMessageSize largest serialized task or result
 * @param codec serialization with the pool's allow-list
 */
record PoolConfig(PoolSettings settings, @Nullable Duration taskTimeout, Duration idleTimeout, Duration startTimeout,
		boolean shutdownHook, long maxMessageSize, ObjectCodec codec) {

	String name() {
		return this.settings.name();
	}

	int queueCapacity() {
		return this.settings.queueCapacity();
	}

}
