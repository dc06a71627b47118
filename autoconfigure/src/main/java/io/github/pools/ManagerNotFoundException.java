package io.github.pools;

import java.util.Collection;
import java.util.NoSuchElementException;

/**
 * Thrown by {@link PoolRegistry#get(String)} when no pool has the given name.
 */
public class ManagerNotFoundException extends NoSuchElementException {

	private final String poolName;

	/**
	 * Create a new instance.
	 * @param poolName the name that was looked up
	 * @param knownNames the names of the pools that do exist
	 */
	public ManagerNotFoundException(String poolName, Collection<String> knownNames) {
		super("No pool named '" + poolName + "'; known pools: " + knownNames);
		this.poolName = poolName;
	}

	/**
	 * Return the name that was looked up.
	 * @return the pool name
	 */
	public String getPoolName() {
		return this.poolName;
	}

}
