package io.github.pools.process;

/**
 * Where a worker is in its life, as its pool sees it. A worker only moves forward:
 * <pre>
 * STARTING --ready--&gt; IDLE &lt;--answer, no task waits-- BUSY
 *                      |  --a task is assigned---------&gt;  |
 *    |                 v                                  v
 *    +--------------&gt; RETIRING --the process ended--&gt; EXITED
 * STARTING --start failed--&gt; EXITED
 * </pre>
 * A worker leaves {@code IDLE} and {@code BUSY} for {@code RETIRING} when it is told to
 * stop (idle too long, recycled, the pool stopping) or killed (its task timed out or
 * was cancelled, it broke the channel, the pool stops at once); the reason is decided
 * once, by whoever retires it. {@link Supervisor} reads each state's deadline from the
 * time the worker entered it.
 */
enum WorkerState {

	/** Its process is starting; it is not ready yet. Deadline: the start timeout. */
	STARTING,

	/** Ready and without a task. Deadline, above the core size: the idle timeout. */
	IDLE,

	/** Running one task. Deadline: the task timeout. */
	BUSY,

	/** Told to stop, or killed; takes no task. Deadline to exit: the start timeout. */
	RETIRING,

	/** Its process has ended and been accounted for. */
	EXITED

}
