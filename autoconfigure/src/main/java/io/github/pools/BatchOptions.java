package io.github.pools;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How a batch call ({@code map}, {@code mapLazily}, {@code mapAsCompleted},
 * {@code starmap}) dispatches its items. Immutable; start from {@link #defaults()} or
 * {@link #chunkSize(int)}.
 * <ul>
 * <li><b>chunk size</b>: items sent to a worker together, as one task (1 by default).
 * Chunks make small items cheap, above all in process pools, where each task crosses a
 * pipe.</li>
 * <li><b>buffer size</b>: chunks submitted ahead of the consumer, which bounds the
 * memory and the queue space a batch takes (by default twice the pool's maximum
 * size). A batch never fills a pool's queue by itself: when the pool is saturated it
 * waits for one of its own chunks to finish before submitting more.</li>
 * <li><b>timeout</b>: the longest the whole batch may take, from the call; when it
 * passes, unfinished chunks are cancelled and {@link BatchTimeoutException} is thrown
 * (none by default).</li>
 * </ul>
 */
public final class BatchOptions {

	private static final BatchOptions DEFAULTS = new BatchOptions(1, null, null);

	private final int chunkSize;

	private final @Nullable Integer bufferSize;

	private final @Nullable Duration timeout;

	private BatchOptions(int chunkSize, @Nullable Integer bufferSize, @Nullable Duration timeout) {
		if (chunkSize < 1) {
			throw new IllegalArgumentException("chunkSize must be at least 1, was " + chunkSize);
		}
		if (bufferSize != null && bufferSize < 1) {
			throw new IllegalArgumentException("bufferSize must be at least 1, was " + bufferSize);
		}
		if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
			throw new IllegalArgumentException("timeout must be longer than zero, was " + timeout);
		}
		this.chunkSize = chunkSize;
		this.bufferSize = bufferSize;
		this.timeout = timeout;
	}

	/**
	 * Return the defaults: chunks of one item, a buffer of twice the pool's maximum size,
	 * no timeout.
	 * @return the default options
	 */
	public static BatchOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Return the defaults with the given chunk size.
	 * @param chunkSize items per chunk, at least 1
	 * @return new options
	 */
	public static BatchOptions chunkSize(int chunkSize) {
		return new BatchOptions(chunkSize, null, null);
	}

	/**
	 * Return a copy with the given chunk size.
	 * @param chunkSize items per chunk, at least 1
	 * @return new options
	 */
	public BatchOptions withChunkSize(int chunkSize) {
		return new BatchOptions(chunkSize, this.bufferSize, this.timeout);
	}

	/**
	 * Return a copy with the given buffer size.
	 * @param bufferSize chunks submitted ahead of the consumer, at least 1
	 * @return new options
	 */
	public BatchOptions withBufferSize(int bufferSize) {
		return new BatchOptions(this.chunkSize, bufferSize, this.timeout);
	}

	/**
	 * Return a copy with the given timeout for the whole batch.
	 * @param timeout the timeout, longer than zero
	 * @return new options
	 */
	public BatchOptions withTimeout(Duration timeout) {
		return new BatchOptions(this.chunkSize, this.bufferSize, Objects.requireNonNull(timeout, "timeout"));
	}

	/**
	 * Return the number of items per chunk.
	 * @return the chunk size
	 */
	public int getChunkSize() {
		return this.chunkSize;
	}

	/**
	 * Return the number of chunks submitted ahead of the consumer.
	 * @return the buffer size, or {@code null} for twice the pool's maximum size
	 */
	public @Nullable Integer getBufferSize() {
		return this.bufferSize;
	}

	/**
	 * Return the timeout of the whole batch.
	 * @return the timeout, or {@code null} for none
	 */
	public @Nullable Duration getTimeout() {
		return this.timeout;
	}

	@Override
	public String toString() {
		return "BatchOptions[chunkSize=" + this.chunkSize + ", bufferSize=" + this.bufferSize + ", timeout="
				+ this.timeout + "]";
	}

}
