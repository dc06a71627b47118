package io.github.pools;

/**
 * The life cycle of a pool: {@code NEW -> RUNNING -> STOPPING -> TERMINATED}, where a
 * pool stopped before it started goes from {@code NEW} straight to {@code TERMINATED}.
 * {@code BROKEN} is entered from {@code RUNNING} (or {@code STOPPING}) when workers
 * cannot start; a process pool keeps trying to start a worker, with growing pauses, and
 * goes back to {@code RUNNING} when one starts, while a thread pool whose initializer
 * throws stays broken. A broken pool stops like a running one. A terminated pool is
 * never started again; build a new one.
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
	 * with {@link BrokenPoolException} and queued ones were failed with it. A process
	 * pool leaves this state when a worker starts again.
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
