package io.github.pools;

import java.time.Duration;

/**
 * A batch call did not finish within the timeout of its {@link BatchOptions}. Its
 * unfinished chunks were cancelled.
 */
public class BatchTimeoutException extends RuntimeException {

	private final Duration timeout;

	/**
	 * Create a new instance.
	 * @param poolName the pool that ran the batch
	 * @param timeout the timeout that passed
	 * @param consumed how many results had been consumed
	 */
	public BatchTimeoutException(String poolName, Duration timeout, long consumed) {
		super("Batch on pool '" + poolName + "' did not finish within " + timeout + " (" + consumed
				+ " results consumed); its unfinished chunks were cancelled");
		this.timeout = timeout;
	}

	/**
	 * Return the timeout that passed.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
