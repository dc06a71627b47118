package io.github.pools;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.github.pools.internal.BatchCalls;
import io.github.pools.internal.ChunkPipeline;
import io.github.pools.internal.RemoteChunk;
import io.github.pools.internal.ResultOrder;
import org.jspecify.annotations.Nullable;

/**
 * A pool whose tasks run outside the caller's JVM: in worker JVMs
 * ({@link io.github.pools.process.ProcessPoolManager}), or on the members of a cluster.
 * A task is serialized at submit, on the caller's thread, so it must be serializable,
 * and so must what it captures and what it returns; a lambda given where a
 * {@link SerializableCallable} or {@link SerializableFunction} is expected is.
 * <p>
 * Besides {@link #submit(String, SerializableCallable)}, every such pool has the batch
 * calls of Python's {@code multiprocessing} pools: {@code run} ({@code apply}),
 * {@code map}, {@code mapLazily} ({@code imap}), {@code mapAsCompleted}
 * ({@code imap_unordered}) and {@code starmap}. A batch call sends its items in chunks
 * ({@link BatchOptions#chunkSize(int)}), each chunk one task that carries the function
 * and its items, which is what makes small items cheap; at most a buffer's worth of
 * chunks is submitted ahead of the consumer. An item whose function throws fails alone:
 * its exception comes back as a {@link RemoteTaskException} when the item is consumed,
 * and its neighbours are unaffected; a chunk that fails as a whole (its worker crashed,
 * say) fails each of its items with that failure.
 */
public interface RemotePoolManager extends PoolManager {

	/**
	 * Submit a task to run outside this JVM. The task is serialized now, on this thread;
	 * the classes of the task, of what it captures and of its result must be on the
	 * class path where it runs and in the pool's allow-list.
	 * @param <T> the result type
	 * @param taskType the task's type, or {@code null} for an untyped task
	 * @param task the task, for example a lambda
	 * @return a future completed with the task's result, or with the exception it
	 * failed with: a {@link RemoteTaskException} if the task threw, or the pool's own
	 * ({@link WorkerCrashedException}, {@link TaskTimeoutException},
	 * {@link TaskSerializationException} if the result could not cross,
	 * {@link BrokenPoolException})
	 * @throws UnknownTaskTypeException if the pool is typed and the type differs
	 * @throws TaskSerializationException if the task cannot be serialized or is too
	 * large; nothing is queued
	 * @throws TaskRejectedException if the pool is not running or is saturated
	 */
	<T> CompletableFuture<T> submit(@Nullable String taskType, SerializableCallable<T> task);

	/**
	 * Submit a task and wait for it, returning its result or rethrowing the exception it
	 * completed with (multiprocessing's {@code apply}, asyncpal's {@code run}): a
	 * {@link RemoteTaskException} for an exception thrown by the task, or the pool's own.
	 * If the waiting thread is interrupted, the task is cancelled with
	 * {@code cancel(true)}, which stops it where it runs.
	 * @param <T> the result type
	 * @param taskType the task's type, or {@code null} for an untyped task
	 * @param task the task
	 * @return the task's result
	 * @throws Exception the task's failure, {@link InterruptedException}, or a refusal
	 */
	default <T> T run(@Nullable String taskType, SerializableCallable<T> task) throws Exception {
		return BatchCalls.await(submit(taskType, task));
	}

	/**
	 * Apply a function to every item and return the results in input order
	 * (multiprocessing's {@code map}), one item per task.
	 * @param <T> the item type
	 * @param <R> the result type
	 * @param taskType the type of every task, or {@code null}
	 * @param function the function, serialized with every chunk
	 * @param items the items, which must be serializable
	 * @return the results, in input order
	 * @throws RuntimeException the failure of the first failed item, in input order
	 */
	default <T, R> List<R> map(@Nullable String taskType, SerializableFunction<? super T, ? extends R> function,
			Iterable<? extends T> items) {
		return map(taskType, function, items, BatchOptions.defaults());
	}

