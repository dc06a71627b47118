package io.github.pools.cluster;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.UUID;

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
	 * Return the members tasks can run on now.
	 * @return the members as {@code host:port}, none if the instance is not running
	 */
	List<String> addresses() {
		if (!this.hazelcast.getLifecycleService().isRunning()) {
			return List.of();
		}
		try {
			return this.hazelcast.getCluster().getMembers().stream().map(ClusterMembers::address).toList();
		}
		catch (RuntimeException ex) { // not active any more, or a client without a connection
			return List.of();
		}
	}

	int count() {
		return addresses().size();
	}

	@Override
	public void memberAdded(MembershipEvent event) {
		logger.log(Level.INFO, "Cluster pool ''{0}'': member {1} joined; {2} member(s)", this.control.name(),
				address(event.getMember()), event.getMembers().size());
	}

	@Override
	public void memberRemoved(MembershipEvent event) {
		String member = describe(event.getMember());
		int remaining = event.getMembers().size();
		logger.log(Level.WARNING, "Cluster pool ''{0}'': member {1} left; {2} member(s) remain",
				this.control.name(), member, remaining);
		this.control.notifyListeners((listener) -> listener.memberLeft(this.control.owner(), member, remaining));
	}

	static String address(Member member) {
		return member.getAddress().getHost() + ":" + member.getAddress().getPort();
	}

	static String describe(@Nullable Member member) {
		return (member != null) ? address(member) + " (" + member.getUuid() + ")" : "unknown";
	}

}
