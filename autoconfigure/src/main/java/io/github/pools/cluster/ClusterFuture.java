package io.github.pools.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import io.github.pools.SerializableCallable;
import org.jspecify.annotations.Nullable;

/**
 * The future a cluster pool hands out for one task. Cancelling it, or its timeout,
 * cancels the task on its member too, as far as Hazelcast can: a task that has started
 * there is interrupted.
 *
 * @param <T> the result type
 */
final class ClusterFuture<T> extends CompletableFuture<T> {

	private final @Nullable String taskType;

	private final SerializableCallable<T> task;

	private final long submittedNanos;

	/** Hazelcast's future, once the task was handed over. */
	private volatile @Nullable Future<?> remote;

	ClusterFuture(@Nullable String taskType, SerializableCallable<T> task) {
		this.taskType = taskType;
		this.task = task;
		this.submittedNanos = System.nanoTime();
	}

	@Nullable String taskType() {
		return this.taskType;
	}

	SerializableCallable<T> task() {
		return this.task;
	}

	long submittedNanos() {
		return this.submittedNanos;
	}

	void handedOver(Future<?> remote) {
		this.remote = remote;
		if (isCancelled()) {
			cancelRemote(); // cancelled while it was being handed over
		}
	}

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		boolean cancelled = super.cancel(mayInterruptIfRunning);
		if (cancelled) {
			cancelRemote();
		}
		return cancelled;
	}

	/**
	 * Ask Hazelcast to cancel the task; a durable executor may refuse, and then the task
	 * runs to its end and its result is dropped.
	 */
	void cancelRemote() {
		Future<?> handle = this.remote;
		if (handle != null) {
			try {
				handle.cancel(true);
			}
			catch (RuntimeException ex) {
				// not supported, or the member is gone: nothing more to stop
			}
		}
	}

}
