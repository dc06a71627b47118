package io.github.pools.autoconfigure;

import java.time.Duration;

import io.github.pools.thread.RejectionPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * One thread pool, configured under {@code pools.thread.<name>}. The keys follow
 * Spring Boot's {@code spring.task.execution.*}; the defaults differ where a
 * production pool needs it: the queue is bounded and closing waits for accepted tasks.
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>default</th></tr>
 * <tr><td>task-type</td><td>none: every task is accepted</td></tr>
 * <tr><td>core-size</td><td>max-size</td></tr>
 * <tr><td>max-size</td><td>8</td></tr>
 * <tr><td>queue-capacity</td><td>1000</td></tr>
 * <tr><td>keep-alive</td><td>60s</td></tr>
 * <tr><td>allow-core-thread-timeout</td><td>true</td></tr>
 * <tr><td>thread-name-prefix</td><td>the pool name and a hyphen</td></tr>
 * <tr><td>daemon</td><td>false</td></tr>
 * <tr><td>rejection-policy</td><td>abort</td></tr>
 * <tr><td>prestart</td><td>false</td></tr>
 * <tr><td>virtual-threads</td><td>spring.threads.virtual.enabled</td></tr>
 * <tr><td>max-tasks-per-worker</td><td>0: no limit</td></tr>
 * <tr><td>decorate-tasks</td><td>true</td></tr>
 * <tr><td>propagate-context</td><td>true</td></tr>
 * <tr><td>shutdown.await-termination</td><td>true</td></tr>
 * <tr><td>shutdown.await-termination-period</td><td>30s</td></tr>
 * <tr><td>metrics.task-timers</td><td>true</td></tr>
 * </table>
 */
public class ThreadPoolProperties {

	/**
	 * Only task type the pool accepts; a task of another type, or without a type, is
	 * refused at submit. Unset to accept every task.
	 */
	private @Nullable String taskType;

	/**
	 * Number of threads kept when idle. Defaults to max-size, a fixed-size pool.
	 */
	private @Nullable Integer coreSize;

	/**
	 * Maximum number of threads.
	 */
	private int maxSize = 8;

	/**
	 * Maximum number of tasks waiting for a thread. 0 hands each task directly to a
	 * thread.
	 */
	private int queueCapacity = 1000;

	/**
	 * Time an idle thread waits for a task before it ends.
	 */
	private Duration keepAlive = Duration.ofSeconds(60);

	/**
	 * Whether core threads may also end after the keep-alive time.
	 */
	private boolean allowCoreThreadTimeout = true;

	/**
	 * Prefix of the names of the pool's threads. Defaults to the pool name and a hyphen.
	 */
	private @Nullable String threadNamePrefix;

	/**
	 * Whether platform threads are daemon threads, which do not keep the JVM alive.
	 * Virtual threads always are.
	 */
	private boolean daemon;

	/**
	 * What a saturated pool (every thread busy, queue full) does with one more task.
	 */
	private RejectionPolicy rejectionPolicy = RejectionPolicy.ABORT;

	/**
	 * Whether all core threads start with the pool instead of on demand.
	 */
	private boolean prestart;

	/**
	 * Whether the pool runs virtual threads instead of platform threads; max-size still
	 * bounds how many tasks run at once. Defaults to spring.threads.virtual.enabled, which
	 * applies on Java 21 or later only; true needs Java 21 or later.
	 */
	private @Nullable Boolean virtualThreads;

	/**
	 * Number of tasks a thread runs before it is replaced by a fresh one. 0 for no
	 * limit.
	 */
	private int maxTasksPerWorker;

	/**
	 * Whether the application's TaskDecorator beans (MDC, security or tracing context)
	 * apply to the pool's tasks.
	 */
	private boolean decorateTasks = true;

	/**
	 * Whether tasks run with the context of the thread that submitted them (the current
	 * observation, hence the trace, and every thread-local registered with Micrometer's
	 * context-propagation library, such as MDC), when that library is on the class path.
	 */
	private boolean propagateContext = true;

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

	public @Nullable Integer getCoreSize() {
		return this.coreSize;
	}

	public void setCoreSize(@Nullable Integer coreSize) {
		this.coreSize = coreSize;
	}

	public int getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(int maxSize) {
		this.maxSize = maxSize;
	}

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		this.queueCapacity = queueCapacity;
	}

	public Duration getKeepAlive() {
		return this.keepAlive;
	}

	public void setKeepAlive(Duration keepAlive) {
		this.keepAlive = keepAlive;
	}

	public boolean isAllowCoreThreadTimeout() {
		return this.allowCoreThreadTimeout;
	}

	public void setAllowCoreThreadTimeout(boolean allowCoreThreadTimeout) {
		this.allowCoreThreadTimeout = allowCoreThreadTimeout;
	}

	public @Nullable String getThreadNamePrefix() {
		return this.threadNamePrefix;
	}

	public void setThreadNamePrefix(@Nullable String threadNamePrefix) {
		this.threadNamePrefix = threadNamePrefix;
	}

	public boolean isDaemon() {
		return this.daemon;
	}

	public void setDaemon(boolean daemon) {
		this.daemon = daemon;
	}

	public RejectionPolicy getRejectionPolicy() {
		return this.rejectionPolicy;
	}

	public void setRejectionPolicy(RejectionPolicy rejectionPolicy) {
		this.rejectionPolicy = rejectionPolicy;
	}

	public boolean isPrestart() {
		return this.prestart;
	}

	public void setPrestart(boolean prestart) {
		this.prestart = prestart;
	}

	public @Nullable Boolean getVirtualThreads() {
		return this.virtualThreads;
	}

	public void setVirtualThreads(@Nullable Boolean virtualThreads) {
		this.virtualThreads = virtualThreads;
	}

	public int getMaxTasksPerWorker() {
		return this.maxTasksPerWorker;
	}

	public void setMaxTasksPerWorker(int maxTasksPerWorker) {
		this.maxTasksPerWorker = maxTasksPerWorker;
	}

	public boolean isDecorateTasks() {
		return this.decorateTasks;
	}

	public void setDecorateTasks(boolean decorateTasks) {
		this.decorateTasks = decorateTasks;
	}

	public boolean isPropagateContext() {
		return this.propagateContext;
	}

	public void setPropagateContext(boolean propagateContext) {
		this.propagateContext = propagateContext;
	}

	public PoolShutdownProperties getShutdown() {
		return this.shutdown;
	}

	public PoolMetricsProperties getMetrics() {
		return this.metrics;
	}

}
