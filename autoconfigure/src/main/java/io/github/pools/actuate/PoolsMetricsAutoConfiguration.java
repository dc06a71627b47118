package io.github.pools.actuate;

import io.github.pools.PoolRegistry;
import io.github.pools.autoconfigure.PoolsAutoConfiguration;
import io.github.pools.autoconfigure.PoolsProperties;
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
		return new PoolMetrics(poolRegistry, (name) -> {
			var thread = properties.getThread().get(name);
			return thread == null || thread.getMetrics().isTaskTimers();
		});
	}

}
