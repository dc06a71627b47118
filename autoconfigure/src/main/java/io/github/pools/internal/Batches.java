package io.github.pools.internal;

import java.util.function.Function;

/**
 * Runs the items of one chunk where the chunk landed: on a pool thread, or in a worker
 * JVM. A failed item is recorded as an {@link ItemFailure} instead of failing the chunk.
 */
public final class Batches {

	private Batches() {
	}

	/**
	 * Apply a function to every item of a chunk in the application's JVM: a failed item
	 * keeps its exception.
	 * @param function the function
	 * @param chunk the items
	 * @return one result or {@link ItemFailure} per item, in order
	 */
	public static Object[] applyLocally(Function<Object, Object> function, Object[] chunk) {
		return apply(function, chunk, false);
	}

	/**
	 * Apply a function to every item of a chunk whose results cross to another JVM: a
	 * failed item becomes data.
	 * @param function the function
	 * @param chunk the items
	 * @return one result or {@link ItemFailure} per item, in order
	 */
	public static Object[] applyRemotely(Function<Object, Object> function, Object[] chunk) {
		return apply(function, chunk, true);
	}

	private static Object[] apply(Function<Object, Object> function, Object[] chunk, boolean asData) {
		Object[] results = new Object[chunk.length];
		for (int i = 0; i < chunk.length; i++) {
			try {
				results[i] = function.apply(chunk[i]);
			}
			catch (RuntimeException | Error ex) {
				results[i] = asData ? ItemFailure.remote(ex) : ItemFailure.local(ex);
			}
		}
		return results;
	}

}
