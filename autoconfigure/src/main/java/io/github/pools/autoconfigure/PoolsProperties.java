package io.github.pools.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of Pools: named thread and process pools.
 * <p>
 * Each entry of {@code pools.thread} and {@code pools.process} becomes a singleton bean
 * named after its key, injectable with {@code @Qualifier("<name>")}. A pool name is used
 * once across both kinds and must not be the name of another bean.
 */
@ConfigurationProperties("pools")
public class PoolsProperties {

	/**
	 * Thread pools by name; each becomes a ThreadPoolManager bean of that name. Keys of
	 * each pool: task-type, core-size, max-size, queue-capacity, keep-alive,
	 * allow-core-thread-timeout, thread-name-prefix, daemon, rejection-policy, prestart,
	 * virtual-threads, max-tasks-per-worker, decorate-tasks,
	 * shutdown.await-termination, shutdown.await-termination-period and
	 * metrics.task-timers (see ThreadPoolProperties).
	 */
	private final Map<String, ThreadPoolProperties> thread = new LinkedHashMap<>();

	public Map<String, ThreadPoolProperties> getThread() {
		return this.thread;
	}

}
