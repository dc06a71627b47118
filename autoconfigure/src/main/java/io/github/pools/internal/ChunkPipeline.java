package io.github.pools.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.github.pools.BatchOptions;
import io.github.pools.BatchTimeoutException;
import io.github.pools.RejectionReason;
import io.github.pools.TaskRejectedException;
import org.jspecify.annotations.Nullable;

/**
 * The engine of the batch calls: cuts a sequence of items into chunks, keeps at most a
 * buffer's worth of chunks submitted ahead of the consumer, and hands the results back
 * in input order or in completion order.
 * <p>
 * Items are pulled from their iterator only as the buffer has room, so an input may be
 * lazy or endless. Each chunk's result holds one value or {@link ItemFailure} per item:
 * a failed item throws when it is consumed, and its neighbours are unaffected; a chunk
 * that fails as a whole (its worker crashed, say) throws for each of its items. When the
 * pool is saturated, the pipeline waits for one of its own chunks before submitting
 * more, so a batch larger than the queue does not fail by itself.
 * <p>
 * Not thread-safe: one thread consumes. {@link #close()} cancels the chunks that have not
 * started; running ones finish and their results are dropped. When the batch times out,
 * or the consuming thread is interrupted, every unfinished chunk is cancelled with
 * {@code cancel(true)}: running ones are interrupted, or their worker JVMs killed.
 *
 * @param <R> the result type
 */
public final class ChunkPipeline<R> implements Iterator<R>, AutoCloseable {

	/**
	 * Submits one chunk to a pool as one task.
	 */
	@FunctionalInterface
	public interface ChunkSubmitter {

		/**
		 * Submit a chunk.
		 * @param chunk the items
		 * @return a future of one value or {@link ItemFailure} per item, in order
		 */
		CompletableFuture<Object[]> submit(Object[] chunk);

	}

	private record Chunk(int size, CompletableFuture<Object[]> future) {
	}

	private final String poolName;

	private final Iterator<?> items;

	private final int chunkSize;

	private final int bufferSize;

	private final ResultOrder order;

	private final @Nullable Duration timeout;

	private final long deadline;

	private final ChunkSubmitter submitter;

	/** Submitted chunks not yet consumed, oldest first. */
	private final ArrayDeque<Chunk> inFlight = new ArrayDeque<>();

	/** Chunks in completion order; used only when unordered. */
	private final BlockingQueue<Chunk> completed = new LinkedBlockingQueue<>();

	/** A chunk the pool refused, to submit again (saturated) or to fail in its turn. */
	private Object @Nullable [] refused;

	/**
	 * Why the pool refused {@link #refused}. A saturated pool is tried again after one of
	 * this batch's own chunks completes; any other refusal (the pool stopped, say) is
	 * final. Either is thrown only once nothing of this batch is in flight, so results
	 * already computed are never lost.
	 */
	private @Nullable TaskRejectedException refusal;

	private Object @Nullable [] results;

	private int index;

	private long consumed;

	private boolean closed;

	private ChunkPipeline(String poolName, Iterator<?> items, BatchOptions options, int defaultBufferSize,
			ResultOrder order, ChunkSubmitter submitter) {
		this.poolName = poolName;
		this.items = items;
		this.chunkSize = options.getChunkSize();
		Integer bufferSize = options.getBufferSize();
		this.bufferSize = (bufferSize != null) ? bufferSize : Math.max(1, defaultBufferSize);
		this.order = order;
		this.timeout = options.getTimeout();
		this.deadline = (this.timeout != null) ? System.nanoTime() + this.timeout.toNanos() : 0L;
		this.submitter = submitter;
	}

	/**
	 * Start a pipeline: the first buffer's worth of chunks is submitted at once, so that a
	 * refusal (a wrong task type, a stopped pool) is thrown here.
	 * @param <R> the result type
	 * @param poolName the pool, for messages
	 * @param items the input
	 * @param options chunk size, buffer size and timeout
	 * @param defaultBufferSize the buffer size when the options have none
	 * @param order the order of the results
	 * @param submitter submits one chunk
	 * @return the running pipeline
	 */
	public static <R> ChunkPipeline<R> start(String poolName, Iterator<?> items, BatchOptions options,
			int defaultBufferSize, ResultOrder order, ChunkSubmitter submitter) {
		ChunkPipeline<R> pipeline = new ChunkPipeline<>(poolName, items, options, defaultBufferSize, order,
				submitter);
		pipeline.fill();
		if (pipeline.inFlight.isEmpty()) {
			pipeline.throwRefusal();
		}
		return pipeline;
	}

	@Override
	public boolean hasNext() {
		if (this.closed) {
			return false;
		}
		if (this.results != null && this.index < this.results.length) {
			return true;
		}
		return !this.inFlight.isEmpty() || this.refused != null || this.items.hasNext();
	}

