package io.github.pools.autoconfigure;

/**
 * Thrown at startup when a cluster pool is declared but Hazelcast is not on the class
 * path. Explained by {@link ClusterPoolsUnavailableFailureAnalyzer}.
 */
public class ClusterPoolsUnavailableException extends RuntimeException {

	private final String property;

	/**
	 * Create a new instance.
	 * @param property the pool's configuration prefix, for example
	 * {@code pools.cluster.grid}
	 */
	public ClusterPoolsUnavailableException(String property) {
		super("Cluster pool '" + property + "' needs Hazelcast, which is not on the class path: add the "
				+ "dependency com.hazelcast:hazelcast");
		this.property = property;
	}

	/**
	 * Return the configuration prefix of the pool that needs Hazelcast.
	 * @return for example {@code pools.cluster.grid}
	 */
	public String getProperty() {
		return this.property;
	}

}
