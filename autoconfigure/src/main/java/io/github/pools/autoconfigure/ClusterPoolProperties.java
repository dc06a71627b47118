package io.github.pools.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * One cluster pool, configured under {@code pools.cluster.<name>}: tasks run on the
 * members of a Hazelcast cluster, the application's {@code HazelcastInstance} bean or
 * one member that Pools starts.
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>default</th></tr>
 * <tr><td>task-type</td><td>none: every task is accepted</td></tr>
 * <tr><td>threads-per-member</td><td>the number of available processors</td></tr>
 * <tr><td>queue-capacity</td><td>1000</td></tr>
 * <tr><td>durable</td><td>true</td></tr>
 * <tr><td>task-timeout</td><td>none</td></tr>
 * <tr><td>allowed-classes</td><td>none beyond the defaults</td></tr>
 * <tr><td>max-message-size</td><td>64MB</td></tr>
 * <tr><td>max-object-depth</td><td>100</td></tr>
 * <tr><td>shutdown.await-termination</td><td>true</td></tr>
 * <tr><td>shutdown.await-termination-period</td><td>30s</td></tr>
 * <tr><td>metrics.task-timers</td><td>true</td></tr>
 * </table>
 */
public class ClusterPoolProperties {

	/**
	 * Only task type the pool accepts; a task of another type, or without a type, is
	 * refused at submit and nothing is sent. Unset to accept every task.
	 */
	private @Nullable String taskType;

	/**
	 * Number of threads that run the pool's tasks on each member. Defaults to the number
	 * of available processors.
	 */
	private @Nullable Integer threadsPerMember;

	/**
	 * Maximum number of tasks this application has submitted to the pool that have not
	 * completed; another task is refused as saturated.
	 */
	private int queueCapacity = 1000;

	/**
	 * Whether tasks go through Hazelcast's durable executor: a task whose member dies
	 * runs again on another member (at least once, so tasks must be idempotent). When
	 * false, such a task fails with MemberLeftException.
	 */
	private boolean durable = true;

	/**
	 * Longest time a task may take; its future then fails with TaskTimeoutException and
	 * the task is cancelled on its member. Unset for no limit.
	 */
	private @Nullable Duration taskTimeout;

	/**
	 * Patterns of classes that may be deserialized in addition to the defaults (JDK
	 * value and collection types, serialized lambdas, Pools' classes and the
	 * application's packages), on every member and for results, for example
	 * "com.example.model.**".
	 */
	private final List<String> allowedClasses = new ArrayList<>();

	/**
	 * Largest serialized task or result.
	 */
	private DataSize maxMessageSize = DataSize.ofMegabytes(64);

	/**
	 * Deepest object graph that may be deserialized.
	 */
	private int maxObjectDepth = 100;

	/**
	 * How the pool stops when the application context closes.
	 */
	@NestedConfigurationProperty
	private final PoolShutdownProperties shutdown = new PoolShutdownProperties();

	/**
	 * Meters of the pool.
	 */
	@NestedConfigurationProperty
	private final PoolMetricsProperties metrics = new PoolMetricsProperties();

	public @Nullable String getTaskType() {
		return this.taskType;
	}

	public void setTaskType(@Nullable String taskType) {
		this.taskType = taskType;
	}

	public @Nullable Integer getThreadsPerMember() {
		return this.threadsPerMember;
	}

	public void setThreadsPerMember(@Nullable Integer threadsPerMember) {
		this.threadsPerMember = threadsPerMember;
	}

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		this.queueCapacity = queueCapacity;
	}

	public boolean isDurable() {
		return this.durable;
	}

	public void setDurable(boolean durable) {
		this.durable = durable;
	}

	public @Nullable Duration getTaskTimeout() {
		return this.taskTimeout;
	}

	public void setTaskTimeout(@Nullable Duration taskTimeout) {
		this.taskTimeout = taskTimeout;
	}

	public List<String> getAllowedClasses() {
		return this.allowedClasses;
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public int getMaxObjectDepth() {
		return this.maxObjectDepth;
	}

	public void setMaxObjectDepth(int maxObjectDepth) {
		this.maxObjectDepth = maxObjectDepth;
	}

	public PoolShutdownProperties getShutdown() {
		return this.shutdown;
	}

	public PoolMetricsProperties getMetrics() {
		return this.metrics;
	}

}
