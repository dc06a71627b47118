package io.github.pools;

import java.util.List;
import java.util.Optional;

/**
 * The pools of an application, by name. In a Spring application every pool declared
 * under {@code pools.*} is registered before the context is refreshed, and pools built
 * in code can join at runtime.
 * <p>
 * Lookup is strict: {@link #get(String)} throws for an unknown name, so a typo never
 * creates a pool. Creating one is always explicit: build it, then
 * {@link #register(PoolManager) register} it; a duplicate name is refused. This covers
 * the seeds' {@code get_or_create_thread_manager(id, force_create, strictly_get)}:
 * {@code strictly_get} is {@link #get(String)}, the lenient lookup is
 * {@link #find(String)}, and {@code force_create} is {@link #remove(String)} followed by
 * {@link #register(PoolManager)}.
 */
public interface PoolRegistry {

	/**
	 * Return the pool with the given name.
	 * @param name the pool name
	 * @return the pool
	 * @throws ManagerNotFoundException if no pool has that name
	 */
	PoolManager get(String name);

	/**
	 * Return the pool with the given name as the given kind of manager.
	 * @param <P> the manager type
	 * @param name the pool name
	 * @param type the expected manager type, for example {@code ThreadPoolManager.class}
	 * @return the pool
	 * @throws ManagerNotFoundException if no pool has that name
	 * @throws IllegalArgumentException if the pool is not of the expected type
	 */
	default <P extends PoolManager> P get(String name, Class<P> type) {
		PoolManager pool = get(name);
		if (!type.isInstance(pool)) {
			throw new IllegalArgumentException("Pool '" + name + "' is a " + pool.getClass().getSimpleName()
					+ ", not a " + type.getSimpleName());
		}
		return type.cast(pool);
	}

	/**
	 * Return the pool with the given name, if there is one.
	 * @param name the pool name
	 * @return the pool, or an empty optional
	 */
	Optional<PoolManager> find(String name);

	/**
	 * Return the names of all registered pools.
	 * @return an unmodifiable list of names in ascending order
	 */
	List<String> names();

	/**
	 * Return all registered pools.
	 * @return an unmodifiable list of pools, ordered by name
	 */
	List<PoolManager> pools();

	/**
	 * Register a pool under its own name. The registry does not start the pool.
	 * @param <P> the manager type
	 * @param pool the pool
	 * @return the pool, for chaining
	 * @throws PoolAlreadyExistsException if a pool with that name is registered
	 */
	<P extends PoolManager> P register(P pool);

	/**
	 * Remove a pool and begin its orderly {@link PoolManager#stop() stop}; use
	 * {@link PoolManager#awaitTermination(java.time.Duration)} on the returned pool to
	 * wait for it.
	 * @param name the pool name
	 * @return the removed pool
	 * @throws ManagerNotFoundException if no pool has that name
	 */
	PoolManager remove(String name);

	/**
	 * Add a listener; it is called at once with every pool already registered, then for
	 * every later registration and removal.
	 * @param listener the listener
	 */
	void addListener(PoolRegistryListener listener);

	/**
	 * Remove a listener added earlier; does nothing if it was not added.
	 * @param listener the listener
	 */
	void removeListener(PoolRegistryListener listener);

}
