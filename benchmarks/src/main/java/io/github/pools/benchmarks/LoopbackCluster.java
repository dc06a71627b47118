package io.github.pools.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import com.hazelcast.config.Config;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.pools.cluster.ClusterPoolManager;
import io.github.pools.cluster.ClusterSerialization;

/**
 * A two-member Hazelcast cluster on loopback for the cluster benchmarks: the benchmark's
 * JVM is one member, {@link #main(String[])} in a JVM of its own the other. Both declare
 * the same cluster pool, as two instances of one application would.
 */
public final class LoopbackCluster {

	private LoopbackCluster() {
	}

	static Config config(String clusterName, int basePort) {
		Config config = new Config().setClusterName(clusterName);
		config.setProperty("hazelcast.phone.home.enabled", "false");
		config.setProperty("hazelcast.shutdownhook.enabled", "false");
		config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
		config.setProperty("hazelcast.wait.seconds.before.join", "0");
		config.setProperty("hazelcast.logging.type", "none");
		NetworkConfig network = config.getNetworkConfig();
		network.setPort(basePort).setPortAutoIncrement(true).setPortCount(5);
		network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
		network.getJoin().getMulticastConfig().setEnabled(false);
		network.getJoin().getAutoDetectionConfig().setEnabled(false);
		network.getJoin().getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
		return ClusterSerialization.restrict(config);
	}

	static ClusterPoolManager pool(HazelcastInstance member, boolean durable) {
		ClusterPoolManager pool = ClusterPoolManager.builder(durable ? "durable" : "plain", member)
			.durable(durable)
			.threadsPerMember(2)
			.queueCapacity(10_000)
			.build();
		pool.start();
		return pool;
	}

	/**
	 * Start the other member in a JVM of its own and wait until it is ready.
	 * @return the member's process, which ends when its standard input closes
	 */
	static Process startOther(String clusterName, int basePort) throws IOException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Process process = new ProcessBuilder(java.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
				LoopbackCluster.class.getName(), clusterName, String.valueOf(basePort))
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line;
		while ((line = out.readLine()) != null && !line.equals("READY")) {
			// wait
		}
		return process;
	}

	static int randomPort() {
		return 40000 + ThreadLocalRandom.current().nextInt(1000) * 5;
	}

	/**
	 * The other member: joins, declares both pools, runs tasks until its standard input
	 * closes.
	 * @param args the cluster name and base port
	 */
	public static void main(String[] args) throws IOException {
		HazelcastInstance member = Hazelcast.newHazelcastInstance(config(args[0], Integer.parseInt(args[1])));
		pool(member, true);
		pool(member, false);
		System.out.println("READY");
		System.out.flush();
		while (System.in.read() != -1) {
			// runs until the benchmark's JVM closes our input or dies
		}
		member.getLifecycleService().terminate();
		Runtime.getRuntime().halt(0);
	}

}
