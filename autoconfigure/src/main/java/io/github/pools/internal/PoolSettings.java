package io.github.pools.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The settings every kind of pool has, validated, as a pool's builder hands them to
 * the pool it builds.
 *
 * @param name the pool name
 * @param taskType the one task type the pool accepts, or {@code null} for any
 * @param coreSize workers kept when idle
 * @param maxSize most workers at once
 * @param queueCapacity most tasks waiting for a worker
 * @param maxTasksPerWorker tasks after which a worker is replaced, 0 for no limit
 * @param prestart whether the core workers start with the pool
 * @param awaitTerminationPeriod how long {@code close()} waits for accepted tasks,
 * {@link Duration#ZERO} to stop at once
 */
public record PoolSettings(String name, @Nullable String taskType, int coreSize, int maxSize, int queueCapacity,
		int maxTasksPerWorker, boolean prestart, Duration awaitTerminationPeriod) {

}
