package io.github.pools.cluster;

import java.lang.System.Logger.Level;

import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.core.HazelcastInstance;

/**
 * The Java serialization filter of the Hazelcast members that run cluster pools.
 * <p>
 * Hazelcast deserializes, with Java serialization, only Pools' envelope of a task; the
 * task and its result cross inside it as bytes, read through the pool's own allow-list
 * on the member and in the application. So the member's own filter only needs to let
 * Pools' classes through, on top of Hazelcast's defaults: anything else that comes in
 * Java-serialized, from whoever can reach the member's port, is refused.
 */
public final class ClusterSerialization {

	private static final System.Logger logger = System.getLogger(ClusterSerialization.class.getName());

	/** The prefix of the classes Pools sends through Hazelcast. */
	static final String POOLS_PREFIX = "io.github.pools.";

	private ClusterSerialization() {
	}

	/**
	 * Restrict Java deserialization on a member about to start to Hazelcast's defaults
	 * and Pools' classes. A filter configured already is kept, Pools' classes added to
	 * it.
	 * @param config the member's configuration
	 * @return the configuration
	 */
	public static Config restrict(Config config) {
		JavaSerializationFilterConfig filter = config.getSerializationConfig().getJavaSerializationFilterConfig();
		if (filter == null) {
			filter = new JavaSerializationFilterConfig();
			config.getSerializationConfig().setJavaSerializationFilterConfig(filter);
		}
		ClassFilter allowed = (filter.getWhitelist() != null) ? filter.getWhitelist() : new ClassFilter();
		filter.setWhitelist(allowed.addPrefixes(POOLS_PREFIX));
		return config;
	}

	/**
	 * Log a warning if a member the application started itself deserializes any class:
	 * a cluster pool makes it a member that runs work it is sent.
	 * @param hazelcast the application's instance
	 */
	static void warnIfUnrestricted(HazelcastInstance hazelcast) {
		try {
			if (hazelcast.getConfig().getSerializationConfig().getJavaSerializationFilterConfig() == null) {
				logger.log(Level.WARNING, "Hazelcast instance ''{0}'' has no Java serialization filter: it "
						+ "deserializes any class it is sent. Configure one (hazelcast.serialization."
						+ "java-serialization-filter) whose allowed classes include the prefix ''{1}'', or call "
						+ "ClusterSerialization.restrict(config) before the instance starts", hazelcast.getName(),
						POOLS_PREFIX);
			}
		}
		catch (RuntimeException ex) {
			// a client's configuration is not readable this way; its members have their own
		}
	}

}
