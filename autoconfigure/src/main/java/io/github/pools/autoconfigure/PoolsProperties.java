package io.github.pools.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of Pools: named thread, process and cluster pools.
 * <p>
 * Each entry of {@code pools.thread}, {@code pools.process} and {@code pools.cluster}
 * becomes a singleton bean named after its key, injectable with
 * {@code @Qualifier("<name>")}. A pool name is used once across the kinds and must not
 * be the name of another bean.
 */
@ConfigurationProperties("pools")
public class PoolsProperties {

	/**
	 * Thread pools by name; each becomes a ThreadPoolManager bean of that name. Keys of
	 * each pool: task-type, core-size, max-size, queue-capacity, keep-alive,
	 * allow-core-thread-timeout, thread-name-prefix, daemon, rejection-policy, prestart,
	 * virtual-threads, max-tasks-per-worker, decorate-tasks, propagate-context,
	 * shutdown.await-termination, shutdown.await-termination-period and
	 * metrics.task-timers (see ThreadPoolProperties).
	 */
	private final Map<String, ThreadPoolProperties> thread = new LinkedHashMap<>();

	/**
	 * Process pools by name; each becomes a ProcessPoolManager bean of that name, running
	 * its tasks in worker JVMs. Keys of each pool: task-type, core-size, max-size,
	 * queue-capacity, jvm-args, environment, task-timeout, max-tasks-per-worker,
	 * idle-timeout, prestart, start-timeout, allowed-classes, max-message-size,
	 * max-object-depth, daemon, java-executable, classpath, class-data-directory,
	 * shutdown.await-termination, shutdown.await-termination-period and
	 * metrics.task-timers (see ProcessPoolProperties).
	 */
	private final Map<String, ProcessPoolProperties> process = new LinkedHashMap<>();

	/**
	 * Cluster pools by name; each becomes a ClusterPoolManager bean of that name, running
	 * its tasks on the members of a Hazelcast cluster (com.hazelcast:hazelcast must be on
	 * the class path). Keys of each pool: task-type, threads-per-member, queue-capacity,
	 * durable, task-timeout, allowed-classes, max-message-size, max-object-depth,
	 * shutdown.await-termination, shutdown.await-termination-period and
	 * metrics.task-timers (see ClusterPoolProperties).
	 */
	private final Map<String, ClusterPoolProperties> cluster = new LinkedHashMap<>();

	/**
	 * Operation of the pools at runtime: application events.
	 */
	private final Management management = new Management();

	public Map<String, ThreadPoolProperties> getThread() {
		return this.thread;
	}

	public Map<String, ProcessPoolProperties> getProcess() {
		return this.process;
	}

	public Map<String, ClusterPoolProperties> getCluster() {
		return this.cluster;
	}

	public Management getManagement() {
		return this.management;
	}

	/**
	 * Operation of the pools at runtime, configured under {@code pools.management}. The
	 * Actuator endpoint is governed by Spring Boot's own
	 * {@code management.endpoint.pools.*} properties.
	 */
	public static class Management {

		/**
		 * Application events about saturation, rejection bursts, worker crash loops and
		 * resizes.
		 */
		private final Events events = new Events();

		public Events getEvents() {
			return this.events;
		}

	}

	/**
	 * Application events about the pools, configured under
	 * {@code pools.management.events}. Each kind of event is published at most once per
	 * window for each pool, so a storm produces one event, not one per task.
	 */
	public static class Events {

		/**
		 * Whether saturation, rejection bursts, worker crash loops and resizes of pools are
		 * published as application events.
		 */
		private boolean enabled = true;

		/**
		 * Shortest time between two saturation or rejection-burst events of one pool, and
		 * the period over which rejections are counted for a burst.
		 */
		private Duration window = Duration.ofSeconds(10);

		/**
		 * Number of tasks refused within the window, for any reason, that makes a
		 * rejection burst.
		 */
		private int rejectionBurstThreshold = 100;

		/**
		 * Number of worker JVMs of one process pool that crash within the crash-loop
		 * window that makes a crash loop.
		 */
		private int crashLoopThreshold = 3;

		/**
		 * Period over which worker crashes are counted for a crash loop, and shortest time
		 * between two crash-loop events of one pool.
		 */
		private Duration crashLoopWindow = Duration.ofMinutes(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		public int getRejectionBurstThreshold() {
			return this.rejectionBurstThreshold;
		}

		public void setRejectionBurstThreshold(int rejectionBurstThreshold) {
			this.rejectionBurstThreshold = rejectionBurstThreshold;
		}

		public int getCrashLoopThreshold() {
			return this.crashLoopThreshold;
		}

		public void setCrashLoopThreshold(int crashLoopThreshold) {
			this.crashLoopThreshold = crashLoopThreshold;
		}

		public Duration getCrashLoopWindow() {
			return this.crashLoopWindow;
		}

		public void setCrashLoopWindow(Duration crashLoopWindow) {
			this.crashLoopWindow = crashLoopWindow;
		}

	}

}