	@Override
	@SuppressWarnings("unchecked")
	public R next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		while (this.results == null || this.index >= this.results.length) {
			fill();
			if (this.inFlight.isEmpty()) {
				throwRefusal();
				close();
				throw new NoSuchElementException();
			}
			Chunk chunk = (this.order == ResultOrder.INPUT) ? this.inFlight.peekFirst() : awaitCompletion();
			this.results = await(chunk);
			this.inFlight.remove(chunk);
			this.index = 0;
			fill(); // keep the workers busy while this chunk is consumed
		}
		Object result = this.results[this.index];
		this.results[this.index++] = null;
		this.consumed++;
		if (result instanceof ItemFailure failure) {
			throw failure.toUnchecked();
		}
		return (R) result;
	}

	/**
	 * Submit chunks until the buffer is full or the input is used up. Never throws: a
	 * refusal is kept for {@link #throwRefusal()}.
	 */
	private void fill() {
		while (!this.closed && this.inFlight.size() < this.bufferSize) {
			if (this.refusal != null && this.refusal.getReason() != RejectionReason.SATURATED) {
				return; // final
			}
			Object[] chunk = (this.refused != null) ? this.refused : nextChunk();
			if (chunk == null) {
				return;
			}
			this.refused = null;
			this.refusal = null;
			CompletableFuture<Object[]> future;
			try {
				future = this.submitter.submit(chunk);
			}
			catch (TaskRejectedException ex) {
				this.refused = chunk;
				this.refusal = ex;
				return;
			}
			Chunk submitted = new Chunk(chunk.length, future);
			this.inFlight.addLast(submitted);
			if (this.order == ResultOrder.COMPLETION) {
				future.whenComplete((result, failure) -> this.completed.offer(submitted));
			}
		}
	}

	/**
	 * Nothing of this batch is in flight: a refusal now stands for the rest of the batch.
	 */
	private void throwRefusal() {
		TaskRejectedException refusal = this.refusal;
		if (refusal != null) {
			close();
			throw refusal;
		}
	}

	private Object @Nullable [] nextChunk() {
		if (!this.items.hasNext()) {
			return null;
		}
		List<Object> chunk = new ArrayList<>(Math.min(this.chunkSize, 1024));
		while (chunk.size() < this.chunkSize && this.items.hasNext()) {
			chunk.add(this.items.next());
		}
		return chunk.toArray();
	}

	private Chunk awaitCompletion() {
		try {
			Chunk chunk = (this.deadline == 0) ? this.completed.take()
					: this.completed.poll(remainingNanos(), TimeUnit.NANOSECONDS);
			if (chunk == null) {
				throw timedOut();
			}
			return chunk;
		}
		catch (InterruptedException ex) {
			throw interrupted();
		}
	}

	private Object[] await(Chunk chunk) {
		try {
			Object[] results = (this.deadline == 0) ? chunk.future().get()
					: chunk.future().get(remainingNanos(), TimeUnit.NANOSECONDS);
			if (results.length != chunk.size()) {
				throw new IllegalStateException(
						"Chunk of " + chunk.size() + " items came back with " + results.length + " results");
			}
			return results;
		}
		catch (ExecutionException | CompletionException ex) {
			return failed(chunk, (ex.getCause() != null) ? ex.getCause() : ex);
		}
		catch (IllegalStateException ex) { // includes CancellationException
			return failed(chunk, ex);
		}
		catch (TimeoutException ex) {
			throw timedOut();
		}
		catch (InterruptedException ex) {
			throw interrupted();
		}
	}

	private static Object[] failed(Chunk chunk, Throwable failure) {
		Object[] results = new Object[chunk.size()];
		Arrays.fill(results, ItemFailure.local(failure));
		return results;
	}

	private long remainingNanos() {
		return Math.max(0, this.deadline - System.nanoTime());
	}

	private BatchTimeoutException timedOut() {
		cancel(true);
		return new BatchTimeoutException(this.poolName, this.timeout, this.consumed);
	}

	private CancellationException interrupted() {
		cancel(true);
		Thread.currentThread().interrupt();
		return new CancellationException("Interrupted while waiting for batch results of pool '" + this.poolName
				+ "'; its unfinished chunks were cancelled");
	}

	/**
	 * Stop: cancel every submitted chunk that has not started, let running ones finish,
	 * and drop the results. Idempotent.
	 */
	@Override
	public void close() {
		cancel(false);
	}

	/**
	 * Cancel every chunk in flight: with {@code interrupt}, running chunks are stopped
	 * as {@code cancel(true)} stops a task of their pool (a thread is interrupted, a
	 * worker JVM killed); without, they finish and their results are dropped.
	 */
	private void cancel(boolean interrupt) {
		this.closed = true;
		for (Chunk chunk : this.inFlight) {
			chunk.future().cancel(interrupt);
		}
		this.inFlight.clear();
		this.completed.clear();
		this.refused = null;
		this.refusal = null;
		this.results = null;
	}

	/**
	 * Consume every result into a list, closing the pipeline at the end or at the first
	 * failure.
	 * @return the results
	 */
	public List<R> toList() {
		try {
			List<R> all = new ArrayList<>();
			while (hasNext()) {
				all.add(next());
			}
			return all;
		}
		finally {
			close();
		}
	}

	/**
	 * Return the results as a lazy stream; closing the stream closes the pipeline.
	 * @return the stream
	 */
	public Stream<R> stream() {
		int characteristics = (this.order == ResultOrder.INPUT) ? Spliterator.ORDERED : 0;
		return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, characteristics), false)
			.onClose(this::close);
	}

}
