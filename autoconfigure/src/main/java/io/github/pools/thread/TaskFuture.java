package io.github.pools.thread;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.github.pools.PendingTask;
import io.github.pools.TaskTimer;
import org.jspecify.annotations.Nullable;

/**
 * The future handed out at submit and, at the same time, the {@link Runnable} queued in
 * the executor: one object per task. Unlike a plain {@link CompletableFuture},
 * {@code cancel(true)} interrupts the running task, as {@code FutureTask} does, and
 * cancelling a queued task removes it from the queue.
 *
 * @param <T> the result type
 */
final class TaskFuture<T> extends CompletableFuture<T> implements Runnable {

	/** Marks a {@code cancel(true)} in progress, so the runner never leaves early. */
	private static final Thread INTERRUPTING = new Thread(() -> {
	}, "pools-interrupting-marker");

	private static final VarHandle RUNNER;

	static {
		try {
			RUNNER = MethodHandles.lookup().findVarHandle(TaskFuture.class, "runner", Thread.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final ThreadPoolManager pool;

	private final @Nullable String taskType;

	private final Callable<T> callable;

	/** The object the user submitted, for {@link ThreadPoolManager#stopNow()}. */
	private final Object submitted;

	/** The task wrapped by the pool's task decorator, or {@code null} for none. */
	private final @Nullable Runnable decorated;

	private final @Nullable TaskTimer timer;

	private final long submitNanos;

	/** The thread running the task, {@link #INTERRUPTING}, or {@code null}. */
	@SuppressWarnings("unused")
	private volatile @Nullable Thread runner;

	TaskFuture(ThreadPoolManager pool, @Nullable String taskType, Callable<T> callable, Object submitted,
			@Nullable Function<Runnable, Runnable> decorator, @Nullable TaskTimer timer) {
		this.pool = pool;
		this.taskType = taskType;
		this.callable = callable;
		this.submitted = submitted;
		this.timer = timer;
		this.submitNanos = (timer != null) ? System.nanoTime() : 0L;
		// Decorate now, on the submitting thread: decorators capture its context here.
		this.decorated = (decorator != null) ? decorator.apply(this::execute) : null;
	}

	@Override
	public void run() {
		Runnable decorated = this.decorated;
		if (decorated == null) {
			execute();
			return;
		}
		try {
			decorated.run();
		}
		catch (Throwable ex) {
			completeExceptionally(ex);
		}
		if (!isDone()) {
			completeExceptionally(new IllegalStateException(
					"The task decorator of pool '" + this.pool.name() + "' returned without running the task"));
		}
	}

	private void execute() {
		if (isDone()) {
			return; // cancelled while queued
		}
		TaskTimer timer = this.timer;
		if (timer == null) {
			call();
			return;
		}
		long startNanos = System.nanoTime();
		call();
		// After completion, so the submitter is never kept waiting for the timer.
		timer.record(startNanos - this.submitNanos, System.nanoTime() - startNanos);
	}

	/** Kept small so the JIT inlines it into the worker loop, timed or not. */
	private void call() {
		Thread me = Thread.currentThread();
		this.runner = me;
		try {
			if (!isDone()) { // re-check: a cancel may have come before the runner was set
				complete(this.callable.call());
			}
		}
		catch (Throwable ex) {
			if (completeExceptionally(ex)) {
				this.pool.taskFailed();
			}
		}
		finally {
			if (!RUNNER.compareAndSet(this, me, null)) {
				awaitCancellationInterrupt();
			}
		}
	}

	/**
	 * A {@code cancel(true)} is interrupting this thread: wait until it has, then clear
	 * the interrupt, which was meant for this task and not for the next one.
	 */
	private void awaitCancellationInterrupt() {
		while (this.runner == INTERRUPTING) {
			Thread.onSpinWait();
		}
		Thread.interrupted();
	}

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		boolean cancelled = super.cancel(mayInterruptIfRunning);
		if (cancelled) {
			Thread current = this.runner;
			if (current == null) {
				this.pool.removeQueued(this);
			}
			else if (mayInterruptIfRunning && current != INTERRUPTING
					&& RUNNER.compareAndSet(this, current, INTERRUPTING)) {
				try {
					current.interrupt();
				}
				finally {
					this.runner = null;
				}
			}
		}
		return cancelled;
	}

	/**
	 * Cancel a task that is known not to be in the queue (discarded by a rejection
	 * policy, or already drained), skipping the queue scan of {@link #cancel(boolean)}:
	 * during a rejection storm that scan would hold the queue's locks once per task.
	 * @return {@code true} if this call cancelled the task
	 */
	boolean discard() {
		return super.cancel(false);
	}

	PendingTask toPendingTask() {
		return new PendingTask(this.taskType, this.submitted, this);
	}

	@Override
	public String toString() {
		return "Task[pool=" + this.pool.name() + ", taskType=" + this.taskType + ", task=" + this.submitted + "] "
				+ super.toString();
	}

}
