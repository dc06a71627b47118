package io.github.pools;

/**
 * Thrown by {@link PoolRegistry#register(PoolManager)} when a pool with the same
 * name is already registered. Registration never replaces a pool silently.
 */
public class PoolAlreadyExistsException extends IllegalStateException {

	private final String poolName;

	/**
	 * Create a new instance.
	 * @param poolName the name that is already taken
	 */
	public PoolAlreadyExistsException(String poolName) {
		super("A pool named '" + poolName + "' is already registered; remove it first to replace it");
		this.poolName = poolName;
	}

	/**
	 * Return the name that is already taken.
	 * @return the pool name
	 */
	public String getPoolName() {
		return this.poolName;
	}

}