	/**
	 * Apply a function to every item and return the results in input order
	 * (multiprocessing's {@code map} with a {@code chunksize}). The first failed item
	 * (in input order) cancels the chunks not yet started and its failure is thrown.
	 * @param <T> the item type
	 * @param <R> the result type
	 * @param taskType the type of every task, or {@code null}
	 * @param function the function, serialized with every chunk
	 * @param items the items, which must be serializable
	 * @param options chunk size, buffer size and timeout
	 * @return the results, in input order
	 * @throws RuntimeException the failure of the first failed item; or
	 * {@link BatchTimeoutException}; or a refusal of the first chunk
	 */
	default <T, R> List<R> map(@Nullable String taskType, SerializableFunction<? super T, ? extends R> function,
			Iterable<? extends T> items, BatchOptions options) {
		return this.<R>batch(taskType, function, function, items, options, ResultOrder.INPUT).toList();
	}

	/**
	 * Apply a function to every item lazily and stream the results in input order
	 * (multiprocessing's {@code imap}). Items are pulled and submitted only a buffer's
	 * worth ahead of the consumer, so the input may be endless. A failed item throws
	 * when it is consumed; later items can still be consumed. Closing the stream cancels
	 * the chunks not yet started (running ones finish): use try-with-resources.
	 * @param <T> the item type
	 * @param <R> the result type
	 * @param taskType the type of every task, or {@code null}
	 * @param function the function, serialized with every chunk
	 * @param items the items, which must be serializable
	 * @param options chunk size, buffer size and timeout
	 * @return a lazy, ordered stream of results
	 */
	default <T, R> Stream<R> mapLazily(@Nullable String taskType, SerializableFunction<? super T, ? extends R> function,
			Iterable<? extends T> items, BatchOptions options) {
		return this.<R>batch(taskType, function, function, items, options, ResultOrder.INPUT).stream();
	}

	/**
	 * Apply a function to every item lazily and stream the results as they complete
	 * (multiprocessing's {@code imap_unordered}); within a chunk, results keep their
	 * order. Otherwise as
	 * {@link #mapLazily(String, SerializableFunction, Iterable, BatchOptions)}.
	 * @param <T> the item type
	 * @param <R> the result type
	 * @param taskType the type of every task, or {@code null}
	 * @param function the function, serialized with every chunk
	 * @param items the items, which must be serializable
	 * @param options chunk size, buffer size and timeout
	 * @return a lazy stream of results in completion order
	 */
	default <T, R> Stream<R> mapAsCompleted(@Nullable String taskType,
			SerializableFunction<? super T, ? extends R> function, Iterable<? extends T> items, BatchOptions options) {
		return this.<R>batch(taskType, function, function, items, options, ResultOrder.COMPLETION).stream();
	}

	/**
	 * Apply a two-argument function to every pair and return the results in input order
	 * (multiprocessing's {@code starmap}). The pairs themselves need not be serializable
	 * ({@code Map.entry(a, b)} is not), only their keys and values.
	 * @param <A> the first argument type
	 * @param <B> the second argument type
	 * @param <R> the result type
	 * @param taskType the type of every task, or {@code null}
	 * @param function the function, serialized with every chunk
	 * @param pairs the argument pairs
	 * @param options chunk size, buffer size and timeout
	 * @return the results, in input order
	 */
	@SuppressWarnings("unchecked")
	default <A, B, R> List<R> starmap(@Nullable String taskType,
			SerializableBiFunction<? super A, ? super B, ? extends R> function,
			Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, BatchOptions options) {
		Objects.requireNonNull(function, "function must not be null");
		SerializableFunction<Object[], R> spread = (pair) -> function.apply((A) pair[0], (B) pair[1]);
		return this.<R>batch(taskType, spread, function, BatchCalls.spread(pairs), options, ResultOrder.INPUT)
			.toList();
	}

	@SuppressWarnings("unchecked")
	private <R> ChunkPipeline<R> batch(@Nullable String taskType, SerializableFunction<?, ?> function,
			Object userCode, Iterable<?> items, BatchOptions options, ResultOrder order) {
		Objects.requireNonNull(function, "function must not be null");
		SerializableFunction<Object, Object> each = (SerializableFunction<Object, Object>) function;
		return BatchCalls.start(this, taskType, items, options, order,
				(chunk) -> submit(taskType, new RemoteChunk(each, chunk, userCode)));
	}

}
