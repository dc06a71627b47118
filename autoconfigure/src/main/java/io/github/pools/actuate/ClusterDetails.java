package io.github.pools.actuate;

import io.github.pools.PoolKind;
import io.github.pools.PoolManager;
import io.github.pools.actuate.PoolsEndpoint.ClusterDescriptor;
import io.github.pools.cluster.ClusterPoolManager;

/**
 * What the endpoint, the health indicator and the meters say about a cluster pool
 * beyond its statistics. Used only for pools of kind {@link PoolKind#CLUSTER}, which
 * exist only when Hazelcast is on the class path, so the other kinds never load
 * Hazelcast's classes through it.
 */
final class ClusterDetails {

	private ClusterDetails() {
	}

	static ClusterDescriptor describe(PoolManager pool) {
		ClusterPoolManager cluster = (ClusterPoolManager) pool;
		return new ClusterDescriptor(cluster.members(), cluster.isDurable(), cluster.submitted(), cluster.pending());
	}

	static int members(PoolManager pool) {
		return ((ClusterPoolManager) pool).members().size();
	}

	static long submitted(PoolManager pool) {
		return ((ClusterPoolManager) pool).submitted();
	}

	static int pending(PoolManager pool) {
		return ((ClusterPoolManager) pool).pending();
	}

}
