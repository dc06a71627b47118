package io.github.pools.process;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

import io.github.pools.PendingTask;
import io.github.pools.SerializableCallable;
import io.github.pools.TaskTimer;
import io.github.pools.process.channel.FrameBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The future handed out at submit and, at the same time, the entry in the pool's queue:
 * one object per task, holding the task already serialized. {@code cancel(true)} of a
 * running task kills its worker; cancelling a queued task removes it from the queue;
 * {@code cancel(false)} of a running task lets it finish and drops the result.
 *
 * @param <T> the result type
 */
final class ProcessTask<T> extends CompletableFuture<T> {

	private final WorkerPool pool;

	private final @Nullable String taskType;

	/** The object the user submitted, for {@link ProcessPoolManager#stopNow()}. */
	private final SerializableCallable<T> callable;

	/** The serialized task; dropped once sent. Handed between threads under the pool lock. */
	private @Nullable FrameBuffer frame;

	private final ClassLoader resultLoader;

	private final @Nullable TaskTimer timer;

	private final long submitNanos;

	/** Written by the sending thread; read by the thread that receives the answer. */
	private volatile long sentNanos;

	/** The worker running the task; guarded by the pool lock. */
	@Nullable PooledWorker worker;

	ProcessTask(WorkerPool pool, @Nullable String taskType, SerializableCallable<T> callable, FrameBuffer frame,
			ClassLoader resultLoader, @Nullable TaskTimer timer) {
		this.pool = pool;
		this.taskType = taskType;
		this.callable = callable;
		this.frame = frame;
		this.resultLoader = resultLoader;
		this.timer = timer;
		this.submitNanos = (timer != null) ? System.nanoTime() : 0L;
	}

	/**
	 * Take the serialized task for sending, and note the time if the task is timed.
	 * @return the frame
	 */
	FrameBuffer takeFrame() {
		FrameBuffer frame = this.frame;
		this.frame = null;
		if (this.timer != null) {
			this.sentNanos = System.nanoTime();
		}
		if (frame == null) {
			throw new IllegalStateException("Task sent twice: " + this);
		}
		return frame;
	}

	/**
	 * The class loader that resolves the classes of the result: the one that defined the
	 * user's code (the task, or a batch call's function), which knows the application's
	 * classes even under a restart class loader.
	 */
	ClassLoader resultLoader() {
		return this.resultLoader;
	}

	/**
	 * Report the task's timings, once it was sent and is answered or lost; called by
	 * whoever takes the task from its worker, once.
	 */
	void recordTime() {
		TaskTimer timer = this.timer;
		if (timer != null && this.sentNanos != 0) {
			timer.record(this.sentNanos - this.submitNanos, System.nanoTime() - this.sentNanos);
		}
	}

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		// Only the call that cancels succeeds, as Future.cancel says: a cancel(true) after a
		// cancel(false) must not kill the worker the first one let finish.
		boolean cancelled = completeExceptionally(new CancellationException());
		if (cancelled) {
			this.pool.cancelled(this, mayInterruptIfRunning);
		}
		return cancelled;
	}

	PendingTask toPendingTask() {
		return new PendingTask(this.taskType, this.callable, this);
	}

	@Override
	public String toString() {
		return "Task[pool=" + this.pool.name() + ", taskType=" + this.taskType + ", task=" + this.callable + "] "
				+ super.toString();
	}

}
