package io.github.pools.internal;

/**
 * The order in which a batch call hands back its results.
 */
public enum ResultOrder {

	/** Results in the order of their items ({@code map}, {@code mapLazily}). */
	INPUT,

	/**
	 * Results as their chunks complete; within a chunk, in the order of its items
	 * ({@code mapAsCompleted}).
	 */
	COMPLETION

}
