package io.github.pools.autoconfigure;

/**
 * The Micrometer meters of one pool: the {@code metrics} group of a pool's
 * configuration.
 */
public class PoolMetricsProperties {

	/**
	 * Whether every task is timed with the executor and executor.idle timers. Costs two
	 * clock reads and two timer updates per task; gauges and counters are always
	 * published and cost nothing per task.
	 */
	private boolean taskTimers = true;

	public boolean isTaskTimers() {
		return this.taskTimers;
	}

	public void setTaskTimers(boolean taskTimers) {
		this.taskTimers = taskTimers;
	}

}
