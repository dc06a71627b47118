package io.github.pools;

/**
 * Receives the timings of every task a pool runs. A pool measures time only while at
 * least one timer is added (see {@link PoolManager#addTaskTimer(TaskTimer)}), so an
 * untimed pool pays nothing for it; every added timer receives every timing.
 * <p>
 * Called on the pool's own threads once per task, right after the task completes:
 * implementations must be fast and must not block or throw.
 */
@FunctionalInterface
public interface TaskTimer {

	/**
	 * Record one task.
	 * @param queuedNanos time from submit until the task started (for a process pool:
	 * until it was sent to a worker)
	 * @param executionNanos time the task ran (for a process pool: the round trip to
	 * the worker and back, serialization included)
	 */
	void record(long queuedNanos, long executionNanos);

}
