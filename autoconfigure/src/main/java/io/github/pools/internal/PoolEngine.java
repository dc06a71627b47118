package io.github.pools.internal;

import java.util.List;

import io.github.pools.PendingTask;

/**
 * The machinery under a pool manager that {@link PoolControl} starts and stops: a
 * thread pool's executor, a process pool's workers.
 */
public interface PoolEngine {

	/**
	 * Start the machinery; called once, after the pool became running.
	 */
	void start();

	/**
	 * Begin an orderly stop; called once, after the pool became stopping. The engine
	 * calls {@link PoolControl#terminated()} once every accepted task has completed.
	 */
	void stop();

	/**
	 * Cancel queued tasks and interrupt or kill running ones; called after
	 * {@link #stop()}, possibly more than once.
	 * @return the tasks that never started, in queue order
	 */
	List<PendingTask> stopNow();

}
