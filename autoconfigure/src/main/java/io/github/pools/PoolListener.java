package io.github.pools;

/**
 * Callback for the events of a pool's life, for alerting, logging or metrics. Every
 * method has an empty default, so implement only what you need.
 * <p>
 * Methods are called on the thread that caused the event (a submitting thread, a
 * worker thread or a supervisor thread); they must be quick, must not block and must
 * not throw. An exception thrown by a listener is logged and otherwise ignored.
 */
public interface PoolListener {

	/**
	 * Called when the pool moves from one state to another.
	 * @param pool the pool
	 * @param from the previous state
	 * @param to the new state
	 */
	default void stateChanged(PoolManager pool, PoolState from, PoolState to) {
	}

	/**
	 * Called when the pool refuses a task at submit.
	 * @param pool the pool
	 * @param reason why the task was refused
	 */
	default void taskRejected(PoolManager pool, RejectionReason reason) {
	}

	/**
	 * Called when a worker of a process pool is ready to take tasks.
	 * @param pool the pool
	 * @param workerId the pool-local id of the worker
	 * @param pid the operating system process id of the worker JVM
	 */
	default void workerStarted(PoolManager pool, int workerId, long pid) {
	}

	/**
	 * Called when a worker of a process pool has ended.
	 * @param pool the pool
	 * @param workerId the pool-local id of the worker
	 * @param pid the operating system process id of the worker JVM
	 * @param reason why it ended
	 */
	default void workerExited(PoolManager pool, int workerId, long pid, WorkerExitReason reason) {
	}

	/**
	 * Called when a member leaves the cluster of a cluster pool; its tasks run again on
	 * another member (durable pools) or fail with
	 * {@link io.github.pools.cluster.MemberLeftException}.
	 * @param pool the pool
	 * @param member the member that left, as {@code host:port} with its uuid
	 * @param members the members that remain to run tasks (lite members, which run none,
	 * are not counted)
	 */
	default void memberLeft(PoolManager pool, String member, int members) {
	}

	/**
	 * Called when the pool's core and maximum sizes change at runtime.
	 * @param pool the pool
	 * @param before the statistics before the change
	 * @param after the statistics after the change
	 */
	default void resized(PoolManager pool, PoolStats before, PoolStats after) {
	}

}
