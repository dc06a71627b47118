package io.github.pools.process;

import io.github.pools.WorkerExitReason;
import io.github.pools.process.channel.FrameBuffer;
import io.github.pools.process.channel.FrameType;
import org.jspecify.annotations.Nullable;

/**
 * One worker of a pool: its place in the pool's bookkeeping (its {@link WorkerState},
 * since when, its task) and its process once started. The bookkeeping is guarded by the
 * pool's lock; {@link #state} and {@link #sinceNanos} are also volatile, so the
 * supervisor can read them without the lock and have the pool confirm under it.
 */
final class PooledWorker {

	private static final FrameBuffer STOP = FrameBuffer.empty(FrameType.STOP);

	final int id;

	/** {@code <pool>#<id>}, as in log lines and the worker's command line. */
	private final String name;

	/** Whether this worker replaces one that ended abnormally or was recycled. */
	final boolean replacement;

	/** Written under the pool lock. */
	volatile WorkerState state = WorkerState.STARTING;

	/** When the worker entered its state, or its task was sent; written under the pool lock. */
	volatile long sinceNanos;

	/** The task it runs while {@link WorkerState#BUSY}; guarded by the pool lock. */
	@Nullable ProcessTask<?> task;

	/** Tasks answered; guarded by the pool lock. */
	int tasksRun;

	/** Why it ends, decided once; guarded by the pool lock. */
	@Nullable WorkerExitReason exitReason;

	/** Whether it was killed because it was not ready in time; guarded by the pool lock. */
	boolean startTimedOut;

	private volatile @Nullable WorkerProcess process;

	private volatile boolean killed;

	PooledWorker(String poolName, int id, boolean replacement, long nowNanos) {
		this.id = id;
		this.name = poolName + "#" + id;
		this.replacement = replacement;
		this.sinceNanos = nowNanos;
	}

	/**
	 * Attach the started process; if the worker was killed before it had one, kill it
	 * now. Both fields are volatile, so a concurrent {@link #kill()} either sees the
	 * process or is seen here.
	 */
	void attach(WorkerProcess process) {
		this.process = process;
		if (this.killed) {
			process.kill();
		}
	}

	@Nullable WorkerProcess process() {
		return this.process;
	}

	long pid() {
		WorkerProcess process = this.process;
		return (process != null) ? process.pid() : -1;
	}

	/**
	 * Kill the worker's process, now or as soon as it has one.
	 */
	void kill() {
		this.killed = true;
		WorkerProcess process = this.process;
		if (process != null) {
			process.kill();
		}
	}

	/**
	 * Return whether the pool killed the worker.
	 * @return {@code true} once {@link #kill()} was called
	 */
	boolean killed() {
		return this.killed;
	}

	/**
	 * Send a task's frame; a worker that is gone fails the task through its own thread.
	 * @param task the task, already assigned to this worker
	 */
	void send(ProcessTask<?> task) {
		WorkerProcess process = this.process;
		if (process != null) {
			process.send(task.takeFrame());
		}
	}

	/**
	 * Tell the worker to run its finalizer and exit; sent only to an idle worker.
	 */
	void sendStop() {
		WorkerProcess process = this.process;
		if (process != null) {
			process.send(STOP);
		}
	}

	@Override
	public String toString() {
		return "Worker[" + this.name + ", pid " + pid() + "]";
	}

}
