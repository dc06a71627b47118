package io.github.pools.thread;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
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
class TaskFuture<T> extends CompletableFuture<T> implements Runnable {

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

	/** The {@code Callable} or {@code Runnable} as submitted, also for {@code stopNow()}. */
	private final Object task;

	private final Mode mode;

	/** The task wrapped by the pool's task decorator, or {@code null} for none. */
	private final @Nullable Runnable decorated;

	/** The thread running the task, {@link #INTERRUPTING}, or {@code null}. */
	@SuppressWarnings("unused")
	private volatile @Nullable Thread runner;

	/**
	 * The executor view this task was submitted through, told when the task's body will
	 * never run again; {@code null} for a task submitted to the pool directly, which so
	 * pays one final field and no extra work.
	 */
	private final @Nullable TaskTypeExecutorService view;

	TaskFuture(ThreadPoolManager pool, @Nullable String taskType, Object task, Mode mode,
			@Nullable Function<Runnable, Runnable> decorator, @Nullable TaskTypeExecutorService view) {
		this.pool = pool;
		this.view = view;
		this.taskType = taskType;
		this.task = task;
		this.mode = mode;
		// Decorate now, on the submitting thread: decorators capture its context here.
		this.decorated = (decorator != null) ? decorator.apply(this::execute) : null;
	}

	/**
	 * Create the future of a submitted task: a timed one when the pool has a timer, so
	 * that untimed pools carry and read no timing state.
	 */
	static <T> TaskFuture<T> of(ThreadPoolManager pool, @Nullable String taskType, Object task, Mode mode,
			@Nullable Function<Runnable, Runnable> decorator, @Nullable TaskTimer timer,
			@Nullable TaskTypeExecutorService view) {
		return (timer != null) ? new Timed<>(pool, taskType, task, mode, decorator, timer, view)
				: new TaskFuture<>(pool, taskType, task, mode, decorator, view);
	}

	@Override
	public void run() {
		try {
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
		finally {
			bodyEnded();
		}
	}

	/**
	 * Return the executor view this task was submitted through.
	 * @return the view, or {@code null} if the task was submitted to the pool directly
	 */
	final @Nullable TaskTypeExecutorService view() {
		return this.view;
	}

	/**
	 * This task's body will never run again: it returned, or the task left the queue
	 * without running (discarded, drained, refused by a broken pool, cancelled while
	 * queued). Tells the view the task was submitted through, if any; telling it twice
	 * is harmless. The future may have completed earlier: {@code cancel(true)} completes
	 * it while the body still runs.
	 */
	final void bodyEnded() {
		TaskTypeExecutorService view = this.view;
		if (view != null) {
			view.bodyEnded(this);
		}
	}

	void execute() {
		call();
	}

	/** Kept small so the JIT inlines it into the worker loop, timed or not. */
	@SuppressWarnings("unchecked")
	final void call() {
		Thread me = Thread.currentThread();
		this.runner = me;
		try {
			// Done already: cancelled or completed by its caller while queued, or before
			// the runner was set. Its body does not run, and the pool does not count it.
			if (!isDone()) {
				T result = null;
				try {
					if (this.mode == Mode.CALLABLE) {
						result = ((Callable<T>) this.task).call();
					}
					else {
						((Runnable) this.task).run();
					}
				}
				finally {
					// Before the caller can see the outcome, and before a failure is
					// counted: failed never exceeds completed.
					this.pool.taskRan();
				}
				complete(result);
			}
		}
		catch (Throwable ex) {
			if (this.mode == Mode.EXECUTED) {
				// Nobody holds this future: report, as ThreadPoolExecutor.execute does.
				me.getUncaughtExceptionHandler().uncaughtException(me, ex);
			}
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
		boolean cancelled = cancelIfFirst();
		if (cancelled) {
			Thread current = this.runner;
			if (current == null) {
				if (this.pool.removeQueued(this)) {
					bodyEnded();
				}
				cancelSubmitted();
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
	 * Complete this future as cancelled, as {@code CompletableFuture.cancel} does, but
	 * answer {@code true} only to the call that cancelled it: {@code Future.cancel} fails
	 * on a task already done or cancelled, so a second {@code cancel(true)} must neither
	 * report success nor interrupt a task a first {@code cancel(false)} let run.
	 */
	private boolean cancelIfFirst() {
		return completeExceptionally(new CancellationException());
	}

	/**
	 * Cancel a task that is known not to be in the queue (discarded by a rejection
	 * policy, or already drained), skipping the queue scan of {@link #cancel(boolean)}:
	 * during a rejection storm that scan would hold the queue's locks once per task.
	 * @return {@code true} if this call cancelled the task
	 */
	boolean discard() {
		boolean cancelled = cancelIfFirst();
		if (cancelled) {
			cancelSubmitted();
		}
		bodyEnded();
		return cancelled;
	}

	/**
	 * Fail a task that will never run (drained, or refused by a broken pool).
	 * @param failure the failure
	 */
	void refuse(Throwable failure) {
		completeExceptionally(failure);
		bodyEnded();
	}

	/**
	 * A task that will never run: if what was submitted is itself a future (a
	 * {@code FutureTask} from {@code invokeAll} or Spring's {@code @Async}, say), cancel
	 * it too, so that whoever waits on it is not left waiting forever.
	 */
	private void cancelSubmitted() {
		if (this.task instanceof java.util.concurrent.Future<?> submitted) {
			submitted.cancel(false);
		}
	}

	/**
	 * Return the task as a {@link Runnable}, for {@code shutdownNow()}: what was submitted
	 * if it was a {@code Runnable}, this future otherwise.
	 */
	Runnable submittedRunnable() {
		return (this.mode != Mode.CALLABLE) ? (Runnable) this.task : this;
	}

	PendingTask toPendingTask() {
		return new PendingTask(this.taskType, this.task, this);
	}

	@Override
	public String toString() {
		return "Task[pool=" + this.pool.name() + ", taskType=" + this.taskType + ", task=" + this.task + "] "
				+ super.toString();
	}

	/**
	 * A task of a pool whose tasks are timed: it records the time from submit to start
	 * and from start to completion.
	 *
	 * @param <T> the result type
	 */
	private static final class Timed<T> extends TaskFuture<T> {

		private final TaskTimer timer;

		private final long submitNanos;

		Timed(ThreadPoolManager pool, @Nullable String taskType, Object task, Mode mode,
				@Nullable Function<Runnable, Runnable> decorator, TaskTimer timer,
				@Nullable TaskTypeExecutorService view) {
			super(pool, taskType, task, mode, decorator, view);
			this.timer = timer;
			this.submitNanos = System.nanoTime();
		}

		@Override
		void execute() {
			if (isDone()) {
				return; // cancelled while queued: nothing ran, nothing to time
			}
			long startNanos = System.nanoTime();
			call();
			// After completion, so the submitter is never kept waiting for the timer.
			this.timer.record(startNanos - this.submitNanos, System.nanoTime() - startNanos);
		}

	}

	/**
	 * How a task was handed over.
	 */
	enum Mode {

		/** {@code submit(type, Callable)}: the result completes the future. */
		CALLABLE,

		/** {@code submit(type, Runnable)}: the future completes with {@code null}. */
		RUNNABLE,

		/** {@code execute(type, Runnable)}: nobody holds the future, failures are reported. */
		EXECUTED

	}

}
