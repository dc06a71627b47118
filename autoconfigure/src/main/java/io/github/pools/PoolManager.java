package io.github.pools;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A named pool of workers that runs tasks, optionally restricted to one task type.
 * <p>
 * <b>Kinds.</b> A {@link io.github.pools.thread.ThreadPoolManager} runs tasks on
 * threads of the application's JVM; a {@link io.github.pools.process.ProcessPoolManager}
 * runs them in long-lived worker JVMs. Each kind has its own {@code submit} methods,
 * because a task for a worker JVM must be serializable; everything else (life cycle,
 * statistics, task-type protection) is defined here and behaves the same for both.
 * <p>
 * <b>Task-type protection.</b> A pool built with a task type accepts only tasks
 * submitted with exactly that type. Any other type, and a missing one, is refused at
 * submit with {@link UnknownTaskTypeException}; nothing is queued and the refusal is
 * counted. A pool without a task type accepts every task, typed or not.
 * <p>
 * <b>Life cycle.</b> {@code NEW -> RUNNING -> STOPPING -> TERMINATED}, see
 * {@link PoolState}. Tasks are accepted only while {@link PoolState#RUNNING running}.
 * {@link #stop()} lets accepted tasks finish; {@link #stopNow()} cancels the ones that
 * have not started; {@link #close()} does the first, waits up to the pool's
 * await-termination period and then does the second. Every future handed out by a pool
 * completes: with a result, an exception, or a cancellation.
 * <p>
 * <b>Memory consistency.</b> Actions in a thread before it submits a task
 * <i>happen-before</i> the task runs (for a process pool, the task is serialized at
 * submit and later changes to captured objects are not seen); actions of the task
 * happen-before the completion of its future is observed.
 */
public interface PoolManager extends AutoCloseable {

	/**
	 * Return the pool's name, unique in its {@link PoolRegistry}.
	 * @return the name
	 */
	String name();

	/**
	 * Return where the pool's tasks run.
	 * @return the kind
	 */
	PoolKind kind();

	/**
	 * Return the one task type this pool accepts.
	 * @return the task type, or {@code null} if the pool accepts every task
	 */
	@Nullable String taskType();

	/**
	 * Return whether a task of the given type passes this pool's task-type check. This
	 * says nothing about whether the pool is running or has room.
	 * @param taskType a task type, or {@code null} for an untyped task
	 * @return {@code true} if the pool is untyped or the types are equal
	 */
	default boolean accepts(@Nullable String taskType) {
		String own = taskType();
		return own == null || own.equals(taskType);
	}

	/**
	 * Start the pool: from now on it accepts tasks. Starting a running pool does
	 * nothing.
	 * @throws IllegalStateException if the pool was stopped, is stopping or is broken
	 */
	void start();

	/**
	 * Return the pool's current state.
	 * @return the state
	 */
	PoolState state();

	/**
	 * Return whether the pool accepts tasks.
	 * @return {@code true} if the state is {@link PoolState#RUNNING}
	 */
	default boolean isRunning() {
		return state() == PoolState.RUNNING;
	}

	/**
	 * Return whether the pool is broken: its workers cannot start, or their initializer
	 * fails.
	 * @return {@code true} if the state is {@link PoolState#BROKEN}
	 */
	default boolean isBroken() {
		return state() == PoolState.BROKEN;
	}

	/**
	 * Check that the pool can take tasks (asyncpal's {@code check()}).
	 * @throws BrokenPoolException if the pool is broken, with the failure as cause
	 * @throws TaskRejectedException with reason {@link RejectionReason#SHUTDOWN} if the
	 * pool is not started, stopping or stopped
	 */
	void check();

	/**
	 * Begin an orderly stop: no new tasks are accepted; tasks already accepted, queued
	 * or running, still run. Does not wait; use {@link #awaitTermination(Duration)}.
	 * Stopping a stopped pool does nothing.
	 */
	void stop();

	/**
	 * Stop at once: no new tasks are accepted, queued tasks are removed and their
	 * futures cancelled, running tasks are interrupted (thread pools) or their worker
	 * JVMs killed (process pools). Does not wait for running tasks to end.
	 * @return the tasks that were accepted but never started, in queue order
	 */
	List<PendingTask> stopNow();

	/**
	 * Wait until the pool has terminated after a stop, or the timeout passes.
	 * @param timeout the longest time to wait
	 * @return {@code true} if the pool terminated, {@code false} if the timeout passed
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean awaitTermination(Duration timeout) throws InterruptedException;

	/**
	 * Return whether the pool has terminated: it was stopped and every accepted task has
	 * completed or been cancelled.
	 * @return {@code true} if terminated
	 */
	default boolean isTerminated() {
		return state() == PoolState.TERMINATED;
	}

	/**
	 * Stop the pool and wait for it, the way an application shuts down: {@link #stop()},
	 * then wait up to the pool's await-termination period, then {@link #stopNow()} for
	 * whatever is left. A pool configured not to await termination goes straight to
	 * {@link #stopNow()}. Closing a closed pool does nothing. If interrupted while
	 * waiting, stops at once and keeps the interrupt status.
	 */
	@Override
	void close();

	/**
	 * Start idle workers ahead of demand (asyncpal's {@code spawn_workers}); pass
	 * {@link Integer#MAX_VALUE} to start as many as the pool keeps when idle
	 * ({@code spawn_max_workers}).
	 * @param count how many workers to start at most
	 * @return how many workers were started
	 */
	int prestart(int count);

	/**
	 * Return a snapshot of the pool's sizes and counters.
	 * @return the statistics
	 */
	PoolStats stats();

	/**
	 * Return the pool's counters and sizes, each read on its own without a snapshot:
	 * what meters read on every scrape. The pools of this library read each from a
	 * field; this default takes a {@link #stats() snapshot} for every value.
	 * @return the counters, a view that stays current
	 */
	default PoolCounters counters() {
		return PoolCounters.of(this::stats);
	}

	/**
	 * Change the pool's core and maximum number of workers while it runs. The values
	 * are validated exactly as at build time.
	 * @param coreSize the new core size, at least 0
	 * @param maxSize the new maximum size, at least 1 and at least {@code coreSize}
	 * @throws InvalidPoolSettingException if the sizes are invalid; nothing changes
	 */
	void resize(int coreSize, int maxSize);

	/**
	 * Add a listener for this pool's events.
	 * @param listener the listener
	 */
	void addListener(PoolListener listener);

	/**
	 * Remove a listener added earlier; does nothing if it was not added.
	 * @param listener the listener
	 */
	void removeListener(PoolListener listener);

	/**
	 * Add a timer that receives the queue and execution time of every task; timers add
	 * up, so that each meter registry can have its own. A pool without timers does not
	 * read the clock per task.
	 * @param timer the timer
	 */
	void addTaskTimer(TaskTimer timer);

	/**
	 * Remove a timer added earlier; does nothing if it was not added.
	 * @param timer the timer
	 */
	void removeTaskTimer(TaskTimer timer);

}
