package io.github.pools.process;

import java.time.Duration;
import java.util.Map;

import io.github.pools.process.channel.ObjectCodec;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a process pool that do not change after it is built, as read by its
 * machinery. Sizes live in {@link WorkerPool}, since they can be resized.
 *
 * @param name the pool name
 * @param queueCapacity most tasks waiting for a worker
 * @param taskTimeout longest time a task may run, or {@code null} for no limit
 * @param maxTasksPerWorker tasks after which a worker is replaced, 0 for no limit
 * @param idleTimeout idle time after which a worker above the core size exits
 * @param startTimeout longest time a worker may take to become ready
 * @param prestart whether the core workers start with the pool
 * @param shutdownHook whether the pool registers a JVM shutdown hook that closes it
 * @param maxMessageSize largest serialized task or result
 * @param codec serialization with the pool's allow-list
 * @param initializer the serialized initializer, or {@code null}
 * @param finalizer the serialized finalizer, or {@code null}
 * @param command how to start a worker
 * @param environment variables set for a worker, on top of the inherited ones
 */
record PoolConfig(String name, int queueCapacity, @Nullable Duration taskTimeout, int maxTasksPerWorker,
		Duration idleTimeout, Duration startTimeout, boolean prestart, boolean shutdownHook, long maxMessageSize,
		ObjectCodec codec, byte @Nullable [] initializer, byte @Nullable [] finalizer, WorkerCommand command,
		Map<String, String> environment) {

}
