package io.github.pools.support;

import java.util.function.Function;

/**
 * Runs the items of one chunk where the chunk landed: on a pool thread, or in a worker
 * JVM.
 */
public final class Batches {

	private Batches() {
	}

	/**
	 * Apply a function to every item of a chunk, recording a failed item instead of
	 * failing the chunk.
	 * @param function the function
	 * @param chunk the items
	 * @param remote whether the results cross to another JVM, so that failures must be
	 * data rather than exceptions
	 * @return one result or {@link ItemFailure} per item, in order
	 */
	public static Object[] apply(Function<Object, Object> function, Object[] chunk, boolean remote) {
		Object[] results = new Object[chunk.length];
		for (int i = 0; i < chunk.length; i++) {
			try {
				results[i] = function.apply(chunk[i]);
			}
			catch (RuntimeException | Error ex) {
				results[i] = remote ? ItemFailure.remote(ex) : ItemFailure.local(ex);
			}
		}
		return results;
	}

}
