package io.github.pools.cluster;

import java.io.IOException;

import com.hazelcast.core.HazelcastInstance;

/**
 * A cluster member in a JVM of its own, for {@link ClusterPoolMultiJvmTests}: it joins
 * the test's cluster on loopback, declares the test's cluster pool as an application
 * would, prints {@code READY <pid>} and runs tasks until its standard input closes,
 * so that it never outlives the test JVM.
 * <p>
 * Arguments: the cluster name, the cluster's base port, the pool name.
 */
public final class ClusterMemberMain {

	private ClusterMemberMain() {
	}

	public static void main(String[] args) throws IOException {
		HazelcastInstance member = TestClusters.member(args[0], Integer.parseInt(args[1]));
		ClusterPoolManager pool = ClusterPoolMultiJvmTests.builder(args[2], member).build();
		pool.start();
		System.out.println("READY " + ProcessHandle.current().pid());
		System.out.flush();
		while (System.in.read() != -1) {
			// the test writes nothing: end of input means the test JVM is gone or done
		}
		member.getLifecycleService().terminate();
		Runtime.getRuntime().halt(0);
	}

}
