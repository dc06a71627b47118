package io.github.pools.cluster;

import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.github.pools.internal.PoolControl;
import org.jspecify.annotations.Nullable;

/**
 * The members a cluster pool can run tasks on, and the pool's listeners told when one
 * leaves.
 */
final class ClusterMembers implements MembershipListener {

	private static final System.Logger logger = System.getLogger(ClusterMembers.class.getName());

	private final PoolControl control;

	private final HazelcastInstance hazelcast;

	private volatile @Nullable UUID registration;

	ClusterMembers(PoolControl control, HazelcastInstance hazelcast) {
		this.control = control;
		this.hazelcast = hazelcast;
	}

	void start() {
		this.registration = this.hazelcast.getCluster().addMembershipListener(this);
	}

	void stop() {
		UUID id = this.registration;
		this.registration = null;
		if (id != null && this.hazelcast.getLifecycleService().isRunning()) {
			try {
				this.hazelcast.getCluster().removeMembershipListener(id);
			}
			catch (RuntimeException ex) {
				// the instance is shutting down: its listeners go with it
			}
		}
	}

	/**
	 * Return the members tasks can run on now: the data members, since Hazelcast's
	 * executors never run a task on a lite member.
	 * @return the members as {@code host:port}, none if the instance is not running
	 */
	List<String> addresses() {
		return dataMembers().map(ClusterMembers::address).toList();
	}

	/**
	 * Return how many members tasks can run on now, as {@link #addresses()} lists them.
	 * @return the number of data members
	 */
	int count() {
		return (int) dataMembers().count();
	}

	private Stream<Member> dataMembers() {
		if (!this.hazelcast.getLifecycleService().isRunning()) {
			return Stream.empty();
		}
		try {
			return this.hazelcast.getCluster().getMembers().stream().filter(ClusterMembers::runsTasks);
		}
		catch (RuntimeException ex) { // not active any more, or a client without a connection
			return Stream.empty();
		}
	}

	@Override
	public void memberAdded(MembershipEvent event) {
		logger.log(Level.INFO, "Cluster pool ''{0}'': member {1} joined; {2} member(s)", this.control.name(),
				address(event.getMember()), dataMembers(event.getMembers()));
	}

	@Override
	public void memberRemoved(MembershipEvent event) {
		String member = describe(event.getMember());
		int remaining = dataMembers(event.getMembers());
		logger.log(Level.WARNING, "Cluster pool ''{0}'': member {1} left; {2} member(s) remain",
				this.control.name(), member, remaining);
		this.control.notifyListeners((listener) -> listener.memberLeft(this.control.owner(), member, remaining));
	}

	private static boolean runsTasks(Member member) {
		return !member.isLiteMember();
	}

	private static int dataMembers(Collection<Member> members) {
		return (int) members.stream().filter(ClusterMembers::runsTasks).count();
	}

	static String address(Member member) {
		return member.getAddress().getHost() + ":" + member.getAddress().getPort();
	}

	static String describe(@Nullable Member member) {
		return (member != null) ? address(member) + " (" + member.getUuid() + ")" : "unknown";
	}

}
