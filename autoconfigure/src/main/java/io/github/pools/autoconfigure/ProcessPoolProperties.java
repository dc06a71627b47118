package io.github.pools.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * One process pool, configured under {@code pools.process.<name>}: a pool of worker
 * JVMs that the pool starts, reuses and supervises.
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>default</th></tr>
 * <tr><td>task-type</td><td>none: every task is accepted</td></tr>
 * <tr><td>core-size</td><td>max-size</td></tr>
 * <tr><td>max-size</td><td>the number of available processors</td></tr>
 * <tr><td>queue-capacity</td><td>1000</td></tr>
 * <tr><td>jvm-args</td><td>-Xmx256m -Xms8m -XX:+UseSerialGC</td></tr>
 * <tr><td>environment</td><td>none</td></tr>
 * <tr><td>task-timeout</td><td>none</td></tr>
 * <tr><td>max-tasks-per-worker</td><td>0: no limit</td></tr>
 * <tr><td>idle-timeout</td><td>60s</td></tr>
 * <tr><td>prestart</td><td>false</td></tr>
 * <tr><td>start-timeout</td><td>30s</td></tr>
 * <tr><td>allowed-classes</td><td>none beyond the defaults</td></tr>
 * <tr><td>max-message-size</td><td>64MB</td></tr>
 * <tr><td>max-object-depth</td><td>100</td></tr>
 * <tr><td>daemon</td><td>false</td></tr>
 * <tr><td>java-executable</td><td>${java.home}/bin/java</td></tr>
 * <tr><td>classpath</td><td>the application's</td></tr>
 * <tr><td>class-data-directory</td><td>none: no archive</td></tr>
 * <tr><td>shutdown.await-termination</td><td>true</td></tr>
 * <tr><td>shutdown.await-termination-period</td><td>30s</td></tr>
 * <tr><td>metrics.task-timers</td><td>true</td></tr>
 * </table>
 */
public class ProcessPoolProperties {

	/**
	 * Only task type the pool accepts; a task of another type, or without a type, is
	 * refused at submit. Unset to accept every task.
	 */
	private @Nullable String taskType;

	/**
	 * Number of worker JVMs kept when idle. Defaults to max-size.
	 */
	private @Nullable Integer coreSize;

	/**
	 * Maximum number of worker JVMs. Defaults to the number of available processors.
	 */
	private @Nullable Integer maxSize;

	/**
	 * Maximum number of tasks waiting for a worker, at least 1.
	 */
	private int queueCapacity = 1000;

	/**
	 * JVM options of every worker, instead of the application's own. Defaults to
	 * "-Xmx256m -Xms8m -XX:+UseSerialGC" (and -XX:TrimNativeHeapInterval=5000 where the
	 * JVM supports it); setting the list replaces them all.
	 */
	private @Nullable List<String> jvmArgs;

	/**
	 * Environment variables added to that of every worker. JAVA_TOOL_OPTIONS,
	 * JDK_JAVA_OPTIONS and _JAVA_OPTIONS are not inherited from the application.
	 */
	private final Map<String, String> environment = new LinkedHashMap<>();

	/**
	 * Longest time a task may run; its worker is then killed and the task fails with
	 * TaskTimeoutException. Unset for no limit.
	 */
	private @Nullable Duration taskTimeout;

	/**
	 * Number of tasks a worker runs before it is replaced by a fresh JVM. 0 for no
	 * limit.
	 */
	private int maxTasksPerWorker;

	/**
	 * Time a worker above the core size waits for a task before it exits.
	 */
	private Duration idleTimeout = Duration.ofSeconds(60);

	/**
	 * Whether the core workers start, in the background, when the pool starts instead of
	 * on demand.
	 */
	private boolean prestart;

	/**
	 * Longest time a worker may take to start and run its initializer.
	 */
	private Duration startTimeout = Duration.ofSeconds(30);

	/**
	 * Patterns of classes that may be deserialized in addition to the defaults (JDK
	 * value and collection types, serialized lambdas, Pools' classes and the
	 * application's packages), for example "com.example.model.**".
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
	 * Whether the workers are daemons: when the application context closes, their
	 * running and queued tasks are not waited for and the workers are killed at once.
	 * Otherwise closing waits up to shutdown.await-termination-period.
	 */
	private boolean daemon;

	/**
	 * Java launcher of the workers. Defaults to the application's own.
	 */
	private @Nullable Path javaExecutable;

	/**
	 * Class path of the workers. Defaults to the application's, made absolute; inside an
	 * executable Spring Boot jar, workers start through Boot's launcher.
	 */
	private @Nullable String classpath;

	/**
	 * Directory where the pool keeps what makes its workers start faster: a
	 * class-data-sharing archive of their classes (the first worker to stop cleanly
	 * writes it, later workers map it) and, when the application runs from an executable
	 * Spring Boot jar, that jar's nested jars unpacked once, so workers start without
	 * Boot's launcher. Workers load code from it: only the application's user may write
	 * there. Unset: neither. Jars only: a class path with a directory of classes has no
	 * archive.
	 */
	private @Nullable Path classDataDirectory;

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

	public @Nullable Integer getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(@Nullable Integer maxSize) {
		this.maxSize = maxSize;
	}

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		this.queueCapacity = queueCapacity;
	}

	public @Nullable List<String> getJvmArgs() {
		return this.jvmArgs;
	}

	public void setJvmArgs(@Nullable List<String> jvmArgs) {
		this.jvmArgs = jvmArgs;
	}

	public Map<String, String> getEnvironment() {
		return this.environment;
	}

	public @Nullable Duration getTaskTimeout() {
		return this.taskTimeout;
	}

	public void setTaskTimeout(@Nullable Duration taskTimeout) {
		this.taskTimeout = taskTimeout;
	}

	public int getMaxTasksPerWorker() {
		return this.maxTasksPerWorker;
	}

	public void setMaxTasksPerWorker(int maxTasksPerWorker) {
		this.maxTasksPerWorker = maxTasksPerWorker;
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public boolean isPrestart() {
		return this.prestart;
	}

	public void setPrestart(boolean prestart) {
		this.prestart = prestart;
	}

	public Duration getStartTimeout() {
		return this.startTimeout;
	}

	public void setStartTimeout(Duration startTimeout) {
		this.startTimeout = startTimeout;
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

	public boolean isDaemon() {
		return this.daemon;
	}

	public void setDaemon(boolean daemon) {
		this.daemon = daemon;
	}

	public @Nullable Path getJavaExecutable() {
		return this.javaExecutable;
	}

	public void setJavaExecutable(@Nullable Path javaExecutable) {
		this.javaExecutable = javaExecutable;
	}

	public @Nullable String getClasspath() {
		return this.classpath;
	}

	public void setClasspath(@Nullable String classpath) {
		this.classpath = classpath;
	}

	public @Nullable Path getClassDataDirectory() {
		return this.classDataDirectory;
	}

	public void setClassDataDirectory(@Nullable Path classDataDirectory) {
		this.classDataDirectory = classDataDirectory;
	}

	public PoolShutdownProperties getShutdown() {
		return this.shutdown;
	}

	public PoolMetricsProperties getMetrics() {
		return this.metrics;
	}

}
