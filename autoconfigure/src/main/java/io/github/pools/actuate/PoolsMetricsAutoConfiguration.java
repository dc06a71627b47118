package io.github.pools.actuate;

import io.github.pools.PoolRegistry;
import io.github.pools.autoconfigure.PoolsAutoConfiguration;
import io.github.pools.autoconfigure.PoolsProperties;
import io.github.pools.autoconfigure.ProcessPoolProperties;
import io.github.pools.autoconfigure.ThreadPoolProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the Micrometer meters of every pool. The pools are not
 * {@code Executor} beans, so Spring Boot's own task executor metrics never bind them a
 * second time.
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
		SimpleMetricsExportAutoConfiguration.class, PoolsAutoConfiguration.class })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, PoolRegistry.class })
public final class PoolsMetricsAutoConfiguration {

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
		return process == null || process.getMetrics().isTaskTimers();
	}

}
