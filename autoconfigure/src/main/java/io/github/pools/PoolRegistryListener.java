package io.github.pools;

/**
 * Callback for pools joining and leaving a {@link PoolRegistry}; metrics and endpoints
 * follow these events. Called on the thread that registered or removed the pool, never
 * concurrently for the same registry.
 */
public interface PoolRegistryListener {

	/**
	 * Called when a pool was registered, and, when this listener is added, once for every
	 * pool already registered.
	 * @param pool the pool
	 */
	default void poolAdded(PoolManager pool) {
	}

	/**
	 * Called when a pool was removed from the registry (and stopped).
	 * @param pool the pool
	 */
	default void poolRemoved(PoolManager pool) {
	}

}
