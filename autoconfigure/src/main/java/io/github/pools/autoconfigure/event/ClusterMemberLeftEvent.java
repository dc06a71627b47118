package io.github.pools.autoconfigure.event;

import io.github.pools.PoolManager;
import io.github.pools.PoolStats;

/**
 * Published when a member leaves the cluster of a cluster pool: it crashed, was killed,
 * lost its network or was shut down. The tasks it was running run again on another
 * member (durable pools) or fail with {@link io.github.pools.cluster.MemberLeftException}.
 * Members leave rarely, so these events are not rate-limited; each cluster pool of the
 * application publishes one.
 */
public class ClusterMemberLeftEvent extends PoolEvent {

	private final String member;

	private final int members;

	/**
	 * Create a new instance.
	 * @param pool the cluster pool
	 * @param stats the pool's statistics when the member left
	 * @param member the member that left, {@code host:port (uuid)}
	 * @param members the members that remain
	 */
	public ClusterMemberLeftEvent(PoolManager pool, PoolStats stats, String member, int members) {
		super(pool, stats);
		this.member = member;
		this.members = members;
	}

	/**
	 * Return the member that left.
	 * @return {@code host:port (uuid)}
	 */
	public String getMember() {
		return this.member;
	}

	/**
	 * Return how many members remain.
	 * @return the members that remain
	 */
	public int getMembers() {
		return this.members;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[pool=" + getPoolName() + ", member=" + this.member + ", members="
				+ this.members + "]";
	}

}
