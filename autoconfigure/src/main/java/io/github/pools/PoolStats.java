package io.github.pools;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a pool: the seeds' {@code count_busy_workers}, {@code count_free_workers},
 * {@code count_pending_tasks} and {@code count_workers} in one object. The values are
 * read without stopping the pool, so they are approximate when tasks are moving;
 * counters never decrease.
 *
 * @param name the pool name
 * @param kind where tasks run
 * @param state the life-cycle state
 * @param taskType the one task type the pool accepts, or {@code null} if it accepts any
 * @param coreSize workers kept alive when idle
 * @param maxSize most workers the pool runs at once
 * @param workers live workers (threads or worker JVMs)
 * @param busyWorkers workers running a task
 * @param queued tasks accepted but not started
 * @param queueCapacity most tasks that can wait in the queue
 * @param completed tasks that finished, successfully or not: task bodies that ran, not
 * tasks cancelled or completed by their caller before they started
 * @param failed of those, tasks that finished with an exception
 * @param rejected tasks refused at submit, by reason (every reason is present)
 * @param processes the worker JVMs, or {@code null} for a thread pool
 */
public record PoolStats(String name, PoolKind kind, PoolState state, @Nullable String taskType, int coreSize,
		int maxSize, int workers, int busyWorkers, int queued, int queueCapacity, long completed, long failed,
		Map<RejectionReason, Long> rejected, @Nullable WorkerProcessStats processes) {

	/**
	 * Create a new instance, copying the rejection counts.
	 */
	public PoolStats {
		rejected = Map.copyOf(rejected);
	}

	/**
	 * Return the workers that are alive and not running a task.
	 * @return live minus busy workers, never negative
	 */
	public int freeWorkers() {
		return Math.max(0, this.workers - this.busyWorkers);
	}

	/**
	 * Return how many tasks were refused at submit, for every reason.
	 * @return the total rejection count
	 */
	public long rejectedTotal() {
		return this.rejected.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Return how many more tasks the queue can take right now.
	 * @return capacity minus queued, never negative
	 */
	public int queueRemaining() {
		return Math.max(0, this.queueCapacity - this.queued);
	}

}
