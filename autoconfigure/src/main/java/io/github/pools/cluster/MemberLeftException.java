package io.github.pools.cluster;

/**
 * A task of a cluster pool that is not durable was lost: the member running it left the
 * cluster (it crashed, was killed, or lost its network) before the task finished. The
 * task may or may not have run, in part or in full. A durable pool runs such a task
 * again on another member instead.
 */
public class MemberLeftException extends RuntimeException {

	private final String poolName;

	private final String member;

	/**
	 * Create a new instance.
	 * @param poolName the pool of the task
	 * @param member the member that left, as Hazelcast describes it
	 * @param cause Hazelcast's own exception
	 */
	public MemberLeftException(String poolName, String member, Throwable cause) {
		super("Task of cluster pool '" + poolName + "' was lost: member " + member
				+ " left the cluster before it finished; the pool is not durable, so it does not run again", cause);
		this.poolName = poolName;
		this.member = member;
	}

	/**
	 * Return the pool of the task.
	 * @return the pool name
	 */
	public String getPoolName() {
		return this.poolName;
	}

	/**
	 * Return the member that left.
	 * @return the member, for example {@code Member [127.0.0.1]:5702 - 3f1c...}
	 */
	public String getMember() {
		return this.member;
	}

}
