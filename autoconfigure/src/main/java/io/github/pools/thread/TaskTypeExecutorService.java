package io.github.pools.thread;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The {@link java.util.concurrent.ExecutorService} view of a {@link ThreadPoolManager}
 * bound to one task type; see {@link ThreadPoolManager#executor(String)}. It tracks
 * only the tasks submitted through it, so that its shutdown methods can act on those
 * without stopping the shared pool.
 */
final class TaskTypeExecutorService extends AbstractExecutorService {

	private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	/** The longest wait measured against {@link System#nanoTime()} without overflow. */
	private static final long MAX_WAIT_NANOS = Long.MAX_VALUE >> 1;

	private final ThreadPoolManager pool;

	private final @Nullable String taskType;

	/**
	 * Tasks submitted through this view whose body may still run: untracked when the
	 * task says its body will never run again, not when its future completes (a task
	 * cancelled with {@code cancel(true)} that ignores the interrupt still runs).
	 */
	private final Set<TaskFuture<?>> inFlight = ConcurrentHashMap.newKeySet();

	private volatile boolean shutdown;

	TaskTypeExecutorService(ThreadPoolManager pool, @Nullable String taskType) {
		this.pool = pool;
		this.taskType = taskType;
	}

	@Override
	public void execute(Runnable command) {
		this.pool.executed(this.taskType, checkOpen(command), this);
	}

	@Override
	public <T> Future<T> submit(Callable<T> task) {
		return this.pool.submit(this.taskType, checkOpen(task), this);
	}

	@Override
	public Future<?> submit(Runnable task) {
		return this.pool.submit(this.taskType, checkOpen(task), this);
	}

	@Override
	public <T> Future<T> submit(Runnable task, T result) {
		checkOpen(task);
		return this.pool.submit(this.taskType, () -> {
			task.run();
			return result;
		}, this);
	}

	private <T> T checkOpen(T task) {
		Objects.requireNonNull(task, "task must not be null");
		if (this.shutdown) {
			throw new RejectedExecutionException("This executor of pool '" + this.pool.name() + "' for task type '"
					+ this.taskType + "' has been shut down (the pool itself keeps running)");
		}
		return task;
	}

	/**
	 * Track a task submitted through this view, before the pool may run it.
	 * @param task the task
	 */
	void track(TaskFuture<?> task) {
		this.inFlight.add(task);
	}

	/**
	 * Called for a task of this view whose body will never run again (it returned, or
	 * will never start); more than once is harmless.
	 * @param task the task
	 */
	void bodyEnded(TaskFuture<?> task) {
		this.inFlight.remove(task);
		if (this.inFlight.isEmpty()) {
			synchronized (this.inFlight) {
				this.inFlight.notifyAll();
			}
		}
	}

	/**
	 * Refuse further tasks through this view. Tasks already submitted still run; the
	 * pool is not affected.
	 */
	@Override
	public void shutdown() {
		this.shutdown = true;
	}

	/**
	 * Refuse further tasks through this view, cancel its queued tasks and interrupt its
	 * running ones. The pool and other users' tasks are not affected.
	 * @return this view's tasks that never started: each {@code Runnable} as it was
	 * submitted, and the cancelled future of each {@code Callable}
	 */
	@Override
	public List<Runnable> shutdownNow() {
		this.shutdown = true;
		List<Runnable> neverStarted = new ArrayList<>();
		List<TaskFuture<?>> started = new ArrayList<>();
		// Drain first, then interrupt, as ThreadPoolExecutor does: a thread freed by an
		// interrupt must not find one of this view's queued tasks still in the queue.
		for (TaskFuture<?> task : this.inFlight) {
			if (this.pool.removeQueued(task)) {
				task.discard();
				neverStarted.add(task.submittedRunnable());
			}
			else {
				started.add(task);
			}
		}
		for (TaskFuture<?> task : started) {
			task.cancel(true);
		}
		return neverStarted;
	}

	/**
	 * Return whether this view refuses tasks: it was shut down, or its pool is not
	 * running.
	 */
	@Override
	public boolean isShutdown() {
		return this.shutdown || !this.pool.isRunning();
	}

	/**
	 * Return whether this view is shut down and no task submitted through it runs or can
	 * still run: every task body has returned or was dropped before it started. A task
	 * cancelled while it runs counts until its body returns, as with
	 * {@link java.util.concurrent.ThreadPoolExecutor}. A view whose pool has terminated
	 * is terminated.
	 */
	@Override
	public boolean isTerminated() {
		return isShutdown() && (this.inFlight.isEmpty() || this.pool.isTerminated());
	}

	/**
	 * Wait until this view is terminated, see {@link #isTerminated()}. A timeout of zero
	 * or less checks once and does not wait.
	 */
	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
		long nanos = unit.toNanos(timeout); // saturates at Long.MIN_VALUE and Long.MAX_VALUE
		if (nanos <= 0) {
			return isTerminated();
		}
		// Keep far deadlines far, without overflow: about 146 years is forever here.
		long deadline = System.nanoTime() + Math.min(nanos, MAX_WAIT_NANOS);
		synchronized (this.inFlight) {
			while (!isTerminated()) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				// Bounded wait: the pool stopping also terminates this view, without a notify.
				TimeUnit.NANOSECONDS.timedWait(this.inFlight, Math.min(remaining, POLL_NANOS));
			}
			return true;
		}
	}

	@Override
	public String toString() {
		return "ExecutorService[pool=" + this.pool.name() + ", taskType=" + this.taskType + ", shutdown="
				+ this.shutdown + ", inFlight=" + this.inFlight.size() + "]";
	}

}
