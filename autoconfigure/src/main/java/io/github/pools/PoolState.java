package io.github.pools;

/**
 * The life cycle of a pool. A pool only moves forward through these states:
 * {@code NEW -> RUNNING -> STOPPING -> TERMINATED}, or to {@code BROKEN} from
 * {@code RUNNING} or {@code STOPPING} when its workers cannot start. A stopped or
 * broken pool is never restarted; build a new one.
 */
public enum PoolState {

	/**
	 * Built but not started; tasks are refused.
	 */
	NEW,

	/**
	 * Accepting and running tasks.
	 */
	RUNNING,

	/**
	 * Stop requested: no new tasks are accepted, accepted ones still finish or are
	 * cancelled.
	 */
	STOPPING,

	/**
	 * Stopped; every accepted task has completed or been cancelled.
	 */
	TERMINATED,

	/**
	 * Workers cannot start (or their initializer fails); tasks are refused at submit
	 * with {@link BrokenPoolException} and queued ones were failed with it.
	 */
	BROKEN;

	/**
	 * Whether a pool in this state accepts new tasks.
	 * @return {@code true} only for {@link #RUNNING}
	 */
	public boolean isAccepting() {
		return this == RUNNING;
	}

}
