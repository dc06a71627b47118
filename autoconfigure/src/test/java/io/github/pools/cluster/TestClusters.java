package io.github.pools.cluster;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/**
 * Hazelcast members for tests: loopback only, no multicast, TCP-IP join on 127.0.0.1,
 * a random port range per cluster, a unique cluster name, no phone home, quick
 * detection of a member that dies, and the Java serialization filter of
 * {@link ClusterSerialization}.
 */
public final class TestClusters {

	/** Ports each test cluster may use, from its base port. */
	static final int PORT_COUNT = 10;

	private TestClusters() {
	}

	/**
	 * Return a random base port, so that clusters of concurrent builds do not meet.
	 * @return a port between 20000 and 60000
	 */
	public static int randomBasePort() {
		return 20000 + ThreadLocalRandom.current().nextInt(4000) * PORT_COUNT;
	}

	public static String randomClusterName() {
		return "pools-test-" + UUID.randomUUID();
	}

	/**
	 * Return the configuration of a test member.
	 * @param clusterName the cluster it joins
	 * @param basePort the first port of the cluster's range
	 * @return the configuration
	 */
	public static Config config(String clusterName, int basePort) {
		Config config = new Config();
		config.setClusterName(clusterName);
		config.setProperty("hazelcast.phone.home.enabled", "false");
		config.setProperty("hazelcast.shutdownhook.enabled", "false");
		config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
		config.setProperty("hazelcast.wait.seconds.before.join", "0");
		config.setProperty("hazelcast.partition.count", "31");
		config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
		config.setProperty("hazelcast.max.no.heartbeat.seconds", "8");
		config.setProperty("hazelcast.logging.type", "jdk");
		NetworkConfig network = config.getNetworkConfig();
		network.setPort(basePort).setPortAutoIncrement(true).setPortCount(PORT_COUNT);
		network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
		JoinConfig join = network.getJoin();
		join.getMulticastConfig().setEnabled(false);
		join.getAutoDetectionConfig().setEnabled(false);
		// a member without a port is looked for on every port of the range above
		join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
		// as Pools configures the members it starts: only Pools' envelope is deserialized
		return ClusterSerialization.restrict(config);
	}

	public static HazelcastInstance member(String clusterName, int basePort) {
		return Hazelcast.newHazelcastInstance(config(clusterName, basePort));
	}

}
