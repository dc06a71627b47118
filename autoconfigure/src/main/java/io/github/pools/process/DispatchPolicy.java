package io.github.pools.process;

import io.github.pools.PoolState;
import io.github.pools.WorkerExitReason;

/**
 * The decisions of a process pool about its workers, as plain functions of its
 * bookkeeping: what a worker does when it becomes ready or answers a task, when another
 * worker starts, and when a lost worker is replaced at once. {@link WorkerPool} applies
 * them under its lock; tests call them directly.
 *
 * @param maxTasksPerWorker tasks after which a worker is recycled, 0 for no limit
 * @param prestart whether the pool keeps its core workers started ahead of demand
 */
record DispatchPolicy(int maxTasksPerWorker, boolean prestart) {

	/** What a worker does once it has answered a task. */
	enum AfterAnswer {

		/** Take the next queued task. */
		NEXT_TASK,

		/** Wait for a task. */
		IDLE,

		/** Exit, to be replaced by a fresh worker: it ran its maximum of tasks. */
		RECYCLE,

		/** Exit: the pool was resized below its number of workers. */
		RETIRE_EXCESS,

		/** Exit: the pool no longer takes tasks and none waits. */
		RETIRE

	}

	/** What a worker does once it is ready. */
	enum OnReady {

		/** Take the next queued task. */
		TAKE_TASK,

		/** Wait for a task. */
		IDLE,

		/** Exit: the pool no longer takes tasks and none waits. */
		RETIRE

	}

	/**
	 * Decide what a worker does after an answer.
	 * @param tasksRun tasks the worker has answered, this one included
	 * @param ready ready workers, this one included
	 * @param maxSize the pool's maximum size
	 * @param taskWaiting whether a task waits in the queue
	 * @param state the pool's state
	 * @return the decision
	 */
	AfterAnswer afterAnswer(int tasksRun, int ready, int maxSize, boolean taskWaiting, PoolState state) {
		if (this.maxTasksPerWorker > 0 && tasksRun >= this.maxTasksPerWorker) {
			return AfterAnswer.RECYCLE;
		}
		if (ready > maxSize) {
			return AfterAnswer.RETIRE_EXCESS;
		}
		if (taskWaiting) {
			return AfterAnswer.NEXT_TASK; // a stopping pool still runs what it accepted
		}
		return (state == PoolState.RUNNING) ? AfterAnswer.IDLE : AfterAnswer.RETIRE;
	}

	/**
	 * Decide what a worker that just became ready does.
	 * @param taskWaiting whether a task waits in the queue
	 * @param state the pool's state
	 * @return the decision
	 */
	OnReady onReady(boolean taskWaiting, PoolState state) {
		if (taskWaiting && (state == PoolState.RUNNING || state == PoolState.STOPPING)) {
			return OnReady.TAKE_TASK;
		}
		return (state == PoolState.RUNNING) ? OnReady.IDLE : OnReady.RETIRE;
	}

	/**
	 * Decide whether another worker should start for queued tasks: tasks wait that no
	 * starting worker will take.
	 * @param state the pool's state
	 * @param queued tasks waiting
	 * @param starting workers starting, or waiting to retry a failed start
	 * @param ready ready workers
	 * @param maxSize the pool's maximum size
	 * @return {@code true} to start a worker
	 */
	boolean launchForQueue(PoolState state, int queued, int starting, int ready, int maxSize) {
		return takesWork(state, queued) && ready + starting < maxSize && queued > starting;
	}

	/**
	 * Decide whether another worker should start for queued tasks or to keep the core
	 * size started ahead of demand.
	 * @param state the pool's state
	 * @param queued tasks waiting
	 * @param starting workers starting, or waiting to retry a failed start
	 * @param ready ready workers
	 * @param coreSize the pool's core size
	 * @param maxSize the pool's maximum size
	 * @return {@code true} to start a worker
	 */
	boolean launchForQueueOrCore(PoolState state, int queued, int starting, int ready, int coreSize, int maxSize) {
		int live = ready + starting;
		return takesWork(state, queued) && live < maxSize && (queued > starting || live < coreSize);
	}

	private static boolean takesWork(PoolState state, int queued) {
		return state == PoolState.RUNNING || (state == PoolState.STOPPING && queued > 0);
	}

	/**
	 * Decide whether a worker that ended is replaced at once, before a task asks for
	 * one: it ended abnormally and had done work (so the pool had needed it), or the
	 * pool keeps its core workers started ahead of demand.
	 * @param reason why it ended
	 * @param hadWork whether it held a task or had answered one
	 * @return {@code true} to keep the core size warm
	 */
	boolean replaceAtOnce(WorkerExitReason reason, boolean hadWork) {
		return abnormal(reason) && (hadWork || this.prestart);
	}

	/**
	 * Return whether a worker ended abnormally: crashed, killed for a timeout or a
	 * cancellation, or broke the channel.
	 * @param reason why it ended
	 * @return {@code true} if the pool did not ask it to end
	 */
	static boolean abnormal(WorkerExitReason reason) {
		return reason == WorkerExitReason.CRASH || reason == WorkerExitReason.TIMEOUT
				|| reason == WorkerExitReason.CANCELLED || reason == WorkerExitReason.PROTOCOL_ERROR;
	}

}
