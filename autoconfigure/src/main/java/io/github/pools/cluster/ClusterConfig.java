package io.github.pools.cluster;

import java.time.Duration;

import com.hazelcast.core.HazelcastInstance;
import io.github.pools.internal.PoolSettings;
import io.github.pools.process.channel.ObjectCodec;
import org.jspecify.annotations.Nullable;

/**
 * The validated settings of a cluster pool, as its builder hands them over.
 *
 * @param settings the settings every kind shares; core and maximum size are the
 * threads per member
 * @param hazelcast the instance whose cluster runs the tasks
 * @param durable whether tasks go through the durable executor
 * @param taskTimeout the longest a task may take, or {@code null}
 * @param maxMessageSize the largest serialized task or result
 * @param codec the allow-list and limits that read tasks and results
 */
record ClusterConfig(PoolSettings settings, HazelcastInstance hazelcast, boolean durable,
		@Nullable Duration taskTimeout, long maxMessageSize, ObjectCodec codec) {

	String name() {
		return this.settings.name();
	}

	/**
	 * Return the name of the Hazelcast executor that runs the pool's tasks; it is the
	 * same on every member, so each member runs them with its own threads.
	 * @return {@code pools.<name>}
	 */
	String executorName() {
		return "pools." + this.settings.name();
	}

	int threadsPerMember() {
		return this.settings.maxSize();
	}

}
