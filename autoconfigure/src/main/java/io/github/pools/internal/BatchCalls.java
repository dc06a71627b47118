package io.github.pools.internal;

import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.github.pools.BatchOptions;
import io.github.pools.PoolManager;
import io.github.pools.UnknownTaskTypeException;
import io.github.pools.internal.ChunkPipeline.ChunkSubmitter;
import org.jspecify.annotations.Nullable;

/**
 * The batch calls of every pool kind (the seeds' {@code apply}, {@code map},
 * {@code imap}, {@code imap_unordered} and {@code starmap}), written once: each kind
 * plugs in how it submits one chunk as one task.
 */
public final class BatchCalls {

	private BatchCalls() {
	}

	/**
	 * Wait for a task and return its result, rethrowing the task's own exception. If the
	 * waiting thread is interrupted, the task is cancelled with {@code cancel(true)}.
	 * @param <T> the result type
	 * @param future the task's future
	 * @return the task's result
	 * @throws Exception the task's exception, or {@link InterruptedException}
	 */
	public static <T> T await(CompletableFuture<T> future) throws Exception {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			throw ex;
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	/**
	 * Start a batch: cut the items into chunks and submit a buffer's worth. A refusal
	 * of the first chunk (a wrong task type, a stopped pool) is thrown here; an empty
	 * batch is checked against the pool all the same.
	 * @param <R> the result type
	 * @param pool the pool
	 * @param taskType the type of every chunk's task
	 * @param items the items
	 * @param options chunk size, buffer size and timeout
	 * @param order the order of the results
	 * @param submitter submits one chunk as one task of the pool
	 * @return the running batch
	 */
	public static <R> ChunkPipeline<R> start(PoolManager pool, @Nullable String taskType, Iterable<?> items,
			BatchOptions options, ResultOrder order, ChunkSubmitter submitter) {
		Iterator<?> iterator = Objects.requireNonNull(items, "items must not be null").iterator();
		Objects.requireNonNull(options, "options must not be null");
		if (!iterator.hasNext()) {
			// Nothing to submit, so no task meets the pool's checks: apply them here.
			if (!pool.accepts(taskType)) {
				throw new UnknownTaskTypeException(pool.name(), String.valueOf(pool.taskType()), taskType);
			}
			pool.check();
		}
		return ChunkPipeline.start(pool.name(), iterator, options, 2 * pool.stats().maxSize(), order, submitter);
	}

	/**
	 * Turn argument pairs into two-element arrays, which can cross to another JVM
	 * even when the pairs themselves ({@code Map.entry(a, b)}) cannot.
	 * @param pairs the pairs
	 * @return the arguments, lazily
	 */
	public static Iterable<Object[]> spread(Iterable<? extends Map.Entry<?, ?>> pairs) {
		Objects.requireNonNull(pairs, "pairs must not be null");
		return () -> {
			Iterator<? extends Map.Entry<?, ?>> entries = pairs.iterator();
			return new Iterator<>() {

				@Override
				public boolean hasNext() {
					return entries.hasNext();
				}

				@Override
				public Object[] next() {
					Map.Entry<?, ?> pair = entries.next();
					return new Object[] { pair.getKey(), pair.getValue() };
				}

			};
		};
	}

}
