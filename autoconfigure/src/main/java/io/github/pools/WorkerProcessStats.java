package io.github.pools;

import java.util.List;
import java.util.Map;

/**
 * The worker JVMs of a process pool, as part of a {@link PoolStats} snapshot. Counts
 * are approximate and never decrease.
 *
 * @param starts workers that became ready since the pool started
 * @param restarts of those, workers started to replace one that crashed, timed out,
 * was cancelled, broke the protocol or was recycled
 * @param startFailures attempts to start a worker that failed
 * @param exits workers that ended, by reason (every reason is present)
 * @param pids process ids of the live workers, in ascending order
 */
public record WorkerProcessStats(long starts, long restarts, long startFailures, Map<WorkerExitReason, Long> exits,
		List<Long> pids) {

	/**
	 * Create a new instance, copying the collections.
	 */
	public WorkerProcessStats {
		exits = Map.copyOf(exits);
		pids = List.copyOf(pids);
	}

	/**
	 * Return how many workers crashed.
	 * @return the count of {@link WorkerExitReason#CRASH} exits
	 */
	public long crashes() {
		return this.exits.getOrDefault(WorkerExitReason.CRASH, 0L);
	}

	/**
	 * Return how many workers were killed because a task timed out.
	 * @return the count of {@link WorkerExitReason#TIMEOUT} exits
	 */
	public long timeouts() {
		return this.exits.getOrDefault(WorkerExitReason.TIMEOUT, 0L);
	}

}
