package io.github.pools.actuate;

import io.github.pools.PoolRegistry;
import io.github.pools.autoconfigure.ClusterPoolProperties;
import io.github.pools.autoconfigure.PoolsAutoConfiguration;
import io.github.pools.autoconfigure.PoolsProperties;
import io.github.pools.autoconfigure.ProcessPoolProperties;
import io.github.pools.autoconfigure.ThreadPoolProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the Micrometer meters of every pool, for any
 * {@code MeterRegistry} bean: Spring Boot's metrics auto-configuration (which is optional)
 * or the application's own. The pools are not {@code Executor} beans, so Spring Boot's
 * own task executor metrics never bind them a second time.
 * <p>
 * Micrometer and Boot's metrics auto-configuration are named, not referenced, in the
 * annotations: a class literal of a class that is absent makes every startup log a
 * {@code TypeNotPresentException}.
 */
@AutoConfiguration(after = PoolsAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(name = PoolsMetricsAutoConfiguration.METER_REGISTRY)
@ConditionalOnBean(type = PoolsMetricsAutoConfiguration.METER_REGISTRY, value = PoolRegistry.class)
public final class PoolsMetricsAutoConfiguration {

	static final String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

	@Bean
	@ConditionalOnMissingBean
	PoolMetrics poolMetrics(PoolRegistry poolRegistry, PoolsProperties properties) {
		return new PoolMetrics(poolRegistry, (name) -> taskTimers(properties, name));
	}

	/**
	 * Whether the named pool's tasks are timed: as configured, and always for pools
	 * created in code.
	 */
	private static boolean taskTimers(PoolsProperties properties, String name) {
		ThreadPoolProperties thread = properties.getThread().get(name);
		if (thread != null) {
			return thread.getMetrics().isTaskTimers();
		}
		ProcessPoolProperties process = properties.getProcess().get(name);
		if (process != null) {
			return process.getMetrics().isTaskTimers();
		}
		ClusterPoolProperties cluster = properties.getCluster().get(name);
		return cluster == null || cluster.getMetrics().isTaskTimers();
	}

}
