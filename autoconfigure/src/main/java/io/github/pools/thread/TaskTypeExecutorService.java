package io.github.pools.thread;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
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

	private final ThreadPoolManager pool;

	private final @Nullable String taskType;

	/** Tasks submitted through this view that have not completed. */
	private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();

	private volatile boolean shutdown;

	TaskTypeExecutorService(ThreadPoolManager pool, @Nullable String taskType) {
		this.pool = pool;
		this.taskType = taskType;
	}

	@Override
	public void execute(Runnable command) {
		track(this.pool.executed(this.taskType, checkOpen(command)));
	}

	@Override
	public <T> Future<T> submit(Callable<T> task) {
		return track(this.pool.submit(this.taskType, checkOpen(task)));
	}

	@Override
	public Future<?> submit(Runnable task) {
		return track(this.pool.submit(this.taskType, checkOpen(task)));
	}

	@Override
	public <T> Future<T> submit(Runnable task, T result) {
		checkOpen(task);
		return track(this.pool.submit(this.taskType, () -> {
			task.run();
			return result;
		}));
	}

	private <T> T checkOpen(T task) {
		Objects.requireNonNull(task, "task must not be null");
		if (this.shutdown) {
			throw new RejectedExecutionException("This executor of pool '" + this.pool.name() + "' for task type '"
					+ this.taskType + "' has been shut down (the pool itself keeps running)");
		}
		return task;
	}

	private <F extends CompletableFuture<?>> F track(F future) {
		this.inFlight.add(future);
		future.whenComplete((result, failure) -> untrack(future));
		return future;
	}

	private void untrack(CompletableFuture<?> future) {
		this.inFlight.remove(future);
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
		for (CompletableFuture<?> future : this.inFlight) {
			TaskFuture<?> task = (TaskFuture<?>) future;
			if (this.pool.removeQueued(task)) {
				task.discard();
				neverStarted.add(task.submittedRunnable());
			}
			else {
				task.cancel(true);
			}
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
	 * Return whether this view is shut down and every task submitted through it has
	 * completed.
	 */
	@Override
	public boolean isTerminated() {
		return isShutdown() && this.inFlight.isEmpty();
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
		long deadline = System.nanoTime() + unit.toNanos(timeout);
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
